/*
 * The experience plans through the .xlsx package host (real files, saved and opened again between runs,
 * SPEC sections 4 and 5): notes on Plans and done marks on Calendar survive a re-run after people
 * re-sorted the calendar and hid rows; calendar dates are real date cells, in date order; the
 * edited Playbook changes the plans and is left as it was edited.
 */
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { describeIssue } from "../../src/core/issues";
import { runSegmentation } from "../../src/workbook/run";
import { plainValue, saveAndReload as reload, savedByExcelJs, type XlsxBook } from "./xlsx-book";

const AS_OF = "2026-01-15";
let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "client-ladder-xlsx-plans-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const NAMES = "王伟 李娜 张敏 刘洋 陈静 杨磊 黄强 赵军 吴艳 周杰 徐娟 孙涛 马明 朱超 胡秀 郭霞 何平 高刚 林英 罗华".split(" ");

/**
 * 20 clients K001..K020 as an .xlsx list with date cells: premium (i+1) x 10,000, so K020 is the
 * key client (关键, tier A) and a pamper client (high ability and willingness); K017..K019 are 重点.
 */
function clientWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("客户名单");
  ws.addRow(["客户编号", "客户姓名", "业务员", "保费", "能力", "意愿", "出生日期", "投保日期", "续期日期", "最近联系"]);
  NAMES.forEach((n, i) => {
    ws.addRow([
      `K${String(i + 1).padStart(3, "0")}`,
      n,
      i % 2 ? "李娜" : "王强",
      (i + 1) * 10000,
      100 + i,
      1 + (i % 10),
      utc(1980 + i, 1 + (i % 12), 1 + i),
      utc(2015, 1 + ((i + 3) % 12), 5 + i),
      utc(2026, 1 + ((i + 3) % 12), 5 + i),
      i % 3 === 0 ? null : utc(2025, 12, 1 + i),
    ]);
  });
  for (const c of [7, 8, 9, 10]) ws.getColumn(c).numFmt = "yyyy-mm-dd";
  return wb;
}

/** Saves to a real file and opens it again, as the next person would. */
function saveAndReload(book: XlsxBook, name: string): Promise<XlsxBook> {
  return reload(book, path.join(dir, name));
}

async function run(book: XlsxBook): Promise<void> {
  const outcome = await runSegmentation(book.host, { asOf: AS_OF });
  if (!outcome.ok) throw new Error(`run failed: ${describeIssue(outcome.issue, "en-US")}`);
}

/** A sheet's rows from row 1 as plain values, every row as wide as the sheet. */
function rowsOf(ws: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  const width = ws.columnCount;
  for (let r = 1; r <= ws.rowCount; r++) {
    const values = ws.getRow(r).values as unknown[];
    rows.push(Array.from({ length: width }, (_, c) => plainValue(values[c + 1])));
  }
  return rows;
}

const isoOf = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : `not a date: ${JSON.stringify(v)}`);

/** Calendar rows as [ISO date, id, owner, action, remark, done]. */
function calendar(host: XlsxBook): unknown[][] {
  return rowsOf(host.workbook.getWorksheet("行动日历")!)
    .slice(1)
    .map((r) => [isoOf(r[0]), r[1], r[3], r[4], r[5], r[6]]);
}

/** The Plans sheet's rows from its header row (row 2, below the legend of the marks). */
function planRows(host: XlsxBook): unknown[][] {
  const rows = rowsOf(host.workbook.getWorksheet("经营计划")!);
  return rows.slice(rows.findIndex((r) => r[0] === "客户编号"));
}

function planOf(host: XlsxBook, id: string): Record<string, unknown> {
  const rows = planRows(host);
  const row = rows.find((r) => r[0] === id);
  if (!row) throw new Error(`no plan for ${id}`);
  return Object.fromEntries(rows[0].map((h, i) => [String(h), row[i]]));
}

/** 1-based row and column of a playbook cell: the row by its first cell below `headerText`, the column by header. */
function playbookCell(ws: ExcelJS.Worksheet, headerText: string, rowLabel: string, columnHeader: string): [number, number] {
  const rows = rowsOf(ws);
  const header = rows.findIndex((r) => r[0] === headerText);
  const column = rows[header]?.indexOf(columnHeader) ?? -1;
  let row = header + 1;
  while (row < rows.length && rows[row][0] !== rowLabel) row++;
  if (header < 0 || column < 0 || row >= rows.length) throw new Error(`no playbook cell ${rowLabel} x ${columnHeader}`);
  return [row + 1, column + 1];
}

describe("experience plans in an .xlsx file, across runs", () => {
  let first: XlsxBook;
  let second: XlsxBook;
  let edits: Record<string, unknown>;

  beforeAll(async () => {
    // the client list as another program (ExcelJS) saved it
    const host = await savedByExcelJs(clientWorkbook(), path.join(dir, "clients.xlsx"));
    await run(host);
    first = await saveAndReload(host, "plans-1.xlsx");

    // the next person opens the file and works on it
    const edited = await saveAndReload(first, "plans-1-copy.xlsx");
    const wb = edited.workbook;

    // a note on K020's plan
    const plans = wb.getWorksheet("经营计划")!;
    const all = rowsOf(plans);
    plans.getCell(all.findIndex((r) => r[0] === "K020") + 1, all[1].indexOf("备注") + 1).value = "周末约见，带家人";

    // done ticks on two calendar rows, then the rows re-sorted newest first, then some hidden
    const cal = wb.getWorksheet("行动日历")!;
    const calRows = rowsOf(cal);
    const find = (id: string, action: string) => calRows.findIndex((r) => r[1] === id && r[4] === action);
    const birthday = find("K002", "生日祝福");
    const renewal = find("K011", "续期缴费");
    expect([isoOf(calRows[birthday][0]), isoOf(calRows[renewal][0])]).toEqual(["2026-02-02", "2026-02-15"]);
    calRows[birthday][6] = "√";
    calRows[renewal][6] = "已完成";
    const data = calRows.slice(1).reverse();
    data.forEach((r, i) => {
      cal.getRow(i + 2).values = r as ExcelJS.CellValue[];
    });
    const resorted = rowsOf(cal);
    expect(resorted.slice(1).map((r) => `${r[1]}|${r[4]}`)).toEqual(
      calRows
        .slice(1)
        .map((r) => `${r[1]}|${r[4]}`)
        .reverse(),
    );
    const hiddenRenewal = resorted.findIndex((r) => r[1] === "K011" && r[4] === "续期缴费") + 1;
    for (const r of [2, 3, 5, hiddenRenewal]) cal.getRow(r).hidden = true;

    // the manager edits the playbook
    const pb = wb.getWorksheet("经营手册")!;
    const put = ([r, c]: [number, number], value: ExcelJS.CellValue) => (pb.getCell(r, c).value = value);
    put(playbookCell(pb, "服务", "一般活动（客户会、讲座、沙龙）", "宠爱"), "√");
    put(playbookCell(pb, "服务", "高级活动（俱乐部活动、鉴赏会、慈善、旅游）", "开发"), "maybe");
    put(playbookCell(pb, "分层", "第 1 档", "拜访间隔（月）"), 2);
    put(playbookCell(pb, "象限", "宠爱", "目标客群"), "高净值企业主");
    // premium events renamed; a service added on the blank row below the table
    put([playbookCell(pb, "服务", "高级活动（俱乐部活动、鉴赏会、慈善、旅游）", "开发")[0], 1], "高端活动（私享会、艺术鉴赏）");
    const below = playbookCell(pb, "服务", "量身定制（生日会、家庭活动、财富传承、企业咨询）", "开发")[0] + 1;
    ["线上直播", "低", "√", "◎", "√", "×", "每月 1 场"].forEach((v, i) => put([below, i + 1], v));

    const saved = await savedByExcelJs(wb, path.join(dir, "plans-2-edited.xlsx"));
    // the edits made it into the file, hidden rows included
    const savedCal = saved.workbook.getWorksheet("行动日历")!;
    expect(savedCal.getRow(hiddenRenewal).hidden).toBe(true);
    expect(savedCal.getRow(hiddenRenewal).getCell(7).value).toBe("已完成");
    edits = Object.fromEntries(
      rowsOf(saved.workbook.getWorksheet("经营手册")!)
        .flatMap((r, i) => r.map((v, j) => [`${i + 1}:${j + 1}`, v] as const))
        .filter(([, v]) => v !== null),
    );
    await run(saved);
    second = await saveAndReload(saved, "plans-3-rerun.xlsx");
  });

  it("writes Plans, Calendar, Targets and Playbook as tables", () => {
    const tables = (name: string) =>
      first.workbook
        .getWorksheet(name)!
        .getTables()
        .map((t) => (t as unknown as { table: { name: string } }).table.name);
    expect(tables("经营计划")).toEqual(["ClientLadder_Plans"]);
    expect(tables("行动日历")).toEqual(["ClientLadder_Calendar"]);
    expect(tables("目标名单")).toEqual(["ClientLadder_Targets"]);
    expect(tables("经营手册").sort()).toEqual([
      "ClientLadder_Cadence",
      "ClientLadder_Goals",
      "ClientLadder_Planning",
      "ClientLadder_RfmSegments",
      "ClientLadder_Services",
    ]);
    expect(rowsOf(first.workbook.getWorksheet("行动日历")!)[0]).toEqual(["日期", "客户编号", "客户姓名", "业务员", "行动", "说明", "完成"]);
    // Plans: the legend of the marks, then a table with a column per service of the Playbook, from row 2
    const plans = rowsOf(first.workbook.getWorksheet("经营计划")!);
    expect(plans[0][0]).toBe("标记：√ 提供（基础） · ☆ 战略重点 · ◎ 酌情 · × 不提供");
    expect(plans[1]).toEqual([
      "客户编号",
      "客户姓名",
      "业务员",
      "分层",
      "象限",
      "常规服务",
      "定期拜访",
      "一般活动",
      "高级活动",
      "生活服务",
      "量身定制",
      "常规服务频次",
      "拜访频次",
      "成本",
      "目标客群",
      "场景",
      "渠道/团队",
      "主打产品",
      "服务组合",
      "经营做法",
      "运营机制",
      "下一步行动",
      "下次行动日期",
      "备注",
    ]);
    const table = first.workbook.getWorksheet("经营计划")!.getTables()[0] as unknown as { table: { ref?: string; tableRef?: string } };
    expect(table.table.ref ?? table.table.tableRef).toMatch(/^A2:X22$/);
  });

  it("the matrix follows the edited Playbook: the renamed service's column, the added service and its cadence", () => {
    const header = planRows(second)[0];
    expect(header.slice(5, 14)).toEqual(["常规服务", "定期拜访", "一般活动", "高端活动", "生活服务", "量身定制", "线上直播", "常规服务频次", "线上直播频次"]);
    expect(header).not.toContain("高级活动");
    expect(planOf(second, "K020")).toMatchObject({ 象限: "宠爱", 高端活动: "√", 线上直播: "×", 线上直播频次: null });
    expect(planOf(second, "K015")).toMatchObject({ 象限: "耕耘", 高端活动: "√", 线上直播: "√", 线上直播频次: "每月 1 场" });
  });

  it("calendar dates are real date cells, formatted yyyy-mm-dd, in ascending order", () => {
    for (const host of [first, second]) {
      const ws = host.workbook.getWorksheet("行动日历")!;
      expect(ws.rowCount).toBe(101);
      const dates: number[] = [];
      let undated = 0;
      for (let r = 2; r <= ws.rowCount; r++) {
        const cell = ws.getCell(r, 1);
        expect(cell.numFmt).toBe("yyyy-mm-dd");
        if (cell.value === null) {
          // a visit with no contact on record: due now, no date of its own; it sits at the run date
          expect(ws.getCell(r, 6).value).toBe("无联系记录，请尽快拜访");
          dates.push(Date.UTC(2026, 0, 15));
          undated++;
          continue;
        }
        expect(cell.type).toBe(ExcelJS.ValueType.Date);
        expect(cell.value).toBeInstanceOf(Date);
        dates.push((cell.value as Date).getTime());
      }
      expect(undated).toBeGreaterThan(0);
      expect([...dates].sort((a, b) => a - b)).toEqual(dates);
      // nothing is dated before the run date but an overdue visit, dated on the day it was due
      for (let r = 2; r <= ws.rowCount; r++) {
        const v = ws.getCell(r, 1).value;
        if (v instanceof Date && v.getTime() < Date.UTC(2026, 0, 15)) expect(ws.getCell(r, 6).value).toMatch(/^已逾期 \d+ 天$/);
      }
    }
  });

  it("keeps the note on Plans by client", () => {
    expect(planOf(second, "K020")["备注"]).toBe("周末约见，带家人");
    const rows = planRows(second);
    const notes = rows[0].indexOf("备注");
    expect(
      rows
        .slice(1)
        .filter((r) => r[notes] !== null)
        .map((r) => r[0]),
    ).toEqual(["K020"]);
  });

  it("keeps the done marks on the same client, action and date after a re-sort with hidden rows", () => {
    const rows = calendar(second);
    expect(rows).toHaveLength(100);
    expect(rows.filter((r) => r[5] !== null)).toEqual([
      ["2026-02-02", "K002", "李娜", "生日祝福", null, "√"],
      ["2026-02-15", "K011", "王强", "续期缴费", null, "已完成"],
    ]);
    expect(rows.find((r) => r[1] === "K011" && r[3] === "保单周年")).toEqual(["2026-02-15", "K011", "王强", "保单周年", null, null]);
  });

  it("the edited playbook changes the plans", () => {
    // before: the key pamper client visits monthly and gets no general events
    const before = planOf(first, "K020");
    expect(before).toMatchObject({ 分层: "关键", 象限: "宠爱" });
    expect(before).toMatchObject({ 一般活动: "×", 定期拜访: "√", 拜访频次: "每 1 个月" });
    expect(calendar(first).filter((r) => r[1] === "K020" && r[3] === "拜访")[0][0]).toBe("2026-01-20"); // 2025-12-20 + 1 month

    const after = planOf(second, "K020");
    expect(after).toMatchObject({ 一般活动: "√", 定期拜访: "√", 拜访频次: "每 2 个月" });
    expect(after["目标客群"]).toBe("高净值企业主");
    expect(after["下一步行动"]).toContain("拜访 2026-02-20");
    expect(calendar(second).filter((r) => r[1] === "K020" && r[3] === "拜访")).toEqual([["2026-02-20", "K020", "李娜", "拜访", null, null]]);
    // tier B unchanged: K018 last contact 2025-12-18 + 3 months; K019 has no last contact: undated, due now
    expect(calendar(second).filter((r) => r[1] === "K018" && r[3] === "拜访")[0][0]).toBe("2026-03-18");
    expect(calendar(second).filter((r) => r[1] === "K019" && r[3] === "拜访")[0][0]).toBe("not a date: null");
    // the invalid mark is a Data issues row, and the default (×) was used
    expect(planOf(second, "K005")["象限"]).toBe("开发");
    expect(planOf(second, "K005")["高端活动"]).toBe("×");
    const issues = rowsOf(second.workbook.getWorksheet("数据问题")!);
    expect(issues.slice(1)).toEqual([
      [8, "经营手册 C8", "maybe", "“maybe”无效（服务标记只能是 √ ☆ ◎ ×；拜访间隔为 1 到 60 的整数月，复核间隔为 1 到 24 的整数月）：已使用默认值“×”。"],
    ]);
  });

  it("leaves the edited Playbook sheet as it was", () => {
    const now = Object.fromEntries(
      rowsOf(second.workbook.getWorksheet("经营手册")!)
        .flatMap((r, i) => r.map((v, j) => [`${i + 1}:${j + 1}`, v] as const))
        .filter(([, v]) => v !== null),
    );
    expect(now).toEqual(edits);
    expect(Object.values(now)).toEqual(expect.arrayContaining(["maybe", "高净值企业主"]));
    expect(now["8:3"]).toBe("maybe");
    expect(second.workbook.worksheets.map((w) => w.name).filter((n) => n === "经营手册")).toHaveLength(1);
  });
});
