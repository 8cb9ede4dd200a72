import { fieldOfHeader, locateHeader, type ClientField, type HeaderMatch } from "./columns";
import type { RunConfig } from "./config";
import { fail, ok, type Issue, type Result } from "./issues";
import type { ClientBlock, DataIssue } from "./job";
import type { Lang } from "./lang";
import { mergedCellIssues, mergedUnknownIssue, readMergedCells } from "./merged";
import { notAClientRow } from "./not-clients";
import { REVIEW_DEFAULTS, REVIEW_INDICATORS } from "./score";
import { isExcelError, readNumber, shownValue, textOf } from "./values";
import { FIELD_NAMES, WORDS } from "./vocabulary";

/*
 * The first step of a run (SPEC section 3): a block of raw cells -> the client table, as typed
 * columns in row order, and a Data issues row for every row left out or read with a correction.
 * Column by column into arrays (NaN for no number), so that a million rows make no object each.
 */

/** The clients read, one slot k per client in row order; every model's inputs as typed columns. */
export interface ClientTable {
  source: string;
  /** sheet row number of the header */
  headerRow: number;
  columns: HeaderMatch[];
  /** the column found for each field */
  col: ReadonlyMap<ClientField, HeaderMatch>;
  /** clients read: slots 0..count-1 of the columns below */
  count: number;
  /** rows that were not blank, clients or not */
  rowsRead: number;
  /** id, name and owner of client k at 3k, 3k + 1 and 3k + 2: three texts in one place are one cache miss, not three */
  texts: string[];
  rowCells: (readonly unknown[])[];
  sheetRows: Int32Array;
  /** value (premium), NaN where there is none */
  amounts: Float64Array;
  /** the review's indicators of client k at INDICATORS * k; null when the review does not run */
  indicators: Float64Array | null;
  scaleMax: number;
  /** ability and willingness, NaN where missing; null when the quadrant does not run */
  quadrantInputs: { ability: Float64Array; willingness: Float64Array } | null;
}

export interface ClientsRead {
  table: ClientTable;
  issues: DataIssue[];
}

/** Values above this are typing errors, not premiums: one trillion. */
const ABSURD = 1e12;

/**
 * Finds the header, reads merged cells as their anchor's value, and reads every row below it:
 * blank rows skipped, total and repeated-header rows, blank and repeated ids left out with a Data
 * issues row. Fails when there is no header, or nothing under it at all.
 */
export function readClients(block: ClientBlock, config: RunConfig, lang: Lang): Result<ClientsRead> {
  const located = locateHeader(block, config.headerRow);
  if (!located.ok) return located;
  const found = located.value;
  // merged cells below the header hold their anchor's value in every cell they cover
  const merged = readMergedCells(block.cells, block.merged, found.row);
  if (merged.read.length > 0) block = { ...block, cells: merged.cells };
  const issues: DataIssue[] = [];
  const headerSheetRow = block.firstRow + found.row;
  const header = block.cells[found.row];
  const columns = overrideColumns(found.columns, header, config, (field, text) =>
    issues.push({
      row: headerSheetRow,
      column: text,
      value: text,
      issue: { code: "configColumnMissing", params: { value: text, column: FIELD_NAMES[lang][field] } },
    }),
  );
  for (const d of found.duplicates) {
    const first = columns.find((c) => c.field === d.field);
    if (first)
      issues.push({
        row: headerSheetRow,
        column: d.header,
        value: d.header,
        issue: { code: "columnDuplicate", params: { header: d.header, other: first.header, column: FIELD_NAMES[lang][d.field] } },
      });
  }
  const col = new Map<ClientField, HeaderMatch>(columns.map((c) => [c.field, c]));
  for (const c of columns)
    if (c.unitMultiplier !== 1)
      issues.push({
        row: headerSheetRow,
        column: c.header,
        value: c.header,
        issue: { code: "unitApplied", params: { column: c.header, value: c.unitMultiplier } },
      });
  const fieldName = (f: ClientField) => col.get(f)?.header ?? FIELD_NAMES[lang][f];
  issues.push(...mergedCellIssues(merged.read, header, block.firstRow));
  if (block.mergedUnknown) {
    const unknown = mergedUnknownIssue(
      block.cells,
      found.row,
      columns.map((c) => c.column),
    );
    if (unknown) issues.unshift(unknown);
  }

  // made at their size: grown by push, each would be copied a dozen times on the way to a million
  const capacity = Math.max(0, block.cells.length - found.row - 1);
  const texts = new Array<string>(3 * capacity);
  const rowCells = new Array<readonly unknown[]>(capacity);
  let n = 0;
  const sheetRows = new Int32Array(capacity);
  const amounts = new Float64Array(capacity);
  const firstRowOfId = new FirstRows(capacity);
  const quadrantFields = quadrantFieldsOf(config, col);
  const reviewOn = config.review !== false && REVIEW_INDICATORS.every((f) => col.has(f));
  const scaleMax = config.review ? config.review.scaleMax : REVIEW_DEFAULTS.scaleMax;
  const abilities = new Float64Array(quadrantFields ? capacity : 0);
  const willingness = new Float64Array(quadrantFields ? capacity : 0);
  // the five indicators of every client, flat (client i at 5i): no array per client
  const indicatorCount = REVIEW_INDICATORS.length;
  const indicatorCells = new Float64Array(reviewOn ? capacity * indicatorCount : 0);
  let rowsRead = 0;

  // one reader for every numeric column: no closures per row, a million rows read in a pass
  const idColumn = col.get("id") ?? col.get("name");
  const idField: ClientField = col.has("id") ? "id" : "name";
  const nameColumn = col.get("name")?.column ?? -1;
  const ownerColumn = col.get("owner")?.column ?? -1;
  const valueMatch = col.get("value");
  const abilityMatch = quadrantFields ? col.get(quadrantFields.ability) : undefined;
  const willingnessMatch = quadrantFields ? col.get(quadrantFields.willingness) : undefined;
  const indicatorMatches = REVIEW_INDICATORS.map((f) => col.get(f));

  for (let r = found.row + 1; r < block.cells.length; r++) {
    const cells = block.cells[r];
    if (isBlankRow(cells)) continue;
    rowsRead++;
    const sheetRow = block.firstRow + r;
    const rawId = idColumn ? cells[idColumn.column] : undefined;
    if (isTotalRow(cells, idColumn?.column, nameColumn)) {
      const label = TOTAL_WORDS.test(textOf(rawId)) ? shownValue(rawId) : shownValue(cells[nameColumn]);
      issues.push({ row: sheetRow, column: fieldName(idField), value: label, issue: { code: "totalRow", params: { value: label } } });
      continue;
    }
    const notClient = notAClientRow(cells, header, idColumn?.column ?? -1);
    if (notClient) {
      issues.push({ row: sheetRow, column: fieldName(idField), value: notClient.value, issue: notClient.issue });
      continue;
    }
    // without an id column a client is known by name, and two clients of one name by their owners
    const id = idField === "id" || ownerColumn < 0 || textOf(rawId) === "" ? textOf(rawId) : `${textOf(rawId)} / ${textOf(cells[ownerColumn])}`;
    if (id === "") {
      issues.push({
        row: sheetRow,
        column: fieldName(idField),
        value: shownValue(rawId),
        issue: { code: isExcelError(rawId) ? "errorValue" : "blankId", params: { value: shownValue(rawId) } },
      });
      continue;
    }
    const seen = firstRowOfId.firstOrAdd(id, sheetRow);
    if (seen !== undefined) {
      issues.push({
        row: sheetRow,
        column: fieldName(idField),
        value: id,
        issue: { code: idField === "id" ? "duplicateId" : "duplicateName", params: { value: id, row: seen } },
      });
      continue;
    }

    const k = n++;
    amounts[k] = valueMatch ? orNaN(numberIn(issues, cells, sheetRow, valueMatch, WORDS[lang].valueLadder, false, 0)) : NaN;
    if (abilityMatch && willingnessMatch) {
      abilities[k] = orNaN(numberIn(issues, cells, sheetRow, abilityMatch, WORDS[lang].quadrantModel, true, 0));
      willingness[k] = orNaN(numberIn(issues, cells, sheetRow, willingnessMatch, WORDS[lang].quadrantModel, true, 0));
    }
    if (reviewOn)
      for (let j = 0; j < indicatorCount; j++)
        indicatorCells[k * indicatorCount + j] = orNaN(numberIn(issues, cells, sheetRow, indicatorMatches[j]!, WORDS[lang].review, false, scaleMax));
    texts[3 * k] = id;
    texts[3 * k + 1] = nameColumn >= 0 ? textOf(cells[nameColumn]) : "";
    texts[3 * k + 2] = ownerColumn >= 0 ? textOf(cells[ownerColumn]) : "";
    sheetRows[k] = sheetRow;
    rowCells[k] = cells;
  }
  if (n === 0 && issues.length === 0) return fail("emptyTable", { value: block.source });
  if (block.hiddenRows)
    issues.push({ row: null, column: "", value: String(block.hiddenRows), issue: { code: "hiddenRowsIncluded", params: { value: block.hiddenRows } } });

  return ok({
    table: {
      source: block.source,
      headerRow: headerSheetRow,
      columns,
      col,
      count: n,
      rowsRead,
      texts,
      rowCells,
      sheetRows,
      amounts,
      indicators: reviewOn ? indicatorCells : null,
      scaleMax,
      quadrantInputs: quadrantFields ? { ability: abilities, willingness } : null,
    },
    issues,
  });
}

/** The two columns of the quadrant, when it runs and both are there; the configured names or ability and willingness. */
export function quadrantFieldsOf(config: RunConfig, col: ReadonlyMap<ClientField, HeaderMatch>): { ability: ClientField; willingness: ClientField } | null {
  if (config.quadrant === false) return null;
  const wanted = config.quadrant || { ability: "ability" as const, willingness: "willingness" as const };
  return col.has(wanted.ability) && col.has(wanted.willingness) ? wanted : null;
}

/** The columns found, with any the configuration names by header text put in their place. */
export function overrideColumns(
  found: HeaderMatch[],
  header: readonly unknown[],
  config: RunConfig,
  notFound: (field: ClientField, text: string) => void,
): HeaderMatch[] {
  if (!config.columns) return found;
  const columns = [...found];
  for (const [field, text] of Object.entries(config.columns) as [ClientField, string][]) {
    const at = header.findIndex((h) => textOf(h) === text.trim());
    if (at < 0) {
      notFound(field, text);
      continue;
    }
    const unit = fieldOfHeader(text)?.unitMultiplier ?? 1;
    const rest = columns.filter((c) => c.field !== field && c.column !== at);
    columns.length = 0;
    columns.push(...rest, { field, column: at, header: text.trim(), unitMultiplier: unit });
  }
  return columns;
}

/** 合计 / 小计 / 总计 / 汇总 / Total rows under a table are sums, not clients. */
const TOTAL_WORDS = /^(合计|小计|总计|汇总|总和|共计|total|totals|grand total|subtotal|sum)[:：]?$/i;

function isTotalRow(cells: readonly unknown[], idColumn: number | undefined, nameColumn: number): boolean {
  return (idColumn !== undefined && idColumn >= 0 && isTotalWord(cells[idColumn])) || (nameColumn >= 0 && isTotalWord(cells[nameColumn]));
}

/** Printable ASCII and CJK ideographs only: NFKC leaves such text as it is, so it need not be normalised. */
const NFKC_STABLE = /^[\x20-\x7e\u4e00-\u9fff]*$/;

function isTotalWord(cell: unknown): boolean {
  if (typeof cell !== "string") return false;
  // a million ids and names are checked per run: normalising each costs more than the rest of the row
  return TOTAL_WORDS.test((NFKC_STABLE.test(cell) ? cell : cell.normalize("NFKC")).trim());
}

function isBlankRow(cells: readonly unknown[]): boolean {
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (c === null || c === undefined) continue;
    if (typeof c === "string" && c.trim() === "") continue;
    return false;
  }
  return true;
}

/**
 * A numeric cell of a client row, with the header's unit applied; anything unusable becomes a
 * Data issues row and null. `scaleMax` > 0 marks an indicator scored 1..scaleMax.
 */
function numberIn(
  issues: DataIssue[],
  cells: readonly unknown[],
  row: number,
  m: HeaderMatch,
  model: string,
  allowNegative: boolean,
  scaleMax: number,
): number | null {
  const raw = cells[m.column];
  if (typeof raw === "number" && m.unitMultiplier === 1 && raw >= 0 && raw <= ABSURD && (scaleMax === 0 || (raw >= 1 && raw <= scaleMax))) return raw;
  return numberRead(issues, raw, row, m, model, allowNegative, scaleMax);
}

/**
 * numberIn for a cell that is not a plain number in range. Apart, because its closure would make
 * every call of numberIn, fast path too, allocate a context: 8 million of them at a million rows.
 */
function numberRead(issues: DataIssue[], raw: unknown, row: number, m: HeaderMatch, model: string, allowNegative: boolean, scaleMax: number): number | null {
  const note = (issue: Issue) => issues.push({ row, column: m.header, value: shownValue(raw), issue });
  const reading = readNumber(raw);
  if (reading.kind === "blank") {
    note(m.field === "value" ? { code: "valueMissing", params: { name: m.header } } : { code: "fieldMissing", params: { name: m.header, model } });
    return null;
  }
  if (reading.kind === "issue") {
    note(reading.issue);
    return null;
  }
  const value = scaled(reading.value, m.unitMultiplier);
  if (!allowNegative && value < 0) {
    note({ code: "negativeValue", params: { name: m.header, value } });
    return null;
  }
  if (Math.abs(value) > ABSURD) {
    note({ code: "absurdValue", params: { value: shownValue(raw) } });
    return null;
  }
  if (scaleMax > 0 && !(value >= 1 && value <= scaleMax)) {
    note({ code: "indicatorOutOfRange", params: { value, max: scaleMax } });
    return null;
  }
  if (reading.fromText) note({ code: "readFromText", params: { value: shownValue(raw), read: value } });
  return value;
}

/**
 * The sheet row each client id was first seen on. Open addressing over typed arrays: a Map of a
 * million string keys takes a third of a second to fill, this a tenth of that.
 */
export class FirstRows {
  private ids: string[] = [];
  private rows: number[] = [];
  private hashes: Int32Array;
  /** index into ids + 1 per slot; 0 is an empty slot */
  private slots: Int32Array;

  constructor(expected = 16) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.slots = new Int32Array(capacity);
    this.hashes = new Int32Array(capacity / 2);
  }

  /** The row `id` was first seen on; or, the first time, undefined, and `row` is kept for it. */
  firstOrAdd(id: string, row: number): number | undefined {
    const h = hashOf(id);
    const mask = this.slots.length - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const at = this.slots[s] - 1;
      if (at < 0) {
        this.slots[s] = this.ids.length + 1;
        break;
      }
      if (this.hashes[at] === h && this.ids[at] === id) return this.rows[at];
    }
    if (this.ids.length === this.hashes.length) this.grow();
    this.hashes[this.ids.length] = h;
    this.ids.push(id);
    this.rows.push(row);
    return undefined;
  }

  private grow(): void {
    const n = this.ids.length;
    const hashes = new Int32Array(n * 2);
    hashes.set(this.hashes);
    const slots = new Int32Array(n * 4);
    const mask = slots.length - 1;
    for (let i = 0; i < n; i++) {
      let s = hashes[i] & mask;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = i + 1;
    }
    this.hashes = hashes;
    this.slots = slots;
  }
}

/** FNV-1a over the UTF-16 code units, mixed at the end so that low bits serve as a slot. */
function hashOf(text: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}

/** A number read from a cell, NaN for none: what the typed columns above hold. */
function orNaN(x: number | null): number {
  return x === null ? NaN : x;
}

/** Multiplies by a header unit (万元 -> x10000) without 1.1 x 10000 = 11000.000000000002. */
function scaled(value: number, multiplier: number): number {
  return multiplier === 1 ? value : Number((value * multiplier).toPrecision(15));
}
