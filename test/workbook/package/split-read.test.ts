import * as fs from "node:fs";
import * as path from "node:path";
import { readBook } from "../../../src/workbook/package/book";
import { readSheet } from "../../../src/workbook/package/cells";
import { readParts, utf8, type Parts } from "../../../src/workbook/package/parts";
import { joinBlocks, readHalf, readTail, splitSheet, tailOptions } from "../../../src/workbook/package/split-read";
import { fixture } from "./producers";

/** The first sheet read whole, and read as two halves joined; undefined halves when it cannot be cut. */
function bothWays(parts: Parts) {
  const book = readBook(parts);
  const part = book.sheets[0].part!;
  const bytes = parts.get(part)!;
  const whole = readSheet(parts, book, part);
  const halves = splitSheet(bytes);
  if (!halves) return { whole, joined: undefined };
  const bookBytes = {
    date1904: book.date1904,
    sharedStrings: book.sharedStringsPart ? parts.get(book.sharedStringsPart) : undefined,
    styles: book.stylesPart ? parts.get(book.stylesPart) : undefined,
  };
  const head = readHalf(halves.head, bookBytes);
  const tail = readTail({ tail: halves.tail, tailRow: halves.tailRow, ...bookBytes });
  return { whole, joined: joinBlocks(head, tail, halves.tailRow), halves };
}

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const sheetXml = (rows: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><dimension ref="A1"/><sheetData>${rows}</sheetData></worksheet>`;
const book = (sheet: string): Parts => {
  const parts = readParts(fs.readFileSync(path.join(__dirname, "../../fixtures/producers/hand-1900.xlsx")));
  const first = readBook(parts).sheets[0].part!;
  parts.set(first, utf8(sheet));
  return parts;
};

describe("a sheet read as two halves joined", () => {
  test.each(["openpyxl-long.xlsx", "openpyxl-clients.xlsx", "openpyxl-1904.xlsx", "libreoffice-clients.xlsx", "exceljs-clients.xlsx", "hand-1900.xlsx"])(
    "%s: the same block as read whole (shared and inline strings, dates of both systems, styles)",
    (name) => {
      const { whole, joined } = bothWays(fixture(name));
      if (joined) expect(joined).toEqual(whole);
    },
  );

  test("openpyxl's long sheet is cut (the test above compares something)", () => {
    expect(bothWays(fixture("openpyxl-long.xlsx")).halves).toBeDefined();
  });

  test("rows of every width, gaps between rows and at the cut, hidden rows, a wider tail: the same block", () => {
    let rows = "";
    for (let r = 1; r <= 400; r++) {
      // rows 180-260 are empty; every seventh is hidden; the later rows are wider
      if (r >= 180 && r <= 260) continue;
      const width = r < 300 ? 1 + (r % 4) : 9;
      const cells = Array.from({ length: width }, (_, c) => `<c r="${String.fromCharCode(65 + c)}${r}" t="inlineStr"><is><t>${r}-${c}</t></is></c>`).join("");
      rows += `<row r="${r}"${r % 7 === 0 ? ' hidden="1"' : ""}>${cells}</row>`;
    }
    const { whole, joined, halves } = bothWays(book(sheetXml(rows)));
    expect(halves).toBeDefined();
    expect(joined).toEqual(whole);
    expect(whole.columns).toBe(9);
  });

  test("a cut that falls in an empty stretch: the rows between the halves come back as empty rows", () => {
    const row = (r: number) => `<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`;
    // ten rows, then a gap of thousands of rows written as empty <row> elements, then ten more
    let rows = "";
    for (let r = 1; r <= 10; r++) rows += row(r);
    for (let r = 11; r <= 3000; r++) rows += `<row r="${r}"/>`;
    for (let r = 3001; r <= 3010; r++) rows += row(r);
    const { whole, joined, halves } = bothWays(book(sheetXml(rows)));
    expect(halves!.tailRow).toBeGreaterThan(10);
    expect(halves!.tailRow).toBeLessThan(3001);
    expect(joined).toEqual(whole);
    expect(whole.cells).toHaveLength(3010);
  });

  test("what is not cut: merged cells, prefixed elements, rows without numbers", () => {
    const rows = Array.from({ length: 50 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`).join("");
    expect(splitSheet(utf8(sheetXml(rows)))).toBeDefined();
    expect(splitSheet(utf8(sheetXml(rows).replace("</worksheet>", '<mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells></worksheet>')))).toBeUndefined();
    expect(splitSheet(utf8(sheetXml(rows).replace(/<(\/?)(sheetData|row|c|v)\b/g, "<$1x:$2")))).toBeUndefined();
    expect(splitSheet(utf8(sheetXml(rows.replace(/ r="\d+"/g, ""))))).toBeUndefined();
    expect(tailOptions(12)).toEqual({ range: "A12:XFD1048576" });
  });
});
