import { parseRunConfig, type RunConfig } from "../../src/core/config";
import { describeIssue } from "../../src/core/issues";
import { segment, type ClientBlock } from "../../src/core/job";
import { issuesSheet, paretoPoints, segmentsSheet, summarySheet } from "../../src/core/output";
import { notesFromSheet, placeSheets } from "../../src/core/ownership";

const HEADER_ZH = ["客户编号", "客户姓名", "业务员", "年缴保费", "能力", "意愿", "保单品质", "保险意识", "满意度", "经济条件", "流动性"];

function block(rows: unknown[][], extra: unknown[][] = []): ClientBlock {
  return { source: "客户", cells: [...extra, HEADER_ZH, ...rows], firstRow: 1 };
}

const config: RunConfig = { version: 1 };

function run(b: ClientBlock, c: RunConfig = config, lang: "zh-CN" | "en-US" = "zh-CN") {
  const r = segment(b, c, lang);
  if (!r.ok) throw new Error(describeIssue(r.issue, "en-US"));
  return r.value;
}

// ten clients 100..0 in value, with the ten-client book of SPEC section 2
const BOOK = [100, 50, 20, 10, 10, 5, 3, 1, 1, 0];
const tenClients = BOOK.map((v, i) => [`C${i + 1}`, `客户${i + 1}`, i % 2 ? "李四" : "张三", v, 10 - i, i % 3, 5, 4, 3, 2, 1]);

describe("segment: the run in core", () => {
  it("applies every model whose columns are there, and the summary figures match the functions", () => {
    const r = run(block(tenClients));
    expect(r.models).toEqual({ valueLadder: true, review: true, quadrant: true });
    expect(r.clients).toHaveLength(10);
    expect(r.topShare).toBe(0.75);
    expect(r.cutoff).toBe(0.25);
    expect(r.total).toBe(200);
    expect(r.tiers.map((t) => [t.label, t.count, t.value])).toEqual([
      ["关键", 1, 100],
      ["重点", 1, 50],
      ["一般", 5, 48],
      ["维持", 3, 2],
    ]);
  });

  it("lists clients largest first with rank (ties shared) and cumulative share", () => {
    const r = run(block(tenClients));
    expect(r.clients.map((c) => c.id)).toEqual(["C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9", "C10"]);
    expect(r.clients.map((c) => c.rank)).toEqual([1, 2, 3, 4, 4, 6, 7, 8, 8, 10]);
    expect(r.clients[1].cumulativeShare).toBe(0.75);
    expect(r.clients[9].cumulativeShare).toBe(1);
  });

  it("scores the five-indicator review and classes it at 80/60/40", () => {
    const r = run(block(tenClients));
    // indicators 5,4,3,2 and mobility 1 (lower is better): (1 + .75 + .5 + .25 + 1) / 5 = 0.7
    expect(r.clients[0].score).toBeCloseTo(70, 10);
    expect(r.clients[0].reviewClass).toBe("B");
  });

  it("reads lower-is-better flags from the configuration", () => {
    // no flag set: mobility 1 is now the worst score: (1 + .75 + .5 + .25 + 0) / 5 = 0.5
    const r = run(block(tenClients), { version: 1, review: { lowerIsBetter: [false, false, false, false, false], scaleMax: 5 } });
    expect(r.clients[0].score).toBeCloseTo(50, 10);
    expect(r.clients[0].reviewClass).toBe("C");
    expect(parseRunConfig({ review: { lowerIsBetter: [true] } }).ok).toBe(false);
  });

  it("cuts quadrants at the medians by default and at fixed cuts when configured", () => {
    const r = run(block(tenClients));
    expect(r.quadrantCuts).toEqual({ ability: 5.5, willingness: 1 });
    expect(r.clients[0].quadrant).toBe("cultivate"); // ability 10, willingness 0
    const fixed = run(block(tenClients), { version: 1, quadrant: { ability: "ability", willingness: "willingness", abilityCut: 1, willingnessCut: 0 } });
    expect(fixed.clients.every((c) => c.quadrant === "pamper")).toBe(true);
  });

  it("uses the configured ladder presets", () => {
    const big = run(
      block([
        ["A1", "甲", "张", "600000", 1, 1, 1, 1, 1, 1, 1],
        ["A2", "乙", "张", "1200万", 1, 1, 1, 1, 1, 1, 1],
      ]),
      { version: 1, valueLadder: { preset: "bigPolicy" } },
    );
    expect(big.clients.map((c) => [c.id, c.tier])).toEqual([
      ["A2", "A"],
      ["A1", "D"],
    ]);
    const abc = run(block(tenClients), { version: 1, valueLadder: { preset: "abc" } });
    expect(abc.clients.map((c) => c.tier).join("")).toBe("AAABBCCCCC");
    const own = run(block(tenClients), { version: 1, valueLadder: { preset: "thresholds", thresholds: [50, 10], labels: ["高", "中", "低"] } });
    expect(own.tiers.map((t) => t.count)).toEqual([2, 3, 5]);
  });

  it("a model that cannot run says which column it is missing", () => {
    const onlyValue: ClientBlock = {
      source: "S",
      cells: [
        ["客户编号", "姓名", "保费", "能力"],
        ["1", "a", 5, 3],
        ["2", "b", 6, 4],
      ],
      firstRow: 1,
    };
    const r = run(onlyValue);
    expect(r.models).toEqual({ valueLadder: true, review: false, quadrant: false });
    const reasons = r.issues.map((i) => describeIssue(i.issue, "zh-CN"));
    expect(reasons).toContain("缺少“意愿”列：能力意愿象限未运行。");
  });

  it("writes a Data issues row for every row left out or read with a correction", () => {
    const rows = [
      ["C1", "甲", "张", "12万", 1, 1, 5, 5, 5, 5, 1],
      [null, null, null, null, null, null, null, null, null, null, null],
      ["C1", "重复", "张", 5, 1, 1, 5, 5, 5, 5, 1],
      ["", "无编号", "张", 5, 1, 1, 5, 5, 5, 5, 1],
      ["C2", "乙", "张", -5, 1, 1, 5, 5, 5, 5, 1],
      ["C3", "丙", "张", "#N/A", 1, 1, 5, 5, 5, 5, 1],
      ["C4", "丁", "张", 2e13, 1, 1, 5, 5, 5, 5, 1],
      ["C5", "戊", "张", null, 1, 1, 9, 5, 5, 5, 1],
      ["C6", "己", "张", "lots", 1, 1, 5, 5, 5, 5, 1],
    ];
    const r = run(block(rows, [["2026年客户清单"], []]));
    // header on sheet row 3, data from row 4; the blank row 5 is skipped without a row
    const got = r.issues.map((i) => [i.row, i.column, i.value, i.issue.code]);
    expect(got).toEqual([
      [4, "年缴保费", "12万", "readFromText"],
      [6, "客户编号", "C1", "duplicateId"],
      [7, "客户编号", "", "blankId"],
      [8, "年缴保费", "-5", "negativeValue"],
      [9, "年缴保费", "#N/A", "errorValue"],
      [10, "年缴保费", "20000000000000", "absurdValue"],
      [11, "年缴保费", "", "valueMissing"],
      [11, "保单品质", "9", "indicatorOutOfRange"],
      [12, "年缴保费", "lots", "notANumber"],
    ]);
    // every non-blank row is a client or has a Data issues row: nothing vanishes silently
    expect(r.rowsRead).toBe(8);
    expect(r.clients).toHaveLength(6);
    expect(describeIssue(r.issues[1].issue, "zh-CN")).toBe("客户编号 C1 与第 4 行重复：该行未计入，请合并或更正编号。");
    expect(describeIssue(r.issues[1].issue, "en-US")).toBe("Client id C1 already appears on row 4: this row was left out; merge the rows or correct the id.");
  });

  it("leaves out a totals row and says so; an error in the id cell is named", () => {
    const b: ClientBlock = {
      source: "S",
      cells: [
        ["客户编号", "客户姓名", "保费"],
        ["C1", "甲", 100],
        ["C2", "乙", 50],
        ["合计", "", 150],
        [{ error: "#REF!" }, "丁", 5],
      ],
      firstRow: 1,
    };
    const r = run(b);
    expect(r.clients.map((c) => [c.id, c.tier])).toEqual([
      ["C1", "关键"],
      ["C2", "一般"],
    ]);
    expect(r.issues.map((i) => [i.row, i.value, describeIssue(i.issue, "zh-CN")])).toEqual([
      [4, "合计", "这是合计行（“合计”），不是客户：未计入。"],
      [5, "#REF!", "单元格含错误值 #REF!：请先修正该单元格。"],
    ]);
    const english: ClientBlock = {
      source: "S",
      cells: [
        ["Name", "Premium"],
        ["Ann", 5],
        ["Bo", 7],
        ["Total", 12],
      ],
      firstRow: 1,
    };
    expect(run(english, config, "en-US").clients.map((c) => c.id)).toEqual(["Bo", "Ann"]);
  });

  it("without an id column, tells clients of one name apart by owner, and names a true repeat", () => {
    const b: ClientBlock = {
      source: "S",
      cells: [
        ["客户姓名", "业务员", "保费"],
        ["张伟", "李娜", 100],
        ["张伟", "王强", 50],
        ["张伟", "李娜", 10],
      ],
      firstRow: 1,
    };
    const r = run(b);
    expect(r.clients.map((c) => [c.id, c.name])).toEqual([
      ["张伟 / 李娜", "张伟"],
      ["张伟 / 王强", "张伟"],
    ]);
    expect(r.issues.map((i) => [i.row, i.issue.code])).toEqual([[4, "duplicateName"]]);
  });

  it("a configured column that is not in the header is a Data issues row, and detection is used", () => {
    const r = run(block(tenClients), { version: 1, columns: { value: "2025年保费" } });
    expect(r.total).toBe(200);
    expect(r.issues.map((i) => describeIssue(i.issue, "zh-CN"))).toContain("配置指定“2025年保费”列作为保费，但表头中没有这一列：改用自动识别的列。");
  });

  it("review labels that do not match the cuts are a Data issues row, not silently missing classes", () => {
    const r = run(block(tenClients), { version: 1, review: { labels: ["A", "B"], scaleMax: 5 } });
    expect(r.models.review).toBe(false);
    expect(r.issues.find((i) => i.issue.code === "labelsCount")?.issue.params).toEqual({ expected: 4, actual: 2 });
  });

  it("applies a unit in the header once and says so", () => {
    const b: ClientBlock = {
      source: "S",
      cells: [
        ["客户编号", "保费(万元)"],
        ["1", 1.1],
        ["2", "3"],
      ],
      firstRow: 1,
    };
    const r = run(b);
    expect(r.clients.map((c) => c.value)).toEqual([30000, 11000]);
    expect(r.issues.filter((i) => i.issue.code === "unitApplied")).toHaveLength(1);
  });

  it("refuses an empty table and a sheet without a header, with a clear message", () => {
    expect(segment({ source: "空表", cells: [], firstRow: 1 }, config, "zh-CN")).toEqual({
      ok: false,
      issue: { code: "emptyTable", params: { value: "空表" } },
    });
    expect(segment({ source: "S", cells: [["客户编号", "保费"]], firstRow: 1 }, config, "zh-CN")).toEqual({
      ok: false,
      issue: { code: "emptyTable", params: { value: "S" } },
    });
    const noHeader = segment({ source: "S", cells: [["hello"], [1], [2]], firstRow: 1 }, config, "en-US");
    expect(noHeader.ok).toBe(false);
    if (!noHeader.ok) expect(describeIssue(noHeader.issue, "en-US")).toContain('No header row was found in rows 1–3 of "S"');
  });

  it("counts hidden rows in one Data issues row", () => {
    const r = run({ ...block(tenClients), hiddenRows: 3 });
    expect(r.issues.find((i) => i.issue.code === "hiddenRowsIncluded")?.value).toBe("3");
  });

  it("does not depend on row order", () => {
    const a = run(block(tenClients));
    const b = run(block([...tenClients].reverse()));
    const key = (r: typeof a) => r.clients.map((c) => [c.id, c.tier, c.rank, c.quadrant, c.score, c.reviewClass]).sort();
    expect(key(b)).toEqual(key(a));
  });
});

describe("output sheets", () => {
  const r = run(block(tenClients));
  it("Segments: one row per client with the columns of SPEC section 5, notes carried by id", () => {
    const sheet = segmentsSheet(r, new Map([["C3", "约了下周见面"]]));
    const t = sheet.tables[0];
    expect(sheet.name).toBe("客户分层");
    expect(t.columns.map((c) => c.header)).toEqual([
      "客户编号",
      "客户姓名",
      "业务员",
      "年缴保费",
      "排名",
      "累计占比",
      "分层",
      "评分",
      "评级",
      "象限",
      "源行号",
      "备注",
    ]);
    expect(t.rows[0]).toEqual(["C1", "客户1", "张三", 100, 1, 0.5, "关键", 70, "B", "耕耘", 2, null]);
    expect(t.rows[2][11]).toBe("约了下周见面");
  });
  it("Summary: figures, groups, matrix and the Pareto data the chart draws", () => {
    const sheet = summarySheet(r, "2026-11-22");
    const figures = sheet.blocks[1].cells;
    expect(figures).toContainEqual(["前 20% 客户的保费占比", 0.75]);
    expect(figures).toContainEqual(["达到 80% 保费所需的客户占比", 0.25]);
    expect(sheet.tables.map((t) => t.name)).toEqual(["ClientLadder_Tiers", "ClientLadder_Classes", "ClientLadder_Quadrants", "ClientLadder_Pareto"]);
    expect(sheet.chart?.table).toBe("ClientLadder_Pareto");
    const pareto = sheet.tables[3].rows;
    expect(pareto).toHaveLength(10);
    expect(pareto[1]).toEqual(["客户2", 50, 0.75]);
  });
  it("Pareto points group big books into 20 groups of 5% that add up to the total", () => {
    const many = Array.from({ length: 200 }, (_, i) => [`C${i}`, "n", "o", 1000 - i * 3, 1, 1, 1, 1, 1, 1, 1]);
    const big = run(block(many));
    const points = paretoPoints(big);
    expect(points).toHaveLength(20);
    expect(points[19].cumulative).toBe(1);
    expect(points.reduce((s, p) => s + p.value, 0)).toBeCloseTo(big.total, 6);
  });
  it("Data issues: source row, column, value, reason in the output language", () => {
    const sheet = issuesSheet("en-US", [{ row: 7, column: "Premium", value: "abc", issue: { code: "notANumber", params: { value: "abc" } } }]);
    expect(sheet.name).toBe("Data issues");
    expect(sheet.tables[0].rows).toEqual([[7, "Premium", "abc", '"abc" is not a number: write a number such as 1200, 1,200, ¥3,000, 12万 or 35%.']]);
  });
});

describe("ownership and kept notes", () => {
  it("replaces only owned sheets and never a user's sheet of the same name", () => {
    const plans = placeSheets(
      [
        { key: "segments", name: "客户分层" },
        { key: "summary", name: "分层概览" },
        { key: "issues", name: "数据问题" },
      ],
      ["客户", "客户分层", "分层概览 (old)", "数据问题"],
      [{ key: "issues", name: "数据问题" }],
    );
    expect(plans).toEqual([
      { key: "segments", name: "客户分层 (2)", replace: false, clashedWith: "客户分层" },
      { key: "summary", name: "分层概览", replace: false },
      { key: "issues", name: "数据问题", replace: true },
    ]);
  });
  it("compares names without case and keeps within 31 characters", () => {
    const long = "A".repeat(31);
    const plans = placeSheets([{ key: "segments", name: long }], [long.toLowerCase()], []);
    expect(plans[0].name).toBe(`${"A".repeat(27)} (2)`);
  });
  it("reads notes by id from a re-sorted sheet in either language", () => {
    const cells = [
      ["Client ID", "Name", "Notes"],
      ["C9", "x", "call back"],
      ["C1", "y", null],
      [1001, "z", "VIP"],
    ];
    expect(notesFromSheet(cells)).toEqual(
      new Map([
        ["C9", "call back"],
        ["1001", "VIP"],
      ]),
    );
    expect(
      notesFromSheet([
        ["客户编号", "备注"],
        ["A", "已联系"],
      ]),
    ).toEqual(new Map([["A", "已联系"]]));
    expect(notesFromSheet([["nothing"]]).size).toBe(0);
  });
});

describe("run configuration", () => {
  it("accepts a config file and fills defaults", () => {
    const r = parseRunConfig({ valueLadder: { preset: "abc" }, review: { cuts: [85, 70, 50] } });
    expect(r).toEqual({ ok: true, value: { version: 1, valueLadder: { preset: "abc" }, review: { cuts: [85, 70, 50], scaleMax: 5 } } });
  });
  it("names every problem with its path", () => {
    const r = parseRunConfig({ valueLadder: { preset: "median" }, review: { weights: [1, 2] }, colour: "red" });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems.some((p) => p.startsWith("valueLadder.preset:"))).toBe(true);
      expect(r.problems.some((p) => p.startsWith("review.weights:"))).toBe(true);
      expect(r.problems.some((p) => p.includes("colour"))).toBe(true);
    }
    const zh = parseRunConfig({ valueLadder: { preset: "median" } }, "zh-CN");
    expect(zh.ok).toBe(false);
    if (!zh.ok) expect(zh.problems[0]).toMatch(/^valueLadder\.preset: 无效选项/);
  });
});
