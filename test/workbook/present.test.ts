/*
 * Issue 10, items 2-4, in both hosts: the Calendar's done column takes only the done word (a list
 * validation with a stop alert), overdue actions and tier/quadrant cells are coloured and the value
 * column has data bars (conditional formats), and every sheet has its page setup (orientation by
 * width, one page wide, header row repeated, footer with sheet name, run date and page number; the
 * Summary on one page; Targets one owner per page). The same clients run through the fake Excel and
 * through the .xlsx package host; what each wrote is read back into one shape, checked against
 * values worked out here and compared between the hosts.
 */
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { ExcelHost } from "../../src/workbook/excel";
import { PackageHost } from "../../src/workbook/package/host";
import { runSegmentation } from "../../src/workbook/run";
import { FakeWorkbook, type FakeSheet } from "./excel-fake";

const AS_OF = "2026-01-15";
const NAMES = "王伟 李娜 张敏 刘洋 陈静 杨磊 黄强 赵军 吴艳 周杰 徐娟 孙涛 马明 朱超 胡秀 郭霞 何平 高刚 林英 罗华".split(" ");
const HEADER = ["客户编号", "客户姓名", "业务员", "保费", "能力", "意愿", "出生日期", "投保日期", "续期日期", "最近联系"];
const serial = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000 + 25569;

/** 20 clients, two owners (王强, 李娜), K012 last seen a year ago (an overdue visit). */
function rows(date: (y: number, m: number, d: number) => unknown): unknown[][] {
  return NAMES.map((n, i) => [
    `K${String(i + 1).padStart(3, "0")}`,
    n,
    i % 2 ? "李娜" : "王强",
    (i + 1) * 10000,
    100 + i,
    1 + (i % 10),
    date(1980 + i, 1 + (i % 12), 1 + i),
    date(2015, 1 + ((i + 3) % 12), 5 + i),
    date(2026, 1 + ((i + 3) % 12), 5 + i),
    i % 3 === 0 ? null : i === 11 ? date(2025, 1, 10) : date(2025, 12, 1 + i),
  ]);
}

/** What a sheet is dressed with, the same shape from either host. */
interface Dressing {
  formats: { type: string; range: string; formula?: string; fill?: string; font?: string; color?: string }[];
  validations: { range: string; list: string; title?: string; message?: string; stop: boolean }[];
  page?: { orientation: string; wide: number; tall: number; titles?: string; footer: string[]; breaks: number[] };
}

const letter = (c: number) => {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};
const a1 = (r: { row: number; column: number; rows: number; columns: number }) =>
  `${letter(r.column)}${r.row + 1}${r.rows * r.columns > 1 ? `:${letter(r.column + r.columns - 1)}${r.row + r.rows}` : ""}`;

function fromFake(sheet: FakeSheet): Dressing {
  const p = sheet.pageLayout;
  return {
    formats: sheet.conditionalFormats.map((cf) =>
      cf.type === "DataBar"
        ? { type: "dataBar", range: a1(cf.rect), color: cf.dataBar?.fillColor }
        : {
            type: cf.type === "CellValue" ? "equals" : "expression",
            range: a1(cf.rect),
            formula: (cf.rule?.formula1 ?? cf.rule?.formula)!.replace(/^=/, ""),
            fill: cf.fill,
            font: cf.font,
          },
    ),
    validations: sheet.validations.map((v) => ({
      range: a1(v.rect),
      list: v.rule!.list!.source,
      title: v.errorAlert?.title,
      message: v.errorAlert?.message,
      stop: v.errorAlert?.style === "Stop" && v.errorAlert.showAlert !== false,
    })),
    page: p.orientation
      ? {
          orientation: p.orientation.toLowerCase(),
          wide: p.zoom!.horizontalFitToPages!,
          tall: p.zoom!.verticalFitToPages!,
          titles: p.printTitleRows,
          footer: [p.footer.left!, p.footer.center!, p.footer.right!],
          breaks: sheet.pageBreaks,
        }
      : undefined,
  };
}

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
const unescape = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

/** The dressing of each sheet of a package, read from its XML (and the dxfs of styles.xml, the print titles of workbook.xml). */
function fromPackage(bytes: Uint8Array): Map<string, Dressing> {
  const files = unzipSync(bytes);
  const text = (n: string) => strFromU8(files[n]);
  const workbook = text("xl/workbook.xml");
  const rels = text("xl/_rels/workbook.xml.rels");
  const dxfs = [...text("xl/styles.xml").matchAll(/<dxf>([\s\S]*?)<\/dxf>/g)].map((m) => ({
    font: `#${/<font><color rgb="FF(\w{6})"/.exec(m[1])?.[1]}`,
    fill: `#${/<bgColor rgb="FF(\w{6})"/.exec(m[1])?.[1]}`,
  }));
  const titles = new Map(
    [...workbook.matchAll(/<definedName name="_xlnm.Print_Titles" localSheetId="(\d+)">([^<]*)<\/definedName>/g)].map((m) => [
      Number(m[1]),
      unescape(m[2]).replace(/^.*!/, ""),
    ]),
  );
  const out = new Map<string, Dressing>();
  [...workbook.matchAll(/<sheet [^>]*\/>/g)].forEach((m, i) => {
    const rid = attr(m[0], "r:id");
    const target = attr(new RegExp(`<Relationship Id="${rid}"[^>]*>`).exec(rels)![0], "Target")!;
    const xml = text(`xl/${target.replace(/^\/?xl\//, "")}`);
    const formats = [...xml.matchAll(/<conditionalFormatting sqref="([^"]+)">(<cfRule [^>]*>)([\s\S]*?)<\/cfRule><\/conditionalFormatting>/g)]
      .map((c) => ({ c, priority: Number(attr(c[2], "priority")) }))
      .sort((a, b) => a.priority - b.priority)
      .map(({ c }) => {
        const type = attr(c[2], "type");
        if (type === "dataBar") return { type: "dataBar", range: c[1], color: `#${/<color rgb="FF(\w{6})"/.exec(c[3])![1]}` };
        const dxf = dxfs[Number(attr(c[2], "dxfId"))];
        return {
          type: type === "cellIs" ? "equals" : "expression",
          range: c[1],
          formula: unescape(/<formula>([\s\S]*?)<\/formula>/.exec(c[3])![1]),
          fill: dxf.fill,
          font: dxf.font,
        };
      });
    const validations = [...xml.matchAll(/(<dataValidation [^>]*>)<formula1>([^<]*)<\/formula1>/g)].map((v) => ({
      range: attr(v[1], "sqref")!,
      list: unescape(v[2]).replace(/^"|"$/g, ""),
      title: unescape(attr(v[1], "errorTitle") ?? ""),
      message: unescape(attr(v[1], "error") ?? ""),
      stop: attr(v[1], "showErrorMessage") === "1" && (attr(v[1], "errorStyle") ?? "stop") === "stop",
    }));
    const setup = /<pageSetup [^>]*>/.exec(xml)?.[0];
    const footer = /<oddFooter>([\s\S]*?)<\/oddFooter>/.exec(xml)?.[1];
    const sections = footer ? /^&L(.*)&C(.*)&R(.*)$/.exec(unescape(footer))!.slice(1) : [];
    out.set(unescape(attr(m[0], "name")!), {
      formats,
      validations,
      page: setup
        ? {
            orientation: attr(setup, "orientation")!,
            // fitTo* apply only with sheetPr/pageSetUpPr fitToPage="1"
            wide: /<pageSetUpPr fitToPage="1"\/>/.test(xml) ? Number(attr(setup, "fitToWidth") ?? 1) : -1,
            tall: /<pageSetUpPr fitToPage="1"\/>/.test(xml) ? Number(attr(setup, "fitToHeight") ?? 1) : -1,
            titles: titles.get(i),
            footer: sections,
            breaks: [...xml.matchAll(/<brk id="(\d+)"[^>]*man="1"/g)].map((b) => Number(b[1])),
          }
        : undefined,
    });
  });
  return out;
}

async function excelRun(apiVersion = "1.17"): Promise<FakeWorkbook> {
  const wb = new FakeWorkbook([{ name: "客户名单", cells: [HEADER, ...rows(serial)] }]);
  wb.apiVersion = apiVersion;
  const outcome = await runSegmentation(
    new ExcelHost(
      wb.run,
      (v) => wb.supports(v),
      async () => true,
    ),
    { asOf: AS_OF },
  );
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.issue));
  return wb;
}

async function clientBook(): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet("客户名单");
  ws.addRow(HEADER);
  for (const r of rows((y, m, d) => new Date(Date.UTC(y, m - 1, d)))) ws.addRow(r);
  // the user's own names: kept whatever the run does
  book.definedNames.add("客户名单!$A$1:$A$21", "客户编号列");
  return new Uint8Array(await book.xlsx.writeBuffer());
}

async function packageRun(bytes: Uint8Array): Promise<Uint8Array> {
  const host = PackageHost.fromBytes(bytes);
  const outcome = await runSegmentation(host, { asOf: AS_OF });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.issue));
  return host.toBytes();
}

const LIGHT = { blue: "#B3D5E8", bluishGreen: "#B3E2D5", skyBlue: "#CCE9F8", yellow: "#FBF7C6", reddishPurple: "#F0D7E5", vermillion: "#F2CFB3" };
const DARK = "#1A1A1A";
const FOOTER = ["&A", AS_OF, "&P / &N"];

describe("checkable actions, print-ready pages and colour, in both hosts", () => {
  let excel: FakeWorkbook;
  let pkg: Map<string, Dressing>;
  let bytes: Uint8Array;

  beforeAll(async () => {
    excel = await excelRun();
    bytes = await packageRun(await clientBook());
    pkg = fromPackage(bytes);
  });

  const both = (name: string): Dressing[] => [fromFake(excel.sheet(name)!), pkg.get(name)!];
  const calendarRows = () => excel.sheet("行动日历")!.used()!.rows - 1;

  test("the Calendar's done column takes only 完成, with a stop alert; overdue date and remark cells are in the warning colour", () => {
    const n = calendarRows();
    expect(n).toBeGreaterThan(20);
    for (const d of both("行动日历")) {
      expect(d.validations).toEqual([{ range: `G2:G${n + 1}`, list: "完成", title: "只能填写“完成”", message: expect.stringContaining("完成"), stop: true }]);
      const overdue = { type: "expression", formula: 'AND(ISNUMBER($A2),$A2<TODAY(),$G2="")', fill: LIGHT.vermillion, font: "#7A2E00" };
      expect(d.formats).toEqual([
        { ...overdue, range: `A2:A${n + 1}` },
        { ...overdue, range: `F2:F${n + 1}` },
      ]);
    }
  });

  test("Segments: data bars on the premium, tiers and quadrants in the Okabe-Ito tints, dark text", () => {
    const segments = excel.sheet("客户分层")!;
    const header = segments.values({ row: 0, column: 0, rows: 1, columns: 12 })[0];
    expect([header[3], header[6], header[9]]).toEqual(["保费", "分层", "象限"]);
    for (const d of both("客户分层")) {
      expect(d.formats[0]).toEqual({ type: "dataBar", range: "D2:D21", color: "#56B4E9" });
      const equals = (range: string, text: string, fill: string) => ({ type: "equals", range, formula: `"${text}"`, fill, font: DARK });
      expect(d.formats.slice(1)).toEqual([
        equals("G2:G21", "关键", LIGHT.blue),
        equals("G2:G21", "重点", LIGHT.bluishGreen),
        equals("G2:G21", "一般", LIGHT.skyBlue),
        equals("G2:G21", "维持", LIGHT.yellow),
        equals("J2:J21", "宠爱", LIGHT.bluishGreen),
        equals("J2:J21", "耕耘", LIGHT.skyBlue),
        equals("J2:J21", "维系", LIGHT.yellow),
        equals("J2:J21", "开发", LIGHT.reddishPurple),
      ]);
      expect(d.validations).toEqual([]);
    }
  });

  test("Plans: the legend of the marks on row 1, the table from row 2; tiers and quadrants coloured in their columns", () => {
    const plans = excel.sheet("经营计划")!;
    expect(plans.values({ row: 0, column: 0, rows: 1, columns: 1 })[0][0]).toBe("标记：√ 提供（基础） · ☆ 战略重点 · ◎ 酌情 · × 不提供");
    const header = plans.values({ row: 1, column: 0, rows: 1, columns: 5 })[0];
    expect([header[3], header[4]]).toEqual(["分层", "象限"]);
    for (const d of both("经营计划")) {
      const ranges = [...new Set(d.formats.map((f) => f.range))];
      expect(ranges).toEqual(["D3:D22", "E3:E22"]);
    }
  });

  test("page setup of every sheet: orientation by width, one page wide, header repeated, footer; Summary on one page", () => {
    const expected: Record<string, Dressing["page"]> = {
      分层概览: { orientation: "landscape", wide: 1, tall: 1, titles: undefined, footer: FOOTER, breaks: [] },
      客户分层: { orientation: "landscape", wide: 1, tall: 0, titles: "$1:$1", footer: FOOTER, breaks: [] },
      // the legend of the marks above the header: both repeated on each page
      经营计划: { orientation: "landscape", wide: 1, tall: 0, titles: "$1:$2", footer: FOOTER, breaks: [] },
      行动日历: { orientation: "portrait", wide: 1, tall: 0, titles: "$1:$1", footer: FOOTER, breaks: [] },
      经营手册: { orientation: "landscape", wide: 1, tall: 0, titles: undefined, footer: FOOTER, breaks: [] },
      数据问题: { orientation: "landscape", wide: 1, tall: 0, titles: "$1:$1", footer: FOOTER, breaks: [] },
    };
    for (const [name, page] of Object.entries(expected)) for (const d of both(name)) expect({ name, page: d.page }).toEqual({ name, page });
    // the client sheet is the user's: no page setup written (ExcelJS wrote a plain pageSetup there, left as it was)
    expect(fromFake(excel.sheet("客户名单")!).page).toBeUndefined();
    expect(pkg.get("客户名单")!.page).toMatchObject({ wide: -1, tall: -1, titles: undefined, footer: [] });
  });

  test("Targets print one owner per page: a break before the first row of each owner after the first", () => {
    const sheet = excel.sheet("目标名单")!;
    const owners = sheet.values({ row: 1, column: 0, rows: sheet.used()!.rows - 1, columns: 1 }).map((r) => r[0]);
    expect(new Set(owners)).toEqual(new Set(["王强", "李娜"]));
    const firstOfSecond = owners.findIndex((o) => o !== owners[0]);
    expect(owners.slice(firstOfSecond).every((o) => o === owners[firstOfSecond])).toBe(true);
    for (const d of both("目标名单"))
      expect(d.page).toEqual({ orientation: "portrait", wide: 1, tall: 0, titles: "$1:$1", footer: FOOTER, breaks: [1 + firstOfSecond] });
  });

  test("both hosts dress every sheet the same", () => {
    for (const name of ["分层概览", "客户分层", "经营计划", "行动日历", "目标名单", "经营手册", "数据问题"]) {
      const [fake, file] = both(name);
      expect({ name, ...file }).toEqual({ name, ...fake });
    }
  });

  test("the .xlsx keeps the user's defined names, and a re-run replaces its own print titles, dxfs and rules instead of adding more", async () => {
    const again = await packageRun(bytes);
    const workbook = (b: Uint8Array) => strFromU8(unzipSync(b)["xl/workbook.xml"]);
    for (const b of [bytes, again]) expect(workbook(b)).toContain(`<definedName name="客户编号列">&apos;客户名单&apos;!$A$1:$A$21</definedName>`);
    const count = (b: Uint8Array, re: RegExp) => [...workbook(b).matchAll(re)].length;
    expect(count(again, /_xlnm\.Print_Titles/g)).toBe(count(bytes, /_xlnm\.Print_Titles/g));
    expect(count(bytes, /_xlnm\.Print_Titles/g)).toBe(5);
    const styles = (b: Uint8Array) => strFromU8(unzipSync(b)["xl/styles.xml"]);
    expect(styles(again)).toBe(styles(bytes));
    expect(fromPackage(again)).toEqual(pkg);
    // ExcelJS, a second reader, sees the print titles and the fit
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(again as unknown as ArrayBuffer);
    expect(wb.getWorksheet("客户分层")!.pageSetup).toMatchObject({
      printTitlesRow: "1:1",
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    });
  });

  test("a re-run in Excel clears what the last run set: the same rules, validations and page breaks, not twice as many", async () => {
    const before = ["行动日历", "客户分层", "目标名单"].map((n) => fromFake(excel.sheet(n)!));
    const host = new ExcelHost(
      excel.run,
      (v) => excel.supports(v),
      async () => true,
    );
    const outcome = await runSegmentation(host, { asOf: AS_OF });
    expect(outcome.ok).toBe(true);
    expect(["行动日历", "客户分层", "目标名单"].map((n) => fromFake(excel.sheet(n)!))).toEqual(before);
  });

  test("an Excel without ExcelApi 1.8 or 1.9 gets the sheets without what those sets add, and no error", async () => {
    // 1.7 (the least the adapter writes with): conditional formats (1.6), no validation (1.8), no page layout (1.9)
    const old = await excelRun("1.7");
    expect(old.log.filter((l) => l.startsWith("error:"))).toEqual([]);
    const calendar = fromFake(old.sheet("行动日历")!);
    expect([calendar.formats.length, calendar.validations.length, calendar.page]).toEqual([2, 0, undefined]);
    expect(old.sheet("目标名单")!.pageBreaks).toEqual([]);
    const mid = await excelRun("1.8");
    expect(mid.log.filter((l) => l.startsWith("error:"))).toEqual([]);
    const midCalendar = fromFake(mid.sheet("行动日历")!);
    expect([midCalendar.formats.length, midCalendar.validations.length, midCalendar.page]).toEqual([2, 1, undefined]);
  });

  test("in English the done word is Done, in both hosts", async () => {
    const wb = new FakeWorkbook([{ name: "Clients", cells: [HEADER, ...rows(serial)] }]);
    const ran = await runSegmentation(
      new ExcelHost(
        wb.run,
        (v) => wb.supports(v),
        async () => true,
      ),
      { asOf: AS_OF, lang: "en-US" },
    );
    expect(ran.ok).toBe(true);
    const host = PackageHost.fromBytes(await clientBook());
    expect((await runSegmentation(host, { asOf: AS_OF, lang: "en-US" })).ok).toBe(true);
    for (const d of [fromFake(wb.sheet("Calendar")!), fromPackage(host.toBytes()).get("Calendar")!])
      expect(d.validations).toEqual([expect.objectContaining({ list: "Done", title: "Done or blank", stop: true })]);
  });

  test("the fake refuses what Excel refuses: a colour that is not one, a data validation without a source", async () => {
    const wb = new FakeWorkbook([{ name: "S" }]);
    await expect(
      wb.run(async (context) => {
        const cf = context.workbook.worksheets.getItem("S").getRangeByIndexes(0, 0, 2, 1).conditionalFormats.add("CellValue");
        cf.cellValue.format.fill.color = "light blue";
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(
      wb.run(async (context) => {
        context.workbook.worksheets.getItem("S").getRangeByIndexes(0, 0, 2, 1).dataValidation.rule = { list: { inCellDropDown: true, source: "" } };
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(
      wb.run(async (context) => {
        const cf = context.workbook.worksheets.getItem("S").getRangeByIndexes(0, 0, 2, 1).conditionalFormats.add("DataBar");
        cf.custom.rule.formula = "=TRUE";
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
  });
});
