/*
 * The package's sheet writer on a 100,000 x 15 Segments-like sheet: time and memory of worksheetXml,
 * and of deflating the part as writeParts does. Prints figures, asserts nothing.
 *   npx tsx bench/sheet-writer.ts [rows]
 */
import type { CellValue, OutputColumn, OutputSheet } from "../src/core/output";
import { deflateSync } from "fflate";
import { writeParts } from "../src/workbook/package/parts";
import { worksheetPieces, worksheetXml } from "../src/workbook/package/sheet-writer";
import { appendStyles } from "../src/workbook/package/styles";
import { seededRandom } from "./generate";

/** A sheet shaped like the Segments sheet, widened to 15 columns: ids, CJK names, money, shares, scores, notes. */
export function benchSheet(rows: number, seed = 20261122): OutputSheet {
  const random = seededRandom(seed);
  const formats: OutputColumn["format"][] = [
    "text",
    "text",
    "text",
    "money",
    "integer",
    "percent",
    "text",
    "score",
    "text",
    "text",
    "integer",
    "text",
    "date",
    "general",
    "money",
  ];
  const columns: OutputColumn[] = formats.map((format, i) => ({ header: `Column ${i + 1}`, format, width: 12 }));
  const surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄"];
  const data: CellValue[][] = new Array(rows);
  for (let i = 0; i < rows; i++) {
    const value = Math.round(Math.exp(9 + 1.6 * random()));
    data[i] = [
      `C${String(i + 1).padStart(6, "0")}`,
      `${surnames[i % surnames.length]}${String.fromCharCode(0x4e00 + Math.floor(random() * 2000))}`,
      `Owner ${i % 37}`,
      value,
      i + 1,
      (i + 1) / rows,
      ["A", "B", "C"][i % 3],
      Math.round(random() * 50) / 10,
      ["1", "2", "3", "4"][i % 4],
      i % 5 === 0 ? null : "Maintain",
      i + 2,
      i % 10 === 0 ? "+86 call back & <check>" : null,
      45000 + (i % 3000),
      i % 2 === 0,
      value * 0.15,
    ];
  }
  return { key: "segments", name: "Segments", tables: [{ name: "ClientLadder_Segments", row: 0, column: 0, columns, rows: data }], blocks: [], freezeRows: 1 };
}

function mb(bytes: number): string {
  return `${(bytes / 1048576).toFixed(0)} MB`;
}

/** Peak RSS growth while `job` runs, sampled every few ms and at the end. */
function peakGrowth<T>(job: () => T): { result: T; growth: number; ms: number } {
  globalThis.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const t0 = performance.now();
  const result = job();
  const ms = performance.now() - t0;
  peak = Math.max(peak, process.memoryUsage().rss);
  return { result, growth: peak - base, ms };
}

function main(): void {
  const rows = Number(process.argv[2] ?? 100_000);
  const sheet = benchSheet(rows);
  const { ids } = appendStyles(undefined);
  console.log(`rss with the sheet's data built: ${mb(process.memoryUsage().rss)}`);

  // first run in a fresh heap: its memory is what a CLI run pays
  const whole = peakGrowth(() => worksheetXml(sheet, ids, { tableRids: ["rId1"] }));
  const xml = whole.result;
  console.log(
    `worksheetXml ${rows.toLocaleString("en-US")} x 15, first run: ${whole.ms.toFixed(0)} ms, part ${mb(xml.length)}, rss growth ${mb(whole.growth)}`,
  );
  const streamed = peakGrowth(() => {
    let n = 0;
    for (const piece of worksheetPieces(sheet, ids, { tableRids: ["rId1"] })) n += piece.length;
    return n;
  });
  console.log(`worksheetPieces, each dropped (pieces not kept): ${streamed.ms.toFixed(0)} ms, rss growth ${mb(streamed.growth)}`);

  const times: number[] = [];
  for (let run = 0; run < 5; run++) {
    const t0 = performance.now();
    worksheetXml(sheet, ids, { tableRids: ["rId1"] });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(`worksheetXml, 5 more runs: median ${times[2].toFixed(0)} ms (min ${times[0].toFixed(0)}, max ${times[4].toFixed(0)})`);

  const t1 = performance.now();
  const zipped = writeParts(
    new Map([
      ["[Content_Types].xml", new Uint8Array()],
      ["xl/worksheets/sheet1.xml", xml],
    ]),
  );
  console.log(`deflate as writeParts does (level 6): ${(performance.now() - t1).toFixed(0)} ms -> ${mb(zipped.length)}`);
  for (const level of [1, 3] as const) {
    const t = performance.now();
    const out = deflateSync(xml, { level });
    console.log(`deflate level ${level}: ${(performance.now() - t).toFixed(0)} ms -> ${mb(out.length)}`);
  }
}

if (require.main === module) main();
