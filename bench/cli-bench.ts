/*
 * The command line on a big book: generate an .xlsx of `rows` clients x 12 columns (seeded,
 * written with ExcelJS's streaming writer), then run `client-ladder segment` on it in this process
 * and time each phase. Prints nothing; bench/index.ts prints the figures.
 */
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { runCli, type SegmentTimings } from "../src/cli/main";
import { seededRandom } from "./generate";

export interface CliBench {
  rows: number;
  /** writing the generated input (not part of the run) */
  generateMs: number;
  inputBytes: number;
  /** reading the .xlsx into a workbook */
  readMs: number;
  /** finding the table, segmenting, building the output sheets in the workbook */
  segmentMs: number;
  /** writing the output .xlsx */
  writeMs: number;
  totalMs: number;
  outputBytes: number;
  /** highest resident set size seen during the run, sampled every 50 ms */
  peakRssMiB: number;
  exitCode: number;
}

const HEADER = ["客户编号", "客户姓名", "业务员", "年缴保费", "出生日期", "投保日期", "保单品质", "保险意识", "满意度", "经济条件", "流动性", "意愿"];
const SURNAMES = [..."王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"];
const GIVEN = [..."伟芳娜秀敏静丽强磊军洋勇艳杰娟涛明超霞平"];

/** Writes `rows` generated clients to `file` with the streaming writer. */
export async function writeBigBook(file: string, rows: number, seed = 20261122): Promise<void> {
  const random = seededRandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: true });
  const ws = writer.addWorksheet("客户名单");
  ws.addRow(HEADER).commit();
  for (let i = 0; i < rows; i++) {
    const u = Math.max(random(), 1e-12);
    const premium = Math.round(Math.exp(9 + 1.6 * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random())));
    const r = random();
    ws.addRow([
      `C${String(i + 1).padStart(7, "0")}`,
      SURNAMES[int(0, SURNAMES.length - 1)] + GIVEN[int(0, GIVEN.length - 1)] + GIVEN[int(0, GIVEN.length - 1)],
      `业务员${int(1, 40)}`,
      r < 0.02 ? `${(premium / 10000).toFixed(1)}万` : r < 0.025 ? null : premium,
      new Date(Date.UTC(int(1950, 2002), int(0, 11), int(1, 28))),
      new Date(Date.UTC(int(2010, 2025), int(0, 11), int(1, 28))),
      int(1, 5),
      int(1, 5),
      int(1, 5),
      int(1, 5),
      int(1, 5),
      int(1, 10),
    ]).commit();
  }
  ws.commit();
  await writer.commit();
}

/** Generates a `rows`-client book and times `client-ladder segment` on it. */
export async function benchCli(rows: number): Promise<CliBench> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "client-ladder-bench-"));
  try {
    const input = path.join(dir, "in.xlsx");
    const output = path.join(dir, "out.xlsx");
    const g0 = performance.now();
    await writeBigBook(input, rows);
    const generateMs = performance.now() - g0;

    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 50);
    const timings: SegmentTimings = { loadMs: 0, segmentMs: 0, saveMs: 0 };
    const silent = { stdout: () => undefined, stderr: () => undefined, env: {}, stderrIsTTY: false };
    const t0 = performance.now();
    const exitCode = await runCli(["segment", input, "-o", output, "--as-of", "2026-01-01", "--no-progress"], silent, timings);
    const totalMs = performance.now() - t0;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);

    const [inStat, outStat] = await Promise.all([fs.stat(input), fs.stat(output).catch(() => undefined)]);
    return {
      rows,
      generateMs,
      inputBytes: inStat.size,
      readMs: timings.loadMs,
      segmentMs: timings.segmentMs,
      writeMs: timings.saveMs,
      totalMs,
      outputBytes: outStat?.size ?? 0,
      peakRssMiB: peak / 2 ** 20,
      exitCode,
    };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
