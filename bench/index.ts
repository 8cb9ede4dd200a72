/*
 * npm run bench: prints speed and memory figures; asserts nothing (CONVENTIONS.md: no timed tests).
 * Each section runs in its own process, so one section's heap does not weigh on the next.
 *   core   the core, the CLIENT functions and the job with plans on 1,048,576 clients
 *   excel  syncs and bytes of the Excel adapter for a 100,000 x 15 table (fake Excel, metered)
 *   cli    client-ladder segment on a generated 100,000-row .xlsx: read, segment, write
 *   pane   a production build: gzipped size of each bundle (the pane's JS in Excel against 350 KB, ExcelJS
 *          kept out of taskpane.html), the pane's first render in headless Chromium (median of 5), and browser
 *          mode on a 100,000-client book: main-thread long tasks, wall time and heaps per step
 * `npm run bench -- core` runs one section.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";

const SECTIONS: Record<string, string> = {
  core: "core-bench.ts",
  excel: "excel-section.ts",
  cli: "cli-section.ts",
  pane: "pane-section.ts",
};

const wanted = process.argv.slice(2).filter((a) => a in SECTIONS);
/** options such as --big go to the sections */
const options = process.argv.slice(2).filter((a) => a.startsWith("--"));
for (const name of wanted.length ? wanted : Object.keys(SECTIONS)) {
  console.log(`\n=== ${name} ===`);
  // the young-generation size the CLI starts with (bin/client-ladder.js)
  const r = spawnSync(process.execPath, ["--max-semi-space-size=32", "--import", "tsx", path.join(__dirname, SECTIONS[name]), ...options], {
    stdio: "inherit",
  });
  if (r.status !== 0) {
    console.error(`bench section ${name} failed (exit ${r.status})`);
    process.exitCode = 1;
  }
}
