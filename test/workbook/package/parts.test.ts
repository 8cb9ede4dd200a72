import { unzipSync } from "fflate";
import { nodeDeflater } from "../../../src/cli/files";
import { readParts, utf8, writeParts, writePartsWith } from "../../../src/workbook/package/parts";

const PARTS = new Map<string, Uint8Array>([
  ["xl/workbook.xml", utf8("<workbook>客户</workbook>")],
  ["[Content_Types].xml", utf8("<Types/>")],
  ["xl/media/image1.png", Uint8Array.from({ length: 300 }, (_, i) => (i * 7) % 256)],
  ["xl/worksheets/sheet1.xml", utf8("<row>".repeat(50_000))],
]);

test.each([
  ["fflate", async () => writeParts(PARTS)],
  ["Node's zlib through fflate's zip writer", async () => writePartsWith(PARTS, nodeDeflater)],
])("a package written with %s reads back part for part, byte for byte, content types first", async (_name, write) => {
  const bytes = await write();
  const back = unzipSync(bytes);
  expect(Object.keys(back)[0]).toBe("[Content_Types].xml");
  expect(new Set(Object.keys(back))).toEqual(new Set(PARTS.keys()));
  for (const [name, data] of PARTS) expect(Buffer.from(back[name]).equals(Buffer.from(data))).toBe(true);
  expect(readParts(bytes).get("xl/workbook.xml")).toEqual(PARTS.get("xl/workbook.xml"));
  // the repetitive sheet is deflated, the image stored
  expect(bytes.length).toBeLessThan(20_000);
});

describe("a part held as its maker", () => {
  /** 12 MB of rows in pieces of 64 K characters, as the sheet writer makes them, each piece made anew */
  const rows = (count: number) =>
    function* (): Generator<Uint8Array> {
      for (let i = 0; i < count; i++) yield utf8(`<row r="${i + 1}">${"x".repeat(65_536)}</row>`);
    };
  const head = `<?xml version="1.0"?><worksheet><sheetViews><sheetView workbookViewId="0"/></sheetViews>`;
  const made = () => {
    const parts = readParts(writeParts(PARTS));
    parts.make("xl/worksheets/sheet2.xml", function* () {
      yield utf8(head);
      yield* rows(190)();
      yield utf8("</worksheet>");
    });
    parts.make("xl/worksheets/sheet3.xml", () => [utf8(`${head}<sheetData/></worksheet>`)]);
    return parts;
  };

  test.each([
    ["fflate", async (p: Parameters<typeof writeParts>[0]) => writeParts(p)],
    ["Node's zlib", async (p: Parameters<typeof writeParts>[0]) => writePartsWith(p, nodeDeflater)],
  ])("is written whole by %s: the big one streamed, the small one too, head edits applied", async (_name, write) => {
    const parts = made();
    parts.editHead("xl/worksheets/sheet2.xml", (h) => h.replace("<sheetView ", `<sheetView tabSelected="1" `));
    const back = unzipSync(await write(parts));
    const big = back["xl/worksheets/sheet2.xml"];
    const expected = Buffer.concat([utf8(head.replace("<sheetView ", `<sheetView tabSelected="1" `)), ...rows(190)(), utf8("</worksheet>")]);
    expect(big.length).toBe(expected.length);
    expect(Buffer.from(big).equals(expected)).toBe(true);
    expect(Buffer.from(back["xl/worksheets/sheet3.xml"]).toString()).toBe(`${head}<sheetData/></worksheet>`);
    // the parts held as bytes are there as they were
    for (const [name, data] of PARTS) expect(Buffer.from(back[name]).equals(Buffer.from(data))).toBe(true);
  });

  test("a reader that asks for it gets it whole; set and delete forget the maker", () => {
    const parts = made();
    expect(Buffer.from(parts.get("xl/worksheets/sheet3.xml")!).toString()).toBe(`${head}<sheetData/></worksheet>`);
    expect(parts.pieces("xl/workbook.xml")).toBeUndefined();
    parts.set("xl/worksheets/sheet3.xml", utf8("<worksheet/>"));
    expect(parts.pieces("xl/worksheets/sheet3.xml")).toBeUndefined();
    expect(Buffer.from(parts.get("xl/worksheets/sheet3.xml")!).toString()).toBe("<worksheet/>");
    parts.delete("xl/worksheets/sheet2.xml");
    expect(parts.has("xl/worksheets/sheet2.xml")).toBe(false);
    expect(Object.keys(unzipSync(writeParts(parts)))).not.toContain("xl/worksheets/sheet2.xml");
  });
});
