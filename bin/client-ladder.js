#!/usr/bin/env -S node --max-semi-space-size=32 --min-semi-space-size=32
// The client-ladder command (SPEC section 7). It runs dist-cli/client-ladder.js, built once by
// `npm run build:cli` (npm install runs it), so a start compiles nothing. Where the sources are newer
// than that build (a clone being edited) or it is missing, it runs them through tsx instead.
"use strict";
// (the shebang gives V8 a bigger young generation: a run makes millions of short-lived rows, and on
// 100,000 clients that saves about a sixth of the time, in garbage collection; at that size from the
// start, not grown to it: on 9,134 clients, where the run is over before it has grown, 0.02 s)
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

/** FNV-1a of a string, as 8 hex digits: a file name for a key, not a check of anyone's data. */
function fnv1a(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, "0");
}

/**
 * The build, compiled from V8's code cache when there is one for this very build, Node and flags
 * (the build's size and modification time, Node's version and the flags name the file: V8 itself
 * checks only the source's length, and rejects a cache made with other flags; build:cli deletes
 * the caches of earlier builds). Without it, parsing the bundle and compiling each function as it is first
 * called is a tenth of a run on 10,000 clients. `saveCache` writes the cache after a run that had
 * none, or a rejected one (or when CLIENT_LADDER_SAVE_CODE_CACHE is set): it then holds every
 * function that run compiled. `npm run build:cli` makes it with a run on the sample workbook.
 */
function loadBuilt(stat) {
  const source = fs.readFileSync(built, "utf8");
  const key = [stat.size, stat.mtimeMs, process.version, process.arch, ...process.execArgv].join("\0");
  const codeCache = `${built}.${stat.size}-${fnv1a(key)}.cache`;
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
    const stat = fs.statSync(built);
    if (!fs.existsSync(src) || stat.mtimeMs >= newest(src)) return loadBuilt(stat);
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
