import js from "@eslint/js";
import officeAddins from "eslint-plugin-office-addins";
import tseslint from "typescript-eslint";

/*
 * From Microsoft's eslint-plugin-office-addins: its Office.js rules (load before read, sync after
 * load, no sync in a loop, test with isNullObject) and Prettier as a lint rule, with the stylistic
 * rules Prettier owns turned off. Its own typescript-eslint (an older one) is left out: ours parses.
 */
const [, prettierOff, officeBlock] = officeAddins.configs.recommended;
const officeRules = {
  files: ["**/*.{ts,tsx,js,mjs,cjs}"],
  plugins: { "office-addins": officeBlock.plugins["office-addins"], prettier: officeBlock.plugins.prettier },
  rules: Object.fromEntries(Object.entries(officeBlock.rules).filter(([name]) => name.startsWith("office-addins/") || name.startsWith("prettier/"))),
};

export default tseslint.config(
  { ignores: ["dist/**", "dist-cli/**", "node_modules/**", "coverage/**", "test-results/**", ".scratch/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettierOff,
  officeRules,
  {
    // the Office.js rules know Office.js by its shape (load, sync, .items): only the code that calls
    // Office.js is checked; the tests read ExcelJS cells, whose .value is no proxy
    files: ["test/**", "bench/**", "scripts/**"],
    rules: Object.fromEntries(
      Object.keys(officeRules.rules)
        .filter((name) => name.startsWith("office-addins/"))
        .map((name) => [name, "off"]),
    ),
  },
  {
    files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
    languageOptions: { globals: { require: "readonly", module: "writable", process: "readonly", console: "readonly", __dirname: "readonly", URL: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // core is the domain: pure TypeScript, no Office, no DOM, no Node, no I/O (CONVENTIONS.md)
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-globals": ["error", "Office", "Excel", "CustomFunctions", "window", "document", "process", "require", "fetch", "localStorage", "console"],
      "no-restricted-imports": [
        "error",
        { patterns: ["node:*", "fs", "path", "exceljs", "react", "../workbook/*", "../taskpane/*", "../functions/*", "../cli/*"] },
      ],
    },
  },
  {
    // custom-functions-metadata reads parameter types from these signatures: `any` is Excel's
    // "any cell" type (numbers, text, booleans, errors), so it is the honest type here
    files: ["src/functions/functions.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
);
