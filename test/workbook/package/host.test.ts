/*
 * Package host edge cases found in review: a prepared run written twice, and Excel's calculation
 * chain on a book whose add-in sheets a person had edited.
 */
import { readBook } from "../../../src/workbook/package/book";
import { addOverride, addRelationship, freeRelId } from "../../../src/workbook/package/edits";
import { PackageHost } from "../../../src/workbook/package/host";
import { sampleBytes } from "../../../src/workbook/package/new-book";
import { readParts, text, utf8, writeParts } from "../../../src/workbook/package/parts";
import { prepareRun, runSegmentation, writeRun } from "../../../src/workbook/run";

const CALC_CHAIN = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain";

test("a prepared run written twice fails the second time instead of adding its sheets again", async () => {
  const host = PackageHost.fromBytes(sampleBytes());
  const ready = await prepareRun(host, { asOf: "2026-11-25" });
  if (!ready.ok) throw new Error(ready.issue.code);
  expect((await writeRun(host, ready.prepared)).ok).toBe(true);
  const again = await writeRun(host, ready.prepared);
  expect(again.ok ? "ok" : again.issue.code).toBe("writeFailed");
  const names = readBook(readParts(host.toBytes())).sheets.map((s) => s.name.toLowerCase());
  expect(new Set(names).size).toBe(names.length);
});

test("a re-run drops Excel's calculation chain, which named cells of the rewritten sheets", async () => {
  const first = PackageHost.fromBytes(sampleBytes());
  await runSegmentation(first, { asOf: "2026-11-25" });
  const parts = readParts(first.toBytes());
  const segments = readBook(parts).sheets.find((s) => s.name === "客户分层")!;
  // what Excel saves after a person typed a formula below the Segments table
  parts.set(segments.part!, utf8(text(parts, segments.part!)!.replace("</sheetData>", '<row r="999"><c r="A999"><f>1+1</f><v>2</v></c></row></sheetData>')));
  parts.set(
    "xl/calcChain.xml",
    utf8(`<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="A999" i="${segments.sheetId}" l="1"/></calcChain>`),
  );
  const rels = text(parts, "xl/_rels/workbook.xml.rels")!;
  parts.set("xl/_rels/workbook.xml.rels", utf8(addRelationship(rels, { id: freeRelId(rels), type: CALC_CHAIN, target: "calcChain.xml" })));
  parts.set(
    "[Content_Types].xml",
    utf8(addOverride(text(parts, "[Content_Types].xml")!, "xl/calcChain.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml")),
  );

  const second = PackageHost.fromBytes(writeParts(parts));
  expect((await runSegmentation(second, { asOf: "2026-11-26" })).ok).toBe(true);
  const after = readParts(second.toBytes());
  expect(after.has("xl/calcChain.xml")).toBe(false);
  expect(text(after, "xl/_rels/workbook.xml.rels")).not.toContain(CALC_CHAIN);
  expect(text(after, "[Content_Types].xml")).not.toContain("calcChain");
  // the rest of the book is as it was: the user's client sheet is still there
  expect(readBook(after).sheets.map((s) => s.name)).toContain("客户名单");
});
