import type { CellValue, KeptNotes } from "./output";
import { FIELD_NAMES, WORDS, type OutputSheetKey } from "./vocabulary";
import { LANGS } from "./lang";

/*
 * Which sheets a run may replace (SPEC section 5): only those it created, recorded in the saved
 * settings. A sheet of the same name that people made is never touched: the output goes under a
 * new name and the run says so.
 */

export interface OwnedSheet {
  key: OutputSheetKey;
  name: string;
}

export interface SheetPlan {
  key: OutputSheetKey;
  /** the name to write under */
  name: string;
  /** true when this run replaces a sheet it made before */
  replace: boolean;
  /** the user's sheet whose name was wanted, when the output had to go elsewhere */
  clashedWith?: string;
}

/** Excel sheet names: at most 31 characters, compared without case. */
const MAX_SHEET_NAME = 31;
const same = (a: string, b: string) => a.toLocaleLowerCase() === b.toLocaleLowerCase();

/**
 * Where each output sheet goes, given the sheets that exist and those the last run owned.
 * @example planSheets([{ key: "segments", name: "客户分层" }], ["客户分层"], []) // -> "客户分层 (2)", clashedWith "客户分层"
 */
export function planSheets(wanted: readonly OwnedSheet[], existing: readonly string[], owned: readonly OwnedSheet[]): SheetPlan[] {
  const taken = [...existing];
  const plans: SheetPlan[] = [];
  for (const w of wanted) {
    const mine = owned.find((o) => o.key === w.key && existing.some((e) => same(e, o.name)));
    if (mine) {
      plans.push({ key: w.key, name: existing.find((e) => same(e, mine.name))!, replace: true });
      continue;
    }
    const clash = taken.find((e) => same(e, w.name));
    if (!clash) {
      plans.push({ key: w.key, name: w.name, replace: false });
      taken.push(w.name);
      continue;
    }
    let n = 2;
    let name = "";
    do {
      const suffix = ` (${n++})`;
      name = w.name.slice(0, MAX_SHEET_NAME - suffix.length) + suffix;
    } while (taken.some((e) => same(e, name)));
    plans.push({ key: w.key, name, replace: false, clashedWith: clash });
    taken.push(name);
  }
  return plans;
}

/**
 * The notes people typed on a Segments sheet written by an earlier run, by client id. Finds the
 * id and notes columns by their headers in either language, so a run in the other language
 * still keeps them; rows people re-sorted or filtered are found by id all the same.
 */
export function notesFromSheet(cells: readonly (readonly unknown[])[]): KeptNotes {
  return keptByHeader(cells, LANGS.map((l) => FIELD_NAMES[l].id), LANGS.map((l) => WORDS[l].notes));
}

/**
 * The header row of a sheet written by an earlier run (the first row holding an `id` header) and
 * where each wanted column is, by its header in any of the given texts; undefined if one is missing.
 */
export function findColumns<K extends string>(
  cells: readonly (readonly unknown[])[],
  wanted: Record<K, readonly string[]> & { id: readonly string[] },
): { headerRow: number; at: Record<K, number> } | undefined {
  const text = (c: unknown) => (typeof c === "string" ? c.trim() : "");
  const headerRow = cells.findIndex((row) => row.some((c) => wanted.id.includes(text(c))));
  if (headerRow < 0) return undefined;
  const header = cells[headerRow].map(text);
  const at = {} as Record<K, number>;
  for (const key of Object.keys(wanted) as K[]) {
    at[key] = header.findIndex((h) => wanted[key].includes(h));
    if (at[key] < 0) return undefined;
  }
  return { headerRow, at };
}

/** A column typed by people (notes, done marks) by the id in another column, both found by header. */
export function keptByHeader(cells: readonly (readonly unknown[])[], idHeaders: readonly string[], keptHeaders: readonly string[]): Map<string, CellValue> {
  const kept = new Map<string, CellValue>();
  const found = findColumns(cells, { id: idHeaders, kept: keptHeaders });
  if (!found) return kept;
  for (let r = found.headerRow + 1; r < cells.length; r++) {
    const id = cells[r][found.at.id];
    const value = cells[r][found.at.kept];
    if (id === null || id === undefined || id === "") continue;
    if (value === null || value === undefined || value === "") continue;
    kept.set(String(id).trim(), value as CellValue);
  }
  return kept;
}
