/*
 * Pictures of printed output sheets for the README (docs/screenshots/print-*.png): the sample,
 * segmented for a fixed run date, printed to PDF by LibreOffice headless one sheet at a time, and
 * the first page of each rendered by pdftoppm. Needs `soffice` (libreoffice-calc-nogui) and
 * `pdftoppm` (poppler-utils). Run: npx tsx scripts/sheet-pictures.ts
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { sampleBook } from "../src/core/sample";
import { readBook } from "../src/workbook/package/book";
import { setActiveTab, setSheetState } from "../src/workbook/package/edits";
import { PackageHost } from "../src/workbook/package/host";
import { sampleBytes } from "../src/workbook/package/new-book";
import { readParts, text, utf8, writeParts } from "../src/workbook/package/parts";
import { runSegmentation } from "../src/workbook/run";

const AS_OF = "2026-11-25";
/** The sheet, its picture, the resolution, and the part of the page kept (fractions of its width and height). */
const SHEETS: [string, string, number, { y: number; w: number; h: number }][] = [
  // a wide sheet fitted to one page wide: its top left, enlarged, is what can be read
  ["经营计划", "print-plans.png", 220, { y: 0.085, w: 0.62, h: 0.24 }],
  ["行动日历", "print-calendar.png", 70, { y: 0, w: 1, h: 1 }],
  ["分层概览", "print-summary.png", 70, { y: 0, w: 1, h: 1 }],
];
const root = path.resolve(__dirname, "..");

/** The package with only `keep` visible and active: LibreOffice prints the visible sheets. */
function onlySheet(bytes: Uint8Array, keep: string): Uint8Array {
  const parts = readParts(bytes);
  const book = readBook(parts);
  let xml = text(parts, book.workbookPart)!;
  for (const sheet of book.sheets) if (sheet.name !== keep) xml = setSheetState(xml, sheet.rId, "hidden");
  xml = setActiveTab(
    xml,
    book.sheets.findIndex((s) => s.name === keep),
  );
  parts.set(book.workbookPart, utf8(xml));
  return writeParts(parts);
}

async function main(): Promise<void> {
  const host = PackageHost.fromBytes(sampleBytes(sampleBook(undefined, undefined, { asOf: AS_OF })));
  const outcome = await runSegmentation(host, { asOf: AS_OF });
  if (!outcome.ok) throw new Error(outcome.issue.code);
  const bytes = host.toBytes();
  const dir = mkdtempSync(path.join(os.tmpdir(), "client-ladder-pictures-"));
  try {
    for (const [sheet, picture, dpi, keep] of SHEETS) {
      const file = path.join(dir, `${path.basename(picture, ".png")}.xlsx`);
      writeFileSync(file, onlySheet(bytes, sheet));
      execFileSync("soffice", [`-env:UserInstallation=file://${dir}/profile`, "--headless", "--convert-to", "pdf", "--outdir", dir, file], {
        stdio: "ignore",
        timeout: 240_000,
      });
      const pdf = file.replace(/\.xlsx$/, ".pdf");
      const pages = /Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }))?.[1];
      // the page is 8.27 x 11.69 inches (A4) or 11.69 x 8.27 landscape: pdftoppm crops in pixels
      const [w, h] = /Page size:\s+([\d.]+) x ([\d.]+)/
        .exec(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }))!
        .slice(1)
        .map((v) => (Number(v) / 72) * dpi);
      const crop =
        keep.w < 1 || keep.h < 1
          ? ["-x", "0", "-y", String(Math.round(h * keep.y)), "-W", String(Math.round(w * keep.w)), "-H", String(Math.round(h * keep.h))]
          : [];
      execFileSync("pdftoppm", ["-png", "-r", String(dpi), "-f", "1", "-l", "1", ...crop, "-singlefile", pdf, path.join(dir, "page")]);
      writeFileSync(path.join(root, "docs", "screenshots", picture), readFileSync(path.join(dir, "page.png")));
      console.log(`${sheet}: ${pages} page(s) -> docs/screenshots/${picture}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
