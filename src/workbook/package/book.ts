/*
 * The workbook part of an .xlsx package: its sheets in tab order and the few book-wide facts a run
 * needs (date system, active tab, macros). Found through the package's officeDocument relationship,
 * never by assuming "xl/workbook.xml".
 */
import { contentTypeOf, readContentTypes, readRelationships, relationshipKind, type Relationship } from "./opc";
import { PackageError, type Parts } from "./parts";
import { attr, streamXml } from "./xml";

export type SheetState = "visible" | "hidden" | "veryHidden";

export interface BookSheet {
  name: string;
  sheetId: number;
  /** the sheet's relationship id in the workbook's rels (`r:id`) */
  rId: string;
  state: SheetState;
  /** the sheet's part, e.g. "xl/worksheets/sheet1.xml"; undefined when the workbook's rels do not name it */
  part?: string;
  /** the relationship kind: "worksheet", "chartsheet", "dialogsheet", "xlMacrosheet", ... */
  kind: string;
}

export interface Book {
  workbookPart: string;
  /** the workbook part's content type: .xlsx, .xlsm, .xltx, ... main */
  contentType?: string;
  /** in tab order */
  sheets: BookSheet[];
  /** the 1904 date system: serial 0 is 1904-01-01 */
  date1904: boolean;
  /** the tab shown when the book opens (0-based, into sheets) */
  activeTab: number;
  /** a macro-enabled package: a VBA project part or a macroEnabled workbook content type */
  macroEnabled: boolean;
  sharedStringsPart?: string;
  stylesPart?: string;
  /** the workbook part's relationships, as read */
  relationships: Relationship[];
}

export const STRICT_MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main";
const STRICT_RELATIONSHIPS = "http://purl.oclc.org/ooxml/officeDocument/relationships/";

const isTrue = (value: string | undefined): boolean => value === "1" || value === "true";

/**
 * The workbook of a package. A Strict OOXML workbook (its own namespaces; Excel writes it as
 * "Strict Open XML Spreadsheet") is a PackageError("strict"); a package with no workbook part is a
 * PackageError("notXlsx").
 */
export function readBook(parts: Parts): Book {
  const types = readContentTypes(parts);
  const officeDocument = readRelationships(parts, "").find((r) => !r.external && relationshipKind(r.type) === "officeDocument");
  let workbookPart = officeDocument?.part;
  if (workbookPart === undefined || !parts.has(workbookPart)) {
    // no package relationship to it: the part whose content type says it is a spreadsheet's main part
    workbookPart = [...parts.keys()].find((name) =>
      /spreadsheetml\.(sheet|template)\.main\+xml$|\.ms-excel\.(sheet|template|addin)\.macroEnabled\.main\+xml$/i.test(contentTypeOf(types, name) ?? ""),
    );
  }
  if (workbookPart === undefined || !parts.has(workbookPart)) throw new PackageError("notXlsx", "no workbook part");
  if (officeDocument?.type.startsWith(STRICT_RELATIONSHIPS)) throw new PackageError("strict", "Strict Open XML relationships");

  const relationships = readRelationships(parts, workbookPart);
  const byId = new Map(relationships.map((r) => [r.id, r]));
  const book: Book = {
    workbookPart,
    contentType: contentTypeOf(types, workbookPart),
    sheets: [],
    date1904: false,
    activeTab: 0,
    macroEnabled: false,
    relationships,
  };
  let root = true;
  let strict = false;
  let views = 0;
  streamXml(
    parts.get(workbookPart)!,
    {
      open(name, attrs) {
        if (root) {
          root = false;
          for (const key in attrs) if ((key === "xmlns" || key.startsWith("xmlns:")) && attrs[key] === STRICT_MAIN) strict = true;
          if (attr(attrs, "conformance") === "strict") strict = true;
          if (strict) throw new PackageError("strict", "Strict Open XML workbook");
          return;
        }
        if (name === "sheet") {
          const rId = attr(attrs, "id") ?? "";
          const rel = byId.get(rId);
          const state = attr(attrs, "state");
          book.sheets.push({
            name: attr(attrs, "name") ?? "",
            sheetId: Number(attr(attrs, "sheetId") ?? 0),
            rId,
            state: state === "hidden" || state === "veryHidden" ? state : "visible",
            part: rel && !rel.external ? rel.part : undefined,
            kind: rel ? relationshipKind(rel.type) : "worksheet",
          });
        } else if (name === "workbookPr") {
          book.date1904 = isTrue(attr(attrs, "date1904"));
        } else if (name === "workbookView") {
          // the first view is the one Excel opens with
          if (views++ === 0) book.activeTab = Math.max(0, Math.trunc(Number(attr(attrs, "activeTab") ?? 0)) || 0);
        }
      },
    },
    undefined,
    workbookPart,
  );
  for (const rel of relationships) {
    if (rel.external) continue;
    const kind = relationshipKind(rel.type);
    if (kind === "sharedStrings") book.sharedStringsPart = rel.part;
    else if (kind === "styles") book.stylesPart = rel.part;
    else if (kind === "vbaProject") book.macroEnabled = true;
  }
  if (/macroEnabled/i.test(book.contentType ?? "") || [...parts.keys()].some((n) => /(^|\/)vbaProject\.bin$/i.test(n))) book.macroEnabled = true;
  return book;
}
