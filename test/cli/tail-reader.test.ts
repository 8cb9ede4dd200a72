import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { zipSync } from "fflate";
import { startTailReader, type TailReader } from "../../src/cli/tail-reader";
import { PackageHost } from "../../src/workbook/package/host";
import { utf8 } from "../../src/workbook/package/parts";

const ROOT = path.join(__dirname, "../..");
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** A book whose client sheet is over 16 MB of XML: inline and shared strings, dates, numbers, hidden rows, a gap. */
function bigBook(rows: number): Uint8Array {
  const names = ["王芳", "李强", "张伟", "刘洋"];
  let xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${MAIN}"><sheetData>`;
  xml += `<row r="1"><c r="A1" t="inlineStr"><is><t>客户编号</t></is></c><c r="B1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>年缴保费</t></is></c><c r="D1" t="inlineStr"><is><t>续期日期</t></is></c></row>`;
  for (let r = 2; r <= rows; r++) {
    if (r % 1000 === 0) continue;
    xml +=
      `<row r="${r}"${r % 97 === 0 ? ' hidden="1"' : ""}><c r="A${r}" t="inlineStr"><is><t>C${String(r).padStart(8, "0")} ${"x".repeat(120)}</t></is></c>` +
      `<c r="B${r}" t="s"><v>${1 + (r % 4)}</v></c><c r="C${r}"><v>${(r * 37) % 100_000}</v></c><c r="D${r}" s="1"><v>${45000 + (r % 700)}</v></c></row>`;
  }
  xml += "</sheetData></worksheet>";
  const sst = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}" count="5" uniqueCount="5"><si><t>客户姓名</t></si>${names.map((n) => `<si><t>${n}</t></si>`).join("")}</sst>`;
  const styles = `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${MAIN}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>`;
  return zipSync({
    "[Content_Types].xml": utf8(
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
        `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    ),
    "_rels/.rels": utf8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    "xl/workbook.xml": utf8(
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="客户名单" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    "xl/_rels/workbook.xml.rels": utf8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
        `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    ),
    "xl/worksheets/sheet1.xml": utf8(xml),
    "xl/sharedStrings.xml": utf8(sst),
    "xl/styles.xml": utf8(styles),
  });
}

let dir: string;
let reader: TailReader | undefined;
beforeAll(() => {
  // the worker as the CLI's build makes it
  dir = mkdtempSync(path.join(os.tmpdir(), "client-ladder-tail-"));
  execFileSync(process.execPath, [path.join(ROOT, "scripts/build-cli.mjs"), path.join(dir, "client-ladder.js")], {
    cwd: ROOT,
    stdio: "pipe",
    timeout: 120_000,
  });
}, 180_000);
afterAll(async () => {
  await reader?.close();
  rmSync(dir, { recursive: true, force: true });
});

test("a client sheet over 16 MB is read in two halves, one on the worker thread, into the very block read whole", async () => {
  const bytes = bigBook(110_000);
  reader = startTailReader(path.join(dir, "read-worker.js"));
  expect(reader).toBeDefined();
  let asked = 0;
  const split = PackageHost.fromBytes(bytes);
  split.tailReader = { read: (job) => (asked++, reader!.read(job)) };
  const halves = await split.readClientBlock({});
  const whole = await PackageHost.fromBytes(bytes).readClientBlock({});
  expect(asked).toBe(1);
  expect(halves.cells.length).toBe(109_999);
  expect(halves).toEqual(whole);
  // row 2: shared string 3, 2 * 37, serial 45002 under a date format
  expect(whole.cells[1].slice(1)).toEqual(["张伟", 74, new Date(Date.UTC(2023, 2, 17))]);
  expect(whole.hiddenRows).toBeGreaterThan(1000);
}, 60_000);

test("when the worker fails, the sheet is read whole", async () => {
  const bytes = bigBook(110_000);
  const host = PackageHost.fromBytes(bytes);
  host.tailReader = { read: () => Promise.reject(new Error("the thread is gone")) };
  const block = await host.readClientBlock({});
  expect(block.cells.length).toBe(109_999);
  expect(block).toEqual(await PackageHost.fromBytes(bytes).readClientBlock({}));
}, 60_000);

test("without the built worker (the sources run through tsx) there is no second reader", () => {
  expect(startTailReader(path.join(dir, "no-such-worker.js"))).toBeUndefined();
});
