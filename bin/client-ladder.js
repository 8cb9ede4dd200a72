#!/usr/bin/env -S node --max-semi-space-size=32
// The client-ladder command (SPEC section 7). It runs dist-cli/client-ladder.js, built once by
// `npm run build:cli` (npm install runs it), so a start compiles nothing. Where the sources are newer
// than that build (a clone being edited) or it is missing, it runs them through tsx instead.
"use strict";
// (the shebang gives V8 a bigger young generation: a run makes millions of short-lived rows, and on
// 100,000 clients that saves about a sixth of the time, in garbage collection)
const crypto = require("node:crypto");
const fs = require("node:fs");
const Module = require("node:module");
const path = require("node:path");
const vm = require("node:vm");

const root = path.join(__dirname, "..");
const built = path.join(root, "dist-cli", "client-ladder.js");

/** The newest modification time of the files under a folder. */
function newest(dir) {
  let t = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

/**
 * The build, compiled from V8's code cache when there is one for this very build, Node and flags
 * (their hash names the file: V8 itself checks only the source's length, and rejects a cache made
 * with other flags). Without it, parsing the bundle and compiling each function as it is first
 * called is a tenth of a run on 10,000 clients. `saveCache` writes the cache after a run that had
 * none, or a rejected one (or when CLIENT_LADDER_SAVE_CODE_CACHE is set): it then holds every
 * function that run compiled. `npm run build:cli` makes it with a run on the sample workbook.
 */
function loadBuilt() {
  const source = fs.readFileSync(built, "utf8");
  const key = crypto
    .createHash("sha256")
    .update(source)
    .update(`\0${process.version}\0${process.arch}\0${process.execArgv.join(" ")}`)
    .digest("hex");
  const codeCache = `${built}.${key.slice(0, 16)}.cache`;
  let cachedData;
  try {
    cachedData = fs.readFileSync(codeCache);
  } catch {
    // no cache yet
  }
  const script = new vm.Script(Module.wrap(source), { filename: built, cachedData });
  const saveCache = () => {
    if (cachedData && !script.cachedDataRejected && !process.env.CLIENT_LADDER_SAVE_CODE_CACHE) return;
    const temp = `${codeCache}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(temp, script.createCachedData());
      fs.renameSync(temp, codeCache);
    } catch {
      // a read-only install: the next run compiles as this one did
      fs.rmSync(temp, { force: true });
    }
  };
  const module = { exports: {}, filename: built, id: built, loaded: false };
  script.runInThisContext()(module.exports, Module.createRequire(built), module, built, path.dirname(built));
  module.loaded = true;
  return { cli: module.exports, saveCache };
}

function load() {
  try {
    const src = path.join(root, "src");
    if (!fs.existsSync(src) || fs.statSync(built).mtimeMs >= newest(src)) return loadBuilt();
  } catch {
    // no build yet: the sources
  }
  require("tsx/cjs/api").register();
  return { cli: require("../src/cli/main.ts"), saveCache: () => undefined };
}

const { cli, saveCache } = load();
cli.runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    saveCache();
  },
  (err) => {
    process.stderr.write(`${err && err.message ? err.message : err}\n`);
    process.exitCode = 1;
  },
);
