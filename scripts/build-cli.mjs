// Builds the command line once into dist-cli/client-ladder.js (esbuild, Node 20, CommonJS), so the
// installed CLI starts without compiling TypeScript. bin/client-ladder.js uses it while it is newer
// than every source file, and runs the sources through tsx otherwise (a clone being edited).
// `node scripts/build-cli.mjs OUT.js` builds the same bundle elsewhere (test/build.test.ts scans it).
import { build } from "esbuild";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
await build({
  entryPoints: [path.join(root, "src/cli/main.ts")],
  outfile: process.argv[2] ? path.resolve(process.argv[2]) : path.join(root, "dist-cli/client-ladder.js"),
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  sourcemap: "linked",
  logLevel: "warning",
});
