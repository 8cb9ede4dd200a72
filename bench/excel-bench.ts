/*
 * Syncs and bytes of the Excel adapter on a generated book, through the fake Excel object model of
 * the tests (test/workbook/excel-fake.ts), which meters every context.sync(). For npm run bench:
 *   import { excelAdapterFigures, printExcelAdapterFigures } from "./excel-bench";
 *   printExcelAdapterFigures(excelAdapterFigures(100_000));
 */
import { generateClientTable, seededRandom } from "./generate";
import { ExcelHost } from "../src/workbook/excel";
import { runSegmentation } from "../src/workbook/run";
import { FakeWorkbook, type SyncStats } from "../test/workbook/excel-fake";

/** generateClientTable's 14 columns plus a phone number that no model reads: 15 columns */
export function generateWideClientTable(n: number, seed = 20261122): unknown[][] {
  const cells = generateClientTable(n, seed);
  const random = seededRandom(seed + 1);
  cells[0].push("联系电话");
  for (let i = 1; i < cells.length; i++) cells[i].push(`1${String(Math.floor(random() * 1e10)).padStart(10, "0")}`);
  return cells;
}

export interface PhaseFigures {
  syncs: number;
  /** largest request: JSON bytes of what one sync writes */
  maxWriteBytes: number;
  totalWriteBytes: number;
  /** largest response: JSON bytes of the values one sync loads */
  maxReadBytes: number;
  totalReadBytes: number;
  /** most cells loaded in one sync */
  maxReadCells: number;
  /** syncs that write less than 100 KB: names, ids, settings, page setups, formats, not the data */
  smallWriteSyncs: number;
  ms: number;
}

export interface ExcelAdapterFigures {
  rows: number;
  columns: number;
  read: PhaseFigures;
  write: PhaseFigures;
  run: PhaseFigures;
}

export function phaseFigures(syncs: readonly SyncStats[], ms: number): PhaseFigures {
  return {
    syncs: syncs.length,
    maxWriteBytes: Math.max(0, ...syncs.map((s) => s.writeBytes)),
    totalWriteBytes: syncs.reduce((a, s) => a + s.writeBytes, 0),
    maxReadBytes: Math.max(0, ...syncs.map((s) => s.readBytes)),
    totalReadBytes: syncs.reduce((a, s) => a + s.readBytes, 0),
    maxReadCells: Math.max(0, ...syncs.map((s) => s.readCells)),
    smallWriteSyncs: syncs.filter((s) => s.writeBytes < 100_000).length,
    ms,
  };
}

/**
 * Reads a generated `rows` x 15 client table through ExcelHost (readClientBlock), then runs a whole
 * segmentation (open, read, write the three sheets, save settings) and meters the write phase.
 */
export async function excelAdapterFigures(rows = 100_000): Promise<ExcelAdapterFigures> {
  const cells = generateWideClientTable(rows);
  const book = new FakeWorkbook([{ name: "客户名单", cells }]);
  const host = new ExcelHost(book.run);

  let start = performance.now();
  await host.readClientBlock({ sheet: "客户名单" });
  const read = phaseFigures(book.syncs, performance.now() - start);

  book.resetStats();
  start = performance.now();
  let writeStart = 0;
  let writeFrom = 0;
  const outcome = await runSegmentation(host, {
    asOf: "2026-11-22",
    onProgress: (phase) => {
      if (phase === "write" && !writeStart) {
        writeStart = performance.now();
        writeFrom = book.syncs.length;
      }
    },
  });
  if (!outcome.ok) throw new Error(`run failed: ${outcome.issue.code}`);
  const end = performance.now();
  const run = phaseFigures(book.syncs, end - start);
  const write = phaseFigures(book.syncs.slice(writeFrom), end - writeStart);
  return { rows, columns: cells[0].length, read, write, run };
}

export function printExcelAdapterFigures(f: ExcelAdapterFigures): void {
  const mb = (b: number) => `${(b / 1e6).toFixed(2)} MB`;
  console.log(`\nExcel adapter, ${f.rows.toLocaleString("en-US")} x ${f.columns} client table (fake Excel, metered syncs)`);
  const ms = (p: PhaseFigures) => `${p.ms.toFixed(0)} ms`;
  console.log(
    `  read  (readClientBlock): ${f.read.syncs} syncs, largest response ${mb(f.read.maxReadBytes)} / ${f.read.maxReadCells.toLocaleString("en-US")} cells, ${mb(f.read.totalReadBytes)} in all, ${ms(f.read)}`,
  );
  console.log(
    `  write (writeSheets + settings): ${f.write.syncs} syncs, largest request ${mb(f.write.maxWriteBytes)}, ${mb(f.write.totalWriteBytes)} in all, ${ms(f.write)}`,
  );
  console.log(
    `  whole run: ${f.run.syncs} syncs, largest request ${mb(f.run.maxWriteBytes)}, largest response ${mb(f.run.maxReadBytes)}, ${ms(f.run)} (core included, fake Excel: no network)`,
  );
}
