import fc from "fast-check";
import { describeIssue } from "../../src/core/issues";
import {
  CLIENT_FIELDS,
  HEADER_SYNONYMS,
  explainHeader,
  fieldOfHeader,
  findHeaderRow,
  HEADER_SCAN_ROWS,
  locateHeader,
  whereLooked,
  looksChinese,
  mapHeaderRow,
  missingFields,
  type ClientField,
} from "../../src/core/columns";

const HAN = /\p{Script=Han}/u;

describe("the synonyms table", () => {
  it("covers every field, in Chinese and in English", () => {
    expect(Object.keys(HEADER_SYNONYMS).sort()).toEqual([...CLIENT_FIELDS].sort());
    for (const field of CLIENT_FIELDS) {
      expect(HEADER_SYNONYMS[field].some((s) => HAN.test(s))).toBe(true);
      expect(HEADER_SYNONYMS[field].some((s) => !HAN.test(s))).toBe(true);
    }
  });

  it.each(CLIENT_FIELDS.flatMap((field) => HEADER_SYNONYMS[field].map((synonym) => [synonym, field] as const)))("reads %s as %s", (synonym, field) => {
    expect(fieldOfHeader(synonym)?.field).toBe(field);
  });

  it("never gives one header text to two fields", () => {
    const owner = new Map<string, ClientField>();
    for (const field of CLIENT_FIELDS) {
      for (const synonym of HEADER_SYNONYMS[field]) {
        const key = synonym
          .normalize("NFKC")
          .toLowerCase()
          .replace(/[\s_.-]+/g, "");
        expect([key, owner.get(key) ?? field]).toEqual([key, field]);
        owner.set(key, field);
      }
    }
  });
});

describe("fieldOfHeader", () => {
  it.each<[string, ClientField]>([
    ["客户编号", "id"],
    ["客户号", "id"],
    ["客户代码", "id"],
    ["客户ID", "id"],
    ["编号", "id"],
    ["Client ID", "id"],
    ["Customer ID", "id"],
    ["ID", "id"],
    ["Client No.", "id"],
    ["客户姓名", "name"],
    ["姓名", "name"],
    ["客户名称", "name"],
    ["客户名", "name"],
    ["客户", "name"],
    ["投保人", "name"],
    ["Name", "name"],
    ["Client", "name"],
    ["Customer", "name"],
    ["Client Name", "name"],
    ["业务员", "owner"],
    ["代理人", "owner"],
    ["服务人员", "owner"],
    ["营销员", "owner"],
    ["经办人", "owner"],
    ["归属人", "owner"],
    ["客户经理", "owner"],
    ["Owner", "owner"],
    ["Agent", "owner"],
    ["Advisor", "owner"],
    ["Account Manager", "owner"],
    ["保费", "value"],
    ["规模保费", "value"],
    ["年缴保费", "value"],
    ["年化保费", "value"],
    ["标准保费", "value"],
    ["标保", "value"],
    ["总保费", "value"],
    ["价值", "value"],
    ["客户价值", "value"],
    ["佣金", "value"],
    ["CLV", "value"],
    ["Premium", "value"],
    ["Annual Premium", "value"],
    ["Value", "value"],
    ["Commission", "value"],
    ["能力", "ability"],
    ["购买能力", "ability"],
    ["经济能力", "ability"],
    ["可投资资产", "ability"],
    ["流动资产", "ability"],
    ["年收入", "ability"],
    ["收入", "ability"],
    ["Ability", "ability"],
    ["Income", "ability"],
    ["Liquid Assets", "ability"],
    ["意愿", "willingness"],
    ["购买意愿", "willingness"],
    ["亲密度", "willingness"],
    ["亲近度", "willingness"],
    ["成熟度", "willingness"],
    ["Willingness", "willingness"],
    ["Closeness", "willingness"],
    ["Maturity", "willingness"],
    ["保单品质", "policyQuality"],
    ["保单质量", "policyQuality"],
    ["Policy Quality", "policyQuality"],
    ["保险意识", "awareness"],
    ["Insurance Awareness", "awareness"],
    ["Awareness", "awareness"],
    ["满意度", "satisfaction"],
    ["客户满意度", "satisfaction"],
    ["Satisfaction", "satisfaction"],
    ["经济条件", "economic"],
    ["经济状况", "economic"],
    ["Economic Condition", "economic"],
    ["流动性", "mobility"],
    ["流动率", "mobility"],
    ["Mobility", "mobility"],
    ["生日", "birthDate"],
    ["出生日期", "birthDate"],
    ["出生年月", "birthDate"],
    ["Birthday", "birthDate"],
    ["Birth Date", "birthDate"],
    ["Date of Birth", "birthDate"],
    ["DOB", "birthDate"],
    ["投保日期", "policyDate"],
    ["承保日期", "policyDate"],
    ["生效日期", "policyDate"],
    ["保单生效日", "policyDate"],
    ["Policy Date", "policyDate"],
    ["Issue Date", "policyDate"],
    ["Effective Date", "policyDate"],
    ["续期日期", "renewalDate"],
    ["续保日期", "renewalDate"],
    ["缴费日期", "renewalDate"],
    ["应缴日", "renewalDate"],
    ["Renewal Date", "renewalDate"],
    ["Renewal Due", "renewalDate"],
    ["Due Date", "renewalDate"],
    ["最近联系", "lastContact"],
    ["最后联系日期", "lastContact"],
    ["上次拜访", "lastContact"],
    ["最近拜访日期", "lastContact"],
    ["Last Contact", "lastContact"],
    ["Last Visit", "lastContact"],
  ])("maps %s to %s", (header, field) => {
    expect(fieldOfHeader(header)).toEqual({ field, unitMultiplier: 1 });
  });

  it.each<[string, ClientField]>([
    ["  client   id ", "id"],
    ["CLIENT ID", "id"],
    ["clientId", "id"],
    ["client_id", "id"],
    ["ＩＤ", "id"],
    ["Ｃｌｉｅｎｔ　ＩＤ", "id"],
    ["客户 姓名", "name"],
    ["*客户姓名：", "name"],
    ["客户姓名*", "name"],
    ["Premium:", "value"],
    ["date of birth", "birthDate"],
    ["D.O.B.", "birthDate"],
    ["birthDate", "birthDate"],
    ["LAST-CONTACT", "lastContact"],
  ])("normalises spacing, case, full-width letters and markers: %j is %s", (header, field) => {
    expect(fieldOfHeader(header)?.field).toBe(field);
  });

  it.each<[string, ClientField, number, string]>([
    ["保费(万元)", "value", 10000, "万元"],
    ["保费（万元）", "value", 10000, "万元"],
    ["保费（元）", "value", 1, "元"],
    ["Premium (CNY)", "value", 1, "CNY"],
    ["Premium [USD]", "value", 1, "USD"],
    ["Premium ($)", "value", 1, "$"],
    ["保费(¥)", "value", 1, "¥"],
    ["规模保费(RMB)", "value", 1, "RMB"],
    ["年收入(万)", "ability", 10000, "万"],
    ["年收入【万元】", "ability", 10000, "万元"],
    ["可投资资产(亿元)", "ability", 1e8, "亿元"],
    ["可投资资产(亿)", "ability", 1e8, "亿"],
    ["佣金(千元)", "value", 1000, "千元"],
    ["佣金(千)", "value", 1000, "千"],
    ["Premium (USD k)", "value", 1000, "USD k"],
    ["Premium (in thousands)", "value", 1000, "in thousands"],
    ["保费(百万)", "value", 1e6, "百万"],
    ["保费(百万元)", "value", 1e6, "百万元"],
    ["保费(单位：万元)", "value", 10000, "万元"],
    ["保费(万元/年)", "value", 10000, "万元/年"],
    ["保费/万元", "value", 10000, "万元"],
    ["保费万元", "value", 10000, "万元"],
    ["保费(万元)(必填)", "value", 10000, "万元"],
  ])("reads the unit of %s: %s x %d", (header, field, unitMultiplier, unit) => {
    expect(fieldOfHeader(header)).toEqual({ field, unitMultiplier, unit });
  });

  it("notes a percent unit but never applies it", () => {
    expect(fieldOfHeader("满意度(%)")).toEqual({ field: "satisfaction", unitMultiplier: 1, unit: "%" });
    expect(fieldOfHeader("满意度%")).toEqual({ field: "satisfaction", unitMultiplier: 1, unit: "%" });
    expect(fieldOfHeader("保险意识（百分比）")).toEqual({ field: "awareness", unitMultiplier: 1, unit: "%" });
  });

  it("strips a bracketed note that is not a unit, without a multiplier", () => {
    expect(fieldOfHeader("客户姓名(必填)")).toEqual({ field: "name", unitMultiplier: 1 });
    expect(fieldOfHeader("保单品质(1-5)")).toEqual({ field: "policyQuality", unitMultiplier: 1 });
    expect(fieldOfHeader("出生日期（YYYY-MM-DD）")).toEqual({ field: "birthDate", unitMultiplier: 1 });
    expect(fieldOfHeader("【必填】客户编号")).toEqual({ field: "id", unitMultiplier: 1 });
    expect(fieldOfHeader("姓名(Name)")).toEqual({ field: "name", unitMultiplier: 1 });
  });

  describe("compound headers: exact first, else the longest synonym whose other words are only qualifiers", () => {
    it.each<[string, ClientField]>([
      ["2025年缴保费", "value"],
      ["2025年保费", "value"],
      ["保费合计", "value"],
      ["Total Premium", "value"],
      ["Premium YTD", "value"],
      ["客户姓名必填", "name"],
      ["客户生日", "birthDate"],
      ["投保人生日", "birthDate"],
      ["Client DOB", "birthDate"],
      ["满意度评分", "satisfaction"],
      ["收入等级", "ability"],
      ["Satisfaction Score", "satisfaction"],
      ["业务员姓名", "owner"],
      ["Agent Name", "owner"],
      ["客户经理姓名", "owner"],
      ["Premium Due Date", "renewalDate"],
    ])("reads %s as %s", (header, field) => {
      expect(fieldOfHeader(header)?.field).toBe(field);
    });

    it.each([
      "客户电话", // 客户 beside a word that is not a qualifier
      "代理人编号", // the agent's code, neither the owner's name nor the client's id
      "2026年客户清单", // a title
      "续期保费", // a renewal premium amount, not the yearly value
      "Maturity Date", // a policy date, not the maturity of the relationship
      "客户评分", // a score, but of what
      "Policy No.",
      "保单号",
      "业务员/客户", // two parts naming two fields
      "业务员\n客户",
      "Cash Value",
    ])("leaves %s unknown", (header) => {
      expect(fieldOfHeader(header)).toBeUndefined();
    });
  });

  it("reads bilingual headers when both parts agree", () => {
    expect(fieldOfHeader("客户姓名 Client Name")?.field).toBe("name");
    expect(fieldOfHeader("姓名/Name")?.field).toBe("name");
    expect(fieldOfHeader("保费\nPremium (万元)")).toEqual({ field: "value", unitMultiplier: 10000, unit: "万元" });
  });

  it.each(["序号", "No.", "#"])("does not take the row counter %s for a client id", (header) => {
    expect(fieldOfHeader(header)).toBeUndefined();
  });

  it.each<unknown>([undefined, null, "", "   ", 42, true, new Date(2025, 0, 1), ["保费"]])("gives undefined for %p", (cell) => {
    expect(fieldOfHeader(cell)).toBeUndefined();
  });
});

describe("mapHeaderRow", () => {
  it("maps each column, reports unknown headers and ignores blank cells", () => {
    const result = mapHeaderRow(["序号", "客户编号", "", null, "姓名", "保费(万元)", "备注", undefined, 7]);
    expect(result.columns).toEqual([
      { field: "id", column: 1, header: "客户编号", unitMultiplier: 1 },
      { field: "name", column: 4, header: "姓名", unitMultiplier: 1 },
      { field: "value", column: 5, header: "保费(万元)", unitMultiplier: 10000, unit: "万元" },
    ]);
    expect(result.duplicates).toEqual([]);
    expect(result.unknown).toEqual([
      { column: 0, header: "序号" },
      { column: 6, header: "备注" },
      { column: 8, header: "7" },
    ]);
  });

  it("keeps the first column of a field and reports the later ones as duplicates", () => {
    const result = mapHeaderRow(["姓名", "Premium", "客户名称", "年缴保费", "业务员", "保费(万元)"]);
    expect(result.columns.map((c) => [c.field, c.column])).toEqual([
      ["name", 0],
      ["value", 1],
      ["owner", 4],
    ]);
    expect(result.duplicates).toEqual([
      { field: "name", column: 2, header: "客户名称", unitMultiplier: 1 },
      { field: "value", column: 3, header: "年缴保费", unitMultiplier: 1 },
      { field: "value", column: 5, header: "保费(万元)", unitMultiplier: 10000, unit: "万元" },
    ]);
  });

  it("keeps the header as written, trimmed", () => {
    expect(mapHeaderRow(["  Client ID "]).columns[0].header).toBe("Client ID");
  });

  it("survives a sparse row", () => {
    const headers: unknown[] = [];
    headers[3] = "Name";
    expect(mapHeaderRow(headers)).toEqual({
      columns: [{ field: "name", column: 3, header: "Name", unitMultiplier: 1 }],
      duplicates: [],
      unknown: [],
    });
  });
});

describe("findHeaderRow", () => {
  it("finds the header on row 3 under a merged title row and a blank row", () => {
    const rows: unknown[][] = [
      ["2026年客户清单", null, null, null, null],
      [null, null, null, null, null],
      ["客户编号", "客户姓名", "业务员", "年缴保费(万元)", "生日"],
      ["C001", "张三", "李四", 12.5, new Date(1980, 4, 1)],
      ["C002", "王五", "李四", 3, 29000],
    ];
    const found = findHeaderRow(rows);
    expect(found?.row).toBe(2);
    expect(found?.columns.map((c) => c.field)).toEqual(["id", "name", "owner", "value", "birthDate"]);
    expect(found?.columns[3].unitMultiplier).toBe(10000);
  });

  it("finds an English header below an empty first row", () => {
    const rows: unknown[][] = [[], ["Client Name", "Agent", "Premium (CNY)", "Notes"], ["Ann", "Bob", 1200, ""]];
    const found = findHeaderRow(rows);
    expect(found?.row).toBe(1);
    expect(found?.unknown).toEqual([{ column: 3, header: "Notes" }]);
  });

  it("gives undefined for an empty table", () => {
    expect(findHeaderRow([])).toBeUndefined();
    expect(findHeaderRow([[], [null, ""], ["", undefined]])).toBeUndefined();
  });

  it("does not take a row of numbers for a header", () => {
    expect(
      findHeaderRow([
        [1, 2, 3],
        [4, 5, 6],
      ]),
    ).toBeUndefined();
    expect(
      findHeaderRow([
        [2024, 2025, 2026],
        ["客户编号", "姓名", "保费"],
        [1, 2, 3],
      ])?.row,
    ).toBe(1);
  });

  it("does not take a title that names a single field", () => {
    expect(findHeaderRow([["客户"], ["x", "y"]])).toBeUndefined();
    expect(findHeaderRow([["客户"], ["Name", "Premium"]])?.row).toBe(1);
  });

  it("prefers the row naming the most fields, the earliest on a tie", () => {
    const rows: unknown[][] = [
      ["姓名", "保费"],
      ["客户编号", "姓名", "保费"],
      ["客户编号", "姓名", "保费"],
    ];
    expect(findHeaderRow(rows)?.row).toBe(1);
    expect(
      findHeaderRow([
        ["姓名", "保费"],
        ["Name", "Premium"],
      ])?.row,
    ).toBe(0);
  });

  it("looks only at the first maxScan rows", () => {
    const rows: unknown[][] = [...Array.from({ length: 35 }, () => []), ["Name", "Premium"]];
    expect(findHeaderRow(rows, 30)).toBeUndefined();
    expect(findHeaderRow(rows, 40)?.row).toBe(35);
    // the default window is HEADER_SCAN_ROWS: a header on row 36 is found, one on row 201 is not
    expect(findHeaderRow(rows)?.row).toBe(35);
    expect(HEADER_SCAN_ROWS).toBe(200);
    expect(findHeaderRow([...Array.from({ length: 200 }, () => []), ["Name", "Premium"]])).toBeUndefined();
    expect(findHeaderRow([["Name", "Premium"]], 0)).toBeUndefined();
  });

  it("is unaffected by blank rows inserted above: the row index shifts by that many", () => {
    const synonym = fc.constantFrom(...CLIENT_FIELDS.flatMap((f) => HEADER_SYNONYMS[f]));
    const headerCell = fc.oneof(synonym, fc.constant(""), fc.constant("备注"), fc.constant(null));
    const dataCell = fc.oneof(fc.integer(), fc.double({ noNaN: true }), fc.string({ maxLength: 6 }), fc.constant(null));
    const blankRow = fc.oneof(fc.constant<unknown[]>([]), fc.array(fc.constantFrom<unknown>(null, undefined, "", "   "), { maxLength: 6 }));
    fc.assert(
      fc.property(
        fc.array(blankRow, { maxLength: 3 }),
        fc.array(headerCell, { minLength: 2, maxLength: 8 }),
        fc.array(fc.array(dataCell, { maxLength: 8 }), { maxLength: 5 }),
        fc.array(blankRow, { maxLength: 15 }),
        (above, header, data, inserted) => {
          const table: unknown[][] = [...above, header, ...data];
          const before = findHeaderRow(table);
          const after = findHeaderRow([...inserted, ...table]);
          if (before === undefined) {
            expect(after).toBeUndefined();
          } else {
            expect(after).toEqual({ ...before, row: before.row + inserted.length });
          }
        },
      ),
    );
  });
});

describe("missingFields", () => {
  it("names the columns a model needs and the table lacks, in the order needed", () => {
    const { columns } = mapHeaderRow(["保单品质", "满意度", "流动性"]);
    expect(missingFields(columns, ["policyQuality", "awareness", "satisfaction", "economic", "mobility"])).toEqual(["awareness", "economic"]);
    expect(missingFields(columns, ["satisfaction"])).toEqual([]);
    expect(missingFields([], ["value", "value"])).toEqual(["value"]);
  });
});

describe("looksChinese", () => {
  it("is true when most headers are Chinese", () => {
    expect(looksChinese(["客户编号", "客户姓名", "保费(万元)", "Notes"])).toBe(true);
    expect(looksChinese(["客户ID", "姓名", "Premium"])).toBe(true);
  });

  it("is false when most headers are English", () => {
    expect(looksChinese(["Client ID", "Name", "Premium", "备注"])).toBe(false);
    expect(looksChinese(["Client ID", "Name", "保费"])).toBe(false);
  });

  it("counts only recognised headers when there are any", () => {
    expect(looksChinese(["Name", "Premium", "备注一", "备注二", "备注三"])).toBe(false);
  });

  it("falls back to every header with letters when none is recognised", () => {
    expect(looksChinese(["备注", "其他", "Misc", 2025])).toBe(true);
    expect(looksChinese(["Remarks", "Other", "其他"])).toBe(false);
  });

  it("is false for a blank or numeric row", () => {
    expect(looksChinese([])).toBe(false);
    expect(looksChinese([null, "", 1, 2])).toBe(false);
  });
});

describe("explainHeader", () => {
  it("says a header is one of the field's synonyms, markers and notes aside", () => {
    expect(explainHeader("客户姓名")).toEqual({ field: "name", how: "synonym", synonyms: ["客户姓名"], unitMultiplier: 1 });
    expect(explainHeader("*客户 姓名(必填)")).toEqual({ field: "name", how: "synonym", synonyms: ["客户姓名"], unitMultiplier: 1 });
    expect(explainHeader("client_id")).toEqual({ field: "id", how: "synonym", synonyms: ["Client ID"], unitMultiplier: 1 });
  });

  it("names the synonym found among qualifier words", () => {
    expect(explainHeader("2025年缴保费")).toEqual({ field: "value", how: "qualified", synonyms: ["年缴保费"], unitMultiplier: 1 });
    expect(explainHeader("客户生日")).toEqual({ field: "birthDate", how: "qualified", synonyms: ["生日"], unitMultiplier: 1 });
  });

  it("names both synonyms of a bilingual header", () => {
    expect(explainHeader("客户姓名 Client Name")).toEqual({ field: "name", how: "bilingual", synonyms: ["客户姓名", "Client Name"], unitMultiplier: 1 });
    expect(explainHeader("保费(万元)/Premium")).toEqual({
      field: "value",
      how: "bilingual",
      synonyms: ["保费", "Premium"],
      unitMultiplier: 10000,
      unit: "万元",
    });
  });

  it("gives the unit that multiplies the numbers", () => {
    expect(explainHeader("保费(万元)")).toEqual({ field: "value", how: "synonym", synonyms: ["保费"], unitMultiplier: 10000, unit: "万元" });
    expect(explainHeader("保费万元")).toEqual({ field: "value", how: "synonym", synonyms: ["保费"], unitMultiplier: 10000, unit: "万元" });
  });

  it("agrees with fieldOfHeader, and explains nothing that is not a header", () => {
    for (const header of ["保费(万元)", "2025年缴保费", "姓名/Name", "备注", "业务员/客户"]) {
      const reason = explainHeader(header);
      const found = fieldOfHeader(header);
      expect(
        reason === undefined ? undefined : { field: reason.field, unitMultiplier: reason.unitMultiplier, ...(reason.unit ? { unit: reason.unit } : {}) },
      ).toEqual(found);
    }
    expect(explainHeader("备注")).toBeUndefined();
    expect(explainHeader(42)).toBeUndefined();
  });
});

describe("locateHeader: the header the run reads, and where it looked when there is none", () => {
  const below = (n: number): unknown[][] => [["客户清单"], ...Array.from({ length: n - 2 }, () => []), ["客户编号", "姓名", "保费"], ["C1", "甲", 1]];

  it("finds a header on row 150 without being told (the window is wider than 30 rows)", () => {
    const r = locateHeader({ source: "名单", cells: below(150), firstRow: 1 });
    expect(r.ok && r.value.row).toBe(149);
  });

  it("says which rows of which sheet it looked at, counted from the block's first sheet row", () => {
    const r = locateHeader({ source: "名单", cells: below(250), firstRow: 3 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issue).toEqual({ code: "noHeaderRow", params: { value: "名单", first: 3, last: 202 } });
      expect(describeIssue(r.issue, "zh-CN")).toContain("在“名单”的第 3–202 行中没有找到表头");
      expect(describeIssue(r.issue, "en-US")).toContain('rows 3–202 of "名单"');
    }
  });

  it("takes the header row the user gives (a sheet row number), even below the window", () => {
    const r = locateHeader({ source: "名单", cells: below(250), firstRow: 3 }, 252);
    expect(r.ok && r.value.row).toBe(249);
    expect(r.ok && r.value.columns.map((c) => c.field)).toEqual(["id", "name", "value"]);
  });

  it("refuses a given row with no known column name, or outside the block, saying which", () => {
    const cells = below(40);
    const blank = locateHeader({ source: "S", cells, firstRow: 1 }, 1);
    expect(blank.ok ? null : blank.issue).toEqual({ code: "headerRowUnknown", params: { row: 1, value: "S" } });
    const outside = locateHeader({ source: "S", cells, firstRow: 1 }, 500);
    expect(outside.ok ? null : outside.issue).toEqual({ code: "headerRowOutside", params: { row: 500, value: "S", first: 1, last: 41 } });
  });

  it("names the places looked at in the user's language", () => {
    const areas = [
      { source: "名单", first: 1, last: 200 },
      { source: "Sheet2", first: 1, last: 5 },
    ];
    expect(whereLooked(areas, "zh-CN")).toBe("“名单”第 1–200 行、“Sheet2”第 1–5 行");
    expect(whereLooked(areas, "en-US")).toBe('rows 1–200 of "名单"; rows 1–5 of "Sheet2"');
  });
});
