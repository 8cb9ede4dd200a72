/*
 * A big client book for the command-line bench: an .xlsx of `rows` clients x 15 columns (seeded,
 * written with ExcelJS's streaming writer).
 */
import ExcelJS from "exceljs";
import { seededRandom } from "./generate";

const HEADER = [
  "客户编号",
  "客户姓名",
  "业务员",
  "年缴保费",
  "出生日期",
  "投保日期",
  "续期日期",
  "最近联系",
  "保单品质",
  "保险意识",
  "满意度",
  "经济条件",
  "流动性",
  "能力",
  "意愿",
];
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
      new Date(Date.UTC(int(2025, 2026), int(0, 11), int(1, 28))),
      r < 0.1 ? null : new Date(Date.UTC(int(2024, 2025), int(0, 11), int(1, 28))),
      int(1, 5),
      int(1, 5),
      int(1, 5),
      int(1, 5),
      int(1, 5),
      Math.round(premium * (0.5 + random()) * 20),
      int(1, 10),
    ]).commit();
  }
  ws.commit();
  await writer.commit();
}
