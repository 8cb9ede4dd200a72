import type { DataIssue, GroupFigure, Segmentation, SegmentedClient } from "./job";
import { describeIssue, quoted } from "./issues";
import type { Lang } from "./lang";
import { quadrantColours, tierColours, DATA_BAR_COLOR } from "./palette";
import { shareOnCurve } from "./pareto";
import { FIELD_NAMES, SHEET_NAMES, WORDS, type OutputSheetKey } from "./vocabulary";
import { fill } from "./template";
import type { DueSoon } from "./plan";
import type { RenewalRates } from "./renewal";
import { rfmSegmentLabel } from "./rfm";

/** What a run adds for the quarterly review (issue 11): RFM per client, its segment counts, the renewal rates, the Gini of value. */
export interface ReviewFigures {
  /** per client in list order: rfm_score (0 none) and segment name */
  rfm?: { codes: ArrayLike<number>; segments: readonly (string | null)[]; figures: GroupFigure[] };
  renewal?: RenewalRates | null;
  gini?: number | null;
}

/*
 * What a run writes, as plain data (SPEC section 5): sheets of tables and labelled blocks with
 * number formats and widths, and the Pareto chart's place. Hosts only copy this into a workbook;
 * every number and word in it is decided here.
 */

export type CellValue = string | number | boolean | null;
export type CellFormat = "text" | "integer" | "money" | "percent" | "score" | "date" | "general";

/** Excel's number format code for each cell format: the same in Excel and in .xlsx files. */
export const NUMBER_FORMATS: Record<CellFormat, string> = {
  text: "@",
  integer: "0",
  money: "#,##0",
  percent: "0.0%",
  score: "0.0",
  date: "yyyy-mm-dd",
  general: "General",
};

export interface OutputColumn {
  header: string;
  format: CellFormat;
  /** width in characters */
  width: number;
  /** columns people type into: kept across re-runs by client id */
  role?: "id" | "notes" | "done" | "typed";
}

/** An Excel table: header row at (row, column), 0-based on its sheet. */
export interface OutputTable {
  /** workbook-unique, ASCII: Excel table names cannot hold spaces */
  name: string;
  row: number;
  column: number;
  columns: OutputColumn[];
  rows: CellValue[][];
}

/** The suffix a table's name takes when the name is taken: _2, _3 ... */
const TABLE_NAME_SUFFIX = /_\d+$/;

/**
 * A table's name made free in the workbook: the name itself, else name_2, name_3 ... (Excel table
 * names are workbook-unique, compared without case). `taken` gets the lower-case candidate.
 * @example freeTableName("CL_Segments", (n) => n === "cl_segments") // "CL_Segments_2"
 */
export function freeTableName(name: string, taken: (lowerCase: string) => boolean): string {
  let free = name;
  for (let n = 2; taken(free.toLowerCase()); n++) free = `${name}_${n}`;
  return free;
}

/**
 * The name a run gave a table, without the suffix freeTableName may have added.
 * @example tableNameBase("CL_Segments_2") // "CL_Segments"
 */
export function tableNameBase(name: string): string {
  return name.replace(TABLE_NAME_SUFFIX, "");
}

/** A title block's font size in points: bold, over the workbook's 11-point default; both hosts write it. */
export const TITLE_FONT_SIZE = 13;

/** Cells that are not a table: titles and label/value pairs. */
export interface OutputBlock {
  row: number;
  column: number;
  cells: CellValue[][];
  /** one format per cell, or undefined for general */
  formats?: (CellFormat | undefined)[][];
  title?: boolean;
}

/** A native Pareto chart: the table's second column as bars, its third as a cumulative-percent line on a secondary axis. */
export interface ParetoChart {
  title: string;
  table: string;
  /** top-left cell of the chart, 0-based */
  row: number;
  column: number;
}

/** A column of one of the sheet's tables: by its header as built, or by its index in the table. */
export interface ColumnRef {
  table: string;
  column: string | number;
}

/** A highlighted cell: a light fill and a dark font, "#RRGGBB" (the palette is in palette.ts). */
export interface Highlight {
  fill: string;
  font: string;
}

/**
 * A conditional format on the data rows of a table column, so that the user can change or remove
 * it (Home > Conditional Formatting) and it follows the cells when rows are sorted or filtered.
 */
export type ConditionalFormat =
  /** cells whose value is this text */
  | { kind: "equals"; at: ColumnRef; text: string; style: Highlight }
  /** data bars over the column's numbers, smallest to largest */
  | { kind: "dataBar"; at: ColumnRef; color: string }
  /**
   * cells of the rows where `formula` is true; {0}, {1}... in it stand for the cells of `refs` in the
   * same row. English function names, no leading "=".
   */
  | { kind: "rowRule"; at: ColumnRef[]; formula: string; refs: ColumnRef[]; style: Highlight };

/** A table column that accepts only the listed words (or blank), with an error alert for anything else. */
export interface ListValidation {
  at: ColumnRef;
  allowed: string[];
  errorTitle: string;
  error: string;
}

/** How a sheet prints (resolved into a page setup by print.ts). */
export interface PrintSetup {
  /** the whole sheet on one page; otherwise one page wide and as many tall as it takes */
  onePage?: boolean;
  /** rows from the top repeated on every page (the header row of a table at A1) */
  titleRows?: number;
  /** sheet rows (0-based) that start a new page */
  breaksBefore?: number[];
  /** the run date, shown in the footer */
  runDate?: string;
}

export interface OutputSheet {
  key: OutputSheetKey;
  name: string;
  tables: OutputTable[];
  blocks: OutputBlock[];
  chart?: ParetoChart;
  /** rows to freeze at the top */
  freezeRows: number;
  print?: PrintSetup;
  conditionalFormats?: ConditionalFormat[];
  validations?: ListValidation[];
}

export const TABLE_NAMES: Record<string, string> = {
  segments: "ClientLadder_Segments",
  issues: "ClientLadder_DataIssues",
  tiers: "ClientLadder_Tiers",
  classes: "ClientLadder_Classes",
  quadrants: "ClientLadder_Quadrants",
  pareto: "ClientLadder_Pareto",
  dueSoon: "ClientLadder_DueSoon",
  rfm: "ClientLadder_RfmSegments",
  renewal: "ClientLadder_RenewalRate",
};

/** Notes typed by people on the last run's Segments sheet, by client id. */
export type KeptNotes = ReadonlyMap<string, CellValue>;

/** The Segments sheet: one row per client, as an Excel table, notes carried over by id. */
export function segmentsSheet(result: Segmentation, notes: KeptNotes, name = SHEET_NAMES[result.lang].segments, rfm?: ReviewFigures["rfm"]): OutputSheet {
  const w = WORDS[result.lang];
  const f = FIELD_NAMES[result.lang];
  const valueHeader = result.columns.find((c) => c.field === "value")?.header ?? f.value;
  const columns: OutputColumn[] = [
    { header: f.id, format: "text", width: 14, role: "id" },
    { header: f.name, format: "text", width: 14 },
    { header: f.owner, format: "text", width: 12 },
    { header: unitless(valueHeader), format: "money", width: 14 },
    { header: w.rank, format: "integer", width: 8 },
    { header: w.cumulativeShare, format: "percent", width: 12 },
    { header: w.tier, format: "text", width: 10 },
    { header: w.score, format: "score", width: 8 },
    { header: w.reviewClass, format: "text", width: 8 },
    { header: w.quadrant, format: "text", width: 10 },
    ...(rfm
      ? [
          { header: "RFM", format: "integer" as const, width: 7 },
          { header: w.rfmSegment, format: "text" as const, width: 16 },
        ]
      : []),
    { header: w.sourceRow, format: "integer", width: 9 },
    { header: w.notes, format: "text", width: 30, role: "notes" },
  ];
  const segmentLabels = new Map<string, string>();
  const segmentLabel = (s: string) => {
    let label = segmentLabels.get(s);
    if (label === undefined) segmentLabels.set(s, (label = rfmSegmentLabel(s, result.lang)));
    return label;
  };
  const labels = new Map<SegmentedClient["quadrant"], string>();
  const labelOf = (c: SegmentedClient) => {
    let label = labels.get(c.quadrant);
    if (label === undefined) labels.set(c.quadrant, (label = quadrantLabel(result, c)));
    return label;
  };
  const rows: CellValue[][] = new Array(result.clients.length);
  for (let i = 0; i < result.clients.length; i++) {
    const c = result.clients[i];
    const quadrant = c.quadrant === null ? null : labelOf(c);
    const note = notes.size ? (notes.get(c.id) ?? null) : null;
    if (rfm) {
      const segment = rfm.segments[i];
      const code = rfm.codes[i] > 0 ? rfm.codes[i] : null;
      rows[i] = [
        c.id,
        c.name,
        c.owner,
        c.value,
        c.rank,
        c.cumulativeShare,
        c.tier,
        c.score,
        c.reviewClass,
        quadrant,
        code,
        segment === null ? null : segmentLabel(segment),
        c.sourceRow,
        note,
      ];
    } else rows[i] = [c.id, c.name, c.owner, c.value, c.rank, c.cumulativeShare, c.tier, c.score, c.reviewClass, quadrant, c.sourceRow, note];
  }
  return {
    key: "segments",
    name,
    tables: [{ name: TABLE_NAMES.segments, row: 0, column: 0, columns, rows }],
    blocks: [],
    freezeRows: 1,
    print: { titleRows: 1 },
    conditionalFormats: [
      { kind: "dataBar", at: { table: TABLE_NAMES.segments, column: 3 }, color: DATA_BAR_COLOR },
      ...tierColours(
        TABLE_NAMES.segments,
        w.tier,
        result.tiers.map((t) => t.label),
      ),
      ...quadrantColours(TABLE_NAMES.segments, w.quadrant, result.quadrants),
    ],
  };
}

function quadrantLabel(result: Segmentation, c: SegmentedClient): string {
  return result.quadrants.find((q) => q.quadrant === c.quadrant)?.label ?? String(c.quadrant);
}

/** 保费(万元) is written in yuan after the unit is applied: drop the unit from the header. */
function unitless(header: string): string {
  return header.replace(/\s*[(（[【].*?[)）\]】]\s*$/, "") || header;
}

/** The Data issues sheet: every row left out or read with a correction. */
export function issuesSheet(lang: Lang, issues: readonly DataIssue[], name = SHEET_NAMES[lang].issues): OutputSheet {
  const w = WORDS[lang];
  const sorted = [...issues].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return {
    key: "issues",
    name,
    tables: [
      {
        name: TABLE_NAMES.issues,
        row: 0,
        column: 0,
        columns: [
          { header: w.sourceRow, format: "integer", width: 9 },
          { header: w.column, format: "text", width: 14 },
          { header: w.value, format: "text", width: 18 },
          { header: w.reason, format: "text", width: 70 },
        ],
        rows: sorted.map((i) => [i.row, quoted(i.column), quoted(i.value), describeIssue(i.issue, lang)]),
      },
    ],
    blocks: [],
    freezeRows: 1,
    print: { titleRows: 1 },
  };
}

/** Points of the Pareto chart: one bar per client for small books, else 20 groups of 5% of clients. */
export function paretoPoints(result: Segmentation): { label: string; value: number; cumulative: number }[] {
  const curve = result.curve;
  if (!curve || curve.total <= 0) return [];
  const n = curve.sorted.length;
  if (n <= 20) {
    const valued = result.clients.filter((c) => c.value !== null);
    return valued.map((c, i) => ({ label: c.name || c.id, value: c.value!, cumulative: curve.cumulative[i + 1] / curve.total }));
  }
  const points = [];
  for (let i = 0; i < 20; i++) {
    const from = shareOnCurve(curve, i / 20);
    const to = shareOnCurve(curve, (i + 1) / 20);
    points.push({ label: `${i * 5}–${(i + 1) * 5}%`, value: (to - from) * curve.total, cumulative: to });
  }
  return points;
}

/** The Summary sheet: run figures, counts and value by tier, class and quadrant, the matrix, the Pareto data and chart. */
export function summarySheet(
  result: Segmentation,
  asOf: string,
  name = SHEET_NAMES[result.lang].summary,
  dueSoon: readonly DueSoon[] = [],
  review: ReviewFigures = {},
): OutputSheet {
  const w = WORDS[result.lang];
  const blocks: OutputBlock[] = [];
  const tables: OutputTable[] = [];
  blocks.push({ row: 0, column: 0, cells: [[w.runInfo]], title: true });
  const figures: [string, CellValue, CellFormat | undefined][] = [
    [w.source, result.source, "text"],
    [w.runAt, asOf, "text"],
    [w.rowsRead, result.rowsRead, "integer"],
    [w.clientsSegmented, result.clients.length, "integer"],
    [w.dataIssues, result.issues.length, "integer"],
    [w.valueHeld, result.total, "money"],
    [w.topShare, result.topShare, "percent"],
    [w.cutoff, result.cutoff, "percent"],
    ...(review.gini === undefined
      ? []
      : [[w.gini, review.gini === null ? null : Math.round(review.gini * 10000) / 10000, "general"] as [string, CellValue, CellFormat | undefined]]),
  ];
  blocks.push({ row: 1, column: 0, cells: figures.map(([k, v]) => [k, v]), formats: figures.map(([, , fmt]) => ["text", fmt]) });
  let row = 1 + figures.length + 1;

  const groupTable = (key: "tiers" | "classes" | "quadrants", title: string, head: string, placed: readonly GroupFigure[]) => {
    if (placed.length === 0) return;
    // the clients the model could not place are a line of their own: the counts add up to the clients
    const unplaced = result.unplaced[key];
    const groups = unplaced ? [...placed, unplaced] : placed;
    const clients = groups.reduce((s, g) => s + g.count, 0);
    const value = groups.reduce((s, g) => s + g.value, 0);
    blocks.push({ row, column: 0, cells: [[title]], title: true });
    tables.push({
      name: TABLE_NAMES[key],
      row: row + 1,
      column: 0,
      columns: [
        { header: head, format: "text", width: 22 },
        { header: w.clients, format: "integer", width: 10 },
        { header: w.valueHeld, format: "money", width: 16 },
        { header: w.shareOfClients, format: "percent", width: 12 },
        { header: w.shareOfValue, format: "percent", width: 12 },
      ],
      rows: groups.map((g) => [g.label, g.count, g.value, clients ? g.count / clients : null, value ? g.value / value : null]),
    });
    row += groups.length + 3;
  };
  groupTable("tiers", w.byTier, w.tier, result.tiers);
  groupTable("classes", w.byClass, w.reviewClass, result.classes);
  groupTable("quadrants", w.byQuadrant, w.quadrant, result.quadrants);

  if (result.quadrantCuts) {
    const count = (q: string) => result.quadrants.find((x) => x.quadrant === q)?.count ?? 0;
    const label = (q: string) => result.quadrants.find((x) => x.quadrant === q)?.label ?? q;
    blocks.push({ row, column: 0, cells: [[w.matrix]], title: true });
    blocks.push({
      row: row + 1,
      column: 0,
      cells: [
        ["", w.lowAbility, w.highAbility],
        [w.highWillingness, `${label("maintain")} ${count("maintain")}`, `${label("pamper")} ${count("pamper")}`],
        [w.lowWillingness, `${label("develop")} ${count("develop")}`, `${label("cultivate")} ${count("cultivate")}`],
        [
          `${w.cuts}: ${FIELD_NAMES[result.lang].ability} ${round(result.quadrantCuts.ability)}, ${FIELD_NAMES[result.lang].willingness} ${round(result.quadrantCuts.willingness)}`,
          null,
          null,
        ],
      ],
    });
    row += 6;
  }

  if (dueSoon.length > 0) {
    blocks.push({ row, column: 0, cells: [[w.dueSoon]], title: true });
    tables.push({
      name: TABLE_NAMES.dueSoon,
      row: row + 1,
      column: 0,
      columns: [
        { header: FIELD_NAMES[result.lang].owner, format: "text", width: 22 },
        { header: w.overdueCount, format: "integer", width: 10 },
        { header: w.within7, format: "integer", width: 14 },
        { header: w.days8to30, format: "integer", width: 14 },
      ],
      // the bands do not overlap: an action is counted once; the last row adds up every owner
      rows: [
        ...dueSoon.map((d): CellValue[] => [d.owner, d.overdue, d.within7, d.days8to30]),
        [w.total, sum(dueSoon, (d) => d.overdue), sum(dueSoon, (d) => d.within7), sum(dueSoon, (d) => d.days8to30)],
      ],
    });
    row += dueSoon.length + 4;
  }

  if (review.rfm && review.rfm.figures.length > 0) {
    const groups = review.rfm.figures;
    // shares over every client segmented, with a line for those without a score: the table adds up to them all
    const scored = sum(groups, (g) => g.count);
    const clients = result.clients.length;
    let value = 0;
    for (const c of result.clients) if (c.value !== null && Number.isFinite(c.value)) value += c.value;
    const scoredValue = sum(groups, (g) => g.value);
    blocks.push({ row, column: 0, cells: [[w.byRfm]], title: true });
    tables.push({
      name: TABLE_NAMES.rfm,
      row: row + 1,
      column: 0,
      columns: [
        { header: w.rfmSegment, format: "text", width: 22 },
        { header: w.clients, format: "integer", width: 10 },
        { header: w.valueHeld, format: "money", width: 16 },
        { header: w.shareOfClients, format: "percent", width: 12 },
        { header: w.shareOfValue, format: "percent", width: 12 },
      ],
      rows: [
        ...groups.map((g): CellValue[] => [
          rfmSegmentLabel(g.label, result.lang),
          g.count,
          g.value,
          clients ? g.count / clients : null,
          value ? g.value / value : null,
        ]),
        ...(scored < clients
          ? [[w.rfmNotScored, clients - scored, value - scoredValue, (clients - scored) / clients, value ? (value - scoredValue) / value : null] as CellValue[]]
          : []),
      ],
    });
    row += groups.length + (scored < clients ? 4 : 3);
  }

  const renewal = review.renewal;
  if (renewal) {
    const m = renewal.months;
    const rate = (x: { due: number; renewed: number }) => (x.due > 0 ? x.renewed / x.due : null);
    const window = `${m[0]} – ${m[m.length - 1]}`;
    blocks.push({
      row,
      column: 0,
      cells: [[fill(w.renewalTitle, { window, target: renewal.target === null ? w.noTarget : `${Math.round(renewal.target * 1000) / 10}%` })]],
      title: true,
    });
    const rows: CellValue[][] = [];
    for (const o of renewal.owners) {
      for (const line of renewal.lines) if (line.owner === o.owner) rows.push([o.owner, line.month, line.due, line.renewed, rate(line), renewal.target]);
      rows.push([o.owner, window, o.due, o.renewed, rate(o), renewal.target]);
    }
    rows.push([w.team, window, renewal.team.due, renewal.team.renewed, rate(renewal.team), renewal.target]);
    tables.push({
      name: TABLE_NAMES.renewal,
      row: row + 1,
      column: 0,
      columns: [
        { header: FIELD_NAMES[result.lang].owner, format: "text", width: 22 },
        { header: w.month, format: "text", width: 18 },
        { header: w.renewalsDue, format: "integer", width: 10 },
        { header: w.renewalsDone, format: "integer", width: 10 },
        { header: w.renewalRate, format: "percent", width: 10 },
        { header: w.renewalTarget, format: "percent", width: 10 },
      ],
      rows,
    });
    row += rows.length + 3;
  }

  const points = paretoPoints(result);
  let chart: ParetoChart | undefined;
  if (points.length > 0) {
    blocks.push({ row, column: 0, cells: [[w.paretoData]], title: true });
    tables.push({
      name: TABLE_NAMES.pareto,
      row: row + 1,
      column: 0,
      columns: [
        { header: w.clientBucket, format: "text", width: 22 },
        { header: w.bucketValue, format: "money", width: 16 },
        { header: w.cumulativeValue, format: "percent", width: 14 },
      ],
      rows: points.map((p) => [p.label, p.value, p.cumulative]),
    });
    chart = { title: w.paretoChart, table: TABLE_NAMES.pareto, row: 0, column: 6 };
  }
  return {
    key: "summary",
    name,
    tables,
    blocks,
    chart,
    freezeRows: 0,
    print: { onePage: true, runDate: asOf },
    conditionalFormats: [
      ...tierColours(
        TABLE_NAMES.tiers,
        0,
        result.tiers.map((t) => t.label),
      ),
      ...quadrantColours(TABLE_NAMES.quadrants, 0, result.quadrants),
    ],
  };
}

function sum<T>(items: readonly T[], of: (item: T) => number): number {
  let total = 0;
  for (const item of items) total += of(item);
  return total;
}

function round(x: number): number {
  return Number(x.toPrecision(6));
}
