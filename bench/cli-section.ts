/* Bench section "cli": client-ladder segment on a generated 100,000-row .xlsx (read, segment, write). */
import { benchCli } from "./cli-bench";

const ROWS = 100_000;
void benchCli(ROWS).then((b) => {
  const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
  const line = (step: string, ms: number) =>
    console.log(`${step.padEnd(46)}${ms.toFixed(0).padStart(10)}${Math.round(ROWS / (ms / 1000)).toLocaleString("en-US").padStart(16)}`);
  console.log(`client-ladder segment on ${ROWS.toLocaleString("en-US")} rows x 12 columns (input ${mb(b.inputBytes)} MiB, output ${mb(b.outputBytes)} MiB, exit ${b.exitCode})`);
  console.log(`${"step".padEnd(46)}${"ms".padStart(10)}${"rows/s".padStart(16)}`);
  line("read .xlsx (ExcelJS, in memory)", b.readMs);
  line("segment, plans, calendar, build sheets", b.segmentMs);
  line("write .xlsx", b.writeMs);
  line("TOTAL", b.totalMs);
  console.log(`peak RSS ${b.peakRssMiB.toFixed(0)} MiB (generating the input, not counted: ${(b.generateMs / 1000).toFixed(1)} s)`);
});
