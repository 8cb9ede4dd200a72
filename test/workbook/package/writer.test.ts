import { spawnSync } from "node:child_process";
import { existsSync, promises as fs, readdirSync, readFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { SaxesParser, type SaxesTagNS } from "saxes";
import { describeIssue } from "../../../src/core/issues";
import { segment, type ClientBlock } from "../../../src/core/job";
import {
  NUMBER_FORMATS,
  segmentsSheet,
  summarySheet,
  TITLE_FONT_SIZE,
  type CellFormat,
  type CellValue,
  type OutputSheet,
  type OutputTable,
} from "../../../src/core/output";
import { concatBytes, readParts, text, utf8, writeParts, type Parts } from "../../../src/workbook/package/parts";
import { relsPartOf } from "../../../src/workbook/package/opc";
import {
  CONTENT_TYPES,
  chartXml,
  decodeXstring,
  drawingXml,
  relativeTarget,
  sheetParts,
  tableColumnNames,
  tableXml,
  worksheetXml,
  type SheetPartNames,
} from "../../../src/workbook/package/sheet-writer";
import { appendStyles, argb, highlightKey, styleEdits, type StyleIds } from "../../../src/workbook/package/styles";
import { HIGHLIGHTS } from "../../../src/core/palette";

const FIXTURES = path.join(__dirname, "..", "..", "fixtures");
const XMLLINT = which("xmllint");
const SOFFICE = which("soffice");

function which(cmd: string): string | undefined {
  const r = spawnSync("sh", ["-c", `command -v ${cmd}`], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "client-ladder-writer-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

// --- reading what was written, with real parsers --------------------------------------------------

interface Node {
  name: string;
  /** the name without its prefix */
  local: string;
  attributes: Record<string, string>;
  children: Node[];
  text: string;
}

/** Parses a part with saxes (namespace-aware, strict) and, where installed, xmllint too; a malformed part throws. */
function parse(xml: Uint8Array | string): Node {
  const source = typeof xml === "string" ? xml : new TextDecoder("utf-8", { fatal: true }).decode(xml);
  if (XMLLINT) {
    const r = spawnSync(XMLLINT, ["--noout", "-"], { input: source, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`xmllint: ${r.stderr}`);
  }
  const parser = new SaxesParser({ xmlns: true });
  const root: Node = { name: "#document", local: "#document", attributes: {}, children: [], text: "" };
  const stack: Node[] = [root];
  parser.on("error", (e) => {
    throw e;
  });
  parser.on("opentag", (tag: SaxesTagNS) => {
    const node: Node = {
      name: tag.name,
      local: tag.local,
      attributes: Object.fromEntries(Object.entries(tag.attributes).map(([k, a]) => [k, a.value])),
      children: [],
      text: "",
    };
    stack[stack.length - 1].children.push(node);
    stack.push(node);
  });
  parser.on("text", (t) => (stack[stack.length - 1].text += t));
  parser.on("closetag", () => stack.pop());
  parser.write(source).close();
  return root.children[0];
}

function all(node: Node, name: string): Node[] {
  const found: Node[] = [];
  const walk = (n: Node) => {
    // a prefixed name is matched as written, a plain one by its local name (x:fonts is fonts)
    if (n.name === name || (!name.includes(":") && n.local === name)) found.push(n);
    n.children.forEach(walk);
  };
  walk(node);
  return found;
}

function one(node: Node, name: string): Node {
  const found = all(node, name);
  if (found.length !== 1) throw new Error(`${found.length} <${name}>`);
  return found[0];
}

/** The cells of a worksheet part: value as Excel would read it (inline strings decoded), style, type. */
function cellsOf(xml: Uint8Array): Map<string, { value: CellValue; s: number; t?: string }> {
  const cells = new Map<string, { value: CellValue; s: number; t?: string }>();
  for (const c of all(parse(xml), "c")) {
    const t = c.attributes.t;
    let value: CellValue;
    if (t === "inlineStr")
      value = decodeXstring(
        all(c, "t")
          .map((n) => n.text)
          .join(""),
      );
    else if (t === "b") value = one(c, "v").text === "1";
    else value = Number(one(c, "v").text);
    cells.set(c.attributes.r, { value, s: Number(c.attributes.s ?? 0), t });
  }
  return cells;
}

/** The number format code and font of each cellXfs entry of a styles part. */
function resolveStyles(xml: string) {
  const root = parse(xml);
  const codes = new Map<number, string>(Object.entries(BUILT_IN).map(([code, id]) => [id, code]));
  for (const f of all(root, "numFmt")) codes.set(Number(f.attributes.numFmtId), f.attributes.formatCode);
  const fonts = one(root, "fonts").children;
  const xfs = one(root, "cellXfs").children;
  return {
    root,
    xf: (i: number) => {
      const x = xfs[i];
      const font = fonts[Number(x.attributes.fontId)];
      return {
        code: codes.get(Number(x.attributes.numFmtId)),
        bold: font.children.some((n) => n.local === "b"),
        size: font.children.find((n) => n.local === "sz")?.attributes.val,
      };
    },
  };
}

const BUILT_IN: Record<string, number> = { General: 0, "0": 1, "#,##0": 3, "0%": 9, "0.00%": 10, "@": 49 };

// --- styles ----------------------------------------------------------------------------------------

/**
 * The input again from the output: count values blanked on both sides, and every span the writer
 * may insert (whole numFmt, font and xf elements, or whole lists) removed from the output. What is
 * left must be the input byte for byte.
 */
function withoutInsertions(input: string, output: string): { input: string; output: string } {
  const blank = (s: string) => s.replace(/(\scount=")\d+"/g, '$1"').replace(/<((?:\w+:)?(?:numFmts|fonts|cellXfs|dxfs)) (count="")\s*\/>/g, "<$1 $2></$1>");
  const a = blank(input);
  const b = blank(output);
  const inserted =
    /^(?:<(\w+:)?numFmt [^>]*\/>|<(\w+:)?font>(?:(?!<\/?(?:\w+:)?font>).)*<\/(\w+:)?font>|<(\w+:)?xf [^>]*\/>|<((?:\w+:)?(?:numFmts|fonts|fills|borders|cellStyleXfs|cellXfs|dxfs)) count="">.*?<\/\5>|<(?:\w+:)?dxf>(?:(?!<\/?(?:\w+:)?dxf>).)*<\/(?:\w+:)?dxf>)+/s;
  // compared tag by tag, so that an inserted element is never half matched by the text it precedes
  const tokens = (s: string) => s.split(/(<[^>]*>)/).filter((t) => t !== "");
  const ta = tokens(a);
  const tb = tokens(b);
  let i = 0;
  let kept = "";
  for (let j = 0; j < tb.length;) {
    if (ta[i] === tb[j]) {
      kept += tb[j++];
      i++;
      continue;
    }
    const m = inserted.exec(tb.slice(j).join(""));
    if (!m) {
      kept += tb.slice(j).join("");
      break;
    }
    // skip the tokens the inserted span covers
    for (let skipped = 0; skipped < m[0].length;) skipped += tb[j++].length;
  }
  return { input: a, output: kept };
}

function checkStyles(input: string | undefined): { xml: string; ids: StyleIds } {
  const first = appendStyles(input);
  parse(first.xml);
  if (input !== undefined) {
    const { input: a, output: b } = withoutInsertions(input, first.xml);
    expect(b).toBe(a);
    // every edit inserts, or rewrites a count value, or opens a self-closing list
    for (const e of styleEdits(input).edits) {
      const removed = input.slice(e.at, e.at + e.remove);
      expect(removed === "" || /^\d+$/.test(removed) || removed === "/>").toBe(true);
    }
  }
  // the ids point at entries with the add-in's number formats and the bold title font
  const styles = resolveStyles(first.xml);
  for (const [format, code] of Object.entries(NUMBER_FORMATS) as [CellFormat, string][]) expect(styles.xf(first.ids.format[format]).code).toBe(code);
  expect(styles.xf(first.ids.title)).toMatchObject({ code: "General", bold: true, size: String(TITLE_FONT_SIZE) });
  // counts match the children
  // each highlight of the palette is a dxf with its font colour and fill, whatever dxfs the book had before
  const dxfs = one(styles.root, "dxfs").children;
  for (const h of HIGHLIGHTS) {
    const dxf = dxfs[first.ids.dxf[highlightKey(h)]];
    expect({ font: one(dxf, "color").attributes.rgb, fill: one(dxf, "bgColor").attributes.rgb }).toEqual({ font: argb(h.font), fill: argb(h.fill) });
  }
  for (const list of ["numFmts", "fonts", "fills", "borders", "cellXfs", "dxfs"]) {
    const found = all(styles.root, list);
    for (const el of found) if (el.attributes.count !== undefined) expect(Number(el.attributes.count)).toBe(el.children.length);
  }
  // a second run finds its entries: same text, same ids
  const second = appendStyles(first.xml);
  expect(second.xml).toBe(first.xml);
  expect(second.ids).toEqual(first.ids);
  return first;
}

async function excelJsBook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Clients");
  ws.addRow(["Id", "Name", "Premium", "Share"]);
  ws.addRow(["C1", "王一", 1200, 0.5]);
  ws.getCell("C2").numFmt = "#,##0.00 [$¥-804]";
  ws.getCell("D2").numFmt = "0.0%";
  ws.getCell("A1").font = { bold: true, size: 13 };
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** Runs soffice with its own profile, so that parallel runs and other users' instances do not collide. */
function soffice(args: string[], cwd: string): { status: number | null; output: string } {
  const profile = `file://${path.join(cwd, "lo-profile")}`;
  const r = spawnSync(SOFFICE!, [`-env:UserInstallation=${profile}`, "--headless", "--norestore", ...args], { cwd, encoding: "utf8", timeout: 90_000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe("appendStyles", () => {
  it("adds the formats, the title font and the cell formats to an ExcelJS styles part, reusing its 0.0% and keeping every byte", async () => {
    const input = text(readParts(await excelJsBook()), "xl/styles.xml")!;
    const { xml, ids } = checkStyles(input);
    expect(input).toContain('formatCode="0.0%"');
    // the user's 0.0% is reused, not added a second time
    expect(xml.match(/formatCode="0\.0%"/g)).toHaveLength(1);
    expect(ids.format.general).toBe(0);
    expect(xml).toContain('formatCode="#,##0.00 [$¥-804]"');
  });

  it("the byte check notices a change outside the inserted elements", async () => {
    const input = text(readParts(await excelJsBook()), "xl/styles.xml")!;
    const { xml } = appendStyles(input);
    const changed = withoutInsertions(input, xml.replace('<sz val="11"/>', '<sz val="12"/>'));
    expect(changed.output).not.toBe(changed.input);
    expect(xml).toMatch(/<cellStyle [^>]*\/>/);
    const dropped = withoutInsertions(input, xml.replace(/<cellStyle [^>]*\/>/, ""));
    expect(dropped.output).not.toBe(dropped.input);
  });

  it("makes a minimal valid part when the package has none", () => {
    const { xml, ids } = checkStyles(undefined);
    expect(xml).toMatch(/^<\?xml/);
    expect(ids.format.text).toBeGreaterThan(0);
  });

  it("works in a prefixed styles part, and with empty self-closing lists", () => {
    const prefixed =
      `<?xml version="1.0" encoding="UTF-8"?><x:styleSheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
      `<x:numFmts count="0"/><x:fonts count="1"><x:font><x:sz val="10"/><x:name val="Arial"/></x:font></x:fonts>` +
      `<x:fills count="2"><x:fill><x:patternFill patternType="none"/></x:fill><x:fill><x:patternFill patternType="gray125"/></x:fill></x:fills>` +
      `<x:borders count="1"><x:border/></x:borders><x:cellStyleXfs count="1"><x:xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></x:cellStyleXfs>` +
      `<x:cellXfs count="1"><x:xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></x:cellXfs></x:styleSheet>`;
    const { xml } = checkStyles(prefixed);
    expect(xml).toContain('<x:font><x:b/><x:sz val="13"/><x:name val="Arial"/></x:font>');
    expect(xml).not.toMatch(/<(?!x:|\?|\/x:)\w/);
  });

  it("adds the lists a sparse producer left out (no numFmts, fills, borders or cellStyleXfs)", () => {
    const sparse = `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts><font/></fonts><cellXfs><xf numFmtId="0" fontId="0"/></cellXfs></styleSheet>`;
    const { xml } = checkStyles(sparse);
    expect(xml.indexOf("<numFmts")).toBeLessThan(xml.indexOf("<fonts"));
    expect(xml.indexOf("<fills")).toBeLessThan(xml.indexOf("<cellXfs"));
  });

  // every book under test/fixtures, producers/ (openpyxl, LibreOffice, ...) included
  const producerBooks = existsSync(FIXTURES)
    ? readdirSync(FIXTURES, { recursive: true })
        .map((f) => path.join(FIXTURES, String(f)))
        .filter((f) => /\.xls[xm]$/i.test(f))
        .sort()
    : [];
  it.each(producerBooks.map((f) => [path.relative(FIXTURES, f), f]))("keeps the styles of %s", (_, file) => {
    let parts: Parts;
    try {
      parts = readParts(new Uint8Array(readFileSync(file)));
    } catch {
      return; // not a package (a fixture of an unreadable file)
    }
    const styles = [...parts.keys()].find((n) => /^xl\/styles\.xml$/i.test(n));
    checkStyles(styles ? text(parts, styles) : undefined);
  });

  (SOFFICE ? it : it.skip)("keeps the styles of a book LibreOffice saved", async () => {
    const work = await fs.mkdtemp(path.join(dir, "lo-styles-"));
    await fs.writeFile(path.join(work, "book.xlsx"), await excelJsBook());
    await fs.mkdir(path.join(work, "out"));
    const r = soffice(["--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", "out", "book.xlsx"], work);
    expect(r.status).toBe(0);
    const input = text(readParts(new Uint8Array(await fs.readFile(path.join(work, "out", "book.xlsx")))), "xl/styles.xml")!;
    checkStyles(input);
  });
  if (!SOFFICE) console.log("soffice is not installed: the LibreOffice styles test is skipped");
});

// --- worksheets ---------------------------------------------------------------------------------

const IDS = appendStyles(undefined).ids;

const TRICKY_TEXTS = [
  "=SUM(A1:A2)",
  "+86 138 0000 0000",
  "-5",
  "@home",
  "'quoted",
  "a\u0001b\u001fc\u0008",
  "tab\there\nline\r\nbreak",
  "emoji 🎉👨‍👩‍👧",
  "王小明 株式会社 한국어",
  "_x0041_ stays literal, _x is fine, _x00e9_ too",
  "  leading and trailing  ",
  "<b>&amp;\"'</b>]]>",
  "lone \ud800 surrogate \udfff",
  "\ufffe\uffff",
];

function tableOf(rows: CellValue[][], formats: CellFormat[], headers?: string[]): OutputTable {
  return { name: "T", row: 0, column: 0, columns: formats.map((format, i) => ({ header: headers?.[i] ?? `H${i}`, format, width: 10 + i })), rows };
}

describe("worksheetXml", () => {
  it("writes numbers, booleans and every kind of text so that they read back as given", () => {
    const rows: CellValue[][] = TRICKY_TEXTS.map((t, i) => [t, i * 1.5 - 3, i % 2 === 0, null]);
    rows.push([null, 1e21, false, ""], ["", -0.000123, null, Number.NaN], ["x", Number.POSITIVE_INFINITY, true, 9007199254740991]);
    const sheet: OutputSheet = { key: "segments", name: "S", tables: [tableOf(rows, ["text", "money", "general", "integer"])], blocks: [], freezeRows: 1 };
    const cells = cellsOf(worksheetXml(sheet, IDS, { tableRids: ["rId1"] }));
    expect(cells.get("A1")?.value).toBe("H0");
    TRICKY_TEXTS.forEach((t, i) => {
      // lone surrogates and U+FFFE/U+FFFF come back as the UTF-16 code units they were
      expect(cells.get(`A${i + 2}`)).toEqual({ value: t, s: IDS.format.text, t: "inlineStr" });
      expect(cells.get(`B${i + 2}`)?.value).toBe(i * 1.5 - 3);
      expect(cells.get(`C${i + 2}`)).toEqual({ value: i % 2 === 0, s: 0, t: "b" });
      expect(cells.has(`D${i + 2}`)).toBe(false);
    });
    const n = TRICKY_TEXTS.length + 1;
    expect(cells.has(`A${n + 1}`)).toBe(false);
    expect(cells.get(`B${n + 1}`)?.value).toBe(1e21);
    expect(cells.has(`D${n + 1}`)).toBe(false);
    expect(cells.get(`B${n + 2}`)?.value).toBe(-0.000123);
    expect(cells.has(`D${n + 2}`)).toBe(false);
    expect(cells.has(`B${n + 3}`)).toBe(false);
    expect(cells.get(`D${n + 3}`)).toEqual({ value: 9007199254740991, s: IDS.format.integer, t: undefined });
  });

  it("never writes a formula: text starting with = + - @ is an inline string", () => {
    const sheet: OutputSheet = { key: "segments", name: "S", tables: [tableOf([["=1+1"], ["@A1"]], ["text"])], blocks: [], freezeRows: 0 };
    const xml = new TextDecoder().decode(worksheetXml(sheet, IDS, { tableRids: ["rId1"] }));
    expect(xml).not.toContain("<f>");
    expect(xml).toContain('t="inlineStr"><is><t>=1+1</t></is>');
    expect(xml).not.toContain("sharedStrings");
  });

  it("writes the frozen rows, widths, whole-column formats, the drawing and the table parts in schema order", () => {
    const sheet: OutputSheet = { key: "segments", name: "S", tables: [tableOf([[1, 0.5]], ["integer", "percent"])], blocks: [], freezeRows: 1 };
    const root = parse(worksheetXml(sheet, IDS, { tableRids: ["rId7"], drawingRid: "rId8", tabSelected: true }));
    expect(root.children.map((c) => c.name)).toEqual(["dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "pageMargins", "drawing", "tableParts"]);
    expect(one(root, "dimension").attributes.ref).toBe("A1:B2");
    expect(one(root, "sheetView").attributes.tabSelected).toBe("1");
    expect(one(root, "pane").attributes).toMatchObject({ ySplit: "1", topLeftCell: "A2", state: "frozen" });
    expect(all(root, "col").map((c) => [c.attributes.min, c.attributes.width, c.attributes.style])).toEqual([
      ["1", "10", String(IDS.format.integer)],
      ["2", "11", String(IDS.format.percent)],
    ]);
    expect(one(root, "drawing").attributes["r:id"]).toBe("rId8");
    expect(all(root, "tablePart").map((t) => t.attributes["r:id"])).toEqual(["rId7"]);
  });

  it("puts blocks and tables that share rows into one row each, cells in column order, titles bold", () => {
    const sheet: OutputSheet = {
      key: "summary",
      name: "S",
      blocks: [
        { row: 0, column: 0, cells: [["Title"]], title: true },
        { row: 1, column: 4, cells: [["Label", 0.25]], formats: [["text", "percent"]] },
      ],
      tables: [{ ...tableOf([[3, 4]], ["integer", "money"]), row: 1, column: 1 }],
      freezeRows: 0,
    };
    const xml = worksheetXml(sheet, IDS, { tableRids: ["rId1"] });
    const root = parse(xml);
    expect(all(root, "row").map((r) => [r.attributes.r, r.children.map((c) => c.attributes.r)])).toEqual([
      ["1", ["A1"]],
      ["2", ["B2", "C2", "E2", "F2"]],
      ["3", ["B3", "C3"]],
    ]);
    const cells = cellsOf(xml);
    expect(cells.get("A1")?.s).toBe(IDS.title);
    expect(cells.get("F2")).toMatchObject({ value: 0.25, s: IDS.format.percent });
    expect(cells.get("C3")).toMatchObject({ value: 4, s: IDS.format.money });
    // a block is not one table from A1: no whole-column styles
    expect(all(root, "col").every((c) => c.attributes.style === undefined)).toBe(true);
  });

  it("writes the header cells with the table's unique column names", () => {
    const table = tableOf([[1, 2, 3, 4]], ["general", "general", "general", "general"], ["Value", "value", "", "Value"]);
    expect(tableColumnNames(table)).toEqual(["Value", "value2", "Column3", "Value3"]);
    const cells = cellsOf(worksheetXml({ key: "segments", name: "S", tables: [table], blocks: [], freezeRows: 0 }, IDS, { tableRids: ["rId1"] }));
    expect(["A1", "B1", "C1", "D1"].map((r) => cells.get(r)?.value)).toEqual(["Value", "value2", "Column3", "Value3"]);
  });
});

describe("tableXml", () => {
  it("covers the header and the rows, with filter buttons, unique names and the banded style", () => {
    const table = {
      ...tableOf(
        [
          [1, "a"],
          [2, "b"],
          [3, "c"],
        ],
        ["integer", "text"],
        ["Id", "id"],
      ),
      row: 4,
      column: 2,
    };
    const root = parse(tableXml(table, 7, "ClientLadder_Tiers"));
    expect(root.attributes).toMatchObject({ id: "7", name: "ClientLadder_Tiers", displayName: "ClientLadder_Tiers", ref: "C5:D8" });
    expect(one(root, "autoFilter").attributes.ref).toBe("C5:D8");
    expect(all(root, "tableColumn").map((c) => [c.attributes.id, c.attributes.name])).toEqual([
      ["1", "Id"],
      ["2", "id2"],
    ]);
    expect(one(root, "tableStyleInfo").attributes).toMatchObject({ name: "TableStyleMedium2", showRowStripes: "1" });
  });

  it("keeps one blank data row for an empty table, as Excel needs", () => {
    expect(parse(tableXml(tableOf([], ["text"]), 1, "T")).attributes.ref).toBe("A1:A2");
  });

  it("writes names with line breaks the OOXML way, so the header cell and the column name agree", () => {
    const root = parse(tableXml(tableOf([[1]], ["general"], ["two\nlines & more"]), 1, "T"));
    expect(decodeXstring(one(root, "tableColumn").attributes.name)).toBe("two\nlines & more");
  });
});

// --- the chart --------------------------------------------------------------------------------------

const PARETO: OutputTable = {
  name: "ClientLadder_Pareto",
  row: 20,
  column: 0,
  columns: [
    { header: "Clients", format: "text", width: 22 },
    { header: "Value", format: "money", width: 16 },
    { header: "Cumulative", format: "percent", width: 14 },
  ],
  rows: [
    ["0–5%", 5000, 0.5],
    ["5–10% <&>", 3000, 0.8],
    ["10–15%", 2000, 1],
  ],
};
const CHART = { title: "Pareto: value by client", table: PARETO.name, row: 0, column: 6 };

describe("chartXml and drawingXml", () => {
  it("draws the values as clustered columns and the cumulative share as a line on a secondary percent axis", () => {
    const root = parse(chartXml(CHART, PARETO, "Bob's Summary"));
    const bar = one(root, "c:barChart");
    expect(one(bar, "c:barDir").attributes.val).toBe("col");
    expect(one(bar, "c:grouping").attributes.val).toBe("clustered");
    const line = one(root, "c:lineChart");
    expect(all(root, "c:ser")).toHaveLength(2);
    const [barSer, lineSer] = [one(bar, "c:ser"), one(line, "c:ser")];
    const formula = (ser: Node, part: string) => one(one(ser, part), "c:f").text;
    expect(formula(barSer, "c:tx")).toBe("'Bob''s Summary'!$B$21");
    expect(formula(barSer, "c:cat")).toBe("'Bob''s Summary'!$A$22:$A$24");
    expect(formula(barSer, "c:val")).toBe("'Bob''s Summary'!$B$22:$B$24");
    expect(formula(lineSer, "c:val")).toBe("'Bob''s Summary'!$C$22:$C$24");
    // caches: what a viewer shows without recalculating
    expect(all(one(one(barSer, "c:cat"), "c:strCache"), "c:v").map((v) => v.text)).toEqual(["0–5%", "5–10% <&>", "10–15%"]);
    expect(all(one(barSer, "c:val"), "c:v").map((v) => Number(v.text))).toEqual([5000, 3000, 2000]);
    expect(all(one(lineSer, "c:val"), "c:v").map((v) => Number(v.text))).toEqual([0.5, 0.8, 1]);
    expect(one(one(lineSer, "c:tx"), "c:v").text).toBe("Cumulative");
    // the line's axes: a hidden category axis and a value axis crossing at the right, in percent
    const axes = (chart: Node) => all(chart, "c:axId").map((a) => a.attributes.val);
    const [lineCat, lineVal] = axes(line);
    expect(axes(bar)).not.toContain(lineVal);
    const catAx = all(root, "c:catAx").find((a) => one(a, "c:axId").attributes.val === lineCat)!;
    expect(one(catAx, "c:delete").attributes.val).toBe("1");
    const valAx = all(root, "c:valAx").find((a) => one(a, "c:axId").attributes.val === lineVal)!;
    expect(one(valAx, "c:crosses").attributes.val).toBe("max");
    expect(one(valAx, "c:numFmt").attributes.formatCode).toBe("0%");
    expect(one(root, "c:legendPos").attributes.val).toBe("b");
    expect(all(one(root, "c:title"), "a:t").map((t) => t.text)).toEqual([CHART.title]);
  });

  it("anchors the chart frame at the chart's cell, 8 columns by 17 rows", () => {
    const root = parse(drawingXml(CHART, "rId3"));
    const at = (tag: string) => ["xdr:col", "xdr:row"].map((n) => one(one(root, tag), n).text);
    expect(at("xdr:from")).toEqual(["6", "0"]);
    expect(at("xdr:to")).toEqual(["14", "17"]);
    expect(one(root, "c:chart").attributes["r:id"]).toBe("rId3");
  });

  it("names targets relative to the source part", () => {
    expect(relativeTarget("xl/worksheets/sheet2.xml", "xl/tables/table1.xml")).toBe("../tables/table1.xml");
    expect(relativeTarget("xl/workbook.xml", "xl/worksheets/sheet2.xml")).toBe("worksheets/sheet2.xml");
    expect(relsPartOf("xl/drawings/drawing1.xml")).toBe("xl/drawings/_rels/drawing1.xml.rels");
  });
});

// --- a whole package ---------------------------------------------------------------------------------

const HEADER = [
  "Client ID",
  "Client name",
  "Agent",
  "Annual premium",
  "Ability",
  "Willingness",
  "Policy quality",
  "Insurance awareness",
  "Satisfaction",
  "Economic condition",
  "Liquidity",
];
const VALUES = [100, 50, 20, 10, 10, 5, 3, 1, 1, 0];

function clients(): { summary: OutputSheet; segments: OutputSheet } {
  const block: ClientBlock = {
    source: "Clients",
    cells: [HEADER, ...VALUES.map((v, i) => [`C${i + 1}`, i === 0 ? "=cmd|' /C calc'!A0" : `王${i}`, i % 2 ? "Li" : "Zhang", v, 10 - i, i % 3, 5, 4, 3, 2, 1])],
    firstRow: 1,
  };
  const r = segment(block, { version: 1 }, "en-US");
  if (!r.ok) throw new Error(describeIssue(r.issue, "en-US"));
  const notes = new Map<string, CellValue>([
    ["C2", "+86 call \u0007 back _x0041_ 🎉"],
    ["C3", "@ 周一"],
  ]);
  return { summary: summarySheet(r.value, "2026-11-22", "Bob's Summary"), segments: segmentsSheet(r.value, notes, "Segments") };
}

/** Adds output sheets to a package as a host would: parts, rels, content types, <sheet> entries. */
function addSheets(parts: Parts, sheets: OutputSheet[]): void {
  const { xml: styles, ids } = appendStyles(text(parts, "xl/styles.xml"));
  parts.set("xl/styles.xml", utf8(styles));
  let types = text(parts, "[Content_Types].xml")!;
  let workbook = text(parts, "xl/workbook.xml")!;
  let rels = text(parts, "xl/_rels/workbook.xml.rels")!;
  // table ids are unique in the workbook: after the user's own tables
  let tableId =
    1 + Math.max(0, ...[...parts.keys()].filter((n) => n.startsWith("xl/tables/")).map((n) => Number(/\sid="(\d+)"/.exec(text(parts, n)!)?.[1] ?? 0)));
  sheets.forEach((sheet, i) => {
    const n = 100 + i;
    const names: SheetPartNames = {
      sheet: `xl/worksheets/sheet${n}.xml`,
      tables: sheet.tables.map((t) => ({ id: tableId, name: t.name, part: `xl/tables/table${tableId++}.xml` })),
      drawing: `xl/drawings/drawing${n}.xml`,
      chart: `xl/charts/chart${n}.xml`,
    };
    for (const part of sheetParts(sheet, ids, names)) {
      parts.set(part.name, typeof part.data === "function" ? concatBytes([...part.data()]) : part.data);
      if (part.contentType) types = types.replace("</Types>", `<Override PartName="/${part.name}" ContentType="${part.contentType}"/></Types>`);
    }
    rels = rels.replace(
      "</Relationships>",
      `<Relationship Id="rIdOut${i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${n}.xml"/></Relationships>`,
    );
    const name = sheet.name.replace(/&/g, "&amp;").replace(/"/g, "&quot;");
    workbook = workbook.replace(
      "</sheets>",
      `<sheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" name="${name}" sheetId="${n}" r:id="rIdOut${i}"/></sheets>`,
    );
  });
  parts.set("[Content_Types].xml", utf8(types));
  parts.set("xl/workbook.xml", utf8(workbook));
  parts.set("xl/_rels/workbook.xml.rels", utf8(rels));
}

const OPENPYXL_BOOK = path.join(FIXTURES, "producers", "openpyxl-clients.xlsx");
const SOURCES: [string, () => Promise<Uint8Array>][] = [["ExcelJS", excelJsBook]];
if (existsSync(OPENPYXL_BOOK))
  SOURCES.push(["openpyxl (absolute targets, r declared per sheet)", async () => new Uint8Array(await fs.readFile(OPENPYXL_BOOK))]);

describe.each(SOURCES)("a package made by %s with the written sheets", (_, source) => {
  let file: string;
  let sheetsBefore: string[];
  let summary: OutputSheet;
  let segments: OutputSheet;
  let originals: Parts;

  beforeAll(async () => {
    ({ summary, segments } = clients());
    const bytes = await source();
    originals = readParts(bytes);
    sheetsBefore = [...text(originals, "xl/workbook.xml")!.matchAll(/<sheet\b[^>]*\sname="([^"]*)"/g)].map((m) => m[1]);
    const parts = readParts(bytes);
    addSheets(parts, [summary, segments]);
    for (const [name, data] of parts) if (name.endsWith(".xml") || name.endsWith(".rels")) parse(data);
    file = path.join(dir, "written.xlsx");
    await fs.writeFile(file, writeParts(parts));
  });

  it("keeps the parts it does not own byte for byte and registers every new part", async () => {
    const parts = readParts(new Uint8Array(await fs.readFile(file)));
    for (const [name, data] of originals) {
      if (["[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml"].includes(name)) continue;
      expect(Buffer.from(parts.get(name)!).equals(Buffer.from(data))).toBe(true);
    }
    const types = text(parts, "[Content_Types].xml")!;
    for (const name of parts.keys())
      if (!name.endsWith(".rels") && name.startsWith("xl/") && /(tables|charts|drawings|worksheets)\//.test(name))
        expect(types).toContain(`PartName="/${name}"`);
    const chart = text(parts, "xl/charts/chart100.xml")!;
    expect(chart).toContain("c:lineChart");
    expect(types).toContain(CONTENT_TYPES.chart);
  });

  it("opens in ExcelJS with the sheets' values and tables", async () => {
    try {
      const probe = new ExcelJS.Workbook();
      await probe.xlsx.load(writeParts(originals) as unknown as Parameters<typeof probe.xlsx.load>[0]);
    } catch (err) {
      console.log(`ExcelJS cannot open the original book either (${String(err)}): the ExcelJS read-back is skipped`);
      return;
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual([...sheetsBefore, "Bob's Summary", "Segments"]);
    const seg = wb.getWorksheet("Segments")!;
    const table = segments.tables[0];
    table.rows.forEach((row, r) =>
      row.forEach((v, c) => {
        const got = seg.getCell(r + 2, c + 1).value;
        // ExcelJS does not decode _xHHHH_: compare what it reads with the encoded text
        if (v === "" || v === null) expect(got).toBeNull();
        else if (typeof v === "string") expect(decodeXstring(String(got))).toBe(v);
        else expect(got).toBe(v);
      }),
    );
    expect(seg.getCell(3, 2).value).toBe("王1");
    expect(seg.getCell(2, 2).value).toBe("=cmd|' /C calc'!A0");
    expect(seg.getCell(2, 4).numFmt).toBe("#,##0");
    const tables = (ws: ExcelJS.Worksheet) =>
      ws.getTables().map((t) => ((t as unknown as { table?: { name: string } }).table ?? (t as unknown as { name: string })).name);
    expect(tables(seg)).toEqual(["ClientLadder_Segments"]);
    expect(tables(wb.getWorksheet("Bob's Summary")!)).toEqual(summary.tables.map((t) => t.name));
    const title = wb.getWorksheet("Bob's Summary")!.getCell("A1");
    expect(title.value).toBe(summary.blocks[0].cells[0][0]);
    expect(title.font?.bold).toBe(true);
  });

  (SOFFICE ? it : it.skip)("opens in LibreOffice: every sheet converts to CSV with the values, and the chart survives a save", async () => {
    const work = await fs.mkdtemp(path.join(dir, "lo-"));
    await fs.copyFile(file, path.join(work, "book.xlsx"));
    // the CSV filter's 12th token, -1, exports every sheet to book-<sheet>.csv (LibreOffice 7.2+)
    const csv = soffice(
      ["--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "--outdir", "csv", "book.xlsx"],
      work,
    );
    expect(csv.status).toBe(0);
    const files = await fs.readdir(path.join(work, "csv"));
    expect(files.sort()).toEqual([...sheetsBefore, "Bob's Summary", "Segments"].map((n) => `book-${n}.csv`).sort());
    const lines = (await fs.readFile(path.join(work, "csv", "book-Segments.csv"), "utf8")).split("\n");
    // text, not a formula: a formula would show its result
    expect(lines[1]).toContain(",=cmd|' /C calc'!A0,");
    expect(lines[2]).toContain("+86 call \u0007 back _x0041_ 🎉");
    expect(lines[3]).toContain("@ 周一");
    // saved again by LibreOffice as .xlsx: it read our chart, with its two series and the secondary axis
    const resave = soffice(["--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", "xlsx", "book.xlsx"], work);
    expect(resave.status).toBe(0);
    const saved = readParts(new Uint8Array(await fs.readFile(path.join(work, "xlsx", "book.xlsx"))));
    const charts = [...saved.keys()].filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n));
    expect(charts).toHaveLength(1);
    const chart = parse(saved.get(charts[0])!);
    expect(all(chart, "c:ser")).toHaveLength(2);
    expect(all(chart, "c:lineChart")).toHaveLength(1);
    expect(all(chart, "c:valAx")).toHaveLength(2);
  });
  if (!SOFFICE) console.log("soffice is not installed: the LibreOffice round trip is skipped");
});
