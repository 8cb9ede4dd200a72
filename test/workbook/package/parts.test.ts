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
