import * as fs from "node:fs";
import * as path from "node:path";
import * as zlib from "node:zlib";
import { strToU8, unzipSync, Zip, ZipDeflate, zipSync } from "fflate";
import { nodeDeflater, nodeInflater } from "../../../src/cli/files";
import { PackageHost } from "../../../src/workbook/package/host";
import { readParts, utf8, writeParts, writePartsWith, type PackageParts } from "../../../src/workbook/package/parts";
import { zipEntries } from "../../../src/workbook/package/zip-directory";
import { runSegmentation } from "../../../src/workbook/run";

const PRODUCERS = path.join(__dirname, "../../fixtures/producers");

const FILES = {
  "[Content_Types].xml": strToU8("<Types/>"),
  "xl/workbook.xml": strToU8(`<workbook>${"客户".repeat(500)}</workbook>`),
  "xl/media/image1.png": Uint8Array.from({ length: 300 }, (_, i) => (i * 7) % 256),
};

/** Every entry inflated from its stored bytes, as the unzip of fflate gives it. */
function inflatedEntries(zip: Uint8Array): Record<string, Uint8Array> {
  const entries = zipEntries(zip);
  if (!entries) throw new Error("not taken");
  const out: Record<string, Uint8Array> = {};
  for (const [name, e] of entries) {
    const data = e.method === 0 ? e.data : zlib.inflateRawSync(e.data);
    expect(data.length).toBe(e.size);
    expect(zlib.crc32(data)).toBe(e.crc);
    out[name] = new Uint8Array(data);
  }
  return out;
}

/** A stream of fflate's Zip: entries with data descriptors (sizes and CRC after the data). */
function streamedZip(): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((err, data) => {
    if (err) throw err;
    chunks.push(data);
  });
  for (const [name, data] of Object.entries(FILES)) {
    const file = new ZipDeflate(name, { level: 9 });
    zip.add(file);
    file.push(data.subarray(0, 10));
    file.push(data.subarray(10), true);
  }
  zip.end();
  return Buffer.concat(chunks);
}

describe("the central directory read for the entries as stored", () => {
  test.each([
    ["fflate's zipSync (stored and deflated entries)", () => zipSync({ ...FILES, "xl/media/image1.png": [FILES["xl/media/image1.png"], { level: 0 }] })],
    ["fflate's streaming Zip (data descriptors)", streamedZip],
    ["Node's zlib through our writer", () => writePartsWith(new Map(Object.entries(FILES)), nodeDeflater)],
  ])("%s: each entry's stored bytes inflate to what fflate's unzip gives, CRC and size as the directory says", async (_name, make) => {
    const zip = await make();
    expect(inflatedEntries(zip)).toEqual(unzipSync(zip));
  });

  test("a Zip64 archive with a comment, made by Info-ZIP: read by the directory, the same parts as fflate reads", () => {
    const zip = new Uint8Array(fs.readFileSync(path.join(PRODUCERS, "infozip-zip64.xlsx")));
    // the end record points to the Zip64 one (its directory offset is 0xFFFFFFFF), and the archive ends in a comment
    const view = Buffer.from(zip);
    const end = view.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    expect(view.readUInt32LE(end + 16)).toBe(0xffffffff);
    expect(view.subarray(end + 22).toString()).toContain("Info-ZIP");
    expect(inflatedEntries(zip)).toEqual(unzipSync(zip));
  });

  test("what the reader does not take gives undefined: an encrypted entry, another method, a cut file, not a zip", () => {
    const zip = zipSync({ "a.xml": strToU8("<a/>".repeat(100)) });
    const central = Buffer.from(zip).lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    const encrypted = Buffer.from(zip);
    encrypted.writeUInt16LE(encrypted.readUInt16LE(central + 8) | 1, central + 8);
    expect(zipEntries(encrypted)).toBeUndefined();
    const bzip2 = Buffer.from(zip);
    bzip2.writeUInt16LE(12, central + 10);
    expect(zipEntries(bzip2)).toBeUndefined();
    expect(zipEntries(zip.subarray(0, zip.length - 5))).toBeUndefined();
    expect(zipEntries(strToU8("id,name\n1,王芳\n".repeat(10)))).toBeUndefined();
    // a local header the directory points past the end of the file
    const pointing = Buffer.from(zip);
    pointing.writeUInt32LE(zip.length + 100, central + 42);
    expect(zipEntries(pointing)).toBeUndefined();
    expect(zipEntries(zip)?.get("a.xml")?.size).toBe(400);
  });
});

describe("a package's parts held as stored", () => {
  // the package as Excel would have it: deflated at a level our writer does not use
  const book = zipSync({ ...FILES, "xl/worksheets/sheet1.xml": strToU8(`<worksheet>${"<row/>".repeat(5000)}</worksheet>`) }, { level: 9 });

  test.each([
    ["fflate", (p: PackageParts) => Promise.resolve(writeParts(p))],
    ["Node's zlib", (p: PackageParts) => writePartsWith(p, nodeDeflater)],
  ])("are written back by %s with the very bytes the zip stored, read or not; a changed part is deflated anew", async (_name, write) => {
    const parts = readParts(book, nodeInflater);
    // reading a part does not change what is written
    expect(Buffer.from(parts.get("xl/workbook.xml")!).toString()).toContain("客户");
    parts.set("xl/worksheets/sheet1.xml", utf8("<worksheet/>"));
    const out = await write(parts);
    const before = zipEntries(book)!;
    const after = zipEntries(out)!;
    for (const name of ["[Content_Types].xml", "xl/workbook.xml", "xl/media/image1.png"]) {
      expect(Buffer.from(after.get(name)!.data).equals(Buffer.from(before.get(name)!.data))).toBe(true);
      expect(after.get(name)!.crc).toBe(before.get(name)!.crc);
    }
    expect(Buffer.from(unzipSync(out)["xl/worksheets/sheet1.xml"]).toString()).toBe("<worksheet/>");
  });

  test("a part is inflated once, when read: the same bytes each time (readers cache by them)", () => {
    const calls: number[] = [];
    const parts = readParts(book, (data, size) => {
      calls.push(size);
      return new Uint8Array(zlib.inflateRawSync(data));
    });
    expect(calls).toEqual([]);
    const first = parts.get("xl/worksheets/sheet1.xml");
    expect(parts.get("xl/worksheets/sheet1.xml")).toBe(first);
    expect(calls).toEqual([first!.length]);
    // iterating gives the inflated parts too
    expect(new Map(parts.entries()).get("xl/workbook.xml")).toEqual(FILES["xl/workbook.xml"]);
  });

  test("a head edit inflates only the head of a part it does not change, which stays as stored", async () => {
    const sheet = `<worksheet><sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews><sheetData>${"<row/>".repeat(200_000)}</sheetData></worksheet>`;
    const zip = zipSync({ "[Content_Types].xml": strToU8("<Types/>"), "a.xml": strToU8(sheet), "b.xml": strToU8(sheet.replace(` tabSelected="1"`, "")) });
    const inflated: number[] = [];
    const parts = readParts(zip, (data, size) => {
      inflated.push(size);
      return new Uint8Array(zlib.inflateRawSync(data));
    });
    const unselect = (head: string) => head.replace(` tabSelected="1"`, "");
    parts.editHead("b.xml", unselect);
    expect(inflated).toEqual([]);
    expect(parts.storedEntry("b.xml")).toBeDefined();
    parts.editHead("a.xml", unselect);
    expect(parts.storedEntry("a.xml")).toBeUndefined();
    const back = unzipSync(await writePartsWith(parts, nodeDeflater));
    expect(Buffer.from(back["a.xml"]).toString()).toBe(sheet.replace(` tabSelected="1"`, ""));
    expect(Buffer.from(back["b.xml"]).toString()).toBe(sheet.replace(` tabSelected="1"`, ""));
  });
});

test("a Zip64 book from Info-ZIP runs, and runs again, its parts the run does not own copied as stored", async () => {
  const input = new Uint8Array(fs.readFileSync(path.join(PRODUCERS, "infozip-zip64.xlsx")));
  const host = PackageHost.fromBytes(input, nodeInflater);
  const outcome = await runSegmentation(host, { asOf: "2026-01-15" });
  expect(outcome.ok).toBe(true);
  const once = await host.toBytesWith(nodeDeflater);
  const again = PackageHost.fromBytes(once, nodeInflater);
  expect((await runSegmentation(again, { asOf: "2026-01-15" })).ok).toBe(true);
  const twice = await again.toBytesWith(nodeDeflater);
  const stored = zipEntries(input)!;
  for (const out of [once, twice]) {
    const written = zipEntries(out)!;
    for (const name of ["xl/theme/theme1.xml", "docProps/core.xml", "_rels/.rels"])
      if (stored.has(name)) expect(Buffer.from(written.get(name)!.data).equals(Buffer.from(stored.get(name)!.data))).toBe(true);
  }
});
