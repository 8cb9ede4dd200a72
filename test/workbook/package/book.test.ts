import { readBook } from "../../../src/workbook/package/book";
import { PackageError, type Parts } from "../../../src/workbook/package/parts";
import { fixture, text, withPart } from "./producers";

const refusal = (parts: Parts): string | undefined => {
  try {
    readBook(parts);
    return undefined;
  } catch (err) {
    return err instanceof PackageError ? err.code : String(err);
  }
};

describe("readBook", () => {
  it("reads openpyxl's book: sheets in tab order with their states and parts, the active tab", () => {
    const book = readBook(fixture("openpyxl-clients.xlsx"));
    expect(book.workbookPart).toBe("xl/workbook.xml");
    expect(book.sheets).toEqual([
      { name: "Clients", sheetId: 1, rId: "rId1", state: "visible", part: "xl/worksheets/sheet1.xml", kind: "worksheet" },
      { name: "Hidden", sheetId: 2, rId: "rId2", state: "hidden", part: "xl/worksheets/sheet2.xml", kind: "worksheet" },
      { name: "VeryHidden", sheetId: 3, rId: "rId3", state: "veryHidden", part: "xl/worksheets/sheet3.xml", kind: "worksheet" },
      { name: "Tbl", sheetId: 4, rId: "rId4", state: "visible", part: "xl/worksheets/sheet4.xml", kind: "worksheet" },
    ]);
    expect(book.activeTab).toBe(3);
    expect(book.date1904).toBe(false);
    expect(book.macroEnabled).toBe(false);
    expect(book.stylesPart).toBe("xl/styles.xml");
    // this openpyxl writes inline strings: no shared strings part
    expect(book.sharedStringsPart).toBeUndefined();
  });

  it("reads LibreOffice's book", () => {
    const book = readBook(fixture("libreoffice-clients.xlsx"));
    expect(book.sheets.map((s) => [s.name, s.part, s.state])).toEqual([
      ["Clients", "xl/worksheets/sheet1.xml", "visible"],
      ["Other", "xl/worksheets/sheet2.xml", "visible"],
    ]);
    expect(book.sharedStringsPart).toBe("xl/sharedStrings.xml");
  });

  it("finds the workbook through the package relationship: prefixes, attribute orders, parts outside xl/", () => {
    const book = readBook(fixture("hand-dialect.xlsx"));
    expect(book.workbookPart).toBe("book/main.xml");
    expect(book.sheets.map((s) => [s.name, s.sheetId, s.rId, s.state, s.part])).toEqual([
      ["Notes", 7, "rId2", "hidden", "book/sheets/hidden.xml"],
      ["Data", 3, "rId1", "visible", "book/sheets/data.xml"],
      ["Store", 9, "rId5", "veryHidden", "book/sheets/missing.xml"],
    ]);
    expect(book.activeTab).toBe(1);
    expect(book.date1904).toBe(false);
    expect(book.sharedStringsPart).toBe("strings/shared.xml");
    expect(book.stylesPart).toBe("book/style.xml");
  });

  it("tells the 1904 date system, written as 1 (openpyxl) or true", () => {
    expect(readBook(fixture("openpyxl-1904.xlsx")).date1904).toBe(true);
    expect(readBook(fixture("hand-1904.xlsx")).date1904).toBe(true);
    expect(readBook(fixture("openpyxl-1900.xlsx")).date1904).toBe(false);
    expect(readBook(fixture("hand-1900.xlsx")).date1904).toBe(false);
  });

  it("tells a macro-enabled package by its VBA project or by its content type alone", () => {
    const parts = fixture("hand-macro.xlsm");
    expect(readBook(parts).macroEnabled).toBe(true);
    const noProject = new Map(parts);
    noProject.delete("xl/vbaProject.bin");
    const rels = text(parts, "xl/_rels/workbook.xml.rels").replace(/<Relationship Id="rId3"[^>]*\/>/, "");
    const contentTypeOnly = withPart(noProject, "xl/_rels/workbook.xml.rels", rels);
    expect(readBook(contentTypeOnly).contentType).toBe("application/vnd.ms-excel.sheet.macroEnabled.main+xml");
    expect(readBook(contentTypeOnly).macroEnabled).toBe(true);
    expect(readBook(fixture("exceljs-clients.xlsx")).macroEnabled).toBe(false);
  });

  it("refuses Strict Open XML: by its relationships, its namespace or its conformance attribute", () => {
    expect(refusal(fixture("hand-strict.xlsx"))).toBe("strict");
    const plain = fixture("hand-1900.xlsx");
    const xml = text(plain, "xl/workbook.xml");
    expect(refusal(plain)).toBeUndefined();
    expect(
      refusal(
        withPart(
          plain,
          "xl/workbook.xml",
          xml.replace('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"', 'xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main"'),
        ),
      ),
    ).toBe("strict");
    expect(refusal(withPart(plain, "xl/workbook.xml", xml.replace("<workbook ", '<workbook conformance="strict" ')))).toBe("strict");
  });

  it("refuses a package with no workbook part", () => {
    const parts = fixture("hand-1900.xlsx");
    parts.delete("xl/workbook.xml");
    expect(refusal(parts)).toBe("notXlsx");
  });
});
