/*
 * A small hand-made fake of the Excel object model, with Office.js proxy semantics: method calls and
 * property sets are queued and applied at context.sync(), loaded properties can only be read after
 * a sync, *OrNullObject methods give null objects, and a method called through a null object fails
 * the sync with ItemNotFound. It counts syncs and measures what each carries (JSON bytes of the
 * values and formats set, JSON bytes and cell count of the values loaded), and fails a sync the way
 * Excel on the web does when a request or a response passes 5 MB.
 *
 * Browser-safe (no Node APIs: bytes are counted with TextEncoder): the fake Office runtime of the
 * end-to-end tests (test/fake-office/runtime.ts) runs the same model in the page.
 *
 * What it models as Microsoft documents it:
 * - Range.values: "If the returned value starts with a plus ("+"), minus ("-"), or equal sign ("="),
 *   Excel interprets this value as a formula" (https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-values-member).
 *   No exception is documented for cells formatted as text ("@"), so a "@" number format does not
 *   protect such a value here. "@" is treated as a formula start too (Excel's implicit intersection
 *   operator), stricter than the docs. A leading apostrophe is Excel's quote prefix: the cell keeps
 *   the text after it (https://support.microsoft.com/office/format-numbers-as-text-583160db-35e7-4aff-ae43-ce2b4c5e8c3c).
 * - Range.valuesAsJson (ExcelApi 1.16) with a StringCellValue ({ type: "String", basicValue }) is a
 *   cell containing that string (https://learn.microsoft.com/javascript/api/excel/excel.stringcellvalue).
 * - null in a 2-D values array leaves that cell unchanged
 *   (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-blank-null-values).
 * - RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded over 5 MB, Excel on the web
 *   (https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling,
 *   https://learn.microsoft.com/office/dev/add-ins/excel/performance#payload-size-limit-best-practices).
 * - suspendApiCalculationUntilNextSync leaves recalculation to the add-in ("it is the developer's
 *   responsibility to re-calc the workbook"): the workbook is marked stale until application.calculate
 *   (https://learn.microsoft.com/javascript/api/excel/excel.application#excel-excel-application-suspendapicalculationuntilnextsync-member(1)).
 *
 * office-addin-mock's OfficeMockObject holds a static tree whose writes apply at once and whose
 * loads need every property declared up front; it cannot give ranges made on request
 * (getRangeByIndexes, getUsedRangeOrNullObject), deferred writes or byte counts, so the end-to-end
 * and scale tests use this fake and the office-addin-mock tests cover open() and writeSettings().
 * Only the surface ExcelHost uses is here.
 */
/** Excel.run's shape (the same as src/workbook/excel.ts's ExcelRun), kept here so the page bundle needs no src import */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface SyncStats {
  /** UTF-8 JSON bytes of the values and number formats set, plus OTHER_REQUEST_BYTES per other request */
  writeBytes: number;
  /** UTF-8 JSON bytes of the values loaded */
  readBytes: number;
  /** cells whose values were loaded */
  readCells: number;
  requests: number;
  /** the error code of a sync Excel refused (payload limits, ItemNotFound, ...) */
  failed?: string;
}

/** Excel on the web refuses a request or a response over 5 MB; the fake counts 5,000,000 bytes of JSON */
export const PAYLOAD_LIMIT_BYTES = 5_000_000;

/** what a request other than a values or format array is counted as */
export const OTHER_REQUEST_BYTES = 100;

export class FakeOfficeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface Rect {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

export interface FakeTable extends Rect {
  name: string;
  sheet: FakeSheet;
}

/** A conditional format as set through Range.conditionalFormats.add(type) and the properties of its type. */
export interface FakeConditionalFormat {
  type: "DataBar" | "CellValue" | "Custom";
  rect: Rect;
  fill?: string;
  font?: string;
  /** CellValue: { formula1, operator }; Custom: { formula } */
  rule?: { formula1?: string; operator?: string; formula?: string };
  dataBar?: { fillColor?: string; gradientFill?: boolean; lowerBoundRule?: { type: string }; upperBoundRule?: { type: string } };
}

export interface FakeValidation {
  rect: Rect;
  rule?: { list?: { inCellDropDown?: boolean; source: string } };
  errorAlert?: { showAlert?: boolean; style?: string; title?: string; message?: string };
  ignoreBlanks?: boolean;
}

export interface FakePageLayout {
  orientation?: string;
  zoom?: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number };
  printTitleRows?: string;
  footer: { left?: string; center?: string; right?: string };
}

export interface FakeChart {
  type: string;
  source: Rect;
  seriesBy: string;
  title?: string;
  legend?: string;
  position?: { start: Rect; end?: Rect };
  series: { chartType?: string; axisGroup?: string }[];
}

const encoder = new TextEncoder();
/** UTF-8 bytes of a value's JSON */
export const bytes = (v: unknown): number => encoder.encode(JSON.stringify(v) ?? "").length;
/** API set versions compared as numbers: "1.16" > "1.9" */
export const versionAtLeast = (have: string, want: string): boolean => {
  const [a, b] = have.split(".").map(Number);
  const [c, d] = want.split(".").map(Number);
  return a > c || (a === c && (b ?? 0) >= (d ?? 0));
};
const same = (a: string, b: string) => a.toLocaleLowerCase() === b.toLocaleLowerCase();
const empty = (v: unknown) => v === undefined || v === null || v === "";

let sheetCount = 0;

export class FakeSheet {
  /** cell values, dense rows; a missing cell is empty */
  grid: unknown[][] = [];
  /** number formats set, as rectangles; the last one covering a cell wins */
  formats: { rect: Rect; format: string | string[][] }[] = [];
  columnWidths = new Map<number, number>();
  bold: Rect[] = [];
  frozenRows = 0;
  visibility = "Visible";
  charts: FakeChart[] = [];
  hiddenRows = new Set<number>();
  /** merged areas (0-based) */
  merged: Rect[] = [];
  /** strings Excel would have read as formulas */
  formulas: { row: number; column: number; text: string }[] = [];
  /**
   * The formulas cells hold now, by "row,column" (tests place them with setFormula): Range.formulas
   * gives the formula, Range.values the value in the grid (what it computed); a value written over
   * the cell ends the formula. `spill` is the range the anchor's result spilled into.
   */
  live = new Map<string, { text: string; spill?: Rect }>();

  /** a formula the cell holds, with the value it shows (and, for an array result, its spill range: the values are set by the test in the grid) */
  setFormula(row: number, column: number, text: string, shown: unknown, spill?: Rect): void {
    this.store(row, column, shown);
    this.live.set(`${row},${column}`, spill ? { text, spill } : { text });
  }

  /** Range.formulas of one cell: the formula, else the value */
  formulaAt(row: number, column: number): unknown {
    return this.live.get(`${row},${column}`)?.text ?? this.cell(row, column);
  }
  /** conditional formats, highest priority first (ConditionalFormatCollection.add puts a new one on top) */
  conditionalFormats: FakeConditionalFormat[] = [];
  validations: FakeValidation[] = [];
  pageLayout: FakePageLayout = { footer: {} };
  /** manual horizontal page breaks: the rows (0-based) that start a page */
  pageBreaks: number[] = [];

  /** Worksheet.id: Excel's is a GUID in braces that stays with the sheet, whatever its name */
  readonly id = `{00000000-0001-0000-${String(++sheetCount).padStart(4, "0")}-000000000000}`;

  constructor(public name: string) {}

  cell(row: number, column: number): unknown {
    const v = this.grid[row]?.[column];
    return v === undefined || v === null ? "" : v;
  }

  formatAt(row: number, column: number): string {
    for (let i = this.formats.length - 1; i >= 0; i--) {
      const { rect, format } = this.formats[i];
      if (row >= rect.row && row < rect.row + rect.rows && column >= rect.column && column < rect.column + rect.columns)
        return typeof format === "string" ? format : format[row - rect.row][column - rect.column];
    }
    return "General";
  }

  /**
   * What Excel does with a value set through Range.values: a leading apostrophe makes the rest text;
   * a string starting with = + - (or @) is read as a formula, whatever the cell's number format;
   * digits are a number unless the cell is formatted as text.
   */
  put(row: number, column: number, value: unknown): void {
    if (value === null) return; // null leaves the cell as it is
    this.endFormula(row, column);
    let stored = value;
    if (typeof value === "string") {
      const text = this.formatAt(row, column) === "@";
      if (value.startsWith("'")) stored = value.slice(1);
      else if (/^[=+\-@]/.test(value)) this.formulas.push({ row, column, text: value });
      else if (!text && /^-?\d+(\.\d+)?$/.test(value)) stored = Number(value);
    }
    this.store(row, column, stored);
  }

  /** a cell set through Range.valuesAsJson: typed, never parsed */
  putJson(row: number, column: number, value: unknown): void {
    this.endFormula(row, column);
    const cell = value as { type?: string; basicValue?: unknown } | null;
    if (!cell || typeof cell !== "object" || typeof cell.type !== "string")
      throw new FakeOfficeError("InvalidArgument", "valuesAsJson needs CellValue objects");
    switch (cell.type) {
      case "String":
        if (typeof cell.basicValue !== "string") throw new FakeOfficeError("InvalidArgument", "a String cell value needs a string basicValue");
        return this.store(row, column, cell.basicValue);
      case "Double":
        if (typeof cell.basicValue !== "number") throw new FakeOfficeError("InvalidArgument", "a Double cell value needs a number basicValue");
        return this.store(row, column, cell.basicValue);
      case "Boolean":
        return this.store(row, column, Boolean(cell.basicValue));
      case "Empty":
        return this.store(row, column, "");
      default:
        throw new Error(`the fake does not model ${cell.type} cell values`);
    }
  }

  /** a value written over a formula cell: the formula goes; over a spill anchor, the cells it spilled into are emptied (Excel's #SPILL! aside) */
  private endFormula(row: number, column: number): void {
    const key = `${row},${column}`;
    const live = this.live.get(key);
    if (!live) return;
    this.live.delete(key);
    if (live.spill)
      for (let r = 0; r < live.spill.rows; r++)
        for (let c = 0; c < live.spill.columns; c++) if (r || c) this.store(live.spill.row + r, live.spill.column + c, "");
  }

  private store(row: number, column: number, value: unknown): void {
    (this.grid[row] ??= [])[column] = value;
    this.usedCache = undefined;
  }

  values(rect: Rect): unknown[][] {
    const out: unknown[][] = [];
    for (let r = 0; r < rect.rows; r++) {
      const row = new Array(rect.columns);
      for (let c = 0; c < rect.columns; c++) row[c] = this.cell(rect.row + r, rect.column + c);
      out.push(row);
    }
    return out;
  }

  /** the used range (values only); cached until a write, or a new request context (tests edit grids directly) */
  used(): Rect | null {
    if (this.usedCache !== undefined) return this.usedCache;
    let top = Infinity,
      left = Infinity,
      bottom = -1,
      right = -1;
    for (let r = 0; r < this.grid.length; r++) {
      const row = this.grid[r];
      if (!row) continue;
      for (let c = 0; c < row.length; c++) {
        if (empty(row[c])) continue;
        if (r < top) top = r;
        bottom = r;
        if (c < left) left = c;
        if (c > right) right = c;
      }
    }
    this.usedCache = bottom < 0 ? null : { row: top, column: left, rows: bottom - top + 1, columns: right - left + 1 };
    return this.usedCache;
  }

  usedCache: Rect | null | undefined;

  /** the block around a cell bounded by empty rows and columns (Range.getSurroundingRegion) */
  region(row: number, column: number): Rect {
    const rect = { row, column, rows: 1, columns: 1 };
    const filled = (r: number, c: number) => r >= 0 && c >= 0 && !empty(this.cell(r, c));
    for (let grown = true; grown;) {
      grown = false;
      const { row: r0, column: c0, rows, columns } = rect;
      const anyInRow = (r: number) => Array.from({ length: columns + 2 }, (_, i) => c0 - 1 + i).some((c) => filled(r, c));
      const anyInColumn = (c: number) => Array.from({ length: rows + 2 }, (_, i) => r0 - 1 + i).some((r) => filled(r, c));
      if (r0 > 0 && anyInRow(r0 - 1)) {
        rect.row--;
        rect.rows++;
        grown = true;
      }
      if (anyInRow(rect.row + rect.rows)) {
        rect.rows++;
        grown = true;
      }
      if (c0 > 0 && anyInColumn(c0 - 1)) {
        rect.column--;
        rect.columns++;
        grown = true;
      }
      if (anyInColumn(rect.column + rect.columns)) {
        rect.columns++;
        grown = true;
      }
    }
    return rect;
  }
}

export function columnName(column: number): string {
  let s = "";
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function address(sheet: string, r: Rect): string {
  const start = `${columnName(r.column)}${r.row + 1}`;
  const end = `${columnName(r.column + r.columns - 1)}${r.row + r.rows}`;
  return `${!/[\s'!()\-,;{}]|^\d/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`}!${start === end ? start : `${start}:${end}`}`;
}

export interface FakeSheetInit {
  name: string;
  cells?: unknown[][];
  hiddenRows?: number[];
  visibility?: string;
  /** merged areas (0-based); the value sits in the top-left cell, the covered cells are empty */
  merged?: Rect[];
}

export class FakeWorkbook {
  sheets: FakeSheet[] = [];
  tables: FakeTable[] = [];
  settings = new Map<string, unknown>();
  selection?: { sheet: string; row: number; column: number };
  /** the active sheet's name (Worksheet.activate) */
  activeSheet?: string;
  /** the highest ExcelApi requirement set this "Excel" supports */
  apiVersion = "1.17";
  /** set by a sync that wrote with calculation suspended, cleared by application.calculate */
  staleCalculation = false;
  /** one entry per context.sync(), in order */
  syncs: SyncStats[] = [];
  /** notable calls, in order: "suspend", "calculate:TYPE", "add:NAME", "delete:NAME", "activate:NAME", "error:CODE" */
  log: string[] = [];

  constructor(sheets: FakeSheetInit[] = []) {
    for (const s of sheets) {
      const sheet = new FakeSheet(s.name);
      sheet.grid = (s.cells ?? []).map((row) => [...row]);
      for (const r of s.hiddenRows ?? []) sheet.hiddenRows.add(r);
      sheet.merged = (s.merged ?? []).map((m) => ({ ...m }));
      if (s.visibility) sheet.visibility = s.visibility;
      this.sheets.push(sheet);
    }
    this.activeSheet = this.sheets[0]?.name;
  }

  supports(version: string): boolean {
    return versionAtLeast(this.apiVersion, version);
  }

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => same(s.name, name));
  }

  /** Excel.run over this workbook: a fresh request context per batch */
  run: ExcelRun = async (batch) => batch(new FakeContext(this) as unknown as Excel.RequestContext);

  resetStats(): void {
    this.syncs = [];
    this.log = [];
  }
}

type Op = () => void;

const CALCULATION_TYPES = ["Recalculate", "Full", "FullRebuild"];

class FakeContext {
  queue: Op[] = [];
  tracked: Proxy<unknown>[] = [];
  stats: SyncStats = { writeBytes: 0, readBytes: 0, readCells: 0, requests: 0 };
  readonly workbook: WorkbookProxy;
  /** calculation suspended by the batch being built */
  private suspended = false;
  readonly application = {
    suspendApiCalculationUntilNextSync: () =>
      this.push(() => {
        this.suspended = true;
        this.wb.log.push("suspend");
      }),
    calculate: (type: string) =>
      this.push(() => {
        if (!CALCULATION_TYPES.includes(type)) throw new FakeOfficeError("InvalidArgument", `no calculation type ${type}`);
        this.wb.staleCalculation = false;
        this.wb.log.push(`calculate:${type}`);
      }),
  };

  constructor(readonly wb: FakeWorkbook) {
    this.workbook = new WorkbookProxy(this);
    for (const s of wb.sheets) s.usedCache = undefined;
  }

  push(op: Op, writeBytes = OTHER_REQUEST_BYTES): void {
    this.stats.writeBytes += writeBytes;
    this.stats.requests++;
    this.queue.push(op);
  }

  async sync(): Promise<void> {
    const queue = this.queue;
    const tracked = this.tracked;
    const stats = this.stats;
    this.queue = [];
    this.tracked = [];
    this.stats = { writeBytes: 0, readBytes: 0, readCells: 0, requests: 0 };
    this.wb.syncs.push(stats);
    const fail = (error: FakeOfficeError) => {
      stats.failed = error.code;
      this.wb.log.push(`error:${error.code}`);
      return error;
    };
    // Excel on the web refuses the whole request before doing any of it
    if (stats.writeBytes > PAYLOAD_LIMIT_BYTES)
      throw fail(new FakeOfficeError("RequestPayloadSizeLimitExceeded", "The request payload size has exceeded the limit."));
    this.suspended = false;
    let wrote = false;
    try {
      for (const op of queue) op();
      wrote = stats.writeBytes > 0;
    } catch (err) {
      if (err instanceof FakeOfficeError) throw fail(err);
      throw err;
    } finally {
      for (const p of tracked) p.settle();
      if (this.suspended && wrote) this.wb.staleCalculation = true;
    }
    if (stats.readBytes > PAYLOAD_LIMIT_BYTES) {
      for (const p of tracked) p.forget();
      throw fail(new FakeOfficeError("ResponsePayloadSizeLimitExceeded", "The response payload size has exceeded the limit."));
    }
  }
}

/** A proxy object: a path resolved when the queue runs, loaded properties read after a sync. */
abstract class Proxy<T> {
  private nullState: boolean | undefined;
  protected loaded = new Map<string, unknown>();

  constructor(
    protected readonly ctx: FakeContext,
    readonly resolve: () => T | null,
  ) {
    ctx.tracked.push(this as Proxy<unknown>);
    // getting an object is an action of the request: through a null object it fails the sync
    ctx.push(() => void this.resolve(), 0);
  }

  /** a refused response: nothing loaded arrives */
  forget(): void {
    this.loaded.clear();
  }

  settle(): void {
    try {
      this.nullState = this.resolve() === null;
    } catch {
      this.nullState = true;
    }
  }

  get isNullObject(): boolean {
    if (this.nullState === undefined) throw new Error("isNullObject read before context.sync()");
    return this.nullState;
  }

  /** resolve, or the error Excel gives for a path to nothing */
  target(): T {
    const t = this.resolve();
    if (t === null) throw new FakeOfficeError("ItemNotFound", "The requested resource doesn't exist.");
    return t;
  }

  protected abstract read(target: T, property: string): unknown;

  load(properties: string): this {
    this.ctx.push(() => {
      const t = this.resolve();
      for (const p of properties.split(",").map((s) => s.trim())) this.loaded.set(p, t === null ? undefined : this.read(t, p));
    }, 0);
    return this;
  }

  protected get(property: string): unknown {
    if (!this.loaded.has(property)) throw new Error(`PropertyNotLoaded: ${property}`);
    return this.loaded.get(property);
  }
}

interface RangeTarget extends Rect {
  sheet: FakeSheet;
}

class RangeProxy extends Proxy<RangeTarget> {
  readonly format: { font: { bold?: boolean; size?: number }; columnWidth?: number };

  constructor(ctx: FakeContext, resolve: () => RangeTarget | null) {
    super(ctx, resolve);
    const font = {};
    Object.defineProperty(font, "bold", { set: (v: boolean) => ctx.push(() => v && this.target().sheet.bold.push(rectOf(this.target()))) });
    Object.defineProperty(font, "size", { set: () => ctx.push(() => this.target()) });
    this.format = {} as RangeProxy["format"];
    Object.defineProperty(this.format, "font", { value: font });
    Object.defineProperty(this.format, "columnWidth", {
      set: (v: number) =>
        ctx.push(() => {
          const t = this.target();
          for (let c = t.column; c < t.column + t.columns; c++) t.sheet.columnWidths.set(c, v);
        }),
    });
  }

  /**
   * Range.conditionalFormats (ExcelApi 1.6): add(type) puts a format on top of the collection, its
   * type's object (dataBar, cellValue, custom) takes property sets, another type's object fails the
   * sync; clearAll() removes the formats of the range (the fake: those inside it).
   */
  get conditionalFormats() {
    const ctx = this.ctx;
    const target = () => this.target();
    const need = () => {
      if (!ctx.wb.supports("1.6")) throw new FakeOfficeError("ApiNotFound", "Range.conditionalFormats needs ExcelApi 1.6");
    };
    return {
      add: (type: string) => {
        const cf: FakeConditionalFormat = { type: type as FakeConditionalFormat["type"], rect: { row: 0, column: 0, rows: 0, columns: 0 } };
        ctx.push(() => {
          need();
          if (!["DataBar", "CellValue", "Custom"].includes(type)) throw new Error(`the fake does not model ${type} conditional formats`);
          const t = target();
          cf.rect = rectOf(t);
          t.sheet.conditionalFormats.unshift(cf);
          ctx.wb.log.push(`conditionalFormat:${type}`);
        });
        const ofType = (wanted: string) => () => {
          if (cf.type !== wanted) throw new FakeOfficeError("InvalidArgument", `a ${cf.type} conditional format has no ${wanted} properties`);
        };
        const format = (check: () => void) => {
          const fill = {};
          const font = {};
          Object.defineProperty(fill, "color", { set: (v: string) => ctx.push(() => (check(), (cf.fill = color(v)))) });
          Object.defineProperty(font, "color", { set: (v: string) => ctx.push(() => (check(), (cf.font = color(v)))) });
          return { fill, font };
        };
        const cellValue = { format: format(ofType("CellValue")) };
        Object.defineProperty(cellValue, "rule", {
          set: (v: { formula1?: string; operator?: string }) => {
            const copy = { ...v };
            ctx.push(() => {
              ofType("CellValue")();
              if (!CELL_VALUE_OPERATORS.includes(copy.operator ?? "")) throw new FakeOfficeError("InvalidArgument", `no operator ${copy.operator}`);
              if (typeof copy.formula1 !== "string" || copy.formula1 === "") throw new FakeOfficeError("InvalidArgument", "a cell value rule needs formula1");
              cf.rule = copy;
            });
          },
        });
        const customRule = {};
        Object.defineProperty(customRule, "formula", {
          set: (v: string) =>
            ctx.push(() => {
              ofType("Custom")();
              if (typeof v !== "string" || !v.startsWith("=")) throw new FakeOfficeError("InvalidArgument", "a custom rule's formula starts with =");
              cf.rule = { formula: v };
            }),
        });
        const custom = { format: format(ofType("Custom")), rule: customRule };
        const positiveFormat = {};
        const dataBar = { positiveFormat } as Record<string, unknown>;
        const bar = () => (cf.dataBar ??= {});
        Object.defineProperty(positiveFormat, "fillColor", { set: (v: string) => ctx.push(() => (ofType("DataBar")(), (bar().fillColor = color(v)))) });
        Object.defineProperty(positiveFormat, "gradientFill", { set: (v: boolean) => ctx.push(() => (ofType("DataBar")(), (bar().gradientFill = v))) });
        for (const bound of ["lowerBoundRule", "upperBoundRule"] as const)
          Object.defineProperty(dataBar, bound, {
            set: (v: { type: string }) => {
              const copy = { ...v };
              ctx.push(() => {
                ofType("DataBar")();
                if (!BOUND_TYPES.includes(copy.type)) throw new FakeOfficeError("InvalidArgument", `no rule type ${copy.type}`);
                bar()[bound] = copy;
              });
            },
          });
        return { cellValue, custom, dataBar };
      },
      clearAll: () =>
        ctx.push(() => {
          need();
          const t = target();
          t.sheet.conditionalFormats = t.sheet.conditionalFormats.filter((cf) => !inside(cf.rect, t));
        }),
    };
  }

  /**
   * Range.dataValidation (ExcelApi 1.8): rule (one criterion; a list needs a source), errorAlert (a
   * style Excel knows), ignoreBlanks, and clear() for the validations inside the range.
   */
  get dataValidation() {
    const ctx = this.ctx;
    const target = () => this.target();
    const need = () => {
      if (!ctx.wb.supports("1.8")) throw new FakeOfficeError("ApiNotFound", "Range.dataValidation needs ExcelApi 1.8");
    };
    const entry = (): FakeValidation => {
      const t = target();
      let v = t.sheet.validations.find((x) => same(address(t.sheet.name, x.rect), address(t.sheet.name, t)));
      if (!v) t.sheet.validations.push((v = { rect: rectOf(t) }));
      return v;
    };
    const dv = {
      clear: () =>
        ctx.push(() => {
          need();
          const t = target();
          t.sheet.validations = t.sheet.validations.filter((x) => !inside(x.rect, t));
        }),
    };
    Object.defineProperty(dv, "rule", {
      set: (rule: FakeValidation["rule"]) => {
        const copy = JSON.parse(JSON.stringify(rule ?? null));
        ctx.push(() => {
          need();
          const kinds = Object.keys(copy ?? {});
          if (kinds.length !== 1) throw new FakeOfficeError("InvalidArgument", "a data validation rule has one criterion");
          if (kinds[0] !== "list") throw new Error(`the fake does not model ${kinds[0]} validation`);
          if (typeof copy.list.source !== "string" || copy.list.source === "") throw new FakeOfficeError("InvalidArgument", "a list needs a source");
          entry().rule = copy;
        });
      },
    });
    Object.defineProperty(dv, "errorAlert", {
      set: (alert: FakeValidation["errorAlert"]) => {
        const copy = { ...alert };
        ctx.push(() => {
          need();
          if (copy.style !== undefined && !["Stop", "Warning", "Information"].includes(copy.style))
            throw new FakeOfficeError("InvalidArgument", `no alert style ${copy.style}`);
          // Excel's dialog limits: a title of 32 characters, a message of 255
          if ((copy.title ?? "").length > 32 || (copy.message ?? "").length > 255)
            throw new FakeOfficeError("InvalidArgument", "alert title or message too long");
          entry().errorAlert = copy;
        });
      },
    });
    Object.defineProperty(dv, "ignoreBlanks", { set: (v: boolean) => ctx.push(() => (need(), (entry().ignoreBlanks = v))) });
    return dv as { clear(): void; rule: FakeValidation["rule"]; errorAlert: FakeValidation["errorAlert"]; ignoreBlanks: boolean };
  }

  /** Range.clear(): values, formats and bold go; the fake models it for the whole sheet */
  clear(): void {
    this.ctx.push(() => {
      const t = this.target();
      if (t.rows < 1048576 || t.columns < 16384) throw new Error("the fake clears whole sheets only");
      t.sheet.grid = [];
      t.sheet.formats = [];
      t.sheet.bold = [];
      t.sheet.formulas = [];
      t.sheet.live.clear();
      t.sheet.usedCache = undefined;
      this.ctx.wb.log.push(`clear:${t.sheet.name}`);
    });
  }

  set rowHidden(hidden: boolean) {
    this.ctx.push(() => {
      const t = this.target();
      for (const r of [...t.sheet.hiddenRows]) if (r >= t.row && r < t.row + t.rows && !hidden) t.sheet.hiddenRows.delete(r);
    });
  }

  protected read(t: RangeTarget, p: string): unknown {
    switch (p) {
      case "address":
        return address(t.sheet.name, t);
      case "rowIndex":
        return t.row;
      case "columnIndex":
        return t.column;
      case "rowCount":
        return t.rows;
      case "columnCount":
        return t.columns;
      case "rowHidden": {
        let hidden = 0;
        for (let r = t.row; r < t.row + t.rows; r++) if (t.sheet.hiddenRows.has(r)) hidden++;
        return hidden === 0 ? false : hidden === t.rows ? true : null;
      }
      case "values": {
        const values = t.sheet.values(t);
        this.ctx.wb.syncs[this.ctx.wb.syncs.length - 1].readBytes += bytes(values);
        this.ctx.wb.syncs[this.ctx.wb.syncs.length - 1].readCells += t.rows * t.columns;
        return values;
      }
      case "formulas": {
        const formulas = Array.from({ length: t.rows }, (_, r) => Array.from({ length: t.columns }, (_, c) => t.sheet.formulaAt(t.row + r, t.column + c)));
        this.ctx.wb.syncs[this.ctx.wb.syncs.length - 1].readBytes += bytes(formulas);
        this.ctx.wb.syncs[this.ctx.wb.syncs.length - 1].readCells += t.rows * t.columns;
        return formulas;
      }
      default:
        throw new Error(`fake Range has no property ${p}`);
    }
  }

  get address(): string {
    return this.get("address") as string;
  }
  get rowIndex(): number {
    return this.get("rowIndex") as number;
  }
  get columnIndex(): number {
    return this.get("columnIndex") as number;
  }
  get rowCount(): number {
    return this.get("rowCount") as number;
  }
  get columnCount(): number {
    return this.get("columnCount") as number;
  }
  get rowHidden(): boolean | null {
    return this.get("rowHidden") as boolean | null;
  }

  get values(): unknown[][] {
    return this.get("values") as unknown[][];
  }
  get formulas(): unknown[][] {
    return this.get("formulas") as unknown[][];
  }

  /**
   * Range.getSpillingToRangeOrNullObject (ExcelApi 1.12): on an anchor cell, the range its result
   * spilled into; a null object on any other cell. Fails on more than one cell.
   */
  getSpillingToRangeOrNullObject(): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      if (!this.ctx.wb.supports("1.12")) throw new FakeOfficeError("ApiNotFound", "getSpillingToRangeOrNullObject needs ExcelApi 1.12");
      const t = this.target();
      if (t.rows !== 1 || t.columns !== 1) throw new FakeOfficeError("InvalidArgument", "The range must be a single cell.");
      const spill = t.sheet.live.get(`${t.row},${t.column}`)?.spill;
      return spill ? { sheet: t.sheet, ...spill } : null;
    });
  }
  set values(values: unknown[][]) {
    const copy = values.map((row) => [...row]);
    this.ctx.push(() => {
      const t = this.target();
      if (copy.length !== t.rows || copy.some((row) => row.length !== t.columns))
        throw new FakeOfficeError("InvalidArgument", "The number of rows or columns in the input array doesn't match the size or dimensions of the range.");
      copy.forEach((row, r) => row.forEach((v, c) => t.sheet.put(t.row + r, t.column + c, v)));
    }, bytes(values));
  }

  set numberFormat(format: string | string[][]) {
    const copy = typeof format === "string" ? format : format.map((row) => [...row]);
    this.ctx.push(() => {
      const t = this.target();
      if (typeof copy !== "string" && (copy.length !== t.rows || copy.some((row) => row.length !== t.columns)))
        throw new FakeOfficeError("InvalidArgument", "numberFormat does not match the range");
      t.sheet.formats.push({ rect: rectOf(t), format: copy });
    }, bytes(format));
  }

  /** Range.valuesAsJson (ExcelApi 1.16), set only: typed cell values, never parsed as formulas */
  set valuesAsJson(values: unknown[][]) {
    const copy = values.map((row) => [...row]);
    this.ctx.push(() => {
      if (!this.ctx.wb.supports("1.16")) throw new FakeOfficeError("ApiNotFound", "Range.valuesAsJson needs ExcelApi 1.16");
      const t = this.target();
      if (copy.length !== t.rows || copy.some((row) => row.length !== t.columns))
        throw new FakeOfficeError("InvalidArgument", "The number of rows or columns in the input array doesn't match the size or dimensions of the range.");
      copy.forEach((row, r) => row.forEach((v, c) => t.sheet.putJson(t.row + r, t.column + c, v)));
    }, bytes(values));
  }

  get worksheet(): SheetProxy {
    return new SheetProxy(this.ctx, () => this.target().sheet);
  }

  getSurroundingRegion(): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const t = this.target();
      return { sheet: t.sheet, ...t.sheet.region(t.row, t.column) };
    });
  }

  /** Range.getTables (ExcelApi 1.9): the tables that overlap the range (or lie inside it) */
  getTables(fullyContained = false): CollectionProxy<FakeTable> {
    const wb = this.ctx.wb;
    return new CollectionProxy(
      this.ctx,
      () => {
        if (!wb.supports("1.9")) throw new FakeOfficeError("ApiNotFound", "Range.getTables needs ExcelApi 1.9");
        const t = this.target();
        return wb.tables.filter(
          (o) =>
            o.sheet === t.sheet &&
            (fullyContained
              ? o.row >= t.row && o.row + o.rows <= t.row + t.rows && o.column >= t.column && o.column + o.columns <= t.column + t.columns
              : o.row < t.row + t.rows && t.row < o.row + o.rows && o.column < t.column + t.columns && t.column < o.column + o.columns),
        );
      },
      (o: FakeTable, p) => {
        if (p === "items/name") return o.name;
        throw new Error(`fake tables: ${p}`);
      },
    );
  }

  /**
   * Range.getMergedAreasOrNullObject (ExcelApi 1.13): the merged areas whose top-left cell is in the
   * range (as Excel gives them, https://github.com/OfficeDev/office-js/issues/3611), a null object
   * when there are none; more than 512 areas fail the request, as the documentation says.
   */
  getMergedAreasOrNullObject(): RangeAreasProxy {
    const wb = this.ctx.wb;
    return new RangeAreasProxy(this.ctx, () => {
      if (!wb.supports("1.13")) throw new FakeOfficeError("ApiNotFound", "Range.getMergedAreasOrNullObject needs ExcelApi 1.13");
      const t = this.target();
      const inside = t.sheet.merged.filter((m) => m.row >= t.row && m.row < t.row + t.rows && m.column >= t.column && m.column < t.column + t.columns);
      if (inside.length > 512) throw new FakeOfficeError("GeneralException", "There are more than 512 merged areas in the range.");
      wb.log.push(`mergedAreas:${t.row}+${t.rows}`);
      return inside.length === 0 ? null : inside;
    });
  }

  getVisibleView(): { rowCount: number; load(p: string): unknown } {
    const ctx = this.ctx;
    let rows: number | undefined;
    const view = {
      get rowCount(): number {
        if (rows === undefined) throw new Error("PropertyNotLoaded: rowCount");
        return rows;
      },
      load: () => {
        ctx.push(() => {
          const t = this.target();
          let visible = 0;
          for (let r = t.row; r < t.row + t.rows; r++) if (!t.sheet.hiddenRows.has(r)) visible++;
          rows = visible;
        }, 0);
        return view;
      },
    };
    return view;
  }
}

/** RangeAreas (ExcelApi 1.9): its areaCount, and its areas as a collection of ranges. */
class RangeAreasProxy extends Proxy<Rect[]> {
  protected read(areas: Rect[], p: string): unknown {
    if (p === "areaCount") return areas.length;
    throw new Error(`fake RangeAreas has no property ${p}`);
  }
  get areaCount(): number {
    return this.get("areaCount") as number;
  }
  get areas(): CollectionProxy<Rect> {
    return new CollectionProxy(
      this.ctx,
      () => this.target(),
      (m: Rect, p) => {
        switch (p) {
          case "items/rowIndex":
            return m.row;
          case "items/columnIndex":
            return m.column;
          case "items/rowCount":
            return m.rows;
          case "items/columnCount":
            return m.columns;
          default:
            throw new Error(`fake merged areas: ${p}`);
        }
      },
    );
  }
}

const rectOf = (t: Rect): Rect => ({ row: t.row, column: t.column, rows: t.rows, columns: t.columns });
const inside = (a: Rect, b: Rect) => a.row >= b.row && a.column >= b.column && a.row + a.rows <= b.row + b.rows && a.column + a.columns <= b.column + b.columns;
const CELL_VALUE_OPERATORS = ["Between", "NotBetween", "EqualTo", "NotEqualTo", "GreaterThan", "LessThan", "GreaterThanOrEqual", "LessThanOrEqual"];
const BOUND_TYPES = ["Automatic", "LowestValue", "HighestValue", "Number", "Percent", "Formula", "Percentile"];
/** an HTML colour as Office.js takes it: #RRGGBB (or a named colour, not modelled) */
const color = (v: string): string => {
  if (!/^#[0-9A-Fa-f]{6}$/.test(v)) throw new FakeOfficeError("InvalidArgument", `not a colour: ${v}`);
  return v.toUpperCase();
};
const ORIENTATIONS = ["Portrait", "Landscape"];

class SheetProxy extends Proxy<FakeSheet> {
  readonly freezePanes = {
    freezeRows: (n: number) => this.ctx.push(() => (this.target().frozenRows = n)),
    unfreeze: () => this.ctx.push(() => (this.target().frozenRows = 0)),
  };
  readonly tables = {
    add: (range: RangeProxy, hasHeaders: boolean) => {
      let table: FakeTable | null = null;
      this.ctx.push(() => {
        const t = range.resolve();
        if (!t || t.sheet !== this.target()) throw new FakeOfficeError("InvalidArgument", "table range not on this sheet");
        if (!hasHeaders) throw new Error("the fake only models tables with headers");
        const overlaps = this.ctx.wb.tables.some(
          (o) => o.sheet === t.sheet && o.row < t.row + t.rows && t.row < o.row + o.rows && o.column < t.column + t.columns && t.column < o.column + o.columns,
        );
        if (overlaps) throw new FakeOfficeError("InvalidOperation", "A table can't overlap another table.");
        let n = this.ctx.wb.tables.length + 1;
        while (this.ctx.wb.tables.some((o) => same(o.name, `Table${n}`))) n++;
        table = { name: `Table${n}`, sheet: t.sheet, ...rectOf(t) };
        this.ctx.wb.tables.push(table);
      });
      const ctx = this.ctx;
      return {
        set name(name: string) {
          ctx.push(() => {
            if (!table) throw new FakeOfficeError("ItemNotFound", "no table");
            if (ctx.wb.tables.some((o) => o !== table && same(o.name, name)))
              throw new FakeOfficeError("InvalidArgument", `A table named ${name} already exists.`);
            table.name = name;
          });
        },
      };
    },
  };
  readonly charts = {
    /** items/name loads the charts; each item can be deleted, as Excel.Chart.delete() */
    load: (_properties: string) => {
      let charts: FakeChart[] = [];
      this.ctx.push(() => (charts = [...this.target().charts]), 0);
      const ctx = this.ctx;
      const sheet = () => this.target();
      return {
        get items() {
          return charts.map((chart) => ({
            name: chart.title ?? "",
            delete: () => ctx.push(() => (sheet().charts = sheet().charts.filter((c) => c !== chart))),
          }));
        },
      };
    },
    add: (type: string, range: RangeProxy, seriesBy: string) => {
      const chart: FakeChart = { type, seriesBy, source: { row: 0, column: 0, rows: 0, columns: 0 }, series: [] };
      const ctx = this.ctx;
      ctx.push(() => {
        const t = range.target();
        chart.source = rectOf(t);
        // one series per column after the first (the categories), as Excel does for text labels
        chart.series = Array.from({ length: t.columns - 1 }, () => ({}));
        this.target().charts.push(chart);
      });
      const seriesAt = (i: number) => {
        const series = {};
        Object.defineProperty(series, "chartType", { set: (v: string) => ctx.push(() => (chart.series[i].chartType = v)) });
        Object.defineProperty(series, "axisGroup", {
          set: (v: string) =>
            ctx.push(() => {
              if (!chart.series[i]) throw new FakeOfficeError("InvalidArgument", "no such series");
              chart.series[i].axisGroup = v;
            }),
        });
        return series;
      };
      const proxy = {
        title: {},
        legend: {},
        series: { getItemAt: seriesAt },
        setPosition: (start: RangeProxy, end?: RangeProxy) =>
          ctx.push(() => (chart.position = { start: rectOf(start.target()), end: end && rectOf(end.target()) })),
      };
      Object.defineProperty(proxy.title, "text", { set: (v: string) => ctx.push(() => (chart.title = v)) });
      Object.defineProperty(proxy.legend, "position", { set: (v: string) => ctx.push(() => (chart.legend = v)) });
      return proxy;
    },
  };

  /** Worksheet.pageLayout (ExcelApi 1.9): orientation, zoom (set as a whole object), setPrintTitleRows, the default footer */
  get pageLayout() {
    const ctx = this.ctx;
    const sheet = () => {
      if (!ctx.wb.supports("1.9")) throw new FakeOfficeError("ApiNotFound", "Worksheet.pageLayout needs ExcelApi 1.9");
      return this.target();
    };
    const footer = {};
    for (const [key, side] of [
      ["leftFooter", "left"],
      ["centerFooter", "center"],
      ["rightFooter", "right"],
    ] as const)
      Object.defineProperty(footer, key, { set: (v: string) => ctx.push(() => (sheet().pageLayout.footer[side] = String(v))) });
    const layout = {
      headersFooters: { defaultForAllPages: footer },
      setPrintTitleRows: (rows: string) =>
        ctx.push(() => {
          const t = sheet();
          if (!/^\$\d+:\$\d+$/.test(rows)) throw new FakeOfficeError("InvalidArgument", `not whole rows: ${rows}`);
          t.pageLayout.printTitleRows = rows;
        }),
    };
    Object.defineProperty(layout, "orientation", {
      set: (v: string) =>
        ctx.push(() => {
          if (!ORIENTATIONS.includes(v)) throw new FakeOfficeError("InvalidArgument", `no orientation ${v}`);
          sheet().pageLayout.orientation = v;
        }),
    });
    Object.defineProperty(layout, "zoom", {
      set: (v: FakePageLayout["zoom"]) => {
        const copy = { ...v };
        ctx.push(() => {
          const fit = [copy.horizontalFitToPages, copy.verticalFitToPages].filter((n) => n !== undefined && n !== null);
          if (fit.some((n) => !Number.isInteger(n) || n! < 0)) throw new FakeOfficeError("InvalidArgument", "pages to fit are whole numbers");
          if (copy.scale !== undefined && fit.length > 0) throw new FakeOfficeError("InvalidArgument", "a scale or pages to fit, not both");
          sheet().pageLayout.zoom = copy;
        });
      },
    });
    return layout as {
      orientation: string;
      zoom: FakePageLayout["zoom"];
      setPrintTitleRows(rows: string): void;
      headersFooters: { defaultForAllPages: { leftFooter: string; centerFooter: string; rightFooter: string } };
    };
  }

  /** Worksheet.horizontalPageBreaks (ExcelApi 1.9): add(range) breaks before the range's top-left cell; removePageBreaks() */
  get horizontalPageBreaks() {
    const ctx = this.ctx;
    const sheet = () => {
      if (!ctx.wb.supports("1.9")) throw new FakeOfficeError("ApiNotFound", "Worksheet.horizontalPageBreaks needs ExcelApi 1.9");
      return this.target();
    };
    return {
      add: (range: RangeProxy) =>
        ctx.push(() => {
          const t = sheet();
          const r = range.target();
          if (r.sheet !== t) throw new FakeOfficeError("InvalidArgument", "page break range not on this sheet");
          if (!t.pageBreaks.includes(r.row)) t.pageBreaks = [...t.pageBreaks, r.row].sort((a, b) => a - b);
        }),
      removePageBreaks: () => ctx.push(() => (sheet().pageBreaks = [])),
    };
  }

  protected read(t: FakeSheet, p: string): unknown {
    if (p === "name") return t.name;
    if (p === "position") return this.ctx.wb.sheets.indexOf(t);
    if (p === "visibility") return t.visibility;
    if (p === "id") return t.id;
    throw new Error(`fake Worksheet has no property ${p}`);
  }

  get name(): string {
    return this.get("name") as string;
  }
  set name(name: string) {
    this.ctx.push(() => {
      const t = this.target();
      if (this.ctx.wb.sheets.some((s) => s !== t && same(s.name, name))) throw new FakeOfficeError("ItemAlreadyExists", `A sheet named ${name} exists.`);
      t.name = name;
    });
  }
  get visibility(): string {
    return this.get("visibility") as string;
  }
  set visibility(visibility: string) {
    this.ctx.push(() => (this.target().visibility = visibility));
  }
  set position(position: number) {
    this.ctx.push(() => {
      const sheets = this.ctx.wb.sheets;
      const t = this.target();
      sheets.splice(sheets.indexOf(t), 1);
      sheets.splice(Math.min(position, sheets.length), 0, t);
    });
  }

  delete(): void {
    this.ctx.push(() => {
      const t = this.target();
      const wb = this.ctx.wb;
      if (wb.sheets.length <= 1) throw new FakeOfficeError("InvalidOperation", "can't delete the last sheet");
      wb.sheets = wb.sheets.filter((s) => s !== t);
      wb.tables = wb.tables.filter((x) => x.sheet !== t);
      wb.log.push(`delete:${t.name}`);
    });
  }

  /** Worksheet.activate() (ExcelApi 1.1) */
  activate(): void {
    this.ctx.push(() => {
      const t = this.target();
      if (t.visibility !== "Visible") throw new FakeOfficeError("InvalidOperation", "A hidden sheet can't be activated.");
      this.ctx.wb.activeSheet = t.name;
      this.ctx.wb.log.push(`activate:${t.name}`);
    });
  }

  /** the whole sheet, as Worksheet.getRange() with no address */
  getRange(): RangeProxy {
    return new RangeProxy(this.ctx, () => ({ sheet: this.target(), row: 0, column: 0, rows: 1048576, columns: 16384 }));
  }

  getRangeByIndexes(row: number, column: number, rows: number, columns: number): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      if (rows < 1 || columns < 1 || row < 0 || column < 0)
        throw new FakeOfficeError("InvalidArgument", "The argument is invalid or missing or has an incorrect format.");
      return { sheet: this.target(), row, column, rows, columns };
    });
  }

  /** Worksheet.getUsedRange: ItemNotFound on an empty sheet */
  getUsedRange(_valuesOnly?: boolean): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const sheet = this.target();
      const used = sheet.used();
      if (!used) throw new FakeOfficeError("ItemNotFound", "The requested resource doesn't exist.");
      return { sheet, ...used };
    });
  }

  getUsedRangeOrNullObject(_valuesOnly?: boolean): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const sheet = this.target();
      const used = sheet.used();
      return used ? { sheet, ...used } : null;
    });
  }
}

class TableProxy extends Proxy<FakeTable> {
  delete(): void {
    this.ctx.push(() => {
      const t = this.target();
      this.ctx.wb.tables = this.ctx.wb.tables.filter((x) => x !== t);
    });
  }

  protected read(t: FakeTable, p: string): unknown {
    if (p === "name") return t.name;
    throw new Error(`fake Table has no property ${p}`);
  }
  getRange(): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const t = this.target();
      return { sheet: t.sheet, ...rectOf(t) };
    });
  }
}

class CollectionProxy<T> extends Proxy<T[]> {
  constructor(
    ctx: FakeContext,
    resolve: () => T[],
    private readonly item: (t: T, p: string) => unknown,
  ) {
    super(ctx, resolve);
  }
  protected read(ts: T[], p: string): unknown {
    return ts.map((t) => this.item(t, p));
  }
  get items(): Record<string, unknown>[] {
    const keys = [...this.loaded.keys()];
    if (keys.length === 0) throw new Error("PropertyNotLoaded: items");
    const columns = keys.map((k) => this.loaded.get(k) as unknown[]);
    return columns[0].map((_, i) => {
      const item: Record<string, unknown> = {};
      keys.forEach((k, j) => {
        const path = k.replace(/^items\//, "").split("/");
        let at = item;
        for (const step of path.slice(0, -1)) at = (at[step] ??= {}) as Record<string, unknown>;
        at[path[path.length - 1]] = columns[j][i];
      });
      return item;
    });
  }
}

class WorkbookProxy {
  constructor(private readonly ctx: FakeContext) {}

  get worksheets() {
    const ctx = this.ctx;
    const wb = ctx.wb;
    const sheetByName = (name: string) => () => wb.sheets.find((s) => same(s.name, name)) ?? null;
    return Object.assign(
      new CollectionProxy(
        ctx,
        () => wb.sheets,
        (s: FakeSheet, p) => {
          if (p === "items/name") return s.name;
          if (p === "items/position") return wb.sheets.indexOf(s);
          if (p === "items/visibility") return s.visibility;
          if (p === "items/id") return s.id;
          throw new Error(`fake worksheets: ${p}`);
        },
      ),
      {
        getItemOrNullObject: (name: string) => new SheetProxy(ctx, sheetByName(name)),
        /** WorksheetCollection.getActiveWorksheet (ExcelApi 1.1) */
        getActiveWorksheet: () => new SheetProxy(ctx, () => wb.sheet(wb.activeSheet ?? "") ?? wb.sheets[0] ?? null),
        getItem: (name: string) =>
          new SheetProxy(ctx, () => {
            const s = sheetByName(name)();
            if (!s) throw new FakeOfficeError("ItemNotFound", `no sheet ${name}`);
            return s;
          }),
        add: (name: string) => {
          let sheet: FakeSheet | null = null;
          ctx.push(() => {
            if (wb.sheets.some((s) => same(s.name, name))) throw new FakeOfficeError("ItemAlreadyExists", `A sheet named ${name} exists.`);
            sheet = new FakeSheet(name);
            wb.sheets.push(sheet);
            wb.log.push(`add:${name}`);
          });
          return new SheetProxy(ctx, () => sheet);
        },
      },
    );
  }

  get tables() {
    const ctx = this.ctx;
    const wb = ctx.wb;
    return Object.assign(
      new CollectionProxy(
        ctx,
        () => wb.tables,
        (t: FakeTable, p) => {
          if (p === "items/name") return t.name;
          if (p === "items/worksheet/name") return t.sheet.name;
          throw new Error(`fake tables: ${p}`);
        },
      ),
      {
        getItemOrNullObject: (name: string) => new TableProxy(ctx, () => wb.tables.find((t) => same(t.name, name)) ?? null),
        getItem: (name: string) =>
          new TableProxy(ctx, () => {
            const t = wb.tables.find((x) => same(x.name, name));
            if (!t) throw new FakeOfficeError("ItemNotFound", `no table ${name}`);
            return t;
          }),
      },
    );
  }

  get settings() {
    const ctx = this.ctx;
    const wb = ctx.wb;
    return {
      add: (key: string, value: unknown) => ctx.push(() => wb.settings.set(key, value), bytes(value)),
      getItemOrNullObject: (key: string) => new SettingProxy(ctx, () => (wb.settings.has(key) ? { value: wb.settings.get(key) } : null)),
    };
  }

  /** Workbook.getActiveCell() (ExcelApi 1.7): the top-left cell of the selection */
  getActiveCell(): RangeProxy {
    return this.getSelectedRange();
  }

  getSelectedRange(): RangeProxy {
    const wb = this.ctx.wb;
    return new RangeProxy(this.ctx, () => {
      const sel = wb.selection;
      const sheet = sel && wb.sheet(sel.sheet);
      if (!sel || !sheet) throw new FakeOfficeError("InvalidSelection", "The current selection is invalid for this operation.");
      return { sheet, row: sel.row, column: sel.column, rows: 1, columns: 1 };
    });
  }
}

class SettingProxy extends Proxy<{ value: unknown }> {
  protected read(t: { value: unknown }, p: string): unknown {
    if (p === "value") return t.value;
    throw new Error(`fake Setting has no property ${p}`);
  }
  get value(): unknown {
    return this.get("value");
  }
}
