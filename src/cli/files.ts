/*
 * The command line's file I/O: reading an .xlsx into an ExcelJS workbook and writing one without
 * ever leaving a half-written file behind (written next to the target, then renamed over it).
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { shareCellStyles } from "../workbook/xlsx";

export type ReadFailure = "missing" | "notFile" | "notXlsx";

export async function readWorkbook(file: string): Promise<{ ok: true; workbook: ExcelJS.Workbook } | { ok: false; failure: ReadFailure }> {
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat) return { ok: false, failure: "missing" };
  if (!stat.isFile()) return { ok: false, failure: "notFile" };
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch {
    return { ok: false, failure: "notXlsx" };
  }
  return { ok: true, workbook };
}

/** Writes the workbook to `file` through a temporary file in the same folder, then renames it. */
export async function writeWorkbook(workbook: ExcelJS.Workbook, file: string): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    shareCellStyles(workbook);
    await workbook.xlsx.writeFile(temp);
    await fs.rename(temp, file);
  } catch (err) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
}

/** True when the two paths name the same file (also through links), or would. */
export async function sameFile(a: string, b: string): Promise<boolean> {
  if (path.resolve(a) === path.resolve(b)) return true;
  const [sa, sb] = await Promise.all([fs.stat(a).catch(() => undefined), fs.stat(b).catch(() => undefined)]);
  return !!sa && !!sb && sa.dev === sb.dev && sa.ino === sb.ino;
}
