import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", "dist-cli/**", "node_modules/**", "coverage/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
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
      "no-restricted-imports": ["error", { patterns: ["node:*", "fs", "path", "exceljs", "react", "../workbook/*", "../taskpane/*", "../functions/*", "../cli/*"] }],
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
