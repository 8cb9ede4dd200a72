import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { unzipSync } from "fflate";
import { nodeDeflater, writeStreamed } from "../../src/cli/files";
import { PackageParts, utf8, writePartsTo } from "../../src/workbook/package/parts";

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "client-ladder-files-"));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test("a package is written to the file piece by piece as it is made, and reads back whole", async () => {
  const parts = new PackageParts();
  parts.set("[Content_Types].xml", utf8("<Types/>"));
  // 20 MB made in pieces: streamed through the deflater into the file
  parts.make("xl/worksheets/sheet1.xml", function* () {
    for (let i = 0; i < 80; i++) yield utf8(`<row r="${i + 1}">${"客".repeat(87_000)}</row>`);
  });
  const file = path.join(dir, "out.xlsx");
  const sizes: number[] = [];
  await writeStreamed(file, (sink) =>
    writePartsTo(parts, nodeDeflater, (bytes) => {
      sizes.push(bytes.length);
      sink(bytes);
    }),
  );
  expect(sizes.length).toBeGreaterThan(10);
  const back = unzipSync(new Uint8Array(await fs.readFile(file)));
  expect(Buffer.from(back["xl/worksheets/sheet1.xml"]).equals(Buffer.from(parts.get("xl/worksheets/sheet1.xml")!))).toBe(true);
  expect(await fs.readdir(dir)).toEqual(["out.xlsx"]);
});

test("a write that fails leaves the file that was there as it was, and no temporary file", async () => {
  const file = path.join(dir, "out.xlsx");
  await fs.writeFile(file, "the book of last week");
  await expect(
    writeStreamed(file, async (sink) => {
      sink(utf8("half of a package"));
      throw new Error("the disk is full");
    }),
  ).rejects.toThrow("the disk is full");
  expect(await fs.readFile(file, "utf8")).toBe("the book of last week");
  expect(await fs.readdir(dir)).toEqual(["out.xlsx"]);
});
