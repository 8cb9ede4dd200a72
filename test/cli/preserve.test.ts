/*
 * Nothing of the user's package is lost (issue 8, item 3): the real command is run in-process on
 * books made by openpyxl, by LibreOffice and by hand (test/fixtures/preserve/make*.py), then again
 * on its own output a day later. Every part the run does not have to edit must come out with the
 * bytes it went in with, after the run and after the re-run, one test per kind of part; where the
 * run must edit a shared part (workbook.xml and its rels, [Content_Types].xml, docProps/app.xml,
 * styles.xml, the sheetView of the tab that was selected), what the user had there is still there.
 * The package is read back here with fflate and regular expressions, not with the code under test,
 * except where the test is about what PackageHost itself lists.
 */
import { readFileSync, promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { SaxesParser } from "saxes";
import { runCli, type CliIo } from "../../src/cli/main";
import { PackageHost } from "../../src/workbook/package/host";

const FIXTURES = path.join(__dirname, "..", "fixtures", "preserve");
const FILES = ["openpyxl-rich.xlsx", "hand-rich.xlsm", "libreoffice-pivot.xlsx"] as const;

type Parts = Map<string, Uint8Array>;

function partsOf(bytes: Uint8Array): Parts {
  const parts: Parts = new Map();
  for (const [name, data] of Object.entries(unzipSync(bytes))) if (!name.endsWith("/")) parts.set(name.replace(/^\/+/, ""), data);
  return parts;
}

const textOf = (parts: Parts, name: string): string => {
  const data = parts.get(name);
  if (!data) throw new Error(`no part ${name}`);
  return strFromU8(data);
};

// ------------------------------------------------------------------ OPC, read independently of src/

interface Rel {
  raw: string;
  id: string;
  type: string;
  target: string;
  external: boolean;
}

const attrOf = (tag: string, name: string): string | undefined =>
  new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)
    .exec(tag)
    ?.slice(1)
    .find((v) => v !== undefined);

/** Character references decoded (openpyxl writes every non-ASCII character as one). */
const decoded = (s: string) =>
  s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)));

const unescape = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

function relsPartOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

function relsOf(parts: Parts, source: string): Rel[] {
  const name = relsPartOf(source);
  if (!parts.has(name)) return [];
  return [...textOf(parts, name).matchAll(/<Relationship\b[^>]*?\/>|<Relationship\b[^>]*?>\s*<\/Relationship>/g)].map((m) => ({
    raw: m[0],
    id: attrOf(m[0], "Id") ?? "",
    type: attrOf(m[0], "Type") ?? "",
    target: unescape(attrOf(m[0], "Target") ?? ""),
    external: (attrOf(m[0], "TargetMode") ?? "").toLowerCase() === "external",
  }));
}

/** The part a relationship names: from the root when it starts with "/", else from the source's folder. */
function targetPart(source: string, target: string): string {
  const t = decodeURIComponent(target.replace(/#.*$/, ""));
  return t.startsWith("/") ? path.posix.normalize(t).slice(1) : path.posix.normalize(path.posix.join(path.posix.dirname(source), t));
}

const kindOf = (type: string) => type.slice(type.lastIndexOf("/") + 1);

function mainPart(parts: Parts): string {
  const rel = relsOf(parts, "").find((r) => kindOf(r.type) === "officeDocument");
  if (!rel) throw new Error("no officeDocument relationship");
  return targetPart("", rel.target);
}

function contentTypeOf(parts: Parts, part: string): string | undefined {
  const xml = textOf(parts, "[Content_Types].xml");
  for (const m of xml.matchAll(/<Override\b[^>]*>/g))
    if ((attrOf(m[0], "PartName") ?? "").replace(/^\//, "").toLowerCase() === part.toLowerCase()) return attrOf(m[0], "ContentType");
  const ext = part.slice(part.lastIndexOf(".") + 1).toLowerCase();
  for (const m of xml.matchAll(/<Default\b[^>]*>/g)) if ((attrOf(m[0], "Extension") ?? "").toLowerCase() === ext) return attrOf(m[0], "ContentType");
  return undefined;
}

/** Every part reachable from the package's relationships, following each part's own. */
function reachable(parts: Parts): Set<string> {
  const seen = new Set<string>();
  const queue = [""];
  while (queue.length) {
    const source = queue.shift()!;
    for (const rel of relsOf(parts, source)) {
      if (rel.external) continue;
      const part = targetPart(source, rel.target);
      if (!seen.has(part)) {
        seen.add(part);
        queue.push(part);
      }
    }
  }
  return seen;
}

interface SheetRef {
  name: string;
  raw: string;
  part: string;
}

function sheetsOf(parts: Parts): SheetRef[] {
  const wb = mainPart(parts);
  const rels = relsOf(parts, wb);
  return [...textOf(parts, wb).matchAll(/<(?:[\w.-]+:)?sheet\s[^>]*?\/>/g)].map((m) => {
    const rid = /\sr:id\s*=\s*["']([^"']+)["']/.exec(m[0])?.[1];
    const rel = rels.find((r) => r.id === rid);
    return { name: unescape(attrOf(m[0], "name") ?? ""), raw: m[0], part: rel ? targetPart(wb, rel.target) : "" };
  });
}

// ------------------------------------------------------------------ XML elements as written

interface El {
  name: string;
  raw: string;
  children: El[];
}

/** The elements of a part as a tree, each with its exact text. */
function tree(xml: string): El {
  const root: El & { start: number } = { name: "#document", raw: xml, children: [], start: 0 };
  const stack: (El & { start: number })[] = [root];
  const token = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<[?!][\s\S]*?>|<(\/?)([\w.:-]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
  for (const m of xml.matchAll(token)) {
    if (!m[2]) continue;
    const name = m[2].replace(/^[\w.-]+:/, "");
    if (m[1]) {
      const open = stack.pop()!;
      open.raw = xml.slice(open.start, m.index + m[0].length);
      continue;
    }
    const el = { name, raw: m[0], children: [], start: m.index };
    stack[stack.length - 1].children.push(el);
    if (!m[4]) stack.push(el);
  }
  return root.children[0];
}

const child = (el: El, name: string) => el.children.find((c) => c.name === name);

/** The tag that opens an element. */
const openTag = (el: El) => /^<[^>]*>/.exec(el.raw)![0];

/** Text without the tabSelected attribute of sheetView, the one edit a run may make to a user's sheet. */
const withoutTabSelected = (xml: string) => xml.replace(/(<(?:[\w.-]+:)?sheetView\b[^>]*?)\s+tabSelected\s*=\s*(["'])[^"']*\2/g, "$1");

// ------------------------------------------------------------------ the runs

const silent = (errors: string[]): CliIo => ({ stdout: () => undefined, stderr: (t) => errors.push(t), env: { LANG: "en_US.UTF-8" }, stderrIsTTY: false });

async function segment(input: string, output: string, asOf: string): Promise<Parts> {
  const errors: string[] = [];
  const code = await runCli(["segment", input, "-o", output, "--as-of", asOf, "--no-progress"], silent(errors));
  if (code !== 0) throw new Error(`client-ladder segment ${path.basename(input)} failed (${code}): ${errors.join("")}`);
  return partsOf(await fs.readFile(output));
}

// ------------------------------------------------------------------ part kinds

/** The parts a run must edit: they are checked element by element below, not byte for byte. */
function sharedParts(parts: Parts): Set<string> {
  const wb = mainPart(parts);
  const styles = relsOf(parts, wb).find((r) => kindOf(r.type) === "styles");
  const shared = new Set(["[Content_Types].xml", wb, relsPartOf(wb), "docProps/app.xml"]);
  if (styles) shared.add(targetPart(wb, styles.target));
  return shared;
}

/** Kinds of whole parts, by content type (and name for relationship parts), first match wins. */
const PART_KINDS: { kind: string; match: (name: string, type: string) => boolean }[] = [
  {
    kind: "worksheets (other sheets' formulas, validation, conditional formats, hyperlinks, page setup)",
    match: (_, t) => /spreadsheetml\.worksheet\+xml$/.test(t),
  },
  { kind: "charts", match: (_, t) => /drawingml\.chart\+xml$|ms-office\.chart(style|colorstyle)\+xml$/.test(t) },
  { kind: "drawings", match: (_, t) => /officedocument\.drawing\+xml$/.test(t) },
  { kind: "images", match: (_, t) => /^image\//.test(t) },
  { kind: "comments (legacy comments and their VML)", match: (_, t) => /spreadsheetml\.comments\+xml$|vmlDrawing$/.test(t) },
  { kind: "threaded comments and persons", match: (_, t) => /ms-excel\.(threadedcomments|person)\+xml$/.test(t) },
  { kind: "custom document properties (sensitivity label)", match: (_, t) => /custom-properties\+xml$|classificationlabels\+xml$/.test(t) },
  { kind: "pivot tables", match: (_, t) => /pivotTable\+xml$/.test(t) },
  { kind: "pivot caches", match: (_, t) => /pivotCache(Definition|Records)\+xml$/.test(t) },
  { kind: "external links", match: (_, t) => /externalLink\+xml$/.test(t) },
  { kind: "VBA project", match: (_, t) => /vbaProject$/.test(t) },
  { kind: "shared strings", match: (_, t) => /sharedStrings\+xml$/.test(t) },
  { kind: "theme", match: (_, t) => /theme\+xml$/.test(t) },
  { kind: "core properties", match: (_, t) => /core-properties\+xml$/.test(t) },
  { kind: "relationships of the user's parts (sheets, drawings, pivots, external links, the package)", match: (n) => n.endsWith(".rels") },
  { kind: "other parts", match: () => true },
];

function partsByKind(parts: Parts): Map<string, string[]> {
  const shared = sharedParts(parts);
  const byKind = new Map<string, string[]>();
  for (const name of parts.keys()) {
    if (shared.has(name)) continue;
    const type = contentTypeOf(parts, name) ?? "";
    const { kind } = PART_KINDS.find((k) => k.match(name, type))!;
    byKind.set(kind, [...(byKind.get(kind) ?? []), name]);
  }
  return byKind;
}

/**
 * Kinds that live inside the user's worksheets: the elements found in the input (at least one, or
 * the fixture does not have the kind) must be in the outputs as they were.
 */
const SHEET_FEATURES: { kind: string; pattern: RegExp; has?: (found: string[]) => boolean }[] = [
  {
    kind: "other sheets' formulas (on the client sheet and a defined name)",
    pattern: /<(?:[\w.-]+:)?f\b[^>]*>[^<]*<\/(?:[\w.-]+:)?f>/g,
    has: (f) => f.some((x) => decoded(x).includes("客户名单!")) && f.some((x) => decoded(x).includes("总保费")),
  },
  { kind: "data validation", pattern: /<(?:[\w.-]+:)?dataValidations\b[\s\S]*?<\/(?:[\w.-]+:)?dataValidations>/g },
  { kind: "conditional formats", pattern: /<(?:[\w.-]+:)?conditionalFormatting\b[\s\S]*?<\/(?:[\w.-]+:)?conditionalFormatting>/g },
  {
    kind: "hyperlinks (internal and external)",
    pattern: /<(?:[\w.-]+:)?hyperlinks\b[\s\S]*?<\/(?:[\w.-]+:)?hyperlinks>/g,
    has: (h) => h.some((x) => /\slocation=/.test(x)) && h.some((x) => /\sr:id=/.test(x)),
  },
  {
    kind: "page setup (margins, page setup, header and footer)",
    pattern: /<(?:[\w.-]+:)?(?:pageMargins|pageSetup)\b[^>]*\/>|<(?:[\w.-]+:)?headerFooter\b[\s\S]*?<\/(?:[\w.-]+:)?headerFooter>/g,
  },
  { kind: "comment anchors (legacyDrawing)", pattern: /<(?:[\w.-]+:)?legacyDrawing\b[^>]*\/>/g },
];

function sheetFeatures(parts: Parts, pattern: RegExp): string[] {
  return sheetsOf(parts).flatMap((s) => (parts.has(s.part) ? [...textOf(parts, s.part).matchAll(pattern)].map((m) => m[0]) : []));
}

// ------------------------------------------------------------------ the fixtures, read when tests are collected

interface Fixture {
  file: string;
  input: Parts;
  kinds: Map<string, string[]>;
  features: string[];
  names: { workbook: boolean; sheet: boolean; printTitles: boolean };
}

const fixtures: Fixture[] = FILES.map((file) => {
  const input = partsOf(readFileSync(path.join(FIXTURES, file)));
  const features = SHEET_FEATURES.filter((f) => {
    const found = sheetFeatures(input, f.pattern);
    return found.length > 0 && (f.has?.(found) ?? true);
  }).map((f) => f.kind);
  const wbXml = textOf(input, mainPart(input));
  const names = [...wbXml.matchAll(/<(?:[\w.-]+:)?definedName\b[^>]*>/g)].map((m) => m[0]);
  return {
    file,
    input,
    kinds: partsByKind(input),
    features,
    names: {
      workbook: names.some((n) => !/localSheetId/.test(n) && !/_xlnm\./.test(n)),
      sheet: names.some((n) => /localSheetId/.test(n) && !/_xlnm\./.test(n)),
      printTitles: names.some((n) => /_xlnm\.Print_Titles/.test(n)),
    },
  };
});

let dir: string;
const outputs = new Map<string, { out1: Parts; out2: Parts; files: [string, string] }>();

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "client-ladder-preserve-"));
  for (const { file } of fixtures) {
    const ext = path.extname(file);
    const out1Path = path.join(dir, `${path.basename(file, ext)}-out1${ext}`);
    const out1 = await segment(path.join(FIXTURES, file), out1Path, "2026-11-25");
    const out2Path = path.join(dir, `${path.basename(file, ext)}-out2${ext}`);
    const out2 = await segment(out1Path, out2Path, "2026-11-26");
    outputs.set(file, { out1, out2, files: [out1Path, out2Path] });
  }
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const runs = (file: string) => {
  const o = outputs.get(file)!;
  return [
    ["the run", o.out1],
    ["the re-run", o.out2],
  ] as const;
};

const hex = (b: Uint8Array | undefined) => (b ? Buffer.from(b).toString("base64") : "(missing)");

test("the fixtures hold every part kind the issue lists", () => {
  const have = new Set(
    fixtures.flatMap((f) => [
      ...f.kinds.keys(),
      ...f.features,
      ...(f.names.workbook && f.names.sheet ? ["defined names"] : []),
      ...(f.names.printTitles ? ["print titles"] : []),
    ]),
  );
  for (const kind of [
    "other sheets' formulas (on the client sheet and a defined name)",
    "defined names",
    "charts",
    "drawings",
    "images",
    "comments (legacy comments and their VML)",
    "threaded comments and persons",
    "data validation",
    "conditional formats",
    "hyperlinks (internal and external)",
    "print titles",
    "page setup (margins, page setup, header and footer)",
    "custom document properties (sensitivity label)",
    "pivot tables",
    "pivot caches",
    "external links",
    "VBA project",
  ])
    expect([kind, have.has(kind)]).toEqual([kind, true]);
});

describe.each(fixtures.map((f) => [f.file, f] as const))("%s", (file, fixture) => {
  const { input } = fixture;

  // ------------------------------------------------ whole parts, byte for byte
  for (const [kind, names] of fixture.kinds) {
    test(`${kind}: byte identical after a run and a re-run (${names.join(", ")})`, () => {
      for (const [when, out] of runs(file)) {
        for (const name of names) {
          const before = input.get(name)!;
          const after = out.get(name);
          if (kind.startsWith("worksheets")) {
            // the one edit a run may make: the tab it selects is no longer the user's
            expect({ when, name, text: after && withoutTabSelected(strFromU8(after)) }).toEqual({ when, name, text: withoutTabSelected(strFromU8(before)) });
            if (after && strFromU8(after) !== strFromU8(before))
              expect({ when, name, tabSelected: /<(?:[\w.-]+:)?sheetView\b[^>]*\stabSelected\s*=\s*["'](1|true)["']/.test(strFromU8(before)) }).toEqual({
                when,
                name,
                tabSelected: true,
              });
          } else {
            expect({ when, name, bytes: hex(after) }).toEqual({ when, name, bytes: hex(before) });
          }
        }
      }
    });
  }

  // ------------------------------------------------ kinds inside the user's sheets
  for (const feature of SHEET_FEATURES.filter((f) => fixture.features.includes(f.kind))) {
    test(`${feature.kind}: the elements are as they were after a run and a re-run`, () => {
      const before = sheetFeatures(input, feature.pattern);
      for (const [when, out] of runs(file)) {
        const userSheets = sheetsOf(out).slice(0, sheetsOf(input).length);
        const after = userSheets.flatMap((s) => [...textOf(out, s.part).matchAll(feature.pattern)].map((m) => m[0]));
        expect({ when, elements: after }).toEqual({ when, elements: before });
      }
    });
  }

  // ------------------------------------------------ the shared parts the run edits
  const wbPart = mainPart(input);
  const wbIn = tree(textOf(input, wbPart));

  if (fixture.names.workbook && fixture.names.sheet) {
    test("defined names (workbook and sheet scoped, print titles and areas): every <definedName> verbatim in workbook.xml; the only ones added are the print titles of the add-in's sheets", () => {
      const names = child(wbIn, "definedNames")!.children.map((c) => c.raw);
      const sheetsBefore = child(wbIn, "sheets")!.children.length;
      for (const [when, out] of runs(file)) {
        const after = child(tree(textOf(out, mainPart(out))), "definedNames")!.children.map((c) => c.raw);
        expect({ when, kept: after.filter((n) => names.includes(n)) }).toEqual({ when, kept: names });
        const added = after.filter((n) => !names.includes(n));
        expect(added.length).toBeGreaterThan(0);
        for (const n of added) {
          // the header row; on Plans the legend of the marks above it and the header
          expect(n).toMatch(/^<definedName name="_xlnm\.Print_Titles" localSheetId="(\d+)">('经营计划'!\$1:\$2|'[^']+'!\$1:\$1)<\/definedName>$/);
          expect(Number(/localSheetId="(\d+)"/.exec(n)![1])).toBeGreaterThanOrEqual(sheetsBefore);
        }
      }
    });
  }

  test("workbook.xml: every original <sheet> first and in order, every other element of the user's verbatim, the views changed only in activeTab/firstSheet", () => {
    for (const [when, out] of runs(file)) {
      expect(mainPart(out)).toBe(wbPart);
      const wbOut = tree(textOf(out, wbPart));
      const sheetsIn = child(wbIn, "sheets")!.children.map((c) => c.raw);
      expect({
        when,
        sheets: child(wbOut, "sheets")!
          .children.slice(0, sheetsIn.length)
          .map((c) => c.raw),
      }).toEqual({ when, sheets: sheetsIn });
      expect(openTag(wbOut)).toBe(openTag(wbIn));
      for (const el of wbIn.children) {
        if (el.name === "sheets") continue;
        const same = wbOut.children.find((c) => c.name === el.name);
        if (el.name === "bookViews") {
          const views = (e: El) => e.children.map((v) => v.raw.replace(/\s(activeTab|firstSheet)\s*=\s*(["'])[^"']*\2/g, ""));
          expect({ when, views: same && views(same) }).toEqual({ when, views: views(el) });
        } else if (el.name === "definedNames") {
          // the print titles of the add-in's sheets join the user's names (checked above), each of which stays as it was
          expect({ when, names: same?.children.map((c) => c.raw).filter((raw) => el.children.some((c) => c.raw === raw)) }).toEqual({
            when,
            names: el.children.map((c) => c.raw),
          });
        } else {
          expect({ when, element: same?.raw }).toEqual({ when, element: el.raw });
        }
      }
      // the user's elements in the order they had
      const order = wbOut.children.map((c) => c.name).filter((n) => wbIn.children.some((c) => c.name === n));
      expect(order).toEqual(wbIn.children.map((c) => c.name));
    }
  });

  test("workbook relationships: every original Relationship element verbatim", () => {
    const before = relsOf(input, wbPart).map((r) => r.raw);
    expect(before.length).toBeGreaterThan(1);
    for (const [when, out] of runs(file)) {
      const after = relsOf(out, wbPart).map((r) => r.raw);
      expect({ when, missing: before.filter((r) => !after.includes(r)) }).toEqual({ when, missing: [] });
    }
  });

  test("[Content_Types].xml: every original Default and Override verbatim", () => {
    const entries = (parts: Parts) => [...textOf(parts, "[Content_Types].xml").matchAll(/<(?:Default|Override)\b[^>]*\/>/g)].map((m) => m[0]);
    const before = entries(input);
    for (const [when, out] of runs(file)) {
      const after = entries(out);
      expect({ when, missing: before.filter((e) => !after.includes(e)) }).toEqual({ when, missing: [] });
    }
  });

  test("docProps/app.xml: every element of the user's verbatim, the titles of parts kept in order", () => {
    const appIn = tree(textOf(input, "docProps/app.xml"));
    const titles = (app: El) => {
      const vector = child(app, "TitlesOfParts")?.children[0];
      return vector ? vector.children.map((c) => c.raw) : [];
    };
    for (const [when, out] of runs(file)) {
      const appOut = tree(textOf(out, "docProps/app.xml"));
      for (const el of appIn.children) {
        if (el.name === "HeadingPairs" || el.name === "TitlesOfParts") continue;
        expect({ when, element: child(appOut, el.name)?.raw }).toEqual({ when, element: el.raw });
      }
      const after = titles(appOut);
      let at = 0;
      for (const t of titles(appIn)) at = after.indexOf(t, at) + 1 || -1;
      expect({ when, titlesInOrder: at !== -1 }).toEqual({ when, titlesInOrder: true });
      const vector = child(appOut, "TitlesOfParts")?.children[0];
      if (vector) {
        // Excel's lists stay consistent: the vector's size, and the worksheet count (the first i4) is every <sheet>
        expect({ when, size: Number(attrOf(openTag(vector), "size")) }).toEqual({ when, size: vector.children.length });
        const firstCount = /<(?:[\w.-]+:)?i4>(\d+)</.exec(child(appOut, "HeadingPairs")?.raw ?? "")?.[1];
        expect({ when, worksheets: Number(firstCount) }).toEqual({ when, worksheets: sheetsOf(out).length });
      }
    }
  });

  test("styles.xml: each of the user's lists keeps its entries first and in order (the indexes cells use), every other element verbatim", () => {
    const stylesPart = [...sharedParts(input)].find((p) => /styles/i.test(contentTypeOf(input, p) ?? ""))!;
    const sIn = tree(textOf(input, stylesPart));
    for (const [when, out] of runs(file)) {
      const sOut = tree(textOf(out, stylesPart));
      const withoutCount = (tag: string) => tag.replace(/\scount\s*=\s*(["'])\d+\1/, "").replace(/\s*\/?>$/, ">");
      expect(withoutCount(openTag(sOut))).toBe(withoutCount(openTag(sIn)));
      for (const el of sIn.children) {
        const same = sOut.children.find((c) => c.name === el.name);
        if (!same) throw new Error(`${when}: <${el.name}> is gone from ${stylesPart}`);
        if (/\scount\s*=/.test(openTag(el))) {
          expect({ when, list: el.name, open: withoutCount(openTag(same)) }).toEqual({ when, list: el.name, open: withoutCount(openTag(el)) });
          expect({ when, list: el.name, entries: same.children.slice(0, el.children.length).map((c) => c.raw) }).toEqual({
            when,
            list: el.name,
            entries: el.children.map((c) => c.raw),
          });
          const count = attrOf(openTag(same), "count");
          expect({ when, list: el.name, count: Number(count) }).toEqual({ when, list: el.name, count: same.children.length });
        } else {
          expect({ when, element: same.raw }).toEqual({ when, element: el.raw });
        }
      }
      const order = sOut.children.map((c) => c.name).filter((n) => sIn.children.some((c) => c.name === n));
      expect(order).toEqual(sIn.children.map((c) => c.name));
    }
  });

  // ------------------------------------------------ the sheets and the package as a whole
  test("every XML part of the outputs is namespace-well-formed (each prefix declared), as Excel and LibreOffice need to load it", () => {
    for (const [when, out] of runs(file)) {
      const problems: string[] = [];
      for (const [name, data] of out) {
        if (!/\.(xml|rels)$/i.test(name)) continue;
        const errors: string[] = [];
        const parser = new SaxesParser({ xmlns: true });
        parser.on("error", (err) => {
          errors.push(err.message);
        });
        parser.write(strFromU8(data)).close();
        if (errors.length) problems.push(`${name}: ${errors[0]}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ""}`);
      }
      expect({ when, problems }).toEqual({ when, problems: [] });
    }
  });

  test("PackageHost lists the user's sheets first, the add-in's after; the re-run adds none", async () => {
    const userSheets = (await PackageHost.fromBytes(readFileSync(path.join(FIXTURES, file))).open()).sheetNames;
    const { out1, out2, files } = outputs.get(file)!;
    const listed1 = (await PackageHost.fromBytes(await fs.readFile(files[0])).open()).sheetNames;
    const listed2 = (await PackageHost.fromBytes(await fs.readFile(files[1])).open()).sheetNames;
    expect(listed1.slice(0, userSheets.length)).toEqual(userSheets);
    const added = listed1.slice(userSheets.length);
    expect(added.length).toBeGreaterThan(0);
    expect(added.filter((n) => userSheets.includes(n))).toEqual([]);
    expect(listed2).toEqual(listed1);
    // the settings sheet too: the same <sheet> list in workbook.xml
    expect(sheetsOf(out2).map((s) => s.name)).toEqual(sheetsOf(out1).map((s) => s.name));
  });

  test("the re-run keeps the table, drawing and chart part counts, and leaves no orphan, broken relationship or untyped part", () => {
    const { out1, out2 } = outputs.get(file)!;
    const count = (parts: Parts, re: RegExp) => [...parts.keys()].filter((n) => re.test(contentTypeOf(parts, n) ?? "")).length;
    for (const re of [/spreadsheetml\.table\+xml$/, /officedocument\.drawing\+xml$/, /drawingml\.chart\+xml$/, /spreadsheetml\.worksheet\+xml$/]) {
      expect({ type: re.source, out2: count(out2, re) }).toEqual({ type: re.source, out2: count(out1, re) });
    }
    for (const [when, out] of runs(file)) {
      const reached = reachable(out);
      const orphans = [...out.keys()].filter((n) => !reached.has(n) && n !== "[Content_Types].xml" && !n.endsWith(".rels") && !n.startsWith("docProps/"));
      expect({ when, orphans }).toEqual({ when, orphans: [] });
      const broken = [...reached].filter((n) => !out.has(n));
      expect({ when, broken }).toEqual({ when, broken: [] });
      const untyped = [...out.keys()].filter((n) => !n.endsWith("/") && contentTypeOf(out, n) === undefined);
      expect({ when, untyped }).toEqual({ when, untyped: [] });
      const overrides = [...textOf(out, "[Content_Types].xml").matchAll(/<Override\b[^>]*\/>/g)].map((m) =>
        (attrOf(m[0], "PartName") ?? "").replace(/^\//, ""),
      );
      expect({ when, overridesWithoutPart: overrides.filter((p) => ![...out.keys()].some((k) => k.toLowerCase() === p.toLowerCase())) }).toEqual({
        when,
        overridesWithoutPart: [],
      });
    }
  });
});
