/*
 * A new .xlsx package made from nothing: content types, package and workbook relationships, the
 * workbook, a styles part, docProps (app and core) and one worksheet written from data. Enough for
 * the built-in sample book (`client-ladder sample`, the browser page's "try the sample"), with what
 * the add-in's own output sheets never need: dates, error cells, merged areas, hidden rows, fonts.
 * Text is escaped by the sheet writer's functions, so a new book and an output sheet say the same.
 */
import { sampleBook, type SampleBook } from "../../core/sample";
import { letterOf } from "../../core/tier";
import { isDateFormat } from "./dates";
import { utf8, writeParts, type Parts } from "./parts";
import { CONTENT_TYPES, escapeAttribute, escapeText, relationshipsXml, RELATIONSHIP_TYPES } from "./sheet-writer";
import { STYLES_CONTENT_TYPE } from "./styles";

/** A cell of a new sheet: dates are written as date serials (1900 system) with a date format, `{ error }` as an error cell. */
export type NewCell = string | number | boolean | Date | { error: string } | null | undefined;

/** The look of a whole row (a title, a header). */
export interface RowStyle {
  /** 0-based index into `rows` */
  row: number;
  bold?: boolean;
  /** font size in points; 11 unless given */
  size?: number;
  /** centred across the cell (or the merged area it starts) */
  center?: boolean;
}

export interface NewSheet {
  name: string;
  /** the cells from A1, row by row */
  rows: readonly (readonly NewCell[])[];
  /** per column from A: width in characters and Excel number format (given to the whole column) */
  columns?: readonly { width?: number; numFmt?: string }[];
  /** merged areas as A1 ranges ("A1:O1"); the value is the top-left cell's */
  merges?: readonly string[];
  /** 0-based indexes into `rows` of the rows to hide */
  hiddenRows?: readonly number[];
  /** rows kept in view at the top */
  freezeRows?: number;
  rowStyles?: readonly RowStyle[];
}

export interface NewBookProperties {
  /** docProps/core.xml's title */
  title?: string;
  /** when the book was made; now unless given */
  created?: Date;
}

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML_DECLARATION = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`;
const CREATOR = "Client Ladder";
const DEFAULT_DATE_FORMAT = "yyyy-mm-dd";
/** The sample's title font, in points. */
const SAMPLE_TITLE_SIZE = 14;

/** Built-in number formats (ECMA-376 Part 1, 18.8.30) that need no numFmt element; anything else gets an id from 164. */
const BUILT_IN_FORMATS: Record<string, number> = { General: 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10, "@": 49 };

const MS_PER_DAY = 86_400_000;
/** 1970-01-01 as a 1900-system serial (Excel's 1900 leap-year bug included, as every reader expects). */
const UNIX_EPOCH_SERIAL = 25_569;

/** A date as a 1900-system serial: its UTC calendar day and time, as ExcelJS and the package reader take a date cell. */
export function dateSerial(date: Date): number {
  return date.getTime() / MS_PER_DAY + UNIX_EPOCH_SERIAL;
}

/** The cell styles a sheet needs, collected while its cells are written, then written as styles.xml. */
class StyleTable {
  private readonly formats = new Map<string, number>();
  private readonly fonts = ['<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'];
  private readonly xfs: string[] = [`<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`];
  private readonly xfIds = new Map<string, number>([["0|0|", 0]]);

  /** The cellXfs index of a number format, a row style's font and alignment; 0 is General in the default font. */
  id(numFmt: string | undefined, style: RowStyle | undefined): number {
    const format = this.formatId(numFmt);
    const font = style && (style.bold || style.size) ? this.fontId(style) : 0;
    const center = style?.center ? "c" : "";
    const key = `${format}|${font}|${center}`;
    let id = this.xfIds.get(key);
    if (id === undefined) {
      id = this.xfs.length;
      this.xfIds.set(key, id);
      this.xfs.push(
        `<xf numFmtId="${format}" fontId="${font}" fillId="0" borderId="0" xfId="0"${format ? ` applyNumberFormat="1"` : ""}${font ? ` applyFont="1"` : ""}` +
          (center ? ` applyAlignment="1"><alignment horizontal="center"/></xf>` : "/>"),
      );
    }
    return id;
  }

  xml(): Uint8Array {
    const numFmts = [...this.formats].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${escapeAttribute(code)}"/>`);
    return utf8(
      `${XML_DECLARATION}<styleSheet xmlns="${MAIN_NS}">` +
        (numFmts.length ? `<numFmts count="${numFmts.length}">${numFmts.join("")}</numFmts>` : "") +
        `<fonts count="${this.fonts.length}">${this.fonts.join("")}</fonts>` +
        `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
        `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
        `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
        `<cellXfs count="${this.xfs.length}">${this.xfs.join("")}</cellXfs>` +
        `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
        `<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>`,
    );
  }

  private formatId(code: string | undefined): number {
    if (code === undefined) return 0;
    const builtIn = BUILT_IN_FORMATS[code];
    if (builtIn !== undefined) return builtIn;
    let id = this.formats.get(code);
    if (id === undefined) this.formats.set(code, (id = 164 + this.formats.size));
    return id;
  }

  private fontId(style: RowStyle): number {
    const font = `<font>${style.bold ? "<b/>" : ""}<sz val="${style.size ?? 11}"/><name val="Calibri"/><family val="2"/></font>`;
    const at = this.fonts.indexOf(font);
    if (at >= 0) return at;
    this.fonts.push(font);
    return this.fonts.length - 1;
  }
}

/** One <c> element, or "" for a cell left empty (null, "", a number that is not finite). */
function cellXml(ref: string, value: NewCell, style: (date: boolean) => number): string {
  if (value === null || value === undefined || value === "") return "";
  const s = (date = false) => {
    const id = style(date);
    return id ? ` s="${id}"` : "";
  };
  if (typeof value === "number") return Number.isFinite(value) ? `<c r="${ref}"${s()}><v>${value}</v></c>` : "";
  if (typeof value === "boolean") return `<c r="${ref}"${s()} t="b"><v>${value ? 1 : 0}</v></c>`;
  if (typeof value === "string") {
    const keep = /^\s|\s$/.test(value) ? ` xml:space="preserve"` : "";
    return `<c r="${ref}"${s()} t="inlineStr"><is><t${keep}>${escapeText(value)}</t></is></c>`;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : `<c r="${ref}"${s(true)}><v>${dateSerial(value)}</v></c>`;
  return `<c r="${ref}"${s()} t="e"><v>${escapeText(value.error)}</v></c>`;
}

/** xl/worksheets/sheet1.xml for a new sheet, with the cell styles it uses entered in `styles`. */
function newWorksheetXml(sheet: NewSheet, styles: StyleTable): Uint8Array {
  const columns = sheet.columns ?? [];
  const rowStyles = new Map((sheet.rowStyles ?? []).map((s) => [s.row, s]));
  const hidden = new Set(sheet.hiddenRows ?? []);
  const width = Math.max(columns.length, ...sheet.rows.map((r) => r.length));
  const letters = Array.from({ length: Math.max(1, width) }, (_, c) => letterOf(c));
  const lastRow = Math.max(sheet.rows.length, ...[...hidden].map((r) => r + 1), 1);

  const out: string[] = [`${XML_DECLARATION}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">`];
  out.push(`<dimension ref="A1${width > 1 || lastRow > 1 ? `:${letters[Math.max(0, width - 1)]}${lastRow}` : ""}"/>`);
  out.push(`<sheetViews><sheetView tabSelected="1" workbookViewId="0">`);
  const freeze = sheet.freezeRows ?? 0;
  if (freeze > 0) {
    const below = `A${freeze + 1}`;
    out.push(
      `<pane ySplit="${freeze}" topLeftCell="${below}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="${below}" sqref="${below}"/>`,
    );
  }
  out.push(`</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>`);
  const cols = columns
    .map((col, c) => {
      if (!col || (col.width === undefined && col.numFmt === undefined)) return "";
      const style = col.numFmt ? styles.id(col.numFmt, undefined) : 0;
      return `<col min="${c + 1}" max="${c + 1}"${col.width !== undefined ? ` width="${col.width}" customWidth="1"` : ` width="9.140625"`}${style ? ` style="${style}"` : ""}/>`;
    })
    .filter(Boolean);
  if (cols.length) out.push(`<cols>${cols.join("")}</cols>`);

  out.push("<sheetData>");
  for (let r = 0; r < lastRow; r++) {
    const line = sheet.rows[r] ?? [];
    const rowStyle = rowStyles.get(r);
    let cells = "";
    for (let c = 0; c < line.length; c++) {
      const numFmt = columns[c]?.numFmt;
      cells += cellXml(`${letters[c]}${r + 1}`, line[c], (date) =>
        styles.id(date && !(numFmt !== undefined && isDateFormat(numFmt)) ? DEFAULT_DATE_FORMAT : numFmt, rowStyle),
      );
    }
    const hide = hidden.has(r) ? ` hidden="1"` : "";
    if (cells || hide) out.push(`<row r="${r + 1}"${hide}>${cells}</row>`);
  }
  out.push("</sheetData>");
  const merges = sheet.merges ?? [];
  if (merges.length) out.push(`<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${escapeAttribute(m)}"/>`).join("")}</mergeCells>`);
  out.push(`<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`);
  return utf8(out.join(""));
}

/** The package's parts, in the order Office writes them. */
export function newBookParts(sheet: NewSheet, props: NewBookProperties = {}): Parts {
  const styles = new StyleTable();
  const worksheet = newWorksheetXml(sheet, styles);
  const created = (props.created ?? new Date()).toISOString().replace(/\.\d{3}Z$/, "Z");
  const parts: Parts = new Map();
  parts.set(
    "[Content_Types].xml",
    utf8(
      `${XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        `<Default Extension="rels" ContentType="${CONTENT_TYPES.relationships}"/><Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
        `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${CONTENT_TYPES.worksheet}"/>` +
        `<Override PartName="/xl/styles.xml" ContentType="${STYLES_CONTENT_TYPE}"/>` +
        `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
        `<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`,
    ),
  );
  parts.set(
    "_rels/.rels",
    relationshipsXml([
      { id: "rId1", type: `${REL_NS}/officeDocument`, target: "xl/workbook.xml" },
      { id: "rId2", type: "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", target: "docProps/core.xml" },
      { id: "rId3", type: `${REL_NS}/extended-properties`, target: "docProps/app.xml" },
    ]),
  );
  parts.set(
    "docProps/app.xml",
    utf8(
      `${XML_DECLARATION}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
        `<Application>${CREATOR}</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>` +
        `<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
        `<TitlesOfParts><vt:vector size="1" baseType="lpstr"><vt:lpstr>${escapeText(sheet.name)}</vt:lpstr></vt:vector></TitlesOfParts>` +
        `<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>`,
    ),
  );
  parts.set(
    "docProps/core.xml",
    utf8(
      `${XML_DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" ` +
        `xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
        (props.title ? `<dc:title>${escapeText(props.title)}</dc:title>` : "") +
        `<dc:creator>${CREATOR}</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${created}</dcterms:created>` +
        `<dcterms:modified xsi:type="dcterms:W3CDTF">${created}</dcterms:modified></cp:coreProperties>`,
    ),
  );
  parts.set(
    "xl/workbook.xml",
    utf8(
      `${XML_DECLARATION}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><workbookPr defaultThemeVersion="164011"/>` +
        `<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300" activeTab="0"/></bookViews>` +
        `<sheets><sheet name="${escapeAttribute(sheet.name)}" sheetId="1" r:id="rId1"/></sheets><calcPr calcId="191029"/></workbook>`,
    ),
  );
  parts.set(
    "xl/_rels/workbook.xml.rels",
    relationshipsXml([
      { id: "rId1", type: RELATIONSHIP_TYPES.worksheet, target: "worksheets/sheet1.xml" },
      { id: "rId2", type: RELATIONSHIP_TYPES.styles, target: "styles.xml" },
    ]),
  );
  parts.set("xl/worksheets/sheet1.xml", worksheet);
  parts.set("xl/styles.xml", styles.xml());
  return parts;
}

/** A new .xlsx file holding one sheet. */
export function newBook(sheet: NewSheet, props: NewBookProperties = {}): Uint8Array {
  return writeParts(newBookParts(sheet, props));
}

/** The sample book as a sheet: the title merged across the header, dates as date cells, the hidden rows hidden, two rows frozen. */
export function sampleSheet(sample: SampleBook): NewSheet {
  const width = sample.header.length;
  return {
    name: sample.sheetName,
    rows: [[sample.title], sample.header, ...sample.rows],
    columns: sample.header.map((h, c) => ({ width: Math.max(10, [...h].length * 2 + 2), numFmt: sample.formats[c] })),
    merges: [`A1:${letterOf(width - 1)}1`],
    // sample.hiddenRows index sample.rows, which start under the title and the header
    hiddenRows: sample.hiddenRows.map((r) => r + 2),
    freezeRows: 2,
    rowStyles: [
      { row: 0, bold: true, size: SAMPLE_TITLE_SIZE, center: true },
      { row: 1, bold: true },
    ],
  };
}

/** When the sample was "made": fixed, so every copy of the sample says the same in its properties. */
const SAMPLE_MADE = new Date(Date.UTC(2026, 0, 1));

/** The built-in sample book (core/sample.ts) as .xlsx bytes: `client-ladder sample` and the browser page's "try the sample". */
export function sampleBytes(sample: SampleBook = sampleBook()): Uint8Array {
  return newBook(sampleSheet(sample), { title: sample.title, created: SAMPLE_MADE });
}
