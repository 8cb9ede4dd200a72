// Builds the command line once into dist-cli/client-ladder.js (esbuild, Node 20, CommonJS), so the
// installed CLI starts without compiling TypeScript. bin/client-ladder.js uses it while it is newer
// than every source file, and runs the sources through tsx otherwise (a clone being edited).
// Then it makes V8's code cache of the build (see bin/client-ladder.js) with a run on the sample
// workbook, started as the command starts itself (its shebang's flags: the cache is per flags).
// `node scripts/build-cli.mjs OUT.js` builds the same bundles elsewhere (test/build.test.ts scans them).
import { spawnSync } from "node:child_process";
import { build } from "esbuild";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outfile = process.argv[2] ? path.resolve(process.argv[2]) : path.join(root, "dist-cli/client-ladder.js");
/**
 * commander loads node:child_process when it is loaded, for executable subcommands, which this CLI
 * has none of; with what that module loads in turn it was a fifth of the command's start. Its
 * require is given a stand-in that loads the module if a property of it is ever asked for.
 */
const lazyChildProcess = {
  name: "lazy-child-process",
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: "lazy-child-process", namespace: "lazy" } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "lazy" }, () => ({
      contents: 'module.exports = new Proxy({}, { get: (_, key) => require("node:child_process")[key] });',
      loader: "js",
    }));
  },
};
const options = { bundle: true, platform: "node", target: "node20", format: "cjs", sourcemap: "linked", logLevel: "warning", plugins: [lazyChildProcess] };
await build({ ...options, entryPoints: [path.join(root, "src/cli/main.ts")], outfile });
// the worker thread that reads the second half of a big client sheet (src/cli/tail-reader.ts), beside the command
await build({ ...options, entryPoints: [path.join(root, "src/cli/read-worker.ts")], outfile: path.join(path.dirname(outfile), "read-worker.js") });

if (!process.argv[2]) {
  const dir = path.dirname(outfile);
  // caches of earlier builds are of no use any more
  for (const file of readdirSync(dir)) if (/^client-ladder\.js\..*\.cache$/.test(file)) rmSync(path.join(dir, file), { force: true });
  const bin = path.join(root, "bin/client-ladder.js");
  const flags = /^#!.*\bnode\b(.*)$/m.exec(readFileSync(bin, "utf8"))?.[1].trim().split(/\s+/).filter(Boolean) ?? [];
  const temp = mkdtempSync(path.join(os.tmpdir(), "client-ladder-build-"));
  const run = (args, env = {}) => spawnSync(process.execPath, [...flags, bin, ...args], { encoding: "utf8", env: { ...process.env, ...env } });
  try {
    const book = path.join(temp, "sample.xlsx");
    const made = run(["sample", "-o", book]);
    const segmented = made.status === 0 && run(["segment", book, "-o", path.join(temp, "out.xlsx"), "--no-progress"], { CLIENT_LADDER_SAVE_CODE_CACHE: "1" });
    // without the cache the command works as well, only slower to start
    if (!segmented || segmented.status !== 0) console.warn(`build-cli: no code cache made (${(segmented || made).stderr.trim().slice(0, 300)})`);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
