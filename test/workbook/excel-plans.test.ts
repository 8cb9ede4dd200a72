/*
 * The experience plans through the Excel adapter (fake Excel, SPEC sections 4 and 5): Plans,
 * Calendar, Targets and Playbook are written as Excel tables; what people do on them (a note on a
 * plan, done ticks on the calendar, re-sorting and hiding calendar rows, editing the playbook) is
 * kept or applied by the next run with the same run date.
 */
import { ExcelHost } from "../../src/workbook/excel";
import { runSegmentation } from "../../src/workbook/run";
import { FakeWorkbook, type FakeSheet } from "./excel-fake";

const AS_OF = "2026-01-15";

/** Excel serial of a calendar day, computed here, independently of src/core/dates. */
const serial = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000 + 25569;
/** ISO date of an Excel serial. */
const iso = (s: unknown) => new Date((Number(s) - 25569) * 86_400_000).toISOString().slice(0, 10);
const AS_OF_SERIAL = serial(2026, 1, 15);

const NAMES = "王伟 李娜 张敏 刘洋 陈静 杨磊 黄强 赵军 吴艳 周杰 徐娟 孙涛 马明 朱超 胡秀 郭霞 何平 高刚 林英 罗华".split(" ");
const HEADER = ["客户编号", "客户姓名", "业务员", "保费", "能力", "意愿", "出生日期", "投保日期", "续期日期", "最近联系"];

/**
 * 20 clients, K001..K020, premium (i+1) x 10,000: by count K020 is the one key client (关键, tier
 * A) and, with ability and willingness both high, a pamper (宠爱) client; K017..K019 are 重点.
 * Dates are Excel serials, as Office.js gives them. Every third client has no last contact (visit
 * due on the run date); K012 was last contacted a year ago (an overdue visit).
 */
function clientCells(): unknown[][] {
  const cells: unknown[][] = [HEADER];
  NAMES.forEach((n, i) => {
    const lastContact = i % 3 === 0 ? null : i === 11 ? serial(2025, 1, 10) : serial(2025, 12, 1 + i);
    cells.push([
      `K${String(i + 1).padStart(3, "0")}`,
      n,
      i % 2 ? "李娜" : "王强",
      (i + 1) * 10000,
      100 + i,
      1 + (i % 10),
      serial(1980 + i, 1 + (i % 12), 1 + i),
      serial(2015, 1 + ((i + 3) % 12), 5 + i),
      serial(2026, 1 + ((i + 3) % 12), 5 + i),
      lastContact,
    ]);
  });
  // K013's birthday falls 7 days after the run date (K014's falls 30 days after, 2026-02-14): the edges of the due-soon windows
  cells[13][6] = serial(1992, 1, 22);
  return cells;
}

/** The used range of a fake sheet from A1, as people see it. */
function rowsOf(sheet: FakeSheet): unknown[][] {
  const used = sheet.used()!;
  return sheet.values({ row: 0, column: 0, rows: used.row + used.rows, columns: used.column + used.columns });
}

const col = (rows: unknown[][], header: string) => {
  const at = rows[0].indexOf(header);
  if (at < 0) throw new Error(`no column ${header} in ${JSON.stringify(rows[0])}`);
  return at;
};

/** Calendar rows as [ISO date, id, owner, action, remark, done]. */
function calendar(wb: FakeWorkbook): string[][] {
  const rows = rowsOf(wb.sheet("行动日历")!);
  return rows.slice(1).map((r) => [iso(r[0]), String(r[1]), String(r[3]), String(r[4]), String(r[5]), String(r[6])]);
}

/** The Plans sheet's rows from its header row (row 2, below the legend of the marks). */
function planRows(wb: FakeWorkbook): unknown[][] {
  const rows = rowsOf(wb.sheet("经营计划")!);
  return rows.slice(rows.findIndex((r) => r[0] === "客户编号"));
}

function planOf(wb: FakeWorkbook, id: string): Record<string, unknown> {
  const rows = planRows(wb);
  const row = rows.find((r) => r[0] === id);
  if (!row) throw new Error(`no plan for ${id}`);
  return Object.fromEntries(rows[0].map((h, i) => [String(h), row[i]]));
}

type Bands = [overdue: number, within7: number, days8to30: number];

/** The open-actions table of the Summary: owner -> [overdue, within 7 days, days 8-30]; its total row checked. */
function dueSoonTable(wb: FakeWorkbook): Record<string, Bands> {
  const rows = rowsOf(wb.sheet("分层概览")!);
  const title = rows.findIndex((r) => r[0] === "未完成行动（按业务员）");
  expect(title).toBeGreaterThan(0);
  expect(rows[title + 1].slice(0, 4)).toEqual(["业务员", "已逾期", "7 天内到期（含今天，不含逾期）", "第 8–30 天到期"]);
  const out: Record<string, Bands> = {};
  let r = title + 2;
  for (; rows[r][0] !== "合计"; r++) out[String(rows[r][0])] = rows[r].slice(1, 4) as Bands;
  const totals = Object.values(out).reduce((t, b) => [t[0] + b[0], t[1] + b[1], t[2] + b[2]], [0, 0, 0]);
  expect(rows[r].slice(1, 4)).toEqual(totals);
  return out;
}

/**
 * The counts made from the written Calendar sheet: an action not ticked done is overdue when its
 * date is before the run date; due within 7 days on days 0..6 (an undated visit, no contact on
 * record, is due now: day 0); in 8-30 days on days 7..29. Each action once.
 */
function countDueSoon(wb: FakeWorkbook): Record<string, Bands> {
  const rows = rowsOf(wb.sheet("行动日历")!);
  const out: Record<string, Bands> = {};
  for (const r of rows.slice(1)) {
    const c = (out[String(r[3])] ??= [0, 0, 0]);
    if (r[6] !== null && r[6] !== "") continue;
    const days = r[0] === null || r[0] === "" ? 0 : Number(r[0]) - AS_OF_SERIAL;
    if (days < 0) c[0]++;
    else if (days < 7) c[1]++;
    else if (days < 30) c[2]++;
  }
  return out;
}

/** Finds the cell of a row (by its first cell) and a column (by a header on the header row `headerText` is in). */
function playbookCell(sheet: FakeSheet, headerText: string, rowLabel: string, columnHeader: string): { row: number; column: number } {
  const rows = rowsOf(sheet);
  const header = rows.findIndex((r) => r[0] === headerText);
  const column = rows[header].indexOf(columnHeader);
  let row = header + 1;
  while (row < rows.length && rows[row][0] !== rowLabel) row++;
  if (header < 0 || column < 0 || row >= rows.length) throw new Error(`no playbook cell ${rowLabel} x ${columnHeader}`);
  return { row, column };
}

describe("experience plans through the Excel adapter (fake Excel)", () => {
  const wb = new FakeWorkbook([{ name: "客户名单", cells: clientCells() }]);
  const host = new ExcelHost(wb.run);

  it("a first run writes Plans, Calendar, Targets and Playbook as Excel tables with their headers", async () => {
    const outcome = await runSegmentation(host, { asOf: AS_OF });
    expect(outcome.ok).toBe(true);
    expect(wb.sheets.map((s) => s.name)).toEqual([
      "客户名单",
      "分层概览",
      "客户分层",
      "经营计划",
      "行动日历",
      "目标名单",
      "经营手册",
      "数据问题",
      "变动",
      "分层历史",
      "_ClientLadder",
    ]);

    // the legend of the marks on row 1, then the table: a column per service of the Playbook
    expect(rowsOf(wb.sheet("经营计划")!)[0][0]).toBe("标记：√ 提供（基础） · ☆ 战略重点 · ◎ 酌情 · × 不提供");
    const plans = planRows(wb);
    expect(plans[0]).toEqual([
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
    expect(plans).toHaveLength(21);
    expect(wb.tables.find((t) => t.name === "ClientLadder_Plans")!.sheet.name).toBe("经营计划");
    const cal = rowsOf(wb.sheet("行动日历")!);
    expect(cal[0]).toEqual(["日期", "客户编号", "客户姓名", "业务员", "行动", "说明", "完成"]);
    // every client: birthday, anniversary, renewal, visit and review
    expect(cal).toHaveLength(1 + 20 * 5);
    const targets = rowsOf(wb.sheet("目标名单")!);
    expect(targets[0]).toEqual(["业务员", "名单", "序号", "客户编号", "客户姓名", "分层", "象限", "保费", "到期日"]);
    // only tier A and B clients (K017..K020) are on the target lists
    expect(new Set(targets.slice(1).map((r) => r[3]))).toEqual(new Set(["K017", "K018", "K019", "K020"]));

    const playbook = rowsOf(wb.sheet("经营手册")!);
    const at = (text: string) => playbook.findIndex((r) => r[0] === text);
    expect(playbook[at("服务")].slice(0, 7)).toEqual(["服务", "成本", "开发", "维系", "耕耘", "宠爱", "频次"]);
    expect(playbook[at("分层")].slice(0, 2)).toEqual(["分层", "拜访间隔（月）"]);
    expect(playbook[at("象限")]).toEqual(["象限", "目标客群", "场景", "渠道/团队", "主打产品", "服务组合", "经营做法", "运营机制"]);
    expect(playbook[at("一般活动（客户会、讲座、沙龙）")].slice(0, 6)).toEqual(["一般活动（客户会、讲座、沙龙）", "中", "◎", "☆", "☆", "×"]);
    expect(playbook[at("第 1 档")].slice(0, 2)).toEqual(["第 1 档", 1]);

    // each is an Excel table over exactly the written rows
    const table = (name: string) => wb.tables.find((t) => t.name === name);
    // Plans: below the legend row, a column per service (header buttons filter "who gets premium events?")
    expect(table("ClientLadder_Plans")).toMatchObject({ row: 1, column: 0, rows: 21, columns: 24 });
    expect(wb.tables.find((t) => t.name === "ClientLadder_Plans")!.sheet.name).toBe("经营计划");
    expect(table("ClientLadder_Calendar")).toMatchObject({ row: 0, column: 0, rows: 101, columns: 7 });
    expect(table("ClientLadder_Calendar")!.sheet.name).toBe("行动日历");
    expect(table("ClientLadder_Targets")).toMatchObject({ row: 0, column: 0, rows: targets.length, columns: 9 });
    expect(table("ClientLadder_Targets")!.sheet.name).toBe("目标名单");
    expect(table("ClientLadder_Services")).toMatchObject({ row: at("服务"), column: 0, rows: 7, columns: 7 });
    expect(table("ClientLadder_Cadence")).toMatchObject({ row: at("分层"), column: 0, rows: 6, columns: 2 });
    expect(table("ClientLadder_Planning")).toMatchObject({ row: at("象限"), column: 0, rows: 5, columns: 8 });
    for (const name of ["ClientLadder_Services", "ClientLadder_Cadence", "ClientLadder_Planning"]) expect(table(name)!.sheet.name).toBe("经营手册");

    // calendar dates: date cells (serials formatted yyyy-mm-dd), ascending
    const calSheet = wb.sheet("行动日历")!;
    // undated rows are visits with no contact on record; they sit at the run date
    const undated = (r: unknown[]) => r[0] === null || r[0] === "";
    expect(
      cal
        .slice(1)
        .filter(undated)
        .every((r) => r[4] === "拜访" && r[5] === "无联系记录，请尽快拜访"),
    ).toBe(true);
    const dates = cal.slice(1).map((r) => (undated(r) ? AS_OF_SERIAL : r[0]));
    expect(dates.every((d) => typeof d === "number")).toBe(true);
    expect([...dates].sort((a, b) => Number(a) - Number(b))).toEqual(dates);
    expect(calSheet.formatAt(1, 0)).toBe("yyyy-mm-dd");
    expect(calSheet.formatAt(100, 0)).toBe("yyyy-mm-dd");
    expect(wb.sheet("经营计划")!.formatAt(2, col(plans, "下次行动日期"))).toBe("yyyy-mm-dd");

    // the key pamper client K020 (last contact 2025-12-20): visits every month, no general events
    const k020 = planOf(wb, "K020");
    expect(k020).toMatchObject({ 分层: "关键", 象限: "宠爱", 成本: "极高" });
    expect(k020).toMatchObject({ 常规服务: "√", 定期拜访: "√", 一般活动: "×", 高级活动: "√", 生活服务: "☆", 量身定制: "☆" });
    expect(k020).toMatchObject({ 常规服务频次: "每周 1-2 条，每月至少 6 条", 拜访频次: "每 1 个月" });
    // a develop client: general events at discretion, nothing above
    expect(planOf(wb, "K005")).toMatchObject({ 象限: "开发", 一般活动: "◎", 高级活动: "×", 生活服务: "×", 量身定制: "×" });
    expect(k020["下一步行动"]).toContain("拜访 2026-01-20");
    expect(iso(k020["下次行动日期"])).toBe("2026-01-20");
    // K012 last seen 2025-01-10, tier 一般 (6 months): overdue since 2025-07-10, visit on the run date
    expect(calendar(wb).filter((r) => r[1] === "K012" && r[3] === "拜访")).toEqual([["2025-07-10", "K012", "李娜", "拜访", "已逾期 189 天", ""]]);
  });

  it("the Summary counts overdue, due within 7 days and due in 8-30 days apart, per owner, as the Calendar holds them", () => {
    const counted = countDueSoon(wb);
    expect(dueSoonTable(wb)).toEqual(counted);
    // not a vacuous match: each band has actions, and some are beyond 30 days
    expect(counted["王强"][1]).toBeGreaterThan(0);
    expect(counted["李娜"][1]).toBeGreaterThan(0);
    expect(counted["王强"][0] + counted["李娜"][0]).toBeGreaterThan(0);
    expect(counted["王强"][2] + counted["李娜"][2]).toBeGreaterThan(0);
    const all = Object.values(counted)
      .flat()
      .reduce((a, b) => a + b, 0);
    expect(all).toBeLessThan(100);
    // K012's visit, overdue since 2025-07-10, is in the overdue band only
    expect(calendar(wb)).toContainEqual(["2025-07-10", "K012", "李娜", "拜访", "已逾期 189 天", ""]);
    // the bands' edges are on the calendar: day 7 (in "8-30", not "7 天内") and day 30 (in neither)
    const rows = calendar(wb);
    expect(rows).toContainEqual(["2026-01-22", "K013", "王强", "生日祝福", "", ""]);
    expect(rows).toContainEqual(["2026-02-14", "K014", "李娜", "生日祝福", "", ""]);
    expect(wb.tables.find((t) => t.name === "ClientLadder_DueSoon")!.sheet.name).toBe("分层概览");
  });

  describe("after people worked on the sheets, a run with the same date", () => {
    let dueBefore: Record<string, Bands>;
    let playbookAfterEdits: unknown[][];
    let playbookSheet: FakeSheet;

    beforeAll(async () => {
      dueBefore = countDueSoon(wb);

      // a note on K020's plan
      const plans = wb.sheet("经营计划")!;
      const all = rowsOf(plans);
      plans.grid[all.findIndex((r) => r[0] === "K020")][col(planRows(wb), "备注")] = "周末约见，带家人";

      // two calendar rows ticked done: K002's birthday greeting and K011's renewal (both 2026-02-x)
      const cal = wb.sheet("行动日历")!;
      const calRows = rowsOf(cal);
      const find = (id: string, action: string) => calRows.findIndex((r) => r[1] === id && r[4] === action);
      const birthday = find("K002", "生日祝福");
      const renewal = find("K011", "续期缴费");
      expect(iso(calRows[birthday][0])).toBe("2026-02-02");
      expect(iso(calRows[renewal][0])).toBe("2026-02-15");
      cal.grid[birthday][6] = "√";
      cal.grid[renewal][6] = "已完成";
      // then sort the calendar newest first and hide (filter out) rows, one of them ticked
      cal.grid = [cal.grid[0], ...cal.grid.slice(1).reverse()];
      const reversed = rowsOf(cal);
      expect(reversed[1][1]).not.toBe(calRows[1][1]);
      const hiddenRenewal = reversed.findIndex((r) => r[1] === "K011" && r[4] === "续期缴费");
      for (const r of [2, 3, 4, hiddenRenewal]) cal.hiddenRows.add(r);

      // the manager edits the playbook
      playbookSheet = wb.sheet("经营手册")!;
      const put = (at: { row: number; column: number }, value: unknown) => (playbookSheet.grid[at.row][at.column] = value);
      put(playbookCell(playbookSheet, "服务", "一般活动（客户会、讲座、沙龙）", "宠爱"), "√"); // × -> √
      put(playbookCell(playbookSheet, "服务", "高级活动（俱乐部活动、鉴赏会、慈善、旅游）", "开发"), "maybe"); // invalid
      put(playbookCell(playbookSheet, "分层", "第 1 档", "拜访间隔（月）"), 2); // tier A: every 2 months
      put(playbookCell(playbookSheet, "象限", "宠爱", "目标客群"), "高净值企业主");
      // ... renames premium events and adds a service on the blank row below the table
      const premium = playbookCell(playbookSheet, "服务", "高级活动（俱乐部活动、鉴赏会、慈善、旅游）", "开发");
      put({ row: premium.row, column: 0 }, "高端活动（私享会、艺术鉴赏）");
      const last = playbookCell(playbookSheet, "服务", "量身定制（生日会、家庭活动、财富传承、企业咨询）", "开发").row;
      expect(rowsOf(playbookSheet)[last + 1].every((v) => v === "" || v === null)).toBe(true);
      playbookSheet.grid[last + 1] = ["线上直播", "低", "√", "◎", "√", "×", "每月 1 场"];
      playbookAfterEdits = structuredClone(playbookSheet.grid);

      wb.resetStats();
      const outcome = await runSegmentation(host, { asOf: AS_OF });
      expect(outcome.ok).toBe(true);
    });

    it("keeps the note on the same client's plan", () => {
      expect(planOf(wb, "K020")["备注"]).toBe("周末约见，带家人");
      const rows = planRows(wb);
      expect(
        rows
          .slice(1)
          .filter((r) => r[col(rows, "备注")] !== "")
          .map((r) => r[0]),
      ).toEqual(["K020"]);
    });

    it("keeps the done marks on the same client, action and date, also for a hidden row after a re-sort", () => {
      const rows = calendar(wb);
      expect(rows.filter((r) => r[5] !== "")).toEqual([
        ["2026-02-02", "K002", "李娜", "生日祝福", "", "√"],
        ["2026-02-15", "K011", "王强", "续期缴费", "", "已完成"],
      ]);
      // the same client's anniversary on the same day was not ticked and stays open
      expect(rows.find((r) => r[1] === "K011" && r[3] === "保单周年")).toEqual(["2026-02-15", "K011", "王强", "保单周年", "", ""]);
      // rewritten in date order again
      const raw = rowsOf(wb.sheet("行动日历")!).slice(1);
      const dates = raw.map((r) => (r[0] === null || r[0] === "" ? AS_OF_SERIAL : Number(r[0])));
      expect([...dates].sort((a, b) => a - b)).toEqual(dates);
      expect(rows).toHaveLength(100);
    });

    it("the matrix follows the edited Playbook: the renamed service's column, the added service and its cadence", () => {
      const header = planRows(wb)[0];
      expect(header.slice(5, 14)).toEqual(["常规服务", "定期拜访", "一般活动", "高端活动", "生活服务", "量身定制", "线上直播", "常规服务频次", "线上直播频次"]);
      // the old column is the add-in's, not a column a person added: not carried
      expect(header).not.toContain("高级活动");
      // the renamed service keeps its marks; the added one has the marks of its row, its cadence where it is given
      expect(planOf(wb, "K020")).toMatchObject({ 象限: "宠爱", 高端活动: "√", 线上直播: "×", 线上直播频次: "" });
      expect(planOf(wb, "K015")).toMatchObject({ 象限: "耕耘", 高端活动: "√", 线上直播: "√", 线上直播频次: "每月 1 场" });
      expect(planOf(wb, "K005")).toMatchObject({ 象限: "开发", 线上直播: "√", 线上直播频次: "每月 1 场" });
    });

    it("applies the edited playbook to the plans: marks, visit months of tier A, planning fields", () => {
      // pamper clients now get general events; everybody else's marks are as before
      for (const id of ["K016", "K017", "K018", "K019", "K020"]) {
        expect(planOf(wb, id)["象限"]).toBe("宠爱");
        expect(planOf(wb, id)["一般活动"]).toBe("√");
        expect(planOf(wb, id)["目标客群"]).toBe("高净值企业主");
      }
      expect(planOf(wb, "K010")["一般活动"]).not.toBe("√");
      expect(planOf(wb, "K015")["象限"]).toBe("耕耘");
      expect(planOf(wb, "K015")["目标客群"]).toBe("");
      // develop's premium events: "maybe" is not a mark, the default × is used (not provided)
      expect(planOf(wb, "K005")["象限"]).toBe("开发");
      expect(planOf(wb, "K005")["高端活动"]).toBe("×");

      // tier A (K020, last contact 2025-12-20): 2025-12-20 + 2 months = 2026-02-20
      const k020 = planOf(wb, "K020");
      expect(k020).toMatchObject({ 定期拜访: "√", 拜访频次: "每 2 个月" });
      expect(k020["下一步行动"]).toContain("拜访 2026-02-20");
      expect(calendar(wb).filter((r) => r[1] === "K020" && r[3] === "拜访")).toEqual([["2026-02-20", "K020", "李娜", "拜访", "", ""]]);
      // tier B is untouched: K018 (last contact 2025-12-18) + 3 months = 2026-03-18
      expect(planOf(wb, "K018")["拜访频次"]).toBe("每 3 个月");
      expect(calendar(wb).filter((r) => r[1] === "K018" && r[3] === "拜访")[0][0]).toBe("2026-03-18");
    });

    it("reports the invalid mark on Data issues, saying the default was used", () => {
      const rows = rowsOf(wb.sheet("数据问题")!);
      expect(rows[0]).toEqual(["源行号", "列", "值", "原因"]);
      const at = playbookCell(playbookSheet, "服务", "高端活动（私享会、艺术鉴赏）", "开发");
      expect(at).toEqual({ row: 7, column: 2 });
      expect(rows.slice(1)).toEqual([
        [8, "经营手册 C8", "maybe", "“maybe”无效（服务标记只能是 √ ☆ ◎ ×；拜访间隔为 1 到 60 的整数月，复核间隔为 1 到 24 的整数月）：已使用默认值“×”。"],
      ]);
    });

    it("leaves the Playbook sheet as the manager edited it: not deleted, not rewritten", () => {
      expect(wb.log.filter((l) => l.includes("经营手册"))).toEqual([]);
      expect(wb.sheet("经营手册")).toBe(playbookSheet);
      expect(playbookSheet.grid).toEqual(playbookAfterEdits);
      expect(playbookSheet.grid.flat()).toContain("maybe");
      // its tables are still there, once; the replaced sheets' tables are made again under the same names
      const names = wb.tables.map((t) => t.name).sort();
      expect(names).toEqual([...new Set(names)]);
      for (const name of ["ClientLadder_Services", "ClientLadder_Cadence", "ClientLadder_Planning"])
        expect(wb.tables.find((t) => t.name === name)!.sheet).toBe(playbookSheet);
      for (const name of ["ClientLadder_Plans", "ClientLadder_Calendar", "ClientLadder_Targets"]) expect(names).toContain(name);
      expect(wb.sheets.map((s) => s.name)).toEqual([
        "客户名单",
        "分层概览",
        "客户分层",
        "经营计划",
        "行动日历",
        "目标名单",
        "经营手册",
        "数据问题",
        "变动",
        "分层历史",
        "_ClientLadder",
      ]);
    });

    it("the Summary's due-soon counts follow the new calendar (K020's visit moved out of both windows)", () => {
      const counted = countDueSoon(wb);
      expect(dueSoonTable(wb)).toEqual(counted);
      // K020's visit 2026-01-20 (day 5) -> 2026-02-20 (day 36): one less within 7 days for 李娜;
      // and K002's birthday on 2026-02-02 (day 18) is ticked done: one less in 8-30 days
      expect(counted["李娜"]).toEqual([dueBefore["李娜"][0], dueBefore["李娜"][1] - 1, dueBefore["李娜"][2] - 1]);
      expect(counted["王强"]).toEqual(dueBefore["王强"]);
    });
  });
});
