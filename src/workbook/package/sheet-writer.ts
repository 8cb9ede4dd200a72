/*
 * The parts of one output sheet, written as SpreadsheetML text: the worksheet (streamed as string
 * chunks, one row at a time, no object per cell), its tables, and the Pareto chart as a drawing
 * with a DrawingML chart. Text goes in as inline strings, so the user's shared strings part is
 * never touched and no text is ever read as a formula.
 */
import { NUMBER_FORMATS, type CellFormat, type CellValue, type OutputSheet, type OutputTable, type ParetoChart } from "../../core/output";
import { placedFormats, placedValidations, rectAddress, textConstant } from "../../core/palette";
import { BLOCK_COLUMN_WIDTH, CHART_COLUMNS, CHART_ROWS, pageSetupOf } from "../../core/print";
import { letterOf } from "../../core/tier";
import { relsPartOf } from "./opc";
import { concatBytes, utf8, type PartMaker } from "./parts";
import { argb, highlightKey, type StyleIds } from "./styles";

export const CONTENT_TYPES = {
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  table: "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml",
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
  relationships: "application/vnd.openxmlformats-package.relationships+xml",
} as const;

const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const RELATIONSHIP_TYPES = {
  worksheet: `${REL}/worksheet`,
  table: `${REL}/table`,
  drawing: `${REL}/drawing`,
  chart: `${REL}/chart`,
  styles: `${REL}/styles`,
} as const;

/** What a worksheet part is made of: an output sheet, whatever it is for (the settings sheet too). */
export type SheetContent = Omit<OutputSheet, "key"> & Partial<Pick<OutputSheet, "key">>;

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const XML_DECLARATION = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`;

/** Where the chart sits: the same 8 columns by 17 rows as the Excel adapter's setPosition (core/print.ts, which also counts them in a sheet's width). */
export { CHART_COLUMNS, CHART_ROWS };

// --- text ------------------------------------------------------------------------------------------

/*
 * What XML 1.0 cannot hold (C0 controls but tab and line feed, lone surrogates, U+FFFE/U+FFFF) is
 * written as OOXML's _xHHHH_ (ECMA-376 Part 1, 22.9.2.19 ST_Xstring); a carriage return too, which
 * a parser would turn into a line feed. A literal "_xHHHH_" gets its underscore escaped as _x005F_
 * so that it is not decoded. Valid surrogate pairs (emoji) pass as they are.
 */
// eslint-disable-next-line no-control-regex -- the control characters are what this finds
const TEXT_NEEDS_ESCAPE = /[&<>\r\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]|_x[0-9a-fA-F]{4}_/;
// eslint-disable-next-line no-control-regex -- the control characters are what this finds
const TEXT_ESCAPES = /[\ud800-\udbff][\udc00-\udfff]|[&<>]|[\r\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]|_(?=x[0-9a-fA-F]{4}_)/g;
const ATTRIBUTE_ESCAPES =
  // eslint-disable-next-line no-control-regex -- the control characters are what this finds
  /[\ud800-\udbff][\udc00-\udfff]|[&<>"]|[\t\n\r\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]|_(?=x[0-9a-fA-F]{4}_)/g;

const EDGE_SPACE = /^\s|\s$/;

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

function escapeOne(m: string): string {
  if (m.length === 2) return m;
  const entity = ENTITIES[m];
  if (entity) return entity;
  if (m === "_") return "_x005F_";
  return `_x${m.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`;
}

/** Text for an element's content (a cell's <t>, a chart's <c:v>). */
export function escapeText(s: string): string {
  return TEXT_NEEDS_ESCAPE.test(s) ? s.replace(TEXT_ESCAPES, escapeOne) : s;
}

/** Text for an attribute value; tab and line breaks too, which attribute normalisation would turn into spaces. */
export function escapeAttribute(s: string): string {
  return s.replace(ATTRIBUTE_ESCAPES, escapeOne);
}

/** Decodes _xHHHH_ as Excel does when it reads an ST_Xstring (for tests and readers of these parts). */
export function decodeXstring(s: string): string {
  return s.replace(/_x([0-9a-fA-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** A sheet name inside a formula: always quoted, apostrophes doubled ('Bob''s list'!$A$1). */
export function quoteSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

// --- tables --------------------------------------------------------------------------------------

/**
 * Column names as Excel makes them for a table: a blank header becomes "ColumnN" (N its position),
 * a repeated one (compared without case) gets the first free number appended ("Value", "Value2").
 * The header cells are written with these names: Excel repairs a table whose names differ from them.
 */
export function tableColumnNames(table: OutputTable): string[] {
  const taken = new Set<string>();
  return table.columns.map((col, i) => {
    const base = String(col.header ?? "").length > 0 ? String(col.header) : `Column${i + 1}`;
    let name = base;
    for (let n = 2; taken.has(name.toLocaleLowerCase()); n++) name = `${base}${n}`;
    taken.add(name.toLocaleLowerCase());
    return name;
  });
}

/** Rows of a table on its sheet, header included: Excel needs one data row, blank or not. */
function tableHeight(table: OutputTable): number {
  return 1 + Math.max(1, table.rows.length);
}

/** The A1 range of a table, header included. */
export function tableRef(table: OutputTable): string {
  const bottom = table.row + tableHeight(table);
  return `${letterOf(table.column)}${table.row + 1}:${letterOf(table.column + table.columns.length - 1)}${bottom}`;
}

/**
 * xl/tables/tableN.xml for a table: header row with filter buttons, TableStyleMedium2 with row
 * stripes. `id` is unique among the workbook's tables, `name` among its table names and defined names.
 */
export function tableXml(table: OutputTable, id: number, name: string): Uint8Array {
  const ref = tableRef(table);
  const names = tableColumnNames(table);
  const columns = names.map((n, i) => `<tableColumn id="${i + 1}" name="${escapeAttribute(n)}"/>`).join("");
  const safeName = escapeAttribute(name);
  return encode(
    `${XML_DECLARATION}<table xmlns="${MAIN_NS}" id="${id}" name="${safeName}" displayName="${safeName}" ref="${ref}" totalsRowShown="0">` +
      `<autoFilter ref="${ref}"/><tableColumns count="${names.length}">${columns}</tableColumns>` +
      `<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`,
  );
}

// --- the worksheet -------------------------------------------------------------------------------

/** A rectangle of cells on the sheet: a block or a table (header + rows). */
interface Span {
  top: number;
  left: number;
  height: number;
  width: number;
  values(r: number): readonly CellValue[] | undefined;
  /** ` s="N"` or "" per column of row r */
  styles(r: number): readonly string[];
}

const styleAttribute = (id: number): string => (id === 0 ? "" : ` s="${id}"`);

function spansOf(sheet: SheetContent, ids: StyleIds): Span[] {
  const spans: Span[] = [];
  for (const block of sheet.blocks) {
    const width = Math.max(0, ...block.cells.map((r) => r.length));
    if (block.cells.length === 0 || width === 0) continue;
    const styles = block.cells.map((_, r) =>
      Array.from({ length: width }, (_, c) => styleAttribute(block.title ? ids.title : ids.format[block.formats?.[r]?.[c] ?? "general"])),
    );
    spans.push({ top: block.row, left: block.column, height: block.cells.length, width, values: (r) => block.cells[r], styles: (r) => styles[r] });
  }
  for (const table of sheet.tables) {
    const header = tableColumnNames(table);
    const plain = header.map(() => "");
    const formats = table.columns.map((c) => styleAttribute(ids.format[c.format]));
    spans.push({
      top: table.row,
      left: table.column,
      height: tableHeight(table),
      width: table.columns.length,
      values: (r) => (r === 0 ? header : table.rows[r - 1]),
      styles: (r) => (r === 0 ? plain : formats),
    });
  }
  return spans.sort((a, b) => a.top - b.top || a.left - b.left);
}

export interface WorksheetOptions {
  /** relationship ids of the sheet's table parts, in the order of sheet.tables */
  tableRids: string[];
  /** relationship id of the sheet's drawing (the chart) */
  drawingRid?: string;
  /** the sheet is the active tab */
  tabSelected?: boolean;
}

/**
 * xl/worksheets/sheetN.xml for an output sheet: frozen header rows, column widths, the cells of
 * its blocks and tables with their styles, then the drawing and the table parts. Numbers are <v>
 * values, booleans t="b", text inline strings; null, "" and non-finite numbers leave the cell out.
 */
export function worksheetXml(sheet: SheetContent, ids: StyleIds, opts: WorksheetOptions): Uint8Array {
  return concatBytes([...worksheetPieces(sheet, ids, opts)]);
}

/** The size of the UTF-8 pieces a worksheet is made in. */
const PIECE_BYTES = 262_144;

/**
 * How much text is gathered before it is encoded into the piece. Measured on 100,000 x 15 rows:
 * Node's encodeInto is cheapest called once per row (the sheet in 269 ms, against 320 ms gathering
 * 2 K characters and 335 ms gathering 16 K: gathering builds a string that must be flattened),
 * while a browser's costs more per call (the page's Download, 6.4 s per row against 5.1 s gathering 16 K).
 */
const ENCODE_CHARS = typeof process !== "undefined" && process.versions?.node !== undefined ? 0 : 16_384;

/**
 * Text encoded into UTF-8 pieces of PIECE_BYTES as it is written, a row at a time, so that no long
 * string is ever built: a string still being built when the young generation is collected is copied
 * to the old one, and at a million rows that garbage was what made V8 mark a 2 GB heap again and again.
 */
class PieceWriter {
  private readonly encoder = new TextEncoder();
  private piece = new Uint8Array(PIECE_BYTES);
  private at = 0;
  /** rows not encoded yet (see ENCODE_CHARS) */
  private text = "";

  /** Writes `text`; returns the piece it filled, when it did. */
  add(text: string): Uint8Array | undefined {
    if (this.text === "" && text.length >= ENCODE_CHARS) return this.encode(text);
    this.text += text;
    if (this.text.length < ENCODE_CHARS) return undefined;
    const gathered = this.text;
    this.text = "";
    return this.encode(gathered);
  }

  /** The pieces left: the last one, and the one before it when the text still to encode filled it. */
  end(): Uint8Array[] {
    const full = this.encode(this.text);
    this.text = "";
    const last = this.take();
    return [full, last].filter((p): p is Uint8Array => p !== undefined);
  }

  private encode(text: string): Uint8Array | undefined {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit
    const most = text.length * 3;
    let full: Uint8Array | undefined;
    if (most > this.piece.length - this.at) {
      full = this.take();
      if (most > PIECE_BYTES) this.piece = new Uint8Array(most);
    }
    this.at += this.encoder.encodeInto(text, this.at === 0 ? this.piece : this.piece.subarray(this.at)).written;
    return full;
  }

  /** The piece written so far (a new one is begun). */
  private take(): Uint8Array | undefined {
    if (this.at === 0) return undefined;
    const full = this.piece.subarray(0, this.at);
    this.piece = new Uint8Array(PIECE_BYTES);
    this.at = 0;
    return full;
  }
}

/**
 * The worksheet part as UTF-8 pieces of about 256 K characters, made as they are asked for, e.g. by a
 * streaming deflate, so that the whole part is never held at once.
 */
export function* worksheetPieces(sheet: SheetContent, ids: StyleIds, opts: WorksheetOptions): Generator<Uint8Array> {
  if (opts.tableRids.length !== sheet.tables.length) throw new Error(`${sheet.tables.length} tables but ${opts.tableRids.length} relationship ids`);
  const spans = spansOf(sheet, ids);
  const out = new PieceWriter();
  // the head and the tail of the part are short: gathered as text
  let text = "";

  const lastRow = Math.max(0, ...spans.map((s) => s.top + s.height - 1));
  const lastColumn = Math.max(0, ...spans.map((s) => s.left + s.width - 1));
  const firstRow = spans.length ? Math.min(...spans.map((s) => s.top)) : 0;
  const firstColumn = spans.length ? Math.min(...spans.map((s) => s.left)) : 0;
  const letters = Array.from({ length: lastColumn + 1 }, (_, c) => letterOf(c));

  const setup = pageSetupOf(sheet);
  text += `${XML_DECLARATION}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL}">`;
  // fitToWidth/fitToHeight of pageSetup apply only when the sheet says it fits to pages
  if (setup) text += `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>`;
  text += `<dimension ref="${letters[firstColumn]}${firstRow + 1}${lastRow > firstRow || lastColumn > firstColumn ? `:${letters[lastColumn]}${lastRow + 1}` : ""}"/>`;
  text += `<sheetViews><sheetView${opts.tabSelected ? ` tabSelected="1"` : ""} workbookViewId="0">`;
  if (sheet.freezeRows > 0) {
    const below = `A${sheet.freezeRows + 1}`;
    text += `<pane ySplit="${sheet.freezeRows}" topLeftCell="${below}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="${below}" sqref="${below}"/>`;
  }
  text += `</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>`;
  text += colsXml(sheet, ids);

  text += "<sheetData>";
  const head = out.add(text);
  if (head) yield head;
  text = "";
  let next = 0;
  let active: Span[] = [];
  let r = 0;
  while (next < spans.length || active.length > 0) {
    if (active.length === 0) r = Math.max(r, spans[next].top);
    let added = false;
    while (next < spans.length && spans[next].top <= r) {
      active.push(spans[next++]);
      added = true;
    }
    if (added) active.sort((a, b) => a.left - b.left);
    const rowNumber = String(r + 1);
    let row = "";
    // a cell two spans claim goes to the leftmost span: cells must be unique and in column order
    let nextColumn = 0;
    for (const span of active) {
      const values = span.values(r - span.top);
      if (!values) continue;
      const styles = span.styles(r - span.top);
      const width = Math.min(span.width, values.length);
      for (let c = 0; c < width; c++) {
        const v = values[c];
        if (v === null || v === undefined || v === "") continue;
        const column = span.left + c;
        if (column < nextColumn) continue;
        if (typeof v === "number") {
          if (!Number.isFinite(v)) continue;
          row += `<c r="${letters[column]}${rowNumber}"${styles[c]}><v>${v}</v></c>`;
        } else if (typeof v === "string") {
          // Excel trims leading and trailing spaces of a <t> unless told to keep them
          const keep = EDGE_SPACE.test(v) ? ` xml:space="preserve"` : "";
          row += `<c r="${letters[column]}${rowNumber}"${styles[c]} t="inlineStr"><is><t${keep}>${escapeText(v)}</t></is></c>`;
        } else if (typeof v === "boolean") {
          row += `<c r="${letters[column]}${rowNumber}"${styles[c]} t="b"><v>${v ? 1 : 0}</v></c>`;
        } else continue;
        nextColumn = column + 1;
      }
    }
    if (row) {
      const full = out.add(`<row r="${rowNumber}">${row}</row>`);
      if (full) yield full;
    }
    r++;
    if (active.some((s) => s.top + s.height <= r)) active = active.filter((s) => s.top + s.height > r);
  }
  text += "</sheetData>";
  // CT_Worksheet's order: conditionalFormatting, dataValidations, (hyperlinks, printOptions), pageMargins, pageSetup, headerFooter, rowBreaks, ..., drawing, ..., tableParts
  text += conditionalFormattingXml(sheet, ids);
  text += dataValidationsXml(sheet);
  text += `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>`;
  if (setup) {
    text += `<pageSetup orientation="${setup.orientation}" fitToWidth="${setup.fitToWidth}" fitToHeight="${setup.fitToHeight}"/>`;
    const { left, center, right } = setup.footer;
    text += `<headerFooter><oddFooter>${escapeText(`&L${left}&C${center}&R${right}`)}</oddFooter></headerFooter>`;
    if (setup.breaksBefore.length > 0) {
      // a break's id is the last row of the page before it (1-based), i.e. the 0-based row that starts the next page
      const breaks = setup.breaksBefore.map((r) => `<brk id="${r}" max="16383" man="1"/>`).join("");
      text += `<rowBreaks count="${setup.breaksBefore.length}" manualBreakCount="${setup.breaksBefore.length}">${breaks}</rowBreaks>`;
    }
  }
  if (opts.drawingRid) text += `<drawing r:id="${escapeAttribute(opts.drawingRid)}"/>`;
  if (opts.tableRids.length > 0)
    text += `<tableParts count="${opts.tableRids.length}">${opts.tableRids.map((id) => `<tablePart r:id="${escapeAttribute(id)}"/>`).join("")}</tableParts>`;
  text += "</worksheet>";
  const full = out.add(text);
  if (full) yield full;
  yield* out.end();
}

/** The sheet's conditional formats, priority 1 first, one conditionalFormatting element per range. */
function conditionalFormattingXml(sheet: SheetContent, ids: StyleIds): string {
  return placedFormats(sheet as OutputSheet)
    .map((rule, i) => {
      const priority = i + 1;
      let cf: string;
      if (rule.kind === "dataBar") {
        // the 2006 data bar (a gradient): what Excel 2007+ and LibreOffice both read; Excel adds its 2010 extension on save
        cf = `<cfRule type="dataBar" priority="${priority}"><dataBar><cfvo type="min"/><cfvo type="max"/><color rgb="${argb(rule.color)}"/></dataBar></cfRule>`;
      } else {
        const dxfId = ids.dxf[highlightKey(rule.style)];
        if (dxfId === undefined) throw new Error(`no dxf for ${highlightKey(rule.style)}`);
        cf =
          rule.kind === "cellEquals"
            ? `<cfRule type="cellIs" dxfId="${dxfId}" priority="${priority}" operator="equal"><formula>${escapeText(rule.formula)}</formula></cfRule>`
            : `<cfRule type="expression" dxfId="${dxfId}" priority="${priority}"><formula>${escapeText(rule.formula)}</formula></cfRule>`;
      }
      return `<conditionalFormatting sqref="${rectAddress(rule.rect)}">${cf}</conditionalFormatting>`;
    })
    .join("");
}

/** List validations: blank allowed, anything else stopped with the error alert (showDropDown is left out: in SpreadsheetML "1" hides the list). */
function dataValidationsXml(sheet: SheetContent): string {
  const placed = placedValidations(sheet as OutputSheet);
  if (placed.length === 0) return "";
  const items = placed.map(
    (v) =>
      `<dataValidation type="list" errorStyle="stop" allowBlank="1" showErrorMessage="1" errorTitle="${escapeAttribute(v.errorTitle)}" error="${escapeAttribute(v.error)}" sqref="${rectAddress(v.rect)}">` +
      `<formula1>${escapeText(textConstant(v.source))}</formula1></dataValidation>`,
  );
  return `<dataValidations count="${placed.length}">${items.join("")}</dataValidations>`;
}

/**
 * Column widths: the widest any table wants on a column, and the label width of blocks. A sheet
 * that is one table from A1 also gets its formats on whole columns, so rows people add get them.
 */
function colsXml(sheet: SheetContent, ids: StyleIds): string {
  const widths = new Map<number, number>();
  const widen = (column: number, width: number) => widths.set(column, Math.max(widths.get(column) ?? 0, width));
  for (const t of sheet.tables) t.columns.forEach((c, i) => widen(t.column + i, c.width));
  for (const b of sheet.blocks) if (!b.title) for (let c = 0; c < Math.max(0, ...b.cells.map((l) => l.length)); c++) widen(b.column + c, BLOCK_COLUMN_WIDTH);
  const wholeColumns = sheet.tables.length === 1 && sheet.blocks.length === 0 && !sheet.chart && sheet.tables[0].row === 0;
  const styles = new Map<number, number>();
  if (wholeColumns) sheet.tables[0].columns.forEach((c, i) => styles.set(sheet.tables[0].column + i, ids.format[c.format]));
  if (widths.size === 0) return "";
  const cols = [...widths.keys()]
    .sort((a, b) => a - b)
    .map((c) => {
      const style = styles.get(c) ?? 0;
      return `<col min="${c + 1}" max="${c + 1}" width="${widths.get(c)}" customWidth="1"${style ? ` style="${style}"` : ""}/>`;
    });
  return `<cols>${cols.join("")}</cols>`;
}

// --- the chart -----------------------------------------------------------------------------------

/**
 * xl/drawings/drawingN.xml: one chart frame anchored from the chart's cell over 8 columns and 17
 * rows. `chartRid` is the chart's relationship id in the drawing's rels.
 */
export function drawingXml(chart: ParetoChart, chartRid: string): Uint8Array {
  const marker = (tag: string, col: number, row: number) =>
    `<xdr:${tag}><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return encode(
    `${XML_DECLARATION}<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">` +
      `<xdr:twoCellAnchor editAs="oneCell">${marker("from", chart.column, chart.row)}${marker("to", chart.column + CHART_COLUMNS, chart.row + CHART_ROWS)}` +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="${escapeAttribute(chart.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
      `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
      `<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">` +
      `<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="${REL}" r:id="${escapeAttribute(chartRid)}"/>` +
      `</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`,
  );
}

const AXIS = { bars: 50010, values: 50020, lineCategories: 50030, share: 50040 };

/** The Pareto chart's colours: Okabe-Ito blue bars, vermillion line (colour-blind safe, as the sheets' palette). */
const CHART_COLOURS = { bars: "0072B2", line: "D55E00" };

/**
 * xl/charts/chartN.xml: the Pareto table's second column as clustered columns on the primary axes,
 * its third as a line on a secondary value axis (crossing at the right, percent, 0 to 100%) whose
 * own category axis is hidden; the first column as categories. Series point at the table's cells on
 * `sheetName` and carry caches of their values, so a viewer shows the chart without recalculating.
 */
export function chartXml(chart: ParetoChart, table: OutputTable, sheetName: string): Uint8Array {
  if (table.columns.length < 3) throw new Error(`the Pareto table ${table.name} needs three columns`);
  const sheet = quoteSheetName(sheetName);
  const names = tableColumnNames(table);
  const headerRow = table.row + 1;
  const first = table.row + 2;
  const last = table.row + 1 + Math.max(1, table.rows.length);
  const cell = (c: number) => `${sheet}!$${letterOf(table.column + c)}$${headerRow}`;
  const range = (c: number) => `${sheet}!$${letterOf(table.column + c)}$${first}:$${letterOf(table.column + c)}$${last}`;
  const count = Math.max(1, table.rows.length);

  const strCache = (values: readonly unknown[]) =>
    `<c:strCache><c:ptCount val="${values.length}"/>${values
      .map((v, i) => (v === null || v === undefined || v === "" ? "" : `<c:pt idx="${i}"><c:v>${escapeText(String(v))}</c:v></c:pt>`))
      .join("")}</c:strCache>`;
  const numCache = (c: number) =>
    `<c:numCache><c:formatCode>${escapeText(NUMBER_FORMATS[table.columns[c].format as CellFormat])}</c:formatCode><c:ptCount val="${count}"/>${table.rows
      .map((row, i) => (typeof row[c] === "number" && Number.isFinite(row[c]) ? `<c:pt idx="${i}"><c:v>${row[c]}</c:v></c:pt>` : ""))
      .join("")}</c:numCache>`;
  const categories = `<c:cat><c:strRef><c:f>${escapeText(range(0))}</c:f>${strCache(table.rows.map((r) => r[0]))}</c:strRef></c:cat>`;
  const seriesHead = (i: number, c: number) =>
    `<c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:strRef><c:f>${escapeText(cell(c))}</c:f>${strCache([names[c]])}</c:strRef></c:tx>`;
  const values = (c: number) => `<c:val><c:numRef><c:f>${escapeText(range(c))}</c:f>${numCache(c)}</c:numRef></c:val>`;
  const scaling = (extra = "") => `<c:scaling><c:orientation val="minMax"/>${extra}</c:scaling>`;
  const valueFormat = NUMBER_FORMATS[table.columns[1].format as CellFormat];

  return encode(
    `${XML_DECLARATION}<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${REL}">` +
      `<c:roundedCorners val="0"/><c:chart>` +
      `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr b="1"/></a:pPr><a:r><a:t>${escapeText(chart.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
      `<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>` +
      `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>` +
      // explicit fills: Excel would pick them from its theme, LibreOffice draws nothing without them
      `<c:ser>${seriesHead(0, 1)}<c:spPr><a:solidFill><a:srgbClr val="${CHART_COLOURS.bars}"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>${categories}${values(1)}</c:ser>` +
      `<c:gapWidth val="50"/><c:axId val="${AXIS.bars}"/><c:axId val="${AXIS.values}"/></c:barChart>` +
      `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>` +
      `<c:ser>${seriesHead(1, 2)}<c:spPr><a:ln w="28575" cap="rnd"><a:solidFill><a:srgbClr val="${CHART_COLOURS.line}"/></a:solidFill></a:ln></c:spPr>` +
      `<c:marker><c:symbol val="circle"/><c:size val="5"/><c:spPr><a:solidFill><a:srgbClr val="${CHART_COLOURS.line}"/></a:solidFill></c:spPr></c:marker>${categories}${values(2)}<c:smooth val="0"/></c:ser>` +
      `<c:marker val="1"/><c:axId val="${AXIS.lineCategories}"/><c:axId val="${AXIS.share}"/></c:lineChart>` +
      `<c:catAx><c:axId val="${AXIS.bars}"/>${scaling()}<c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="1"/>` +
      `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="${AXIS.values}"/><c:crosses val="autoZero"/>` +
      `<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
      `<c:valAx><c:axId val="${AXIS.values}"/>${scaling()}<c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/>` +
      `<c:numFmt formatCode="${escapeAttribute(valueFormat)}" sourceLinked="1"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
      `<c:crossAx val="${AXIS.bars}"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>` +
      `<c:catAx><c:axId val="${AXIS.lineCategories}"/>${scaling()}<c:delete val="1"/><c:axPos val="b"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/>` +
      `<c:tickLblPos val="nextTo"/><c:crossAx val="${AXIS.share}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
      `<c:valAx><c:axId val="${AXIS.share}"/>${scaling(`<c:max val="1"/><c:min val="0"/>`)}<c:delete val="0"/><c:axPos val="r"/>` +
      `<c:numFmt formatCode="0%" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
      `<c:crossAx val="${AXIS.lineCategories}"/><c:crosses val="max"/><c:crossBetween val="between"/></c:valAx>` +
      `</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`,
  );
}

// --- relationships and the whole sheet ---------------------------------------------------------

export interface Relationship {
  id: string;
  type: string;
  /** relative to the source part's folder, as Office writes it */
  target: string;
}

export function relationshipsXml(rels: readonly Relationship[]): Uint8Array {
  return encode(
    `${XML_DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      rels.map((r) => `<Relationship Id="${escapeAttribute(r.id)}" Type="${escapeAttribute(r.type)}" Target="${escapeAttribute(r.target)}"/>`).join("") +
      `</Relationships>`,
  );
}

/** The target of `to` relative to the folder of `from` (both part names without a leading "/"). */
export function relativeTarget(from: string, to: string): string {
  const fromDirs = from.split("/").slice(0, -1);
  const toParts = to.split("/");
  let common = 0;
  while (common < fromDirs.length && common < toParts.length - 1 && fromDirs[common] === toParts[common]) common++;
  return [...fromDirs.slice(common).map(() => ".."), ...toParts.slice(common)].join("/");
}

/** Names the host picked for an output sheet's parts: free part names, workbook-unique table ids and names. */
export interface SheetPartNames {
  /** "xl/worksheets/sheet4.xml" */
  sheet: string;
  /** one per sheet.tables, in order */
  tables: { id: number; name: string; part: string }[];
  /** "xl/drawings/drawing1.xml" and "xl/charts/chart1.xml", when the sheet has a chart to draw */
  drawing?: string;
  chart?: string;
}

export interface WrittenPart {
  /** part name without the leading "/" */
  name: string;
  /** its bytes, or (the worksheet) the means to make them piece by piece */
  data: Uint8Array | PartMaker;
  /** the Override content type the part needs; rels parts are covered by the rels Default */
  contentType?: string;
}

/**
 * Every part of an output sheet: the worksheet, its rels, its tables, and the chart's drawing, the
 * drawing's rels and the chart, each with its content type. The chart is drawn when the sheet has
 * one, its table has rows and `names` has a drawing and a chart part.
 */
export function sheetParts(sheet: SheetContent, ids: StyleIds, names: SheetPartNames, opts: { tabSelected?: boolean } = {}): WrittenPart[] {
  if (names.tables.length !== sheet.tables.length) throw new Error(`${sheet.tables.length} tables but ${names.tables.length} table names`);
  const parts: WrittenPart[] = [];
  const rels: Relationship[] = names.tables.map((t, i) => ({ id: `rId${i + 1}`, type: RELATIONSHIP_TYPES.table, target: relativeTarget(names.sheet, t.part) }));
  sheet.tables.forEach((table, i) =>
    parts.push({ name: names.tables[i].part, data: tableXml(table, names.tables[i].id, names.tables[i].name), contentType: CONTENT_TYPES.table }),
  );

  const chartTable = sheet.chart ? sheet.tables.find((t) => t.name === sheet.chart!.table) : undefined;
  let drawingRid: string | undefined;
  if (sheet.chart && chartTable && chartTable.rows.length > 0 && names.drawing && names.chart) {
    drawingRid = `rId${rels.length + 1}`;
    rels.push({ id: drawingRid, type: RELATIONSHIP_TYPES.drawing, target: relativeTarget(names.sheet, names.drawing) });
    parts.push({ name: names.drawing, data: drawingXml(sheet.chart, "rId1"), contentType: CONTENT_TYPES.drawing });
    parts.push({
      name: relsPartOf(names.drawing),
      data: relationshipsXml([{ id: "rId1", type: RELATIONSHIP_TYPES.chart, target: relativeTarget(names.drawing, names.chart) }]),
    });
    parts.push({ name: names.chart, data: chartXml(sheet.chart, chartTable, sheet.name), contentType: CONTENT_TYPES.chart });
  }
  const options: WorksheetOptions = {
    tableRids: rels.filter((r) => r.type === RELATIONSHIP_TYPES.table).map((r) => r.id),
    drawingRid,
    tabSelected: opts.tabSelected,
  };
  parts.unshift({ name: names.sheet, data: () => worksheetPieces(sheet, ids, options), contentType: CONTENT_TYPES.worksheet });
  if (rels.length > 0) parts.splice(1, 0, { name: relsPartOf(names.sheet), data: relationshipsXml(rels) });
  return parts;
}

function encode(s: string): Uint8Array {
  return utf8(s);
}
