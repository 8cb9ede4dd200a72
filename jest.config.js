/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    "^.+\\.tsx?$": [
      "ts-jest",
      {
        tsconfig: { isolatedModules: true, module: "commonjs", moduleResolution: "node10", ignoreDeprecations: "6.0", jsx: "react-jsx", esModuleInterop: true },
      },
    ],
  },
  moduleNameMapper: {
    // office-addin-mock -> office-addin-manifest pulls ESM-only packages; map to its CJS entry (TOOLCHAIN.md)
    "^office-addin-manifest$": "<rootDir>/node_modules/office-addin-manifest/lib/officeApp.js",
  },
  setupFiles: ["<rootDir>/test/fast-check-seed.ts"],
  testTimeout: 120000,
};
