#!/usr/bin/env node
// The client-ladder command (SPEC section 7). The CLI is TypeScript run through tsx, a
// devDependency: `npx client-ladder ...` works in a clone after `npm install`, with no build step
// and no stale compiled copy.
"use strict";
require("tsx/cjs/api").register();
const { runCli } = require("../src/cli/main.ts");
runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`${err && err.message ? err.message : err}\n`);
    process.exitCode = 1;
  },
);
