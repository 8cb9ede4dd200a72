import { contentTypeOf, findPart, readContentTypes, readRelationships, relationshipKind, relsPartOf, resolveTarget } from "../../../src/workbook/package/opc";
import { fixture } from "./producers";

describe("resolveTarget", () => {
  it("resolves a target against the source part's folder", () => {
    expect(resolveTarget("xl/workbook.xml", "worksheets/sheet1.xml")).toBe("xl/worksheets/sheet1.xml");
    expect(resolveTarget("xl/workbook.xml", "./worksheets/sheet1.xml")).toBe("xl/worksheets/sheet1.xml");
    expect(resolveTarget("xl/worksheets/sheet1.xml", "../tables/table1.xml")).toBe("xl/tables/table1.xml");
    expect(resolveTarget("", "xl/workbook.xml")).toBe("xl/workbook.xml");
  });

  it("reads a target that starts with / from the package root, as openpyxl writes them", () => {
    expect(resolveTarget("xl/workbook.xml", "/xl/worksheets/sheet1.xml")).toBe("xl/worksheets/sheet1.xml");
    expect(resolveTarget("xl/worksheets/sheet2.xml", "/xl/tables/table1.xml")).toBe("xl/tables/table1.xml");
  });

  it("drops a fragment and cannot climb above the root", () => {
    expect(resolveTarget("xl/workbook.xml", "sheet.xml#A1")).toBe("xl/sheet.xml");
    expect(resolveTarget("xl/workbook.xml", "../../../a.xml")).toBe("a.xml");
  });
});

describe("relationships", () => {
  it("names the .rels part of a part and of the package", () => {
    expect(relsPartOf("xl/workbook.xml")).toBe("xl/_rels/workbook.xml.rels");
    expect(relsPartOf("/xl/worksheets/sheet1.xml")).toBe("xl/worksheets/_rels/sheet1.xml.rels");
    expect(relsPartOf("")).toBe("_rels/.rels");
  });

  it("resolves openpyxl's absolute targets to the parts in the zip", () => {
    const parts = fixture("openpyxl-clients.xlsx");
    const rels = readRelationships(parts, "xl/workbook.xml");
    expect(rels.find((r) => r.id === "rId1")).toEqual({
      id: "rId1",
      type: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet",
      target: "/xl/worksheets/sheet1.xml",
      external: false,
      part: "xl/worksheets/sheet1.xml",
    });
    expect(readRelationships(parts, "xl/worksheets/sheet4.xml").map((r) => r.part)).toEqual(["xl/tables/table1.xml"]);
  });

  it("keeps an external target external: a URL, no part", () => {
    const [link] = readRelationships(fixture("hand-dialect.xlsx"), "book/sheets/data.xml");
    expect(link).toEqual({ id: "rId1", type: expect.stringMatching(/\/hyperlink$/), target: "https://example.com/a%20b?q=1", external: true });
    expect(relationshipKind(link.type)).toBe("hyperlink");
  });

  it("resolves ./ and ../ targets of a workbook outside xl/", () => {
    const parts = fixture("hand-dialect.xlsx");
    const byKind = Object.fromEntries(readRelationships(parts, "book/main.xml").map((r) => [r.id, r.part]));
    expect(byKind).toEqual({
      rId1: "book/sheets/data.xml",
      rId2: "book/sheets/hidden.xml",
      rId3: "strings/shared.xml",
      rId4: "book/style.xml",
      rId5: "book/sheets/missing.xml",
    });
  });

  it("gives none for a part without a .rels part", () => {
    expect(readRelationships(fixture("hand-1900.xlsx"), "xl/worksheets/sheet1.xml")).toEqual([]);
  });
});

describe("content types", () => {
  it("finds a part's override, else the default of its extension, without case", () => {
    const parts = fixture("hand-macro.xlsm");
    const types = readContentTypes(parts);
    expect(contentTypeOf(types, "xl/workbook.xml")).toBe("application/vnd.ms-excel.sheet.macroEnabled.main+xml");
    expect(contentTypeOf(types, "/XL/Workbook.xml")).toBe("application/vnd.ms-excel.sheet.macroEnabled.main+xml");
    expect(contentTypeOf(types, "xl/vbaProject.bin")).toBe("application/vnd.ms-office.vbaProject");
    expect(contentTypeOf(types, "xl/_rels/workbook.xml.rels")).toBe("application/vnd.openxmlformats-package.relationships+xml");
    expect(contentTypeOf(types, "xl/media/image1.png")).toBeUndefined();
  });

  it("finds a part whose name differs in case or percent-encoding", () => {
    const parts = new Map([["xl/worksheets/My Sheet.xml", new Uint8Array()]]);
    expect(findPart(parts, "/xl/worksheets/My%20Sheet.xml")).toBe("xl/worksheets/My Sheet.xml");
    expect(findPart(parts, "XL/WORKSHEETS/my sheet.xml")).toBe("xl/worksheets/My Sheet.xml");
    expect(findPart(parts, "xl/worksheets/other.xml")).toBeUndefined();
  });
});
