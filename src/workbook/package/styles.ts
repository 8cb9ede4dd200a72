/*
 * The add-in's cell styles in the user's xl/styles.xml. What the user had there stays byte for
 * byte: the new numFmt, font and xf elements are inserted before the closing tags of their lists
 * and only the count attributes of those lists change. Entries that are there already (the user's
 * own, or ours from an earlier run) are reused, so a re-run does not grow the part.
 */
import { NUMBER_FORMATS, TITLE_FONT_SIZE, type CellFormat, type Highlight } from "../../core/output";
import { HIGHLIGHTS } from "../../core/palette";

/** The cellXfs index for each cell format, and for a bold title. Index 0 needs no s attribute. */
export interface StyleIds {
  format: Record<CellFormat, number>;
  title: number;
  /** the dxfs index of each highlight of the palette, by highlightKey */
  dxf: Record<string, number>;
}

/** The key of a highlight in StyleIds.dxf. */
export const highlightKey = (h: Highlight): string => `${h.fill}|${h.font}`.toUpperCase();

/** "#B3D5E8" as SpreadsheetML's ARGB "FFB3D5E8". */
export const argb = (hex: string): string => `FF${hex.replace(/^#/, "").toUpperCase()}`;

/** One change to the original text: at `at`, `remove` characters are replaced by `insert`. */
export interface StyleEdit {
  at: number;
  remove: number;
  insert: string;
}

export const STYLES_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";

/**
 * Built-in number formats that do not change with the locale (ECMA-376 Part 1, 18.8.30): these ids
 * need no numFmt element. 14-22 are dates and times shown in the user's locale, so yyyy-mm-dd is custom.
 */
const BUILT_IN_FORMATS: Record<string, number> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "0%": 9,
  "0.00%": 10,
  "0.00E+00": 11,
  "# ?/?": 12,
  "# ??/??": 13,
  "mm:ss": 45,
  "[h]:mm:ss": 46,
  "mmss.0": 47,
  "##0.0E+0": 48,
  "@": 49,
};

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/** What Excel writes for a new workbook, less the theme references: the part for a package without one. */
const MINIMAL_STYLES =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${MAIN_NS}">` +
  `<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>` +
  `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
  `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
  `<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>` +
  `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
  `<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>`;

/** The children of styleSheet in schema order (CT_Stylesheet): a missing list goes before the first later one. */
const STYLESHEET_ORDER = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst"];

/**
 * The user's styles part with the add-in's entries added once, and the style index per cell format
 * and for titles. Without a styles part (some producers write none), a minimal one.
 * @example
 * const { xml, ids } = appendStyles(text(parts, "xl/styles.xml"));
 * // ids.format.percent is the s of a 0.0% cell; ids.title the s of a bold title
 */
export function appendStyles(stylesXml: string | undefined): { xml: string; ids: StyleIds } {
  const source = stylesXml ?? MINIMAL_STYLES;
  const { edits, ids } = styleEdits(source);
  return { xml: applyEdits(source, edits), ids };
}

/** The edits appendStyles makes, as positions in the original text (tests check nothing else changes). */
export function styleEdits(xml: string): { edits: StyleEdit[]; ids: StyleIds } {
  const root = /<([A-Za-z_][\w.-]*:)?styleSheet[\s/>]/.exec(xml);
  if (!root) throw new Error("styles part without a styleSheet element");
  const p = root[1] ?? "";
  const rootOpen = findElement(xml, p, "styleSheet", root.index);
  if (!rootOpen || rootOpen.selfClosing) throw new Error("empty styleSheet element");
  const edits: StyleEdit[] = [];

  /** A list element, or where to insert one: before the first list that follows it in schema order. */
  const list = (name: string) => findElement(xml, p, name, rootOpen.openEnd, rootOpen.closeStart);
  const insertionPoint = (name: string): number => {
    for (const later of STYLESHEET_ORDER.slice(STYLESHEET_ORDER.indexOf(name) + 1)) {
      const el = list(later);
      if (el) return el.start;
    }
    return rootOpen.closeStart;
  };
  /** Adds children to a list (creating the list if it is missing) and sets its count. */
  const addChildren = (name: string, childName: string, children: string[]) => {
    if (children.length === 0) return;
    const el = list(name);
    if (!el) {
      edits.push({ at: insertionPoint(name), remove: 0, insert: `<${p}${name} count="${children.length}">${children.join("")}</${p}${name}>` });
      return;
    }
    const total = childElements(xml, el, p, childName).length + children.length;
    if (el.selfClosing) {
      // <numFmts count="0"/> becomes an element with children: the tag's end "/>" is replaced
      const slash = xml.lastIndexOf("/", el.openEnd - 1);
      edits.push(...countEdit(xml, el, total));
      edits.push({ at: slash, remove: el.openEnd - slash, insert: `>${children.join("")}</${p}${name}>` });
      return;
    }
    edits.push(...countEdit(xml, el, total));
    edits.push({ at: el.closeStart, remove: 0, insert: children.join("") });
  };

  // number formats: built-in ids, the user's equal codes, or new ids after the highest used
  const numFmts = list("numFmts");
  const existingFormats = numFmts ? childElements(xml, numFmts, p, "numFmt").map((c) => attributes(c.tag)) : [];
  let nextFormatId = Math.max(163, ...existingFormats.map((a) => Number(a.numFmtId)).filter(Number.isFinite));
  const newFormats: string[] = [];
  const formatIdOf = new Map<string, number>();
  for (const code of new Set(Object.values(NUMBER_FORMATS))) {
    const builtIn = BUILT_IN_FORMATS[code];
    const found = existingFormats.find((a) => a.formatCode === code);
    let id: number;
    if (builtIn !== undefined) id = builtIn;
    else if (found) id = Number(found.numFmtId);
    else {
      id = ++nextFormatId;
      newFormats.push(`<${p}numFmt numFmtId="${id}" formatCode="${escapeAttribute(code)}"/>`);
    }
    formatIdOf.set(code, id);
  }
  addChildren("numFmts", "numFmt", newFormats);

  // the title font: the workbook's default font, bold, at the title size
  const fonts = list("fonts");
  const existingFonts = fonts ? childElements(xml, fonts, p, "font") : [];
  const defaultFont = existingFonts[0] ? xml.slice(existingFonts[0].start, existingFonts[0].end) : `<${p}font/>`;
  const titleFont = boldFont(defaultFont, p);
  let titleFontId = existingFonts.findIndex((f) => xml.slice(f.start, f.end) === titleFont);
  if (titleFontId < 0) {
    if (existingFonts.length === 0) {
      // fontId 0 is every unstyled cell's font: a list without one gets a plain font first
      addChildren("fonts", "font", [`<${p}font><${p}sz val="11"/><${p}name val="Calibri"/><${p}family val="2"/></${p}font>`, titleFont]);
      titleFontId = 1;
    } else {
      addChildren("fonts", "font", [titleFont]);
      titleFontId = existingFonts.length;
    }
  }

  // fillId 0 and borderId 0 must exist; Excel wants the two standard fills
  if (!list("fills"))
    addChildren("fills", "fill", [
      `<${p}fill><${p}patternFill patternType="none"/></${p}fill>`,
      `<${p}fill><${p}patternFill patternType="gray125"/></${p}fill>`,
    ]);
  if (!list("borders")) addChildren("borders", "border", [`<${p}border><${p}left/><${p}right/><${p}top/><${p}bottom/><${p}diagonal/></${p}border>`]);
  const styleXfs = list("cellStyleXfs");
  const hasNormalStyle = styleXfs ? childElements(xml, styleXfs, p, "xf").length > 0 : false;
  if (!styleXfs) addChildren("cellStyleXfs", "xf", [`<${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>`]);
  const xfId = styleXfs && !hasNormalStyle ? "" : ` xfId="0"`;

  // cell formats: an xf equal to the one wanted is reused, whoever wrote it
  const cellXfs = list("cellXfs");
  const existingXfs = cellXfs ? childElements(xml, cellXfs, p, "xf").map((c) => ({ attrs: attributes(c.tag), bare: c.selfClosing })) : [];
  const newXfs: string[] = [];
  if (existingXfs.length === 0) newXfs.push(`<${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0"${xfId}/>`);
  const xfIndex = (numFmtId: number, fontId: number): number => {
    const apply = numFmtId !== 0 ? ` applyNumberFormat="1"` : fontId !== 0 ? ` applyFont="1"` : "";
    const wanted = `<${p}xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="0" borderId="0"${xfId}${apply}/>`;
    const want = attributes(wanted);
    const found = existingXfs.findIndex((x) => x.bare && sameAttributes(x.attrs, want));
    if (found >= 0) return found;
    const added = newXfs.indexOf(wanted);
    if (added >= 0) return existingXfs.length + added;
    newXfs.push(wanted);
    return existingXfs.length + newXfs.length - 1;
  };
  const format = {} as Record<CellFormat, number>;
  for (const [cellFormat, code] of Object.entries(NUMBER_FORMATS) as [CellFormat, string][]) format[cellFormat] = xfIndex(formatIdOf.get(code)!, 0);
  const title = xfIndex(0, titleFontId);
  addChildren("cellXfs", "xf", newXfs);

  // the conditional formats' styles (differential formats): the user's stay where they are, an
  // equal one (ours from an earlier run) is reused, the others go at the end of the list
  const dxfs = list("dxfs");
  const existingDxfs = dxfs ? childElements(xml, dxfs, p, "dxf").map((d) => xml.slice(d.start, d.end)) : [];
  const newDxfs: string[] = [];
  const dxf: Record<string, number> = {};
  for (const h of HIGHLIGHTS) {
    const wanted = `<${p}dxf><${p}font><${p}color rgb="${argb(h.font)}"/></${p}font><${p}fill><${p}patternFill><${p}bgColor rgb="${argb(h.fill)}"/></${p}patternFill></${p}fill></${p}dxf>`;
    const found = existingDxfs.indexOf(wanted);
    if (found >= 0) dxf[highlightKey(h)] = found;
    else {
      dxf[highlightKey(h)] = existingDxfs.length + newDxfs.length;
      newDxfs.push(wanted);
    }
  }
  addChildren("dxfs", "dxf", newDxfs);

  return { edits: edits.sort((a, b) => a.at - b.at), ids: { format, title, dxf } };
}

export function applyEdits(xml: string, edits: readonly StyleEdit[]): string {
  let out = "";
  let from = 0;
  for (const e of [...edits].sort((a, b) => a.at - b.at)) {
    out += xml.slice(from, e.at) + e.insert;
    from = e.at + e.remove;
  }
  return out + xml.slice(from);
}

interface Element {
  start: number;
  /** the index after the start tag's ">" */
  openEnd: number;
  /** the index of "</name>", or openEnd when self-closing */
  closeStart: number;
  end: number;
  selfClosing: boolean;
  /** the start tag */
  tag: string;
}

/** The first element named p+name starting in [from, to). Styles parts hold no comments or CDATA around these lists. */
function findElement(xml: string, p: string, name: string, from: number, to = xml.length): Element | undefined {
  const open = new RegExp(`<${p}${name}(?=[\\s/>])[^>]*>`, "g");
  open.lastIndex = from;
  const m = open.exec(xml);
  if (!m || m.index >= to) return undefined;
  const tag = m[0];
  const openEnd = m.index + tag.length;
  if (tag.endsWith("/>")) return { start: m.index, openEnd, closeStart: openEnd, end: openEnd, selfClosing: true, tag };
  // lists do not nest in themselves, but fonts, fills and xf elements nest nothing of their own name either
  const close = xml.indexOf(`</${p}${name}>`, openEnd);
  if (close < 0) throw new Error(`unclosed ${name} in styles part`);
  return { start: m.index, openEnd, closeStart: close, end: close + `</${p}${name}>`.length, selfClosing: false, tag };
}

function childElements(xml: string, parent: Element, p: string, name: string): Element[] {
  const found: Element[] = [];
  let from = parent.openEnd;
  for (;;) {
    const el = findElement(xml, p, name, from, parent.closeStart);
    if (!el) return found;
    found.push(el);
    from = el.end;
  }
}

/** The edit that sets a list's count attribute (none when it has none: count is optional). */
function countEdit(xml: string, el: Element, total: number): StyleEdit[] {
  const m = /\scount\s*=\s*(["'])(\d*)\1/.exec(el.tag);
  if (!m) return [];
  const valueAt = el.start + m.index + m[0].length - 1 - m[2].length;
  return [{ at: valueAt, remove: m[2].length, insert: String(total) }];
}

/** The default font made bold at the title size: <b/> and <sz/> first (CT_Font is a choice in any order). */
function boldFont(font: string, p: string): string {
  const open = new RegExp(`^<${p}font(?=[\\s/>])[^>]*?(/?)>`).exec(font);
  if (!open) return `<${p}font><${p}b/><${p}sz val="${TITLE_FONT_SIZE}"/></${p}font>`;
  const head = open[1] ? open[0].slice(0, -2).trimEnd() + ">" : open[0];
  const body = open[1] ? "" : font.slice(open[0].length, font.length - `</${p}font>`.length);
  const rest = body.replace(new RegExp(`<${p}(b|sz)(?=[\\s/>])[^>]*/>`, "g"), "");
  return `${head}<${p}b/><${p}sz val="${TITLE_FONT_SIZE}"/>${rest}</${p}font>`;
}

/** The attributes of a start tag, values unescaped. */
function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[1]] = unescapeXml(m[2] ?? m[3]);
  return out;
}

function sameAttributes(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => b[k] === a[k]);
}

function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    if (e[0] === "#") return String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[e.toLowerCase()]!;
  });
}

function escapeAttribute(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}
