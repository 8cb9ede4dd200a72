/*
 * The sample book made as a package from nothing (src/workbook/package/new-book.ts), without ExcelJS:
 * read back by the package host it gives the client block the ExcelJS-made sample gave (values,
 * dates, the merged title, the hidden row); ExcelJS and LibreOffice (where installed) open it.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sampleBook } from "../../../src/core/sample";
import { PackageHost } from "../../../src/workbook/package/host";
import { dateSerial, newBook, sampleBytes } from "../../../src/workbook/package/new-book";
import { readParts, text } from "../../../src/workbook/package/parts";
import { readWorkbook, sampleWorkbook } from "../xlsx-book";

const sample = sampleBook();
const SOFFICE = ["/usr/bin/soffice", "/usr/bin/libreoffice"].find((p) => existsSync(p));

describe("the sample book without ExcelJS", () => {
  it("reads back as the ExcelJS-made sample did: every value and date, the title once, the hidden row", async () => {
    const mine = await PackageHost.fromBytes(sampleBytes()).readClientBlock({});
    const theirs = await PackageHost.fromBytes(new Uint8Array(await sampleWorkbook(sample).xlsx.writeBuffer())).readClientBlock({});
    expect(mine).toEqual(theirs);
    expect(mine.source).toBe(sample.sheetName);
    expect(mine.hiddenRows).toBe(sample.hiddenRows.length);
    expect(mine.cells[0]).toEqual([sample.title, ...new Array(sample.header.length - 1).fill(null)]);
    expect(mine.cells[1]).toEqual(sample.header);
    // the data rows are the sample's, dates as dates; the blank row comes back as a row of nulls
    expect(mine.cells.slice(2)).toEqual(sample.rows.map((r) => r.map((v) => v ?? null)));
    expect(mine.cells[2][4]).toBeInstanceOf(Date);
  });

  it("is the sample for ExcelJS: the title merged across the header, two rows frozen, date formats, the hidden row", async () => {
    const wb = await readWorkbook(sampleBytes());
    const ws = wb.getWorksheet(sample.sheetName)!;
    expect((ws.model as { merges?: string[] }).merges).toEqual(["A1:O1"]);
    expect(ws.getCell("A1").value).toBe(sample.title);
    expect(ws.getCell("A1").font).toMatchObject({ bold: true, size: 14 });
    expect(ws.getCell("A1").alignment).toMatchObject({ horizontal: "center" });
    expect(ws.getCell("B2").font).toMatchObject({ bold: true });
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
    expect(ws.getCell("E3").value).toEqual(sample.rows[0][4]);
    expect(ws.getCell("E3").numFmt).toBe("yyyy-mm-dd");
    expect(ws.getCell("D3").numFmt).toBe("#,##0");
    expect(ws.getColumn(1).width).toBe(10);
    const hidden: number[] = [];
    ws.eachRow({ includeEmpty: true }, (row, r) => row.hidden && hidden.push(r));
    expect(hidden).toEqual(sample.hiddenRows.map((r) => r + 3));
    expect(ws.getCell("D17").value).toEqual({ error: "#N/A" });
  });

  it("a new book takes the add-in's output like any other: styles appended, a sheet added, app.xml titles kept in step", async () => {
    const host = PackageHost.fromBytes(newBook({ name: "Sheet1", rows: [["a", 1, true, new Date(Date.UTC(2026, 0, 2))]] }));
    await host.writeSettings("{}");
    await host.writeSheets([{ name: "Out", blocks: [{ row: 0, column: 0, cells: [["x", 2]] }], tables: [], freezeRows: 0, key: "summary" }], []);
    const parts = readParts(host.toBytes());
    expect(text(parts, "docProps/app.xml")).toMatch(/<vt:i4>3<\/vt:i4>[\s\S]*<vt:lpstr>Sheet1<\/vt:lpstr>/);
    const wb = await readWorkbook(host.toBytes());
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Sheet1", expect.any(String), "Out"]);
    expect(wb.getWorksheet("Sheet1")!.getRow(1).values).toEqual([undefined, "a", 1, true, new Date(Date.UTC(2026, 0, 2))]);
    expect(wb.getWorksheet("Out")!.getCell("B1").value).toBe(2);
  });

  it("dates are 1900-system serials of their UTC day", () => {
    expect(dateSerial(new Date(Date.UTC(1900, 2, 1)))).toBe(61);
    expect(dateSerial(new Date(Date.UTC(2026, 0, 1)))).toBe(46023);
    expect(dateSerial(new Date(Date.UTC(2026, 0, 1, 12)))).toBe(46023.5);
  });

  (SOFFICE ? it : it.skip)("opens in LibreOffice headless (converted to csv: the title, the header, the first client)", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "client-ladder-sample-"));
    try {
      writeFileSync(path.join(dir, "sample.xlsx"), sampleBytes());
      execFileSync(
        SOFFICE!,
        [
          `-env:UserInstallation=file://${dir}/profile`,
          "--headless",
          "--convert-to",
          "csv:Text - txt - csv (StarCalc):44,34,76",
          "--outdir",
          dir,
          path.join(dir, "sample.xlsx"),
        ],
        {
          timeout: 120_000,
          stdio: "pipe",
        },
      );
      expect(readdirSync(dir)).toContain("sample.csv");
      const lines = readFileSync(path.join(dir, "sample.csv"), "utf8").split(/\r?\n/);
      expect(lines[0].startsWith(sample.title)).toBe(true);
      expect(lines[1].split(",")).toEqual(sample.header);
      // as shown: the premium with its thousands separator (quoted), the birth date as yyyy-mm-dd
      expect(lines[2]).toBe(
        [
          "KH01001",
          sample.rows[0][1],
          sample.rows[0][2],
          `"${(sample.rows[0][3] as number).toLocaleString("en-US")}"`,
          (sample.rows[0][4] as Date).toISOString().slice(0, 10),
        ].join(",") + lines[2].slice(lines[2].indexOf(",", lines[2].indexOf((sample.rows[0][4] as Date).toISOString().slice(0, 10)))),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
