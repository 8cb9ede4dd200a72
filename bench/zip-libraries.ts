/*
 * Which zip library the .xlsx package host uses, by measurement: read every part of a generated
 * 100,000-client workbook and write the package back (deflate), with fflate and with JSZip (the
 * zip library ExcelJS uses). Medians of 3; prints figures. `npx tsx bench/zip-libraries.ts`
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { unzipSync, zipSync, type Zippable } from "fflate";
import JSZip from "jszip";
import { writeBigBook } from "./cli-bench";

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "client-ladder-zip-"));
  try {
    const file = path.join(dir, "in.xlsx");
    await writeBigBook(file, 100_000);
    const bytes = new Uint8Array(readFileSync(file));
    const runs = { fflateRead: [] as number[], fflateWrite: [] as number[], jszipRead: [] as number[], jszipWrite: [] as number[] };
    for (let i = 0; i < 3; i++) {
      let t = performance.now();
      const parts = unzipSync(bytes);
      runs.fflateRead.push(performance.now() - t);
      t = performance.now();
      const files: Zippable = {};
      for (const [name, data] of Object.entries(parts)) files[name] = [data, { level: 6 }];
      zipSync(files);
      runs.fflateWrite.push(performance.now() - t);

      t = performance.now();
      const zip = await JSZip.loadAsync(bytes);
      const read: Record<string, Uint8Array> = {};
      for (const name of Object.keys(zip.files)) read[name] = await zip.files[name].async("uint8array");
      runs.jszipRead.push(performance.now() - t);
      t = performance.now();
      const out = new JSZip();
      for (const [name, data] of Object.entries(read)) out.file(name, data);
      await out.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 } });
      runs.jszipWrite.push(performance.now() - t);
    }
    console.log(`zip libraries on a 100,000 x 15 client workbook (${(bytes.length / 2 ** 20).toFixed(1)} MiB), median of 3`);
    console.log(`  fflate: read every part ${median(runs.fflateRead).toFixed(0)} ms, write (deflate 6) ${median(runs.fflateWrite).toFixed(0)} ms`);
    console.log(`  JSZip:  read every part ${median(runs.jszipRead).toFixed(0)} ms, write (deflate 6) ${median(runs.jszipWrite).toFixed(0)} ms`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
