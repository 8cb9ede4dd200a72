import { dayOf, isoOf, serialOf } from "../../src/core/dates";
import { describeIssue } from "../../src/core/issues";
import { segment, type Segmentation } from "../../src/core/job";
import { actionKey, planClients } from "../../src/core/plan";
import { calendarSheet, doneFromSheet, plansSheet, targetsSheet } from "../../src/core/plan-output";
import { DEFAULT_PLAYBOOK, playbookSheet, readPlaybook } from "../../src/core/playbook";
import { summarySheet } from "../../src/core/output";

const asOf = dayOf(2026, 1, 15);

describe("the default playbook is SPEC section 4, cell for cell", () => {
  const table = Object.fromEntries(
    DEFAULT_PLAYBOOK.services.map((s) => [s.service, [s.cost, s.marks.develop, s.marks.maintain, s.marks.cultivate, s.marks.pamper]]),
  );
  it.each([
    ["regular", "veryLow", "√", "√", "√", "√"],
    ["visits", "low", "√", "☆", "√", "√"],
    ["generalEvents", "medium", "◎", "☆", "☆", "×"],
    ["premiumEvents", "high", "×", "◎", "√", "√"],
    ["lifestyle", "veryHigh", "×", "×", "◎", "☆"],
    ["tailored", "extreme", "×", "×", "×", "☆"],
  ])("%s: cost %s; develop %s, maintain %s, cultivate %s, pamper %s", (service, cost, dev, main, cult, pamp) => {
    expect(table[service]).toEqual([cost, dev, main, cult, pamp]);
  });
  it("visits monthly for A, quarterly for B, half-yearly for C, yearly for D; review quarterly", () => {
    expect(DEFAULT_PLAYBOOK.visitMonths).toEqual([1, 3, 6, 12]);
    expect(DEFAULT_PLAYBOOK.reviewMonths).toBe(3);
  });
  it("round-trips through its sheet in both languages", () => {
    for (const lang of ["zh-CN", "en-US"] as const) {
      const sheet = playbookSheet(DEFAULT_PLAYBOOK, lang);
      const back = readPlaybook(toCells(sheet), lang);
      expect(back.issues).toEqual([]);
      expect(back.playbook).toEqual(DEFAULT_PLAYBOOK);
    }
  });
  it("reads edits back: marks, cadences, planning fields; invalid cells reported and defaulted", () => {
    const cells = toCells(playbookSheet(DEFAULT_PLAYBOOK, "zh-CN"));
    const sheet = playbookSheet(DEFAULT_PLAYBOOK, "zh-CN");
    const services = sheet.tables[0];
    const cadence = sheet.tables[1];
    const planning = sheet.tables[2];
    // pamper no longer gets general events (× -> ✓ typed with a check mark); develop's visits typed "maybe"
    cells[services.row + 1 + 2][5] = "✓";
    cells[services.row + 1 + 1][2] = "maybe";
    cells[cadence.row + 1 + 1][1] = 2; // tier B visits every 2 months
    cells[cadence.row + 1 + 2][1] = -3; // invalid
    cells[planning.row + 1 + 0][1] = "高净值企业主";
    const back = readPlaybook(cells, "zh-CN");
    expect(back.playbook.services[2].marks.pamper).toBe("√");
    expect(back.playbook.services[1].marks.develop).toBe("√");
    expect(back.playbook.visitMonths).toEqual([1, 2, 6, 12]);
    expect(back.playbook.planning.pamper.targetGroup).toBe("高净值企业主");
    expect(back.issues.map((i) => [i.value, i.issue.params?.read])).toEqual([
      ["maybe", "√"],
      ["-3", "6"],
    ]);
    expect(describeIssue(back.issues[1].issue, "zh-CN")).toBe(
      "“-3”无效（服务标记只能是 √ ☆ ◎ ×；拜访间隔为 1 到 60 的整数月，复核间隔为 1 到 24 的整数月）：已使用默认值“6”。",
    );
    expect(back.issues[1].column).toBe(`经营手册 B${cadence.row + 4}`);
  });
  it("reads renamed, added and deleted service rows: the rows on the sheet are the services", () => {
    const sheet = playbookSheet(DEFAULT_PLAYBOOK, "zh-CN");
    const cells = toCells(sheet);
    const first = sheet.tables[0].row + 1;
    cells[first + 1][0] = "上门拜访"; // visits renamed: keeps its role
    cells.splice(first + 6, 0, ["线上直播", "低", "√", "√", "◎", "×", "每月 1 场"]); // added below the last
    cells[first + 5] = cells[first + 5].map(() => null); // tailored deleted... leaves a blank row: the table ends there
    const back = readPlaybook(cells, "zh-CN");
    expect(back.playbook.services.map((s) => [s.service, s.name ?? null])).toEqual([
      ["regular", null],
      ["visits", "上门拜访"],
      ["generalEvents", null],
      ["premiumEvents", null],
      ["lifestyle", null],
    ]);
    cells.splice(first + 5, 1); // the blank row removed: 线上直播 follows lifestyle, where tailored was
    const again = readPlaybook(cells, "zh-CN").playbook.services;
    expect(again.map((s) => s.service)).toEqual(["regular", "visits", "generalEvents", "premiumEvents", "lifestyle", "tailored"]);
    // a row of a new name where a deleted default was: taken as that service renamed, with what its row says
    expect(again[5]).toEqual({
      service: "tailored",
      name: "线上直播",
      cost: "low",
      marks: { develop: "√", maintain: "√", cultivate: "◎", pamper: "×" },
      cadence: "每月 1 场",
    });
    // a row added to the whole table: a service of its own, keyed by its name
    const added = toCells(sheet);
    added.splice(first + 6, 0, ["线上直播", "低", "√", "x", "◎", "×", ""]);
    const seven = readPlaybook(added, "zh-CN").playbook.services;
    expect(seven.map((s) => s.service)).toEqual(["regular", "visits", "generalEvents", "premiumEvents", "lifestyle", "tailored", "线上直播"]);
    expect(seven[6].marks).toEqual({ develop: "√", maintain: "×", cultivate: "◎", pamper: "×" });
  });

  it("an empty or foreign sheet gives the defaults", () => {
    expect(readPlaybook([], "en-US")).toEqual({ playbook: DEFAULT_PLAYBOOK, issues: [] });
  });
});

/** A sheet as a host would read it back: the used range from A1. */
function toCells(sheet: ReturnType<typeof playbookSheet>): unknown[][] {
  const cells: unknown[][] = [];
  const put = (r: number, c: number, v: unknown) => {
    while (cells.length <= r) cells.push([]);
    cells[r][c] = v;
  };
  for (const b of sheet.blocks) b.cells.forEach((row, i) => row.forEach((v, j) => put(b.row + i, b.column + j, v)));
  for (const t of sheet.tables) {
    t.columns.forEach((c, j) => put(t.row, t.column + j, c.header));
    t.rows.forEach((row, i) => row.forEach((v, j) => put(t.row + 1 + i, t.column + j, v)));
  }
  return cells.map((row) => Array.from(row, (v) => v ?? null));
}

const HEADER = ["客户编号", "客户姓名", "业务员", "保费", "能力", "意愿", "出生日期", "投保日期", "续期日期", "最近联系"];

function segmented(rows: unknown[][]): Segmentation {
  const r = segment({ source: "S", cells: [HEADER, ...rows], firstRow: 1 }, { version: 1 }, "zh-CN");
  if (!r.ok) throw new Error("segment");
  return r.value;
}

describe("plans and the calendar", () => {
  // values chosen so by-count tiers are: C1 key (A), C2 important (B), the rest general/maintenance
  const rows = [
    ["C1", "甲", "王", 1000, 90, 9, "1988-02-29", "2020-05-01", "2026-03-01", "2025-12-20"],
    ["C2", "乙", "王", 800, 10, 9, 31113, null, null, "2020-01-01"],
    ["C3", "丙", "李", 100, 90, 1, null, "2019-01-15", null, null],
    ["C4", "丁", "李", 50, 10, 1, "not a date", null, null, "2026-01-10"],
    ["C5", "戊", "李", 40, 50, 5, null, null, null, null],
    ["C6", "己", "王", 30, 50, 5, null, null, null, null],
    ["C7", "庚", "王", 20, 50, 5, null, null, null, null],
    ["C8", "辛", "李", 10, 50, 5, null, null, null, null],
    ["C9", "壬", "李", 5, 50, 5, null, null, null, null],
    ["C10", "癸", "李", 1, 50, 5, null, null, null, null],
  ];
  const result = segmented(rows);
  const plans = planClients(result, { asOf, playbook: DEFAULT_PLAYBOOK });
  const of = (id: string) => plans.plans.find((p) => p.client.id === id)!;
  const actions = (id: string) => of(id).actions.map((a) => [a.kind, isoOf(a.day)]);

  it("dates each action from the run date (2026-01-15), checked by hand", () => {
    // C1: tier A, visits monthly: last contact 2025-12-20 + 1 month = 2026-01-20
    expect(actions("C1")).toEqual([
      ["visit", "2026-01-20"],
      ["birthday", "2026-02-28"],
      ["renewal", "2026-03-01"],
      ["review", "2026-04-01"],
      ["anniversary", "2026-05-01"],
    ]);
    // C2: tier B, quarterly; last contact 2020-01-01 is far in the past: the visit is overdue, dated on its due day 2020-04-01
    expect(actions("C2")).toEqual([
      ["visit", "2020-04-01"],
      ["birthday", "2026-03-07"],
      ["review", "2026-04-01"],
    ]);
    expect(of("C2").actions[0].overdue).toBe(true);
    // C3: policy anniversary on the run date itself counts; no last contact: visit now, undated
    expect(actions("C3")).toEqual([
      ["anniversary", "2026-01-15"],
      ["visit", "2026-01-15"],
      ["review", "2026-04-01"],
    ]);
    expect(of("C3").actions[1].undated).toBe(true);
    // C4: fourth of ten, a general (C) client, visits half-yearly from 2026-01-10
    expect(of("C4").client.tier).toBe("一般");
    expect(actions("C4")).toEqual([
      ["review", "2026-04-01"],
      ["visit", "2026-07-10"],
    ]);
  });

  it("reports unreadable dates as Data issues and goes on", () => {
    expect(plans.issues.map((i) => [i.row, i.column, i.value, i.issue.code])).toEqual([[5, "出生日期", "not a date", "dateUnreadable"]]);
  });

  it("gives each quadrant its services and the highest cost among them", () => {
    expect(of("C1").client.quadrant).toBe("pamper");
    expect(of("C1").services.map((s) => `${s.service}${s.mark}`)).toEqual(["regular√", "visits√", "premiumEvents√", "lifestyle☆", "tailored☆"]);
    expect(of("C1").cost).toBe("extreme");
    expect(of("C4").client.quadrant).toBe("develop");
    expect(of("C4").services.map((s) => `${s.service}${s.mark}`)).toEqual(["regular√", "visits√", "generalEvents◎"]);
    expect(of("C4").cost).toBe("medium");
    expect(of("C2").client.quadrant).toBe("maintain");
    expect(of("C3").client.quadrant).toBe("cultivate");
  });

  it("an edited playbook changes the plans", () => {
    const edited = structuredClone(DEFAULT_PLAYBOOK);
    edited.services[5].marks.pamper = "×";
    edited.visitMonths = [2, 3, 6, 12];
    edited.planning.pamper.flagshipProduct = "终身寿险";
    const p = planClients(result, { asOf, playbook: edited }).plans.find((x) => x.client.id === "C1")!;
    expect(p.services.map((s) => s.service)).not.toContain("tailored");
    expect(p.cost).toBe("veryHigh");
    expect(isoOf(p.actions.find((a) => a.kind === "visit")!.day)).toBe("2026-02-20");
    expect(p.planning?.flagshipProduct).toBe("终身寿险");
  });

  it("the calendar is by date, then owner, then client", () => {
    const days = plans.calendar.map((a) => a.day);
    expect([...days].sort((a, b) => a - b)).toEqual(days);
    expect(plans.calendar).toHaveLength(plans.plans.reduce((s, p) => s + p.actions.length, 0));
  });

  it("target lists: per owner, A and B clients only", () => {
    expect(plans.targets.map((t) => [t.owner, t.list, t.place, t.client.id])).toEqual([
      ["王", "renewal", 1, "C1"],
      ["王", "newBusiness", 1, "C1"],
      ["王", "newBusiness", 2, "C2"],
    ]);
    const one = planClients(result, { asOf, playbook: DEFAULT_PLAYBOOK, targets: { renewal: 0, newBusiness: 1 } });
    expect(one.targets.map((t) => t.client.id)).toEqual(["C1"]);
  });

  it("counts open actions per owner as overdue, due within 7 days, and due in 8-30 days, each once", () => {
    expect(plans.dueSoon).toEqual([
      // 李: C3 anniversary + visit today, C5/C8/C9/C10 visits today (no contact on record): all due now
      { owner: "李", overdue: 0, within7: 6, days8to30: 0 },
      // 王: C2's visit (due 2020-04-01) overdue; C1 visit on the 20th (5 days), C6/C7 visits today
      { owner: "王", overdue: 1, within7: 3, days8to30: 0 },
    ]);
  });

  it("a tick on an overdue or undated visit is still there the next day, and done actions are not counted as due", () => {
    const today = calendarSheet(plans, "zh-CN", new Map(), asOf).sheet.tables[0];
    const cells = [today.columns.map((c) => c.header), ...today.rows.map((r) => [...r])];
    for (const r of cells) if ((r[1] === "C2" || r[1] === "C3") && r[4] === "拜访") r[6] = "√";
    const done = doneFromSheet(cells);
    expect(done.size).toBe(2);
    const tomorrow = planClients(result, { asOf: asOf + 1, playbook: DEFAULT_PLAYBOOK, done });
    const rows = calendarSheet(tomorrow, "zh-CN", done, asOf + 1).sheet.tables[0].rows;
    expect(
      rows
        .filter((r) => r[6] === "√")
        .map((r) => r[1])
        .sort(),
    ).toEqual(["C2", "C3"]);
    // 王 had C2's visit overdue and 3 due within 7 days; C2's visit is done
    expect(tomorrow.dueSoon.find((d) => d.owner === "王")).toEqual({ owner: "王", overdue: 0, within7: 3, days8to30: 0 });
  });

  it("writes the Plans, Calendar and Targets sheets, keeping notes and done marks", () => {
    const p = plansSheet(plans, DEFAULT_PLAYBOOK, "zh-CN", new Map([["C2", "已约"]]));
    const row = p.tables[0].rows.find((r) => r[0] === "C1")!;
    // a column per service of the playbook, the client's mark in each; the cadences in columns of their own
    expect(p.tables[0].columns.map((c) => c.header).slice(0, 14)).toEqual([
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
    ]);
    expect(row.slice(0, 14)).toEqual(["C1", "甲", "王", "关键", "宠爱", "√", "√", "×", "√", "☆", "☆", "每周 1-2 条，每月至少 6 条", "每 1 个月", "极高"]);
    // C2: tier B (quarterly visits), maintain: visits ☆, general events ☆, premium ◎
    expect(p.tables[0].rows.find((r) => r[0] === "C2")!.slice(3, 14)).toEqual([
      "重点",
      "维系",
      "√",
      "☆",
      "☆",
      "◎",
      "×",
      "×",
      "每周 1-2 条，每月至少 6 条",
      "每 3 个月",
      "高",
    ]);
    expect(p.tables[0].rows.find((r) => r[0] === "C2")![p.tables[0].columns.length - 3]).toBe(
      "拜访 2020-04-01（逾期）；生日祝福 2026-03-07；分层复核 2026-04-01",
    );
    expect(p.tables[0].row).toBe(1);
    expect(p.blocks[0].cells[0][0]).toBe("标记：√ 提供（基础） · ☆ 战略重点 · ◎ 酌情 · × 不提供");
    expect(plansSheet(plans, DEFAULT_PLAYBOOK, "en-US", new Map()).blocks[0].cells[0][0]).toBe(
      "Marks: √ provide (baseline) · ☆ strategic, the one that matters most · ◎ at discretion, case by case · × do not provide",
    );
    expect(row.at(-2)).toBe(serialOf(dayOf(2026, 1, 20)));
    expect(p.tables[0].rows.find((r) => r[0] === "C2")!.at(-1)).toBe("已约");

    const first = calendarSheet(plans, "zh-CN", new Map(), asOf).sheet;
    const cells = [first.tables[0].columns.map((c) => c.header), ...first.tables[0].rows];
    // someone ticks C1's visit, then re-sorts the sheet; the dates come back as Date cells (ExcelJS)
    const visit = cells.findIndex((r) => r[1] === "C1" && r[4] === "拜访");
    cells[visit][6] = "✓";
    const reread = [cells[0], ...cells.slice(1).reverse()].map((r) =>
      r.map((v, j) => (j === 0 && typeof v === "number" ? new Date(Date.UTC(1899, 11, 30) + v * 86400000) : v)),
    );
    const done = doneFromSheet(reread);
    expect(done).toEqual(new Map([[actionKey("C1", { kind: "visit", day: dayOf(2026, 1, 20) }), "✓"]]));
    const again = calendarSheet(plans, "en-US", done, asOf).sheet.tables[0].rows;
    expect(again.filter((r) => r[6] === "✓").map((r) => [r[1], r[4]])).toEqual([["C1", "Visit"]]);
    const overdue = again.find((r) => r[1] === "C2" && r[4] === "Visit")!;
    // 2020-04-01 to 2026-01-15: 1826 days to 2025-04-01 (2024 is a leap year), then 289 more
    expect(overdue[0]).toBe(serialOf(dayOf(2020, 4, 1)));
    expect(overdue[5]).toBe("2115 days overdue");
    const noContact = again.find((r) => r[1] === "C3" && r[4] === "Visit")!;
    expect([noContact[0], noContact[5]]).toEqual([null, "No contact on record: visit soon"]);

    const t = targetsSheet(plans, "zh-CN").tables[0];
    expect(t.rows[0]).toEqual(["王", "续期重点", 1, "C1", "甲", "关键", "宠爱", 1000, serialOf(dayOf(2026, 3, 1))]);
  });
});

describe("the Summary's counts of open actions per owner, against dates worked out by hand (run date 2026-01-15)", () => {
  // no last contact (D1, D2, D4): a visit due now, on the run date (day 0); the review is 2026-04-01 (76 days): not counted
  const result = segmented([
    // birthday 2026-01-21 (6 days: within 7); renewal 2026-01-14 (1 day late, in grace: overdue); visit now
    ["D1", "甲", "张", 100, 90, 9, "1990-01-21", null, "2026-01-14", null],
    // birthday 2026-01-22 (7 days: 8-30); renewal 2025-11-16 (60 days late, the last day of grace: overdue);
    // anniversary 2026-01-15 (today: within 7); visit now
    ["D2", "乙", "张", 90, 90, 9, "1990-01-22", "2020-01-15", "2025-11-16", null],
    // birthday 2026-02-13 (29 days: 8-30); renewal 2025-11-15 (61 days: taken as paid, next 2026-11-15);
    // anniversary 2026-02-14 (30 days: not counted); last contact 2020-01-01: visit overdue whatever the tier
    ["D3", "丙", "赵", 80, 10, 1, "1990-02-13", "2019-02-14", "2025-11-15", "2020-01-01"],
    // birthday 2026-02-14 (30 days: not counted); visit now
    ["D4", "丁", "赵", 70, 10, 1, "1990-02-14", null, null, null],
  ]);
  const asOfDay = dayOf(2026, 1, 15);

  it("puts each action in one band: overdue, day 0-6, day 7-29", () => {
    const plans = planClients(result, { asOf: asOfDay, playbook: DEFAULT_PLAYBOOK });
    expect(plans.dueSoon).toEqual([
      { owner: "张", overdue: 2, within7: 4, days8to30: 1 },
      { owner: "赵", overdue: 1, within7: 1, days8to30: 1 },
    ]);
    // a tick takes D2's overdue renewal out of the counts
    const done = new Map([[actionKey("D2", { kind: "renewal", day: dayOf(2025, 11, 16) }), "完成"]]);
    expect(planClients(result, { asOf: asOfDay, playbook: DEFAULT_PLAYBOOK, done }).dueSoon[0]).toEqual({ owner: "张", overdue: 1, within7: 4, days8to30: 1 });
  });

  it("writes them on the Summary in three columns, with a total row", () => {
    const plans = planClients(result, { asOf: asOfDay, playbook: DEFAULT_PLAYBOOK });
    for (const [lang, headers, total] of [
      ["zh-CN", ["业务员", "已逾期", "7 天内到期（含今天，不含逾期）", "第 8–30 天到期"], "合计"],
      ["en-US", ["Owner", "Overdue", "Due within 7 days (from today, not overdue)", "Due in 8-30 days"], "Total"],
    ] as const) {
      const sheet = summarySheet({ ...result, lang }, "2026-01-15", undefined, plans.dueSoon);
      const table = sheet.tables.find((t) => t.name === "ClientLadder_DueSoon")!;
      expect(table.columns.map((c) => c.header)).toEqual(headers);
      expect(table.rows).toEqual([
        ["张", 2, 4, 1],
        ["赵", 1, 1, 1],
        [total, 3, 5, 2],
      ]);
    }
  });
});
