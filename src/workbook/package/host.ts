/*
 * The WorkbookHost port over an .xlsx package (the CLI and the browser page). The package is kept as
 * its parts' bytes: a run reads only the parts it needs (workbook, rels, shared strings, styles, the
 * client sheet, the sheets it owns), writes only its own parts (its worksheets, their tables, the
 * Pareto chart, the settings sheet), and edits the shared parts where it must (workbook.xml and its
 * rels, [Content_Types].xml, docProps/app.xml, styles.xml, the active tab), one element at a time.
 * Every other part goes back out with the bytes it came in with.
 */
import type { ClientBlock } from "../../core/job";
import { freeTableName, type OutputSheet } from "../../core/output";
import { arrangeTabs, sameSheetName as same } from "../../core/ownership";
import { SETTINGS_SHEET, settingsCells, settingsFromCells } from "../../core/settings";
import { HostError, type SheetHead, type SourceRef, type WorkbookHost, type WorkbookSnapshot, type WriteControl } from "../port";
import { readBook, type Book, type BookSheet } from "./book";
import { readSheet, tables, type SheetBlock } from "./cells";
import { joinBlocks, readHalf, splitSheet, type BookBytes, type TailRead } from "./split-read";
import { pageSetupOf } from "../../core/print";
import {
  addOverride,
  addRelationship,
  addSheets,
  addSheetTitles,
  freeRelId,
  maxSheetId,
  removeOverride,
  removeRelationship,
  reorderSheets,
  setActiveTab,
  setPrintTitles,
  setSheetState,
} from "./edits";
import { readRelationships, relationshipKind, relsPartOf } from "./opc";
import {
  PackageError,
  readParts,
  text,
  utf8,
  writeParts,
  writePartsTo,
  writePartsWith,
  type Deflater,
  type Inflater,
  type PackageParts,
  type PackageSink,
  type Parts,
} from "./parts";
import { CONTENT_TYPES, RELATIONSHIP_TYPES, relativeTarget, sheetParts, type SheetContent, type SheetPartNames } from "./sheet-writer";
import { appendStyles, STYLES_CONTENT_TYPE, type StyleIds } from "./styles";

/** A file that is not a package this host reads, and why (the CLI says so in the user's words). */
export class UnreadablePackage extends HostError {
  constructor(
    readonly reason: PackageError["code"],
    detail: string,
  ) {
    super("unreadable", detail);
  }
}

/** What a package error means for the user, as a HostError the run turns into a message. */
function hostErrorOf(err: unknown): HostError {
  if (err instanceof HostError) return err;
  if (err instanceof PackageError) {
    const why = {
      notZip: "not an .xlsx workbook (not a zip package)",
      notXlsx: "not an .xlsx workbook (no workbook part)",
      strict: 'a Strict Open XML workbook, which this add-in does not read: save it from Excel as "Excel Workbook (*.xlsx)"',
      encrypted: "an encrypted (password-protected) workbook or an old .xls file: save it unprotected as .xlsx",
    }[err.code];
    return new UnreadablePackage(err.code, `${why} (${err.message})`);
  }
  return new HostError("unreadable", err instanceof Error ? err.message : String(err));
}

/**
 * The sizes of a client sheet read in two halves. Under 16 MB (about 30,000 rows) it does not pay:
 * each thread's reader is still being compiled and optimised while it reads, so half the sheet takes
 * nearly as long as the whole (9,134 rows: 0.80 s against 0.75 s); at 100,000 rows, 3.7 s against
 * 4.4 s. Over 256 MB the second reader's copy of its half, and of the values it read, would take
 * the memory a million-row run needs.
 */
const SPLIT_READ_BYTES = { min: 16 * 2 ** 20, max: 256 * 2 ** 20 };

export class PackageHost implements WorkbookHost {
  private book: Book;
  /** a second reader on another thread, for the second half of a big sheet (the CLI's worker) */
  tailReader?: { read(job: TailRead): Promise<SheetBlock> };

  private constructor(private readonly parts: PackageParts) {
    this.book = readBook(parts);
    this.bookRead = this.bookParts();
  }

  /** The parts readBook reads, as they were when the book was last read (their bytes change when they are edited). */
  private bookRead: unknown[];

  private bookParts(): unknown[] {
    const workbook = this.book.workbookPart;
    return [this.parts.size, ...["[Content_Types].xml", "_rels/.rels", workbook, relsPartOf(workbook)].map((name) => this.parts.get(name))];
  }

  /** The book read again after an edit, unless none of the parts it is read from changed (a run edits them dozens of times). */
  private rereadBook(): void {
    const now = this.bookParts();
    if (now.every((p, i) => p === this.bookRead[i])) return;
    this.book = readBook(this.parts);
    this.bookRead = this.bookParts();
  }

  /**
   * Reads an .xlsx (or .xlsm) file's bytes, its parts inflated as they are read by `inflater` (fflate's
   * unless given). An unreadable file is a HostError("unreadable") saying why.
   */
  static fromBytes(bytes: Uint8Array, inflater?: Inflater): PackageHost {
    try {
      return new PackageHost(readParts(bytes, inflater));
    } catch (err) {
      throw hostErrorOf(err);
    }
  }

  /** A macro-enabled package (.xlsm): its VBA project is kept as it is, so it stays an .xlsm. */
  get macroEnabled(): boolean {
    return this.book.macroEnabled;
  }

  /** The package as bytes: every part the run did not write, as it was read. */
  toBytes(): Uint8Array {
    return writeParts(this.parts);
  }

  /** The same, deflated by a faster deflate the platform has (the CLI: Node's zlib, in parallel). */
  toBytesWith(deflater: Deflater): Promise<Uint8Array> {
    return writePartsWith(this.parts, deflater);
  }

  /** The same, handed to `sink` piece by piece as it is made (the CLI writes them to the file as they come). */
  writeTo(deflater: Deflater, sink: PackageSink): Promise<void> {
    return writePartsTo(this.parts, deflater, sink);
  }

  async open(): Promise<WorkbookSnapshot> {
    const store = this.settingsSheet();
    let settings: string | undefined;
    if (store?.part && this.parts.has(store.part)) {
      const { cells } = this.read(store.part, {});
      settings = settingsFromCells(cells.map((row) => row[0]));
    }
    const tablesOf = tables(this.parts, this.book);
    const sheets = this.userSheets().map((s) => ({
      name: s.name,
      id: `xlsx:${s.sheetId}`,
      tables: tablesOf.filter((t) => t.sheetPart === s.part).map((t) => t.name),
    }));
    return { sheetNames: sheets.map((s) => s.name), sheets, settings };
  }

  async readClientBlock(source: SourceRef): Promise<ClientBlock> {
    if (source.selection) throw new HostError("noSelection", "");
    if (source.table) {
      const table = tables(this.parts, this.book).find((t) => same(t.name, source.table!) || same(t.displayName, source.table!));
      if (!table) throw new HostError("noSuchTable", source.table);
      const block = this.read(table.sheetPart, { range: table.ref });
      return { source: table.name, cells: block.cells, firstRow: block.firstRow, hiddenRows: block.hiddenRows, merged: block.merged };
    }
    const sheet = source.sheet ? this.sheet(source.sheet) : this.userSheets()[0];
    if (!sheet) throw new HostError("noSuchSheet", source.sheet ?? "");
    if (!this.isWorksheet(sheet)) return { source: sheet.name, cells: [], firstRow: 1, hiddenRows: 0 };
    const block = await this.readInHalves(sheet.part!);
    return { source: sheet.name, cells: block.cells, firstRow: block.firstRow, hiddenRows: block.hiddenRows, merged: block.merged };
  }

  async readSheetValues(name: string): Promise<unknown[][]> {
    const sheet = this.sheet(name);
    if (!sheet) throw new HostError("noSuchSheet", name);
    return this.isWorksheet(sheet) ? this.read(sheet.part!, {}).cells : [];
  }

  async readSheetHeads(maxRows: number): Promise<SheetHead[]> {
    return this.userSheets().map((sheet) => {
      if (!this.isWorksheet(sheet)) return { name: sheet.name, rows: 0, columns: 0, firstRow: 1, head: [] };
      const block = this.read(sheet.part!, { maxRows });
      return { name: sheet.name, rows: block.rows, columns: block.columns, firstRow: block.firstRow, head: block.cells };
    });
  }

  /** A file has no selection. */
  async selectionSource(): Promise<SourceRef | undefined> {
    return undefined;
  }

  async writeSheets(sheets: readonly OutputSheet[], replace: readonly string[], control: WriteControl = {}): Promise<string[]> {
    try {
      const ids = this.styles();
      const written: string[] = [];
      for (const [index, sheet] of sheets.entries()) {
        if (control.signal?.aborted) break;
        control.onSheet?.(index, sheets.length, sheet.name);
        const old = replace.some((r) => same(r, sheet.name)) ? this.sheet(sheet.name) : undefined;
        this.putSheet(sheet, ids, old);
        written.push(sheet.name);
      }
      return written;
    } catch (err) {
      throw err instanceof HostError ? err : new HostError("writeFailed", err instanceof Error ? err.message : String(err));
    }
  }

  /** The settings in the very hidden sheet, the JSON down column A as text. */
  async writeSettings(json: string): Promise<void> {
    // a person's visible sheet of that name stays as it is; the settings are not kept in this file
    if (!this.settingsSheet() && this.book.sheets.some((s) => same(s.name, SETTINGS_SHEET))) return;
    const ids = this.styles();
    const sheet: SheetContent = {
      name: SETTINGS_SHEET,
      blocks: [{ row: 0, column: 0, cells: settingsCells(json).map((t) => [t]), formats: settingsCells(json).map(() => ["text" as const]) }],
      tables: [],
      freezeRows: 0,
    };
    const entry = this.putSheet(sheet, ids, this.settingsSheet());
    this.editWorkbook((xml) => setSheetState(xml, entry.rId, "veryHidden"));
  }

  async arrangeSheets(output: readonly string[]): Promise<void> {
    const current = this.book.sheets.map((s) => s.name);
    const wanted = arrangeTabs(current, output, this.settingsSheet()?.name);
    this.editWorkbook((xml) =>
      reorderSheets(
        xml,
        wanted.map((name) => current.indexOf(name)),
      ),
    );
  }

  async activateSheet(name: string): Promise<void> {
    const index = this.book.sheets.findIndex((s) => same(s.name, name));
    if (index < 0) throw new HostError("noSuchSheet", name);
    this.editWorkbook((xml) => setActiveTab(xml, index));
    // one selected tab: Excel groups every sheet whose view says tabSelected
    for (const [i, sheet] of this.book.sheets.entries()) {
      if (!this.isWorksheet(sheet)) continue;
      this.parts.editHead(sheet.part!, i === index ? selectTab : unselectTab);
    }
  }

  // ------------------------------------------------------------------ reading

  private read(part: string, options: { maxRows?: number; range?: string }) {
    try {
      return readSheet(this.parts, this.book, part, options);
    } catch (err) {
      throw hostErrorOf(err);
    }
  }

  /**
   * A whole sheet, read in two halves at once where the platform gives a second reader (the CLI's
   * worker thread) and the part is big enough to be worth it and simple enough to cut (split-read.ts).
   * If the second reader fails, the sheet is read whole, which says what is wrong with it.
   */
  private async readInHalves(part: string): Promise<SheetBlock> {
    const bytes = this.parts.get(part)!;
    const halves = this.tailReader && bytes.length >= SPLIT_READ_BYTES.min && bytes.length <= SPLIT_READ_BYTES.max ? splitSheet(bytes) : undefined;
    if (!halves) return this.read(part, {});
    const { sharedStringsPart, stylesPart } = this.book;
    const book: BookBytes = {
      date1904: this.book.date1904,
      sharedStrings: sharedStringsPart ? this.parts.get(sharedStringsPart) : undefined,
      styles: stylesPart ? this.parts.get(stylesPart) : undefined,
    };
    // copies for the reader's thread, which cannot share these
    const tail = this.tailReader!.read({
      tail: halves.tail,
      tailRow: halves.tailRow,
      ...book,
      sharedStrings: book.sharedStrings?.slice(),
      styles: book.styles?.slice(),
    });
    let head: SheetBlock;
    try {
      head = readHalf(halves.head, book);
    } catch {
      await tail.catch(() => undefined);
      return this.read(part, {});
    }
    return tail.then(
      (block) => joinBlocks(head, block, halves.tailRow),
      () => this.read(part, {}),
    );
  }

  /** Every sheet but the settings store, in tab order. */
  private userSheets(): BookSheet[] {
    const store = this.settingsSheet();
    return this.book.sheets.filter((s) => s !== store);
  }

  /**
   * The settings store: the sheet of that name, hidden as a run leaves it (very hidden; LibreOffice
   * saves it hidden). A visible sheet of that name is a person's: never read as settings, never written.
   */
  private settingsSheet(): BookSheet | undefined {
    return this.book.sheets.find((s) => s.name === SETTINGS_SHEET && s.state !== "visible");
  }

  /** A sheet by name, compared without case as Excel does. */
  private sheet(name: string): BookSheet | undefined {
    return this.userSheets().find((s) => same(s.name, name));
  }

  private isWorksheet(sheet: BookSheet): boolean {
    return sheet.kind === "worksheet" && sheet.part !== undefined && this.parts.has(sheet.part);
  }

  // ------------------------------------------------------------------ writing

  /** The add-in's styles in styles.xml (appended once; a re-run finds them there). */
  private styles(): StyleIds {
    const part = this.book.stylesPart ?? "xl/styles.xml";
    const { xml, ids } = appendStyles(text(this.parts, part));
    this.parts.set(part, utf8(xml));
    if (!this.book.stylesPart) {
      this.editRels(this.book.workbookPart, (rels) =>
        addRelationship(rels, { id: freeRelId(rels), type: RELATIONSHIP_TYPES.styles, target: relativeTarget(this.book.workbookPart, part) }),
      );
      this.editPart("[Content_Types].xml", (xml) => addOverride(xml, part, STYLES_CONTENT_TYPE));
      this.rereadBook();
    }
    return ids;
  }

  /**
   * Writes one sheet: into the part of `old` (the add-in's sheet of an earlier run, whose tables,
   * drawing and chart go), or as a new sheet at the end of the tab order.
   */
  private putSheet(sheet: SheetContent, ids: StyleIds, old: BookSheet | undefined): BookSheet {
    let entry = old && this.isWorksheet(old) ? old : undefined;
    if (entry) {
      this.dropSheetParts(entry.part!);
      this.dropCalcChain();
    } else {
      // never a second sheet of a name: the plan that said "new" is out of date
      if (this.book.sheets.some((s) => same(s.name, sheet.name))) throw new HostError("writeFailed", `a sheet named "${sheet.name}" exists already`);
      entry = this.addSheet(sheet.name);
    }
    const names = this.partNames(sheet, entry.part!);
    for (const part of sheetParts(sheet, ids, names)) {
      if (typeof part.data === "function") this.parts.make(part.name, part.data);
      else this.parts.set(part.name, part.data);
      if (part.contentType) this.editPart("[Content_Types].xml", (xml) => addOverride(xml, part.name, part.contentType!));
    }
    this.rereadBook();
    // the header row repeated on printed pages: a name in workbook.xml scoped to the sheet's place in the tab list
    const place = this.book.sheets.findIndex((s) => s.rId === entry!.rId);
    const titles = pageSetupOf(sheet)?.titleRows;
    const workbookXml = text(this.parts, this.book.workbookPart) ?? "";
    if (titles || /_xlnm\.Print_Titles/.test(workbookXml)) this.editWorkbook((xml) => setPrintTitles(xml, place, sheet.name, titles));
    return this.book.sheets.find((s) => s.rId === entry!.rId)!;
  }

  /** A new worksheet at the end of the tab order: its part, relationship, <sheet>, content type and app.xml title. */
  private addSheet(name: string): BookSheet {
    const part = freeName(this.parts, "xl/worksheets/sheet", ".xml");
    const workbookRels = relsPartOf(this.book.workbookPart);
    const rId = freeRelId(text(this.parts, workbookRels) ?? "");
    this.editRels(this.book.workbookPart, (rels) =>
      addRelationship(rels, { id: rId, type: RELATIONSHIP_TYPES.worksheet, target: relativeTarget(this.book.workbookPart, part) }),
    );
    const workbookXml = text(this.parts, this.book.workbookPart)!;
    this.editWorkbook((xml) => addSheets(xml, [{ name, sheetId: maxSheetId(workbookXml) + 1, rid: rId }]));
    this.editPart("[Content_Types].xml", (xml) => addOverride(xml, part, CONTENT_TYPES.worksheet));
    if (this.parts.has("docProps/app.xml")) this.editPart("docProps/app.xml", (xml) => addSheetTitles(xml, [name]));
    // an empty worksheet until sheetParts writes it
    this.parts.set(part, utf8(""));
    return { name, sheetId: maxSheetId(workbookXml) + 1, rId, state: "visible", part, kind: "worksheet" };
  }

  /** The tables, drawing and chart of an owned sheet about to be rewritten: gone with their content types. */
  private dropSheetParts(sheetPart: string): void {
    const gone: string[] = [];
    for (const rel of readRelationships(this.parts, sheetPart)) {
      if (rel.external || !rel.part) continue;
      const kind = relationshipKind(rel.type);
      if (kind === "table") gone.push(rel.part);
      if (kind === "drawing") {
        for (const inner of readRelationships(this.parts, rel.part))
          if (!inner.external && inner.part && relationshipKind(inner.type) === "chart") gone.push(inner.part, relsPartOf(inner.part));
        gone.push(rel.part, relsPartOf(rel.part));
      }
    }
    gone.push(relsPartOf(sheetPart));
    for (const part of gone) {
      this.parts.delete(part);
      this.editPart("[Content_Types].xml", (xml) => removeOverride(xml, part));
    }
  }

  /**
   * Excel's calculation chain lists the formula cells of every sheet; a rewritten sheet's cells are
   * not those any more, and a stale chain makes Excel repair the file. Excel rebuilds a missing one.
   */
  private dropCalcChain(): void {
    const rel = this.book.relationships.find((r) => !r.external && r.part && relationshipKind(r.type) === "calcChain");
    if (!rel?.part) return;
    this.parts.delete(rel.part);
    this.editPart("[Content_Types].xml", (xml) => removeOverride(xml, rel.part!));
    this.editRels(this.book.workbookPart, (rels) => removeRelationship(rels, rel.id));
    this.rereadBook();
  }

  /** Free part names, workbook-unique table ids and names for a sheet's tables and chart. */
  private partNames(sheet: SheetContent, sheetPart: string): SheetPartNames {
    const existing = tables(this.parts, this.book);
    const takenNames = new Set(existing.map((t) => t.name.toLowerCase()));
    let nextId = 1 + Math.max(0, ...existing.map((t) => tableId(this.parts.get(t.part))));
    const reserved: string[] = [];
    const names: SheetPartNames = {
      sheet: sheetPart,
      tables: sheet.tables.map((table) => {
        const name = freeTableName(table.name, (lower) => takenNames.has(lower));
        takenNames.add(name.toLowerCase());
        const part = freeName(this.parts, "xl/tables/table", ".xml", reserved);
        reserved.push(part);
        return { id: nextId++, name, part };
      }),
    };
    if (sheet.chart) {
      names.drawing = freeName(this.parts, "xl/drawings/drawing", ".xml", reserved);
      names.chart = freeName(this.parts, "xl/charts/chart", ".xml", reserved);
    }
    return names;
  }

  private editPart(name: string, edit: (xml: string) => string): void {
    const before = text(this.parts, name);
    if (before === undefined) return;
    const after = edit(before);
    if (after !== before) this.parts.set(name, utf8(after));
  }

  private editWorkbook(edit: (xml: string) => string): void {
    this.editPart(this.book.workbookPart, edit);
    this.rereadBook();
  }

  /** Edits the rels part of `source`, making one when it has none. */
  private editRels(source: string, edit: (xml: string) => string): void {
    const name = relsPartOf(source);
    const xml =
      text(this.parts, name) ??
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
    this.parts.set(name, utf8(edit(xml)));
  }
}

/** A part name not in use: prefix + the lowest free number + extension, compared without case. */
function freeName(parts: Parts, prefix: string, ext: string, reserved: readonly string[] = []): string {
  const taken = new Set([...parts.keys(), ...reserved].map((k) => k.toLowerCase()));
  for (let n = 1; ; n++) if (!taken.has(`${prefix}${n}${ext}`.toLowerCase())) return `${prefix}${n}${ext}`;
}

/** The id attribute of a table part's root element (ids are unique across the workbook). */
function tableId(bytes: Uint8Array | undefined): number {
  if (!bytes) return 0;
  const head = new TextDecoder().decode(bytes.subarray(0, 600));
  const m = /<(?:[\w.-]+:)?table\b[^>]*?\sid\s*=\s*["'](\d+)["']/.exec(head);
  return m ? Number(m[1]) : 0;
}

const SHEET_VIEW = /<((?:[\w.-]+:)?)sheetView\b([^>]*?)(\/?)>/;

function unselectTab(xml: string): string {
  const m = SHEET_VIEW.exec(xml);
  if (!m || !/\stabSelected\s*=\s*["'](1|true)["']/.test(m[2])) return xml;
  const el = `<${m[1]}sheetView${m[2].replace(/\stabSelected\s*=\s*["'](1|true)["']/, "")}${m[3]}>`;
  return xml.slice(0, m.index) + el + xml.slice(m.index + m[0].length);
}

function selectTab(xml: string): string {
  const m = SHEET_VIEW.exec(xml);
  if (!m || /\stabSelected\s*=\s*["'](1|true)["']/.test(m[2])) return xml;
  const el = `<${m[1]}sheetView tabSelected="1"${m[2]}${m[3]}>`;
  return xml.slice(0, m.index) + el + xml.slice(m.index + m[0].length);
}
