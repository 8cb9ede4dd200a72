/*
 * The package reader gives the engine what the ExcelJS adapter (src/workbook/xlsx.ts, now its reading
 * part in test/workbook/xlsx-book.ts) gave for the same files,
 * save where ExcelJS was wrong; those cases are named here.
 */
import * as fs from "node:fs";
import { readBook } from "../../../src/workbook/package/book";
import { readSheet } from "../../../src/workbook/package/cells";
import { readParts } from "../../../src/workbook/package/parts";
import { ExcelJsReader } from "../xlsx-book";
import { PRODUCERS, fixtureBytes, utc } from "./producers";

async function both(name: string) {
  const bytes = fixtureBytes(name);
  const parts = readParts(bytes);
  const book = readBook(parts);
  const host = await ExcelJsReader.fromBuffer(bytes);
  return { parts, book, host };
}

const SAME = [
  "exceljs-clients.xlsx",
  "libreoffice-clients.xlsx",
  "libreoffice-plain.xlsx",
  "openpyxl-1900.xlsx",
  "openpyxl-1904.xlsx",
  "openpyxl-long.xlsx",
  "hand-1900.xlsx",
  "hand-absolute.xlsx",
  "hand-macro.xlsm",
  "openpyxl-merged.xlsx",
  "libreoffice-merged.xlsx",
  "infozip-zip64.xlsx",
];

describe("the package reader and the ExcelJS adapter", () => {
  it("covers every producer fixture here or below", () => {
    const named = new Set([...SAME, "hand-1904.xlsx", "hand-strings.xlsx", "hand-dialect.xlsx", "openpyxl-clients.xlsx", "hand-strict.xlsx"]);
    expect(fs.readdirSync(PRODUCERS).filter((f) => /\.xls[xm]$/.test(f) && !named.has(f))).toEqual([]);
  });

  it.each(SAME)("%s: every sheet reads the same, and the first sheet's hidden rows", async (name) => {
    const { parts, book, host } = await both(name);
    for (const sheet of book.sheets)
      expect([sheet.name, readSheet(parts, book, sheet.part!).cells]).toEqual([sheet.name, await host.readSheetValues(sheet.name)]);
    const first = await host.readClientBlock({ sheet: book.sheets[0].name });
    expect(readSheet(parts, book, book.sheets[0].part!).hiddenRows).toBe(first.hiddenRows);
  });

  it("heads: the same first rows, and the same extent", async () => {
    const { parts, book, host } = await both("openpyxl-long.xlsx");
    const [theirs] = await host.readSheetHeads(5);
    const mine = readSheet(parts, book, book.sheets[0].part!, { maxRows: 5 });
    expect({ rows: mine.rows, columns: mine.columns, head: mine.cells }).toEqual({ rows: theirs.rows, columns: theirs.columns, head: theirs.head });
  });

  it('ExcelJS read a 1904 book written with date1904="true" four years and a day early', async () => {
    const { parts, book, host } = await both("hand-1904.xlsx");
    const theirs = await host.readSheetValues("Sheet1");
    const mine = readSheet(parts, book, book.sheets[0].part!).cells;
    expect(mine[1]).toEqual([utc(1985, 3, 9)]);
    expect(theirs[1]).toEqual([utc(1981, 3, 8)]);
  });

  it('ExcelJS read t="d" dates as their year, kept _x0009_ in inline strings and put serial 59 a day early', async () => {
    const { parts, book, host } = await both("hand-strings.xlsx");
    const theirs = await host.readSheetValues("Sheet1");
    const mine = readSheet(parts, book, book.sheets[0].part!).cells;
    expect([theirs[2][4], mine[2][4]]).toEqual([2024, utc(2024, 3, 1, 12)]);
    expect([theirs[1][2], mine[1][2]]).toEqual(["tab_x0009_here", "tab\there"]);
    expect([theirs[3][5], mine[3][5]]).toEqual([utc(1900, 2, 27), utc(1900, 2, 28)]);
    // everything else is the same
    const blank = (rows: unknown[][]) =>
      rows.map((row, r) => row.map((v, c) => ((r === 2 && (c === 4 || c === 5)) || (r === 1 && c === 2) || (r === 3 && c === 5) ? "x" : v)));
    expect(blank(mine)).toEqual(blank(theirs));
  });

  it("ExcelJS found no sheet in a workbook outside xl/ and could not read openpyxl's book at all", async () => {
    const dialect = await ExcelJsReader.fromBuffer(fixtureBytes("hand-dialect.xlsx"));
    await expect(dialect.readSheetValues("Data")).rejects.toThrow();
    await expect(ExcelJsReader.fromBuffer(fixtureBytes("openpyxl-clients.xlsx"))).rejects.toThrow();
  });
});
