/*
 * One run through the port: open the workbook, read the client table, segment it in core, write the
 * owned sheets, save the settings. The same sequence for Excel, .xlsx files, the pane and the CLI.
 */
import type { RunConfig } from "../core/config";
import { headerSearchArea, locateHeader, looksChinese, whereLooked, type HeaderSearchArea } from "../core/columns";
import type { Issue } from "../core/issues";
import { segment, type ClientBlock, type DataIssue, type GroupFigure, type Segmentation } from "../core/job";
import type { Lang } from "../core/lang";
import { parseRunDate } from "../core/dates";
import { shareOnCurve, type ParetoCurve } from "../core/pareto";
import { holdsPhoneOrId, maskSheet } from "../core/mask";
import { issuesSheet, segmentsSheet, summarySheet, type CellValue, type KeptNotes, type OutputSheet } from "../core/output";
import { planClients } from "../core/plan";
import { withRunDate } from "../core/print";
import { calendarSheet, doneFromSheet, plansSheet, targetsSheet } from "../core/plan-output";
import { DEFAULT_PLAYBOOK, playbookSheet, readPlaybook } from "../core/playbook";
import { historyFromSheet, historySheet, snapshotOf, withSnapshot } from "../core/history";
import { changesSheet, sinceLastLine, sinceLastCounts, type SinceLast } from "../core/migration";
import { rfmOfClients } from "../core/rfm-clients";
import { rfmSegmentLabel } from "../core/rfm";
import { renewalRates } from "../core/renewal";
import { gini } from "../core/gini";
import { CHART_ROWS } from "../core/print";
import { addKeptNotes, carryTyped, keptNotesFromSheet, type KeptNote } from "../core/carry";
import { notesFromSheet, placeSheets, proveOwnership, sameSheetName, type OwnedSheet, type SheetIdentity, type SheetPlacement } from "../core/ownership";
import { chooseOutputLanguage, readSavedSettings, type SavedSettings } from "../core/settings";
import { OUTPUT_SHEET_KEYS, SHEET_NAMES, type OutputSheetKey } from "../core/vocabulary";
import { HostError, type SourceRef, type WorkbookHost } from "./port";

export type RunPhase = "read" | "segment" | "plans" | "write";

/** Where a run is: the phase, 0..1 of the whole run, and for writing which sheet of how many. */
export interface RunProgress {
  phase: RunPhase;
  done: number;
  sheet?: { index: number; count: number; name: string };
}

export interface RunOptions {
  /** the run configuration; when left out, the one saved by the last run, else defaults */
  config?: RunConfig;
  /** output language forced by the user (CLI --lang, the pane's choice) */
  lang?: Lang;
  /** the language the caller shows messages in (the CLI's), for the parts of a message a run words itself */
  messageLang?: Lang;
  /** the Office display language, used for a first run inside Excel */
  displayLang?: Lang;
  /** the run date, YYYY-MM-DD, written on the Summary */
  asOf: string;
  source?: SourceRef;
  /** the sheet row number of the table's header, when it is below the rows searched (CLI --header-row) */
  headerRow?: number;
  /** mask phone and ID numbers in the written lists (CLI --mask / --no-mask); over the configuration's `mask` */
  mask?: boolean;
  /** the client table, already read by the caller (the pane reads it on its Data step) */
  table?: { source: SourceRef; block: ClientBlock };
  /** progress, 0..1, with the phase */
  onProgress?: (phase: RunPhase, done: number, detail?: RunProgress) => void;
  /** stops a run between sheets: what was written stays whole, the settings record it */
  signal?: AbortSignal;
}

/**
 * Everything a run will write, computed before anything is written: the sheets, their figures and
 * the Data issues. The pane previews these very figures; `writeRun` writes these very sheets.
 */
export interface PreparedRun {
  asOf: string;
  lang: Lang;
  source: SourceRef;
  result: Segmentation;
  /** where each output sheet goes (name, whether it replaces one made before) */
  sheets: SheetPlacement[];
  /** the sheets to write, in order */
  output: OutputSheet[];
  issues: DataIssue[];
  /** what will be saved; `owned` as if every sheet is written */
  settings: SavedSettings;
  /** the sheets the last run owned, as read */
  ownedBefore: OwnedSheet[];
  /** text cells in which phone or ID numbers were masked (0 when the run does not mask) */
  masked: number;
  /** the tier moves since the last run, when the history has one */
  sinceLast?: SinceLast;
  /** clients per RFM segment (rfm.ts ids), when RFM ran */
  rfmFigures?: GroupFigure[];
}

export type Prepared = { ok: true; prepared: PreparedRun } | { ok: false; issue: Issue };

export interface Written {
  /** the sheets written, in order; fewer than planned when the run was cancelled */
  written: string[];
  cancelled: boolean;
}

export type RunOutcome = ({ ok: true } & PreparedRun & Written) | { ok: false; issue: Issue };

function notesOrNone(cells: unknown[][] | undefined): KeptNotes {
  return cells ? notesFromSheet(cells) : new Map();
}

/** The output language: forced, saved, configured, the display language, else from the headers. */
export function outputLanguage(options: RunOptions, config: RunConfig, saved: SavedSettings | undefined, header: readonly unknown[] | undefined): Lang {
  return chooseOutputLanguage({
    forced: options.lang,
    configured: config.outputLanguage,
    saved: saved?.outputLanguage,
    display: options.displayLang,
    headersChinese: header !== undefined && looksChinese(header),
  });
}

function hostIssue(err: unknown): { ok: false; issue: Issue } {
  if (err instanceof HostError) return { ok: false, issue: { code: err.code, params: { value: err.detail } } };
  throw err;
}

/** Prepares and writes: the whole run, for the CLI and for scripts. */
export async function runSegmentation(host: WorkbookHost, options: RunOptions): Promise<RunOutcome> {
  const ready = await prepareRun(host, options);
  if (!ready.ok) return ready;
  const written = await writeRun(host, ready.prepared, options);
  if (!written.ok) return written;
  return { ok: true, ...ready.prepared, ...written.value };
}

/** Reads the workbook and computes everything a run will write; writes nothing. */
export async function prepareRun(host: WorkbookHost, options: RunOptions): Promise<Prepared> {
  try {
    return await prepare(host, options);
  } catch (err) {
    return hostIssue(err);
  }
}

async function prepare(host: WorkbookHost, options: RunOptions): Promise<Prepared> {
  const progress = options.onProgress ?? (() => undefined);
  progress("read", 0);
  const book = await host.open();
  const stored = readSavedSettings(book.settings);
  const saved = stored.ok ? stored.value : undefined;
  const given: RunConfig = options.config ?? saved?.config ?? { version: 1 };
  const config: RunConfig = {
    ...given,
    ...(options.headerRow === undefined ? {} : { headerRow: options.headerRow }),
    ...(options.mask === undefined ? {} : { mask: options.mask }),
  };
  // the settings only claim which sheets are the add-in's: the workbook has to show it
  const { owned, refused } = proveOwnership(saved?.owned ?? [], book.sheets);
  const asOf = parseRunDate(options.asOf);
  if (asOf === undefined) return { ok: false, issue: { code: "configInvalid", params: { value: `as-of ${options.asOf}` } } };
  const looked: HeaderSearchArea[] = [];
  const found = options.table ?? (await readSource(host, options.source, config, book.sheetNames, owned, looked));
  if (!found)
    return {
      ok: false,
      issue: looked.length
        ? { code: "noClientSheetIn", params: { value: whereLooked(looked, options.messageLang ?? options.displayLang ?? options.lang ?? "en-US") } }
        : { code: "noClientSheet" },
    };
  const { source, block } = found;
  progress("segment", 0.3);
  const header = locateHeader(block, config.headerRow);
  const lang = outputLanguage(options, config, saved, header.ok ? block.cells[header.value.row] : undefined);
  const segmented = segment(block, config, lang);
  if (!segmented.ok) return segmented;
  const result = segmented.value;

  // where each output sheet goes ("placement"; a client's service plan is a "plan")
  const placements = placeSheets(
    OUTPUT_SHEET_KEYS.map((key) => ({ key, name: SHEET_NAMES[lang][key] })),
    book.sheetNames,
    owned,
  );
  const placementOf = (key: OutputSheetKey) => placements.find((p) => p.key === key)!;
  const issues: DataIssue[] = [...result.issues];
  if (!stored.ok) issues.unshift({ row: null, column: "", value: "", issue: { code: "settingsInvalid", params: { value: stored.problem } } });
  for (const r of refused) {
    const code = r.reason === "noMark" ? "ownershipNoMark" : "ownershipOtherSheet";
    issues.unshift({ row: null, column: "", value: r.claim.name, issue: { code, params: { value: r.claim.name, read: placementOf(r.claim.key).name } } });
  }
  for (const p of placements)
    if (p.clashedWith && !refused.some((r) => sameSheetName(r.claim.name, p.clashedWith!)))
      issues.unshift({ row: null, column: "", value: p.clashedWith, issue: { code: "sheetNameTaken", params: { value: p.clashedWith, read: p.name } } });

  // what people typed on the sheets of the last run: notes, done marks, the edited playbook
  progress("plans", 0.45);
  const typed = async (key: OutputSheetKey) => (placementOf(key).replace ? await host.readSheetValues(placementOf(key).name) : undefined);
  const segmentCells = await typed("segments");
  const segmentNotes = notesOrNone(segmentCells);
  const planCells = await typed("plans");
  const planNotes = notesOrNone(planCells);
  const doneCells = await typed("calendar");
  const keptBefore = keptNotesFromSheet(await typed("issues"));
  const done = doneCells ? doneFromSheet(doneCells) : new Map<string, CellValue>();
  const playbookCells = await typed("playbook");
  const read = playbookCells ? readPlaybook(playbookCells, lang) : { playbook: DEFAULT_PLAYBOOK, issues: [] };
  issues.push(...read.issues);

  const plansOut = planClients(result, { asOf, playbook: read.playbook, targets: config.targets, done });
  issues.push(...plansOut.issues);
  const calendar = calendarSheet(plansOut, lang, done, asOf, placementOf("calendar").name);
  if (calendar.truncated > 0)
    issues.push({
      row: null,
      column: "",
      value: "",
      issue: { code: "calendarTruncated", params: { actual: plansOut.calendar.length, value: plansOut.calendar.length - calendar.truncated } },
    });

  // nothing typed is lost: columns people added, and what was typed for clients who are gone
  const clientIds = new Set(result.clients.map((c) => c.id));
  const kept: KeptNote[] = [];
  const carry = (sheet: OutputSheet, old: unknown[][] | undefined) => {
    const carried = carryTyped(sheet, old, keptBefore, clientIds, lang);
    kept.push(...carried.kept);
    issues.push(...carried.issues);
    return carried.sheet;
  };
  // the quarterly review's figures: RFM when the table has its three measures, the renewal rate, the Gini of value
  const rfm = config.rfm === false ? null : rfmOfClients(result, asOf, { bins: config.rfm ? config.rfm.bins : undefined, rules: read.playbook.rfmSegments });
  if (rfm) issues.push(...rfm.issues);
  const renewal = renewalRates(result, asOf, done, read.playbook.renewalTarget);
  const valued = result.curve ? result.curve.sorted : undefined;
  const giniOfValue = valued && valued.length > 0 ? gini(valued) : undefined;
  const segmentsOut = carry(segmentsSheet(result, segmentNotes, placementOf("segments").name, rfm ?? undefined), segmentCells);
  const plansOutSheet = carry(plansSheet(plansOut, read.playbook, lang, planNotes, placementOf("plans").name), planCells);
  const calendarOut = carry(calendar.sheet, doneCells);

  // the client id is the key notes are found by on a re-run: never masked, and said so when it holds a phone or ID number
  if (config.mask) {
    const kept = result.clients.reduce((n, c) => (holdsPhoneOrId(c.id) ? n + 1 : n), 0);
    const idColumn = result.columns.find((c) => c.field === "id") ?? result.columns.find((c) => c.field === "name");
    if (kept > 0)
      issues.unshift({
        row: null,
        column: idColumn?.header ?? "",
        value: "",
        issue: { code: "maskIdKept", params: { value: kept, column: idColumn?.header ?? "" } },
      });
  }
  const issuesOut = addKeptNotes(issuesSheet(lang, issues, placementOf("issues").name), kept, lang);

  // the quarterly review: this run's snapshot in the history, what moved since the one before
  const history = withSnapshot(historyFromSheet(await typed("history")), snapshotOf(result, options.asOf, rfm?.codes));
  const [later, earlier] = history.snapshots;
  const order = { tier: result.tiers.map((t) => t.label), reviewClass: result.classes.map((c) => c.label), quadrant: result.quadrants.map((q) => q.label) };
  const summary = summarySheet({ ...result, issues }, options.asOf, placementOf("summary").name, plansOut.dueSoon, {
    rfm: rfm ?? undefined,
    renewal,
    gini: giniOfValue === undefined ? undefined : giniOfValue.ok ? giniOfValue.value : null,
  });
  const sinceLast = earlier ? sinceLastCounts(earlier, later, order.tier) : undefined;

  // in OUTPUT_SHEET_KEYS order, the order the sheets are placed in
  const built: OutputSheet[] = [
    earlier ? withLineBelow(summary, sinceLastLine(earlier, later, order.tier, lang)) : summary,
    segmentsOut,
    plansOutSheet,
    calendarOut,
    targetsSheet(plansOut, lang, placementOf("targets").name),
    // the playbook is the manager's once written: later runs read it and leave it as it is
    ...(playbookCells ? [] : [playbookSheet(read.playbook, lang, placementOf("playbook").name)]),
    issuesOut,
    changesSheet(earlier, later, order, order.tier.slice(0, 2), lang, placementOf("changes").name),
    historySheet(history, lang, placementOf("history").name),
  ].sort((a, b) => OUTPUT_SHEET_KEYS.indexOf(a.key) - OUTPUT_SHEET_KEYS.indexOf(b.key));
  let masked = 0;
  // every footer carries the run date
  const dated = built.map((s) => withRunDate(s, options.asOf));
  const output = config.mask
    ? dated.map((sheet) => {
        const m = maskSheet(sheet);
        masked += m.masked;
        return m.sheet;
      })
    : dated;
  const settings: SavedSettings = {
    version: 1,
    outputLanguage: lang,
    config: { ...config, version: 1, outputLanguage: lang, sheet: source.sheet ?? config.sheet, table: source.table ?? config.table },
    owned: [...owned.filter((o) => !OUTPUT_SHEET_KEYS.includes(o.key)), ...placements.map(({ key, name }) => ({ key, name }))],
    lastRun: options.asOf,
  };
  return {
    ok: true,
    prepared: {
      asOf: options.asOf,
      lang,
      source,
      result,
      sheets: placements,
      output,
      issues,
      settings,
      ownedBefore: owned,
      masked,
      sinceLast,
      rfmFigures: rfm?.figures,
    },
  };
}

/**
 * Writes a prepared run: its sheets in order, then the settings, then the Summary made the active
 * sheet. Cancelled (options.signal), it stops between sheets; the settings then own the sheets
 * that exist after the run, so the next run replaces them instead of writing beside them.
 */
export async function writeRun(
  host: WorkbookHost,
  prepared: PreparedRun,
  options: Pick<RunOptions, "onProgress" | "signal"> = {},
): Promise<{ ok: true; value: Written } | { ok: false; issue: Issue }> {
  const progress = options.onProgress ?? (() => undefined);
  try {
    const replace = prepared.sheets.filter((p) => p.replace && prepared.output.some((o) => o.name === p.name)).map((p) => p.name);
    progress("write", 0.6);
    const written = await host.writeSheets(prepared.output, replace, {
      signal: options.signal,
      onSheet: (index, count, name) =>
        progress("write", 0.6 + (0.35 * index) / count, { phase: "write", done: 0.6 + (0.35 * index) / count, sheet: { index, count, name } }),
    });
    const cancelled = written.length < prepared.output.length;
    // a sheet is ours after this run if it was written now, or made by an earlier run and still there
    const exists = (p: SheetPlacement) => p.replace || written.includes(p.name);
    const claimed = cancelled
      ? [...prepared.ownedBefore.filter((o) => !OUTPUT_SHEET_KEYS.includes(o.key)), ...prepared.sheets.filter(exists).map(({ key, name }) => ({ key, name }))]
      : prepared.settings.owned;
    // the tabs: the user's sheets, then the add-in's in their fixed order, the settings store last
    const order = prepared.sheets.map((p) => p.name).filter((name) => prepared.sheets.some((p) => p.name === name && (p.replace || written.includes(name))));
    await host.arrangeSheets(order);
    // each sheet recorded with the id the host gives it now, for the next run to prove it
    const owned = withIds(claimed, (await host.open()).sheets);
    await host.writeSettings(JSON.stringify({ ...prepared.settings, owned }));
    const summary = prepared.sheets.find((p) => p.key === "summary")!.name;
    if (written.includes(summary)) await host.activateSheet(summary);
    progress("write", 1);
    return { ok: true, value: { written, cancelled } };
  } catch (err) {
    return hostIssue(err);
  }
}

/** A sheet with a line of text two rows below everything on it. */
function withLineBelow(sheet: OutputSheet, line: string): OutputSheet {
  const bottom = Math.max(
    0,
    ...sheet.blocks.map((b) => b.row + b.cells.length),
    ...sheet.tables.map((t) => t.row + 1 + Math.max(1, t.rows.length)),
    ...(sheet.chart ? [sheet.chart.row + CHART_ROWS] : []),
  );
  return { ...sheet, blocks: [...sheet.blocks, { row: bottom + 1, column: 0, cells: [[line]], title: true }] };
}

/** Owned sheets with the ids their sheets have now; one that is gone is no longer owned. */
function withIds(owned: readonly OwnedSheet[], sheets: readonly SheetIdentity[]): OwnedSheet[] {
  return owned.flatMap((o) => {
    const sheet = sheets.find((s) => sameSheetName(s.name, o.name));
    return sheet ? [{ key: o.key, name: sheet.name, id: sheet.id }] : [];
  });
}

/**
 * The table to read: what the caller chose, else the saved sheet, else the first sheet this add-in
 * does not own that has a header row. Exported for the pane, which offers that sheet first.
 */
export async function readSource(
  host: WorkbookHost,
  given: SourceRef | undefined,
  config: RunConfig,
  sheetNames: readonly string[],
  owned: readonly OwnedSheet[],
  looked: HeaderSearchArea[] = [],
): Promise<{ source: SourceRef; block: ClientBlock } | undefined> {
  const saved = config.table ? { table: config.table } : config.sheet ? { sheet: config.sheet } : undefined;
  const chosen = given && (given.sheet || given.table || given.selection) ? given : saved;
  if (chosen) return { source: chosen, block: await host.readClientBlock(chosen) };
  const candidates = sheetNames.filter((n) => !owned.some((o) => sameSheetName(o.name, n)));
  for (const sheet of candidates) {
    const block = await host.readClientBlock({ sheet });
    if (locateHeader(block, config.headerRow).ok) return { source: { sheet }, block };
    // said when no sheet has one: which rows of which sheets were looked at
    if (block.cells.length > 0)
      looked.push(headerSearchArea(sheet, config.headerRow === undefined ? block.cells.length : 1, config.headerRow ?? block.firstRow));
  }
  return undefined;
}

/** How many Data issues a preview carries; the Issues sheet holds them all. */
export const PREVIEW_ISSUES = 3;

/** Points of the concentration curve at every 1/steps of clients, for a drawing. */
export function curvePoints(curve: ParetoCurve | null, steps = 50): [number, number][] {
  if (!curve || curve.total <= 0) return [];
  return Array.from({ length: steps + 1 }, (_, i) => [i / steps, shareOnCurve(curve, i / steps)]);
}

/**
 * What the pane shows of a prepared run: the figures the sheets will hold, without the clients' rows
 * or the sheets' cells. Small whatever the table's size, so that it crosses from the page's workbook
 * worker cheaply; the prepared run itself stays where it was made, under its `ticket`.
 */
export interface RunPreview {
  ticket: number;
  asOf: string;
  lang: Lang;
  source: SourceRef;
  figures: Pick<Segmentation, "rowsRead" | "tiers" | "classes" | "quadrants" | "unplaced" | "topShare" | "cutoff"> & {
    /** clients segmented */
    clients: number;
    /** the concentration curve at every 2% of clients */
    curve: [number, number][];
  };
  /** where each output sheet goes */
  sheets: SheetPlacement[];
  /** the names of the sheets the write puts in the book, in order */
  output: string[];
  /** what moved in tiers since the last run, when the history has one */
  sinceLast?: SinceLast;
  /** clients per RFM segment (names in the output language), when RFM ran */
  rfm?: GroupFigure[];
  issueCount: number;
  /** the first PREVIEW_ISSUES Data issues, in the Issues sheet's order */
  issues: DataIssue[];
}

export function previewOf(prepared: PreparedRun, ticket: number): RunPreview {
  const r = prepared.result;
  return {
    ticket,
    asOf: prepared.asOf,
    lang: prepared.lang,
    source: prepared.source,
    figures: {
      rowsRead: r.rowsRead,
      tiers: r.tiers,
      classes: r.classes,
      quadrants: r.quadrants,
      unplaced: r.unplaced,
      topShare: r.topShare,
      cutoff: r.cutoff,
      clients: r.clients.length,
      curve: curvePoints(r.curve),
    },
    sheets: prepared.sheets,
    output: prepared.output.map((o) => o.name),
    ...(prepared.sinceLast ? { sinceLast: prepared.sinceLast } : {}),
    ...(prepared.rfmFigures
      ? { rfm: prepared.rfmFigures.filter((f) => f.count > 0).map((f) => ({ ...f, label: rfmSegmentLabel(f.label, prepared.lang) })) }
      : {}),
    issueCount: prepared.issues.length,
    issues: prepared.issues.slice(0, PREVIEW_ISSUES),
  };
}

export type Previewed = { ok: true; preview: RunPreview } | { ok: false; issue: Issue };
export type WriteOutcome = { ok: true; value: Written } | { ok: false; issue: Issue };

/**
 * Runs of one workbook, prepared and written where the workbook is: in this thread (Excel, tests), or
 * in the page's workbook worker, so that segmenting 100,000 clients and building their sheets never
 * holds up the page. A preview names its prepared run by ticket; write(ticket) writes that very run.
 */
export interface Runs {
  /** reads a client table: the pane gets its head and size, the runs keep the whole block for a prepare of that source */
  readTable(source: SourceRef): Promise<TableHead>;
  /** without `options.table`, the block readTable read last is used when its source is `options.source` */
  prepare(options: Omit<RunOptions, "signal">): Promise<Previewed>;
  write(ticket: number, options?: Pick<RunOptions, "onProgress" | "signal">): Promise<WriteOutcome>;
}

/** A host that prepares and writes runs itself (the page's workbook worker). */
export interface HostWithRuns extends WorkbookHost {
  readonly runs: Runs;
}

/** The host's own runs when it has them, else runs in this thread over it. */
export function runsOf(host: WorkbookHost): Runs {
  return "runs" in host ? (host as HostWithRuns).runs : localRuns(host);
}

/** Rows of a client table the pane gets: the header search's (core findHeaderRow) and a few more to show. */
export const TABLE_HEAD_ROWS = 40;

/** A client table as the pane shows it: its first rows, and its size. */
export interface TableHead {
  /** the block with its first TABLE_HEAD_ROWS rows only */
  block: ClientBlock;
  rows: number;
  /** the widest row's length */
  width: number;
}

export function headOf(block: ClientBlock): TableHead {
  let width = 0;
  for (const row of block.cells) width = Math.max(width, row.length);
  return { block: { ...block, cells: block.cells.slice(0, TABLE_HEAD_ROWS) }, rows: block.cells.length, width };
}

/** A source as a key: the same sheet, table or selection gives the same key. */
function sourceKey(source: SourceRef | undefined): string {
  return JSON.stringify([source?.sheet ?? null, source?.table ?? null, source?.selection ?? false]);
}

/**
 * Runs in this thread over `host`. Keeps the block read last and one prepared run, the one started last that came back: an
 * older preview's answer arriving late is one the pane drops as stale anyway.
 */
export function localRuns(host: WorkbookHost): Runs {
  let started = 0;
  let kept: { ticket: number; prepared: PreparedRun } | undefined;
  let read: { key: string; source: SourceRef; block: ClientBlock } | undefined;
  return {
    async readTable(source) {
      const block = await host.readClientBlock(source);
      read = { key: sourceKey(source), source, block };
      return headOf(block);
    },
    async prepare(options) {
      const ticket = ++started;
      const table = options.table ?? (read && read.key === sourceKey(options.source) ? { source: read.source, block: read.block } : undefined);
      const ready = await prepareRun(host, { ...options, table });
      if (!ready.ok) return ready;
      if (!kept || ticket > kept.ticket) kept = { ticket, prepared: ready.prepared };
      return { ok: true, preview: previewOf(ready.prepared, ticket) };
    },
    async write(ticket, options = {}) {
      if (!kept || kept.ticket !== ticket)
        return { ok: false, issue: { code: "writeFailed", params: { value: "the preview is no longer the current one: preview again" } } };
      return writeRun(host, kept.prepared, options);
    },
  };
}
