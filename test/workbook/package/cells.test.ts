import { readBook } from "../../../src/workbook/package/book";
import { columnOf, mergedAreas, parseRange, readSheet, tables } from "../../../src/workbook/package/cells";
import { isDateFormat, serialToDate } from "../../../src/workbook/package/dates";
import type { Parts } from "../../../src/workbook/package/parts";
import { fixture, text, utc, withPart } from "./producers";

const firstSheet = (parts: Parts, options = {}) => {
  const book = readBook(parts);
  return readSheet(parts, book, book.sheets[0].part!, options);
};

describe("readSheet: cell types (hand-written)", () => {
  const block = firstSheet(fixture("hand-strings.xlsx"));

  it("reads shared strings with rich runs joined and phonetic runs left out, and _xHHHH_ escapes decoded", () => {
    expect(block.cells[0].slice(0, 5)).toEqual(["plain", "Bold tail", "line1\r\nline2", "_x0041_ literal", "東京"]);
  });

  it("reads inline strings, plain and rich", () => {
    expect(block.cells[1].slice(0, 3)).toEqual(["inline", "rich", "tab\there"]);
  });

  it("reads formula strings, booleans (1/0/true), errors and ISO dates", () => {
    expect(block.cells[2]).toEqual(["ab", true, false, { error: "#DIV/0!" }, utc(2024, 3, 1, 12), utc(2024, 3, 2), null]);
  });

  it("reads numbers, as dates only under a date format; a formula with no cached value is null", () => {
    // 1E3; custom date with quoted text and a locale; #,##0" days" (letters in quotes); [Red]0.00; =1/0 not calculated; serials 59 and 61 around 1900-02-29
    expect(block.cells[3]).toEqual([1000, utc(2024, 1, 1), 45292, -0.5, null, utc(1900, 2, 28), utc(1900, 3, 1)]);
  });

  it("keeps a merged area's value in its top-left cell only", () => {
    expect(block.cells[4]).toEqual([5, "plain", null, null, null, null, null]);
    expect(block.cells[5]).toEqual([6, null, null, null, null, null, null]);
  });

  it("gives a row of empty strings as an empty row, down to the last row holding a value", () => {
    expect(block.cells[6]).toEqual([null, null, null, null, null, null, null]);
    expect(block.cells[7]).toEqual([null, 8, null, null, null, null, null]);
    expect(block).toMatchObject({ firstRow: 1, rows: 8, columns: 7, hiddenRows: 0 });
  });
});

describe("readSheet: producers", () => {
  it("openpyxl: inline strings, dates, booleans, an error, the merged title, a hidden row, a formula without cached value", () => {
    const block = firstSheet(fixture("openpyxl-clients.xlsx"));
    expect(block.cells).toEqual([
      ["客户名单 2024", null, null, null, null, null],
      ["客户", "保费", "生日", "VIP", "备注", null],
      ["王芳", 12000, utc(1985, 3, 9), true, "R&D <team>", { error: "#N/A" }],
      ["李强", 8500.5, utc(2000, 2, 29), false, null, null],
      ["张伟", null, utc(2024, 12, 31, 13, 45, 30), null, "1+1", null],
      ["赵敏", 300, null, true, "hidden row", null],
      ["合计", null, null, null, null, null],
    ]);
    expect(block.hiddenRows).toBe(1);
  });

  it("LibreOffice: shared strings, its date format, cached formula values (number, text, error), a hidden row, an empty row", () => {
    const block = firstSheet(fixture("libreoffice-clients.xlsx"));
    expect(block.cells).toEqual([
      ["客户名单 LibreOffice", null, null, null, null],
      ["客户", "保费", "生日", "VIP", "双倍"],
      ["王芳", 12000.5, utc(1985, 3, 9), 1, 24001],
      ["李强 & Co", 8500, utc(2000, 2, 29), 0, "8500 yuan"],
      [null, null, null, null, null],
      ["张伟", { error: "#N/A" }, utc(2024, 12, 31), null, "last"],
    ]);
    expect(block.hiddenRows).toBe(1);
  });

  it("LibreOffice from a CSV", () => {
    expect(firstSheet(fixture("libreoffice-plain.xlsx")).cells).toEqual([
      ["name", "premium", "since"],
      ["Alice", 100, utc(2020, 1, 2)],
      ["Bob", 200.5, utc(2021, 12, 31)],
      ["Chen, Wei", 300, null],
    ]);
  });

  it("ExcelJS: rich text, a hyperlink's text, a formula's result, an error, the merged title, a hidden row", () => {
    const block = firstSheet(fixture("exceljs-clients.xlsx"));
    expect(block.cells).toEqual([
      ["2025 年度客户清单", null, null, null, null],
      ["客户", "保费", "生日", "VIP", "链接"],
      ["王芳", 12000, utc(1985, 3, 9), true, "site"],
      ["李强", 6000, utc(2000, 2, 29), false, null],
      ["张伟", { error: "#N/A" }, null, null, "note"],
    ]);
    expect(block.hiddenRows).toBe(1);
  });

  it("other writers' dialect: no r= on rows and cells (positions counted), x: prefixes, a hidden row said as true", () => {
    const parts = fixture("hand-dialect.xlsx");
    const book = readBook(parts);
    const block = readSheet(parts, book, book.sheets[1].part!);
    expect(block.cells).toEqual([
      ["Name", "Premium", 3, null, null],
      [1, "b", null, null, null],
      [null, null, null, null, null],
      [null, null, null, null, null],
      [utc(2024, 1, 1), null, null, 4, 5],
      [null, true, null, null, null],
    ]);
    expect(block.hiddenRows).toBe(1);
    expect(readSheet(parts, book, book.sheets[0].part!)).toEqual({ cells: [], firstRow: 1, hiddenRows: 0, rows: 0, columns: 0, merged: [] });
  });

  it("absolute part names throughout", () => {
    expect(firstSheet(fixture("hand-absolute.xlsx")).cells).toEqual([["absolute", 42]]);
  });
});

describe("dates in both systems", () => {
  const expected = [["date"], [utc(1985, 3, 9)], [utc(2000, 2, 29)], [utc(2024, 12, 31, 13, 45, 30)]];

  it.each([
    ["openpyxl-1900.xlsx", "openpyxl-1904.xlsx"],
    ["hand-1900.xlsx", "hand-1904.xlsx"],
  ])("%s and %s read the same dates", (a, b) => {
    expect(firstSheet(fixture(a)).cells).toEqual(expected);
    expect(firstSheet(fixture(b)).cells).toEqual(expected);
  });

  it("converts serials as Excel shows them", () => {
    expect(serialToDate(1, false)).toEqual(utc(1900, 1, 1));
    expect(serialToDate(61, false)).toEqual(utc(1900, 3, 1));
    expect(serialToDate(45292.5, false)).toEqual(utc(2024, 1, 1, 12));
    expect(serialToDate(0, true)).toEqual(utc(1904, 1, 1));
    expect(serialToDate(1462, false)).toEqual(serialToDate(0, true));
  });

  it("tells date formats from number formats", () => {
    for (const code of ["yyyy-mm-dd", "YYYY\\-MM\\-DD", '[$-804]yyyy"年"m"月"d"日";@', "h:mm AM/PM", "[h]:mm:ss", "[Red]d-mmm"])
      expect([code, isDateFormat(code)]).toEqual([code, true]);
    for (const code of ["General", "0.00", '#,##0" days"', "[Red]0.00", "0.00E+00", "_(* #,##0_)", "@", "[$¥-804]#,##0.00", "0.0\\h"])
      expect([code, isDateFormat(code)]).toEqual([code, false]);
  });
});

describe("reading part of a sheet", () => {
  it("reads an Excel table's range, found in the tables of the book", () => {
    const parts = fixture("openpyxl-clients.xlsx");
    const book = readBook(parts);
    const [table] = tables(parts, book);
    expect(table).toEqual({
      name: "Book1",
      displayName: "Book1",
      ref: "B3:D6",
      sheet: "Tbl",
      sheetPart: "xl/worksheets/sheet4.xml",
      part: "xl/tables/table1.xml",
    });
    expect(readSheet(parts, book, table.sheetPart, { range: table.ref })).toEqual({
      cells: [
        ["Name", "Premium", "Tier"],
        ["a", 1, "A"],
        ["b", 2, "B"],
        ["c", 3, "C"],
      ],
      firstRow: 3,
      hiddenRows: 0,
      rows: 4,
      columns: 3,
      merged: [],
    });
  });

  it("reads ExcelJS's table", () => {
    const parts = fixture("exceljs-clients.xlsx");
    const book = readBook(parts);
    const [table] = tables(parts, book);
    expect([table.name, table.ref, table.sheet]).toEqual(["Premiums", "B2:C4", "Table"]);
    expect(readSheet(parts, book, table.sheetPart, { range: table.ref }).cells).toEqual([
      ["Name", "Premium"],
      ["a", 1],
      ["b", 2],
    ]);
  });

  it("stops at maxRows: the rest of the part is not parsed, the extent comes from <dimension>", () => {
    const parts = fixture("openpyxl-long.xlsx");
    const book = readBook(parts);
    const part = book.sheets[0].part!;
    const xml = text(parts, part);
    // break the part after row 1500, past the first 64 KiB the reader decodes: a reader that went on would fail
    const at = xml.indexOf('<row r="1500"');
    expect(new TextEncoder().encode(xml.slice(0, at)).length).toBeGreaterThan(64 * 1024);
    const cut = withPart(parts, part, xml.slice(0, at) + "<<broken");
    expect(() => readSheet(cut, book, part)).toThrow();
    const head = readSheet(cut, book, part, { maxRows: 10 });
    expect(head.cells).toHaveLength(10);
    expect(head.cells[9]).toEqual([9, 90]);
    expect(head).toMatchObject({ rows: 2001, columns: 2, firstRow: 1 });
  });

  it("counts the sheet's extent through the rest when it has no <dimension>", () => {
    const parts = fixture("openpyxl-long.xlsx");
    const book = readBook(parts);
    const part = book.sheets[0].part!;
    const noDimension = withPart(parts, part, text(parts, part).replace(/<dimension [^>]*\/>/, ""));
    const head = readSheet(noDimension, book, part, { maxRows: 3 });
    expect(head.cells).toEqual([
      ["id", "value"],
      [1, 10],
      [2, 20],
    ]);
    expect(head.rows).toBe(2001);
  });
});

describe("references", () => {
  it("reads column letters and ranges", () => {
    expect([columnOf("A1"), columnOf("Z9"), columnOf("AA10"), columnOf("xfd1"), columnOf("12")]).toEqual([1, 26, 27, 16384, 0]);
    expect(parseRange("$B$3:$F$9")).toEqual({ top: 3, left: 2, bottom: 9, right: 6 });
    expect(parseRange("C5")).toEqual({ top: 5, left: 3, bottom: 5, right: 3 });
    expect(parseRange("Sheet1!A1")).toBeUndefined();
  });

  it("finds merged areas after the cells, with a prefix or not, and none in a part cut short", () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(
      mergedAreas(enc('<x:worksheet xmlns:x="m"><x:sheetData><x:row/></x:sheetData><x:mergeCells><x:mergeCell ref="A1:B2"/></x:mergeCells></x:worksheet>')),
    ).toEqual([{ top: 1, left: 1, bottom: 2, right: 2 }]);
    expect(mergedAreas(enc('<worksheet><sheetData/><mergeCells><mergeCell ref="C3:C4"/></mergeCells></worksheet>'))).toEqual([
      { top: 3, left: 3, bottom: 4, right: 3 },
    ]);
    expect(mergedAreas(enc("<worksheet><sheetData><row><c><v>1</v></c>"))).toEqual([]);
  });
});
