/*
 * The few edits a run makes to parts the workbook shares with the user: workbook.xml (a <sheet> per
 * sheet the add-in adds, the active tab), its relationships, [Content_Types].xml and docProps/app.xml.
 * Each edit inserts or replaces one element in the text as it is; everything else in the part stays
 * byte for byte, whatever prefixes, attribute order or whitespace the producer wrote.
 */
import { escapeAttribute, escapeText } from "./sheet-writer";

/** The prefix a part uses for an element, "" or "x:" (some producers write prefixed SpreadsheetML). */
function prefixOf(xml: string, local: string): string {
  const m = new RegExp(`<([A-Za-z_][\\w.-]*:)?${local}[\\s>/]`).exec(xml);
  return m?.[1] ?? "";
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Inserts `insert` just before the closing tag of `local`, or as a new element after `afterLocal`. */
function insertInto(xml: string, local: string, insert: string, orCreateAfter: string[]): string {
  const p = prefixOf(xml, local);
  const close = new RegExp(`</${escapeRegExp(p)}${local}\\s*>`).exec(xml);
  if (close) return xml.slice(0, close.index) + insert + xml.slice(close.index);
  const empty = new RegExp(`<${escapeRegExp(p)}${local}(\\s[^>]*)?/>`).exec(xml);
  if (empty) return xml.slice(0, empty.index) + `<${p}${local}${empty[1] ?? ""}>${insert}</${p}${local}>` + xml.slice(empty.index + empty[0].length);
  for (const after of orCreateAfter) {
    const ap = prefixOf(xml, after);
    const m = new RegExp(`</${escapeRegExp(ap)}${after}\\s*>|<${escapeRegExp(ap)}${after}(\\s[^>]*)?/>`).exec(xml);
    if (m) {
      const at = m.index + m[0].length;
      return xml.slice(0, at) + `<${ap}${local}>${insert}</${ap}${local}>` + xml.slice(at);
    }
  }
  throw new Error(`no <${local}> to insert into`);
}

// ---------------------------------------------------------------- workbook.xml

export interface SheetEntry {
  name: string;
  sheetId: number;
  rid: string;
  state?: "hidden" | "veryHidden";
}

/** The <sheet> element of an entry, with the prefixes the part uses. */
function sheetElement(xml: string, entry: SheetEntry): string {
  const p = prefixOf(xml, "sheets");
  // r: must be declared where the new element can see it: on the root or on <sheets>; openpyxl
  // declares it on each of its own <sheet> elements instead, which does not reach a new one
  const scope = [/<(?:[\w.-]+:)?workbook\b[^>]*>/.exec(xml)?.[0] ?? "", new RegExp(`<${escapeRegExp(p)}sheets\\b[^>]*>`).exec(xml)?.[0] ?? ""].join("");
  const rPrefix = /xmlns:r\s*=\s*["']http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships["']/.test(scope) ? "r" : undefined;
  const state = entry.state ? ` state="${entry.state}"` : "";
  // a workbook without the r: prefix declared gets it on the element
  const rid = rPrefix
    ? `r:id="${escapeAttribute(entry.rid)}"`
    : `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="${escapeAttribute(entry.rid)}"`;
  return `<${p}sheet name="${escapeAttribute(entry.name)}" sheetId="${entry.sheetId}"${state} ${rid}/>`;
}

/** Adds sheets at the end of the tab order. */
export function addSheets(workbookXml: string, entries: readonly SheetEntry[]): string {
  if (entries.length === 0) return workbookXml;
  return insertInto(workbookXml, "sheets", entries.map((e) => sheetElement(workbookXml, e)).join(""), []);
}

/** Sets a sheet's state (visible: the attribute goes) on the <sheet> whose r:id is `rid`. */
export function setSheetState(workbookXml: string, rid: string, state: "visible" | "hidden" | "veryHidden"): string {
  const m = new RegExp(`<([\\w.-]+:)?sheet\\s[^>]*?r:id\\s*=\\s*(["'])${escapeRegExp(rid)}\\2[^>]*?/?>`).exec(workbookXml);
  if (!m) return workbookXml;
  let el = m[0].replace(/\sstate\s*=\s*(["'])[^"']*\1/, "");
  if (state !== "visible") el = el.replace(/^(<(?:[\w.-]+:)?sheet)\s/, `$1 state="${state}" `);
  return workbookXml.slice(0, m.index) + el + workbookXml.slice(m.index + m[0].length);
}

/** The highest sheetId in use. */
export function maxSheetId(workbookXml: string): number {
  let max = 0;
  for (const m of workbookXml.matchAll(/<(?:[\w.-]+:)?sheet\s[^>]*?sheetId\s*=\s*["'](\d+)["']/g)) max = Math.max(max, Number(m[1]));
  return max;
}

/**
 * Makes tab `index` the active one (and the first shown), in the first workbookView; a workbook
 * without bookViews gets one.
 */
export function setActiveTab(workbookXml: string, index: number): string {
  const view = /<([\w.-]+:)?workbookView\b([^>]*?)(\/?)>/.exec(workbookXml);
  if (!view) {
    const p = prefixOf(workbookXml, "sheets");
    const open = new RegExp(`<${escapeRegExp(p)}sheets[\\s>/]`).exec(workbookXml);
    if (!open) return workbookXml;
    return workbookXml.slice(0, open.index) + `<${p}bookViews><${p}workbookView activeTab="${index}"/></${p}bookViews>` + workbookXml.slice(open.index);
  }
  let attrs = view[2].replace(/\s(activeTab|firstSheet)\s*=\s*(["'])[^"']*\2/g, "");
  attrs += ` activeTab="${index}"`;
  const el = `<${view[1] ?? ""}workbookView${attrs}${view[3]}>`;
  return workbookXml.slice(0, view.index) + el + workbookXml.slice(view.index + view[0].length);
}

/**
 * Puts the <sheet> elements in a new order: `order[i]` is the current index of the sheet that goes
 * to position i. Sheet-scoped defined names (localSheetId: a position) and the view's active tab
 * follow their sheets. The elements themselves are moved as they are written.
 */
export function reorderSheets(workbookXml: string, order: readonly number[]): string {
  if (order.every((from, to) => from === to)) return workbookXml;
  const p = prefixOf(workbookXml, "sheets");
  const block = new RegExp(`(<${escapeRegExp(p)}sheets\\b[^>]*>)([\\s\\S]*?)(</${escapeRegExp(p)}sheets\\s*>)`).exec(workbookXml);
  if (!block) return workbookXml;
  const elements = [...block[2].matchAll(new RegExp(`<${escapeRegExp(p)}sheet\\b[^>]*?(?:/>|>[\\s\\S]*?</${escapeRegExp(p)}sheet\\s*>)`, "g"))].map(
    (m) => m[0],
  );
  if (elements.length !== order.length) throw new Error(`${elements.length} sheets, an order of ${order.length}`);
  const newIndex = new Map(order.map((from, to) => [from, to]));
  const sheets = block[1] + order.map((from) => elements[from]).join("") + block[3];
  let xml = workbookXml.slice(0, block.index) + sheets + workbookXml.slice(block.index + block[0].length);
  // a defined name scoped to a sheet says which by position
  xml = xml.replace(/(<(?:[\w.-]+:)?definedName\b[^>]*?\slocalSheetId\s*=\s*["'])(\d+)(["'])/g, (whole, head: string, at: string, tail: string) =>
    newIndex.has(Number(at)) ? `${head}${newIndex.get(Number(at))}${tail}` : whole,
  );
  return xml.replace(
    /(<(?:[\w.-]+:)?workbookView\b[^>]*?\s(?:activeTab|firstSheet)\s*=\s*["'])(\d+)(["'])/g,
    (whole, head: string, at: string, tail: string) => (newIndex.has(Number(at)) ? `${head}${newIndex.get(Number(at))}${tail}` : whole),
  );
}

// ---------------------------------------------------------------- relationships

/** A relationship to add: its id, type and target (relative to the source part's folder). */
export interface NewRelationship {
  id: string;
  type: string;
  target: string;
}

/** The ids in use in a relationships part. */
export function relIds(xml: string): string[] {
  return [...xml.matchAll(/<(?:[\w.-]+:)?Relationship\s[^>]*?\bId\s*=\s*["']([^"']+)["']/g)].map((m) => m[1]);
}

/** An id not in use: rId<n>, n past the highest numbered one. */
export function freeRelId(xml: string, taken: readonly string[] = []): string {
  const used = new Set([...relIds(xml), ...taken]);
  let n = 1;
  for (const id of used) {
    const m = /^rId(\d+)$/.exec(id);
    if (m) n = Math.max(n, Number(m[1]) + 1);
  }
  while (used.has(`rId${n}`)) n++;
  return `rId${n}`;
}

/** Adds a relationship to an existing relationships part. */
export function addRelationship(xml: string, rel: NewRelationship): string {
  return insertInto(
    xml,
    "Relationships",
    `<Relationship Id="${escapeAttribute(rel.id)}" Type="${escapeAttribute(rel.type)}" Target="${escapeAttribute(rel.target)}"/>`,
    [],
  );
}

/** Removes a relationship by id. */
export function removeRelationship(xml: string, id: string): string {
  return xml.replace(
    new RegExp(`<(?:[\\w.-]+:)?Relationship\\s[^>]*?\\bId\\s*=\\s*["']${escapeRegExp(id)}["'][^>]*?(?:/>|>\\s*</(?:[\\w.-]+:)?Relationship>)`),
    "",
  );
}

// ---------------------------------------------------------------- [Content_Types].xml

/** Registers a part's content type (once). */
export function addOverride(xml: string, partName: string, contentType: string): string {
  const name = `/${partName.replace(/^\/+/, "")}`;
  if (new RegExp(`PartName\\s*=\\s*["']${escapeRegExp(name)}["']`, "i").test(xml)) return xml;
  return insertInto(xml, "Types", `<Override PartName="${escapeAttribute(name)}" ContentType="${escapeAttribute(contentType)}"/>`, []);
}

/** Forgets a part that is gone. */
export function removeOverride(xml: string, partName: string): string {
  const name = `/${partName.replace(/^\/+/, "")}`;
  return xml.replace(new RegExp(`<(?:[\\w.-]+:)?Override\\s[^>]*?PartName\\s*=\\s*["']${escapeRegExp(name)}["'][^>]*?/>`, "i"), "");
}

// ---------------------------------------------------------------- docProps/app.xml

/**
 * Adds sheet names to the document's list of parts (TitlesOfParts) and to the Worksheets count
 * (HeadingPairs), as Excel keeps them. A part without those lists is left as it is.
 */
export function addSheetTitles(appXml: string, names: readonly string[]): string {
  if (names.length === 0) return appXml;
  const pairs = /(<(?:[\w.-]+:)?HeadingPairs>[\s\S]*?<\/(?:[\w.-]+:)?HeadingPairs>)/.exec(appXml);
  const titles = /<((?:[\w.-]+:)?)TitlesOfParts>\s*<((?:[\w.-]+:)?)vector\b([^>]*)>([\s\S]*?)<\/\2vector>\s*<\/\1TitlesOfParts>/.exec(appXml);
  if (!pairs || !titles) return appXml;
  // the worksheet count is the i4 after the "Worksheets" (or 工作表) label: the sheets are listed first
  const counted =
    /(<(?:[\w.-]+:)?lpstr>[^<]*<\/(?:[\w.-]+:)?lpstr>\s*<\/(?:[\w.-]+:)?variant>\s*<(?:[\w.-]+:)?variant>\s*<(?:[\w.-]+:)?i4>)(\d+)(<\/(?:[\w.-]+:)?i4>)/.exec(
      pairs[1],
    );
  if (!counted) return appXml;
  const sheetsBefore = Number(counted[2]);
  const newPairs = pairs[1].replace(counted[0], `${counted[1]}${sheetsBefore + names.length}${counted[3]}`);
  const vp = titles[2];
  const items = [...titles[4].matchAll(new RegExp(`<${escapeRegExp(vp)}lpstr>[\\s\\S]*?</${escapeRegExp(vp)}lpstr>`, "g"))].map((m) => m[0]);
  const added = names.map((n) => `<${vp}lpstr>${escapeText(n)}</${vp}lpstr>`);
  items.splice(sheetsBefore, 0, ...added);
  const vectorAttrs = titles[3].replace(/size\s*=\s*["']\d+["']/, `size="${items.length}"`);
  const newTitles = `<${titles[1]}TitlesOfParts><${vp}vector${vectorAttrs}>${items.join("")}</${vp}vector></${titles[1]}TitlesOfParts>`;
  return appXml.replace(pairs[1], newPairs).replace(titles[0], newTitles);
}

// ---------------------------------------------------------------- print titles

const PRINT_TITLES = "_xlnm.Print_Titles";

/**
 * The rows repeated on every printed page of sheet `localSheetId` (its 0-based place in <sheets>):
 * Excel keeps them as the sheet-scoped defined name _xlnm.Print_Titles ('Sheet'!$1:$1). That one
 * name is replaced (or removed, with no rows); every other defined name stays as it is.
 */
export function setPrintTitles(workbookXml: string, localSheetId: number, sheetName: string, rows: { first: number; last: number } | undefined): string {
  const p = prefixOf(workbookXml, "definedNames") || prefixOf(workbookXml, "sheets");
  const ours = new RegExp(`<(?:[\\w.-]+:)?definedName\\b[^>]*>[\\s\\S]*?</(?:[\\w.-]+:)?definedName\\s*>`, "g");
  let xml = workbookXml.replace(ours, (el) => {
    const tag = /^<[^>]*>/.exec(el)![0];
    const name = /\sname\s*=\s*["']([^"']*)["']/.exec(tag)?.[1];
    const sheet = /\slocalSheetId\s*=\s*["'](\d+)["']/.exec(tag)?.[1];
    return name === PRINT_TITLES && Number(sheet) === localSheetId ? "" : el;
  });
  // an emptied list goes: a definedNames element needs no children, but Excel writes none empty
  xml = xml.replace(new RegExp(`<(${escapeRegExp(p)})definedNames\\s*>\\s*</\\1definedNames\\s*>|<${escapeRegExp(p)}definedNames\\s*/>`), "");
  if (!rows) return xml;
  const ref = `'${sheetName.replace(/'/g, "''")}'!$${rows.first + 1}:$${rows.last + 1}`;
  const el = `<${p}definedName name="${PRINT_TITLES}" localSheetId="${localSheetId}">${escapeText(ref)}</${p}definedName>`;
  // CT_Workbook: sheets, functionGroups, externalReferences, definedNames
  return insertInto(xml, "definedNames", el, ["externalReferences", "functionGroups", "sheets"]);
}
