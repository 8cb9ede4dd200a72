/*
 * Which XML reader the .xlsx package host streams worksheets with (issue 8): time and peak memory of
 * maintained SAX/streaming parsers from npm, and of two tree parsers for reference, on one
 * realistic worksheet part of 100,000 rows x 15 columns (numbers, shared-string refs, inline
 * strings, dates, booleans, formulas with cached values, entities).
 *
 * The candidates are not dependencies of the project: install them in a scratch folder and point
 * the bench at it (default /tmp/xmlbench):
 *   mkdir -p /tmp/xmlbench && cd /tmp/xmlbench && npm init -y &&
 *   npm install saxes sax htmlparser2 htmlparser2-v9@npm:htmlparser2@9 fast-xml-parser txml
 *   npx tsx bench/xml-parsers.ts [/tmp/xmlbench] [rows] [saxes,readSheet,...]
 * A candidate that is not installed there is skipped with a message. Each candidate runs in its own
 * process (its peak RSS is its own); the time is the median of 3 runs after one warm-up; "extra
 * peak" is the process's peak RSS less its RSS with the input loaded. The project's own reader
 * (src/workbook/package/cells.ts) is measured on the same part as "readSheet".
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { seededRandom } from "./generate";

const COLUMNS = 15;
const CHUNK = 64 * 1024;

/** What each candidate's handler gathers: enough to prove it saw every value. */
interface Tally {
  cells: number;
  numbers: number;
  sum: number;
  strings: number;
  chars: number;
}

const letters = (c: number): string =>
  c < 26 ? String.fromCharCode(65 + c) : String.fromCharCode(64 + Math.floor(c / 26)) + String.fromCharCode(65 + (c % 26));

/** One worksheet part as Excel writes it, and its shared strings part (for readSheet). */
function worksheetXml(rows: number): { sheet: string; shared: string; styles: string } {
  const random = seededRandom(20261122);
  const cities = ["北京", "上海", "广州", "深圳", "杭州", "成都", "Wuhan", "Xi'an & Co", "南京", "重庆"];
  const names = "王李张刘陈杨黄赵吴周".split("");
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n');
  out.push(
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">',
  );
  out.push(
    `<dimension ref="A1:${letters(COLUMNS - 1)}${rows + 1}"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData>`,
  );
  out.push(`<row r="1" spans="1:${COLUMNS}">`);
  for (let c = 0; c < COLUMNS; c++) out.push(`<c r="${letters(c)}1" t="s"><v>${10 + c}</v></c>`);
  out.push("</row>");
  for (let i = 0; i < rows; i++) {
    const r = i + 2;
    const premium = Math.round(Math.exp(9 + 1.6 * random()) * 100) / 100;
    const name = names[Math.floor(random() * 10)] + names[Math.floor(random() * 10)] + (i % 7);
    const cell = (c: number, body: string, attrs = "") => `<c r="${letters(c)}${r}"${attrs}>${body}</c>`;
    out.push(`<row r="${r}" spans="1:${COLUMNS}">`);
    out.push(cell(0, `<v>${100000 + i}</v>`));
    out.push(cell(1, `<v>${Math.floor(random() * 10)}</v>`, ' t="s"'));
    out.push(cell(2, `<is><t>${name}</t></is>`, ' t="inlineStr"'));
    out.push(cell(3, `<v>${20000 + Math.floor(random() * 20000)}</v>`, ' s="1"'));
    out.push(cell(4, `<v>${premium}</v>`));
    for (let c = 5; c < 10; c++) out.push(cell(c, `<v>${1 + Math.floor(random() * 5)}</v>`));
    out.push(cell(10, `<v>${Math.floor(random() * 10)}</v>`, ' t="s"'));
    out.push(cell(11, `<v>${random() < 0.5 ? 1 : 0}</v>`, ' t="b"'));
    out.push(cell(12, `<is><t>${random() < 0.1 ? "R&amp;D &lt;VIP&gt;" : "note " + (i % 100)}</t></is>`, ' t="inlineStr"'));
    out.push(cell(13, `<v>${Math.floor(random() * 1e6)}</v>`));
    out.push(cell(14, `<f>E${r}*2</f><v>${premium * 2}</v>`));
    out.push("</row>");
  }
  out.push('</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>');
  const strings = [...cities, ...Array.from({ length: COLUMNS }, (_, c) => `Column ${c + 1}`)];
  const shared =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    strings.map((s) => `<si><t>${s.replace(/&/g, "&amp;")}</t></si>`).join("") +
    "</sst>";
  const styles =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>';
  return { sheet: out.join(""), shared, styles };
}

/** A streaming handler's state: the cell being read and the text of its <v> or <t>. */
class CellTally {
  tally: Tally = { cells: 0, numbers: 0, sum: 0, strings: 0, chars: 0 };
  private type = "";
  private inValue = false;
  private text = "";
  open(name: string, attr: (key: string) => string | undefined): void {
    if (name === "c") {
      this.type = attr("t") ?? "n";
      attr("r");
      attr("s");
    } else if (name === "v" || name === "t") {
      this.inValue = true;
      this.text = "";
    }
  }
  chars(text: string): void {
    if (this.inValue) this.text += text;
  }
  close(name: string): void {
    if (name === "v" || name === "t") {
      this.inValue = false;
      this.value(this.type, this.text);
    } else if (name === "c") this.tally.cells++;
  }
  value(type: string, text: string): void {
    if (type === "inlineStr" || type === "str") {
      this.tally.strings++;
      this.tally.chars += text.length;
    } else {
      this.tally.numbers++;
      this.tally.sum += Number(text);
    }
  }
}

/** Feeds the part's bytes to a streaming parser in 64 KiB text chunks, as the host does. */
function feed(bytes: Uint8Array, write: (chunk: string) => void): void {
  const decoder = new TextDecoder();
  for (let at = 0; at < bytes.length; at += CHUNK) write(decoder.decode(bytes.subarray(at, at + CHUNK), { stream: true }));
  const rest = decoder.decode();
  if (rest) write(rest);
}

type Loaded = Record<string, unknown> & { default?: unknown };
type Runner = (bytes: Uint8Array) => Promise<Tally> | Tally;

/* eslint-disable @typescript-eslint/no-explicit-any -- candidates are loaded at run time from a scratch folder, untyped */
const CANDIDATES: Record<string, { pkg: string; kind: string; make: (mod: any) => Runner }> = {
  saxes: {
    pkg: "saxes",
    kind: "SAX, well-formedness checked",
    make: (mod) => (bytes) => {
      const t = new CellTally();
      const parser = new mod.SaxesParser({ xmlns: false, position: false });
      parser.on("opentag", (tag: any) => t.open(tag.name, (k) => tag.attributes[k]));
      parser.on("text", (text: string) => t.chars(text));
      parser.on("closetag", (tag: any) => t.close(tag.name));
      feed(bytes, (chunk) => parser.write(chunk));
      parser.close();
      return t.tally;
    },
  },
  sax: {
    pkg: "sax",
    kind: "SAX (strict mode)",
    make: (mod) => (bytes) => {
      const t = new CellTally();
      const parser = mod.parser(true, { position: false });
      parser.onopentag = (node: any) => t.open(node.name, (k) => node.attributes[k]);
      parser.ontext = (text: string) => t.chars(text);
      parser.onclosetag = (name: string) => t.close(name);
      feed(bytes, (chunk) => parser.write(chunk));
      parser.close();
      return t.tally;
    },
  },
  "htmlparser2@12 (xmlMode)": {
    pkg: "htmlparser2",
    kind: "tokenizer callbacks, ESM only",
    make: (mod) => htmlparser2Runner(mod),
  },
  "htmlparser2@9 (xmlMode)": {
    pkg: "htmlparser2-v9",
    kind: "tokenizer callbacks, CJS + ESM",
    make: (mod) => htmlparser2Runner(mod),
  },
  "fast-xml-parser (tree)": {
    pkg: "fast-xml-parser",
    kind: "whole string to a JS object tree",
    make: (mod) => (bytes) => {
      const parser = new mod.XMLParser({
        ignoreAttributes: false,
        attributeNamePrefix: "",
        parseTagValue: false,
        isArray: (name: string) => name === "row" || name === "c",
      });
      const doc = parser.parse(new TextDecoder().decode(bytes));
      const t = new CellTally();
      for (const row of doc.worksheet.sheetData.row ?? [])
        for (const c of row.c ?? []) {
          t.tally.cells++;
          const type = c.t ?? "n";
          if (c.v !== undefined) t.value(type, String(c.v));
          else if (c.is?.t !== undefined) t.value(type, String(c.is.t));
        }
      return t.tally;
    },
  },
  "txml (tree)": {
    pkg: "txml",
    kind: "whole string to a node tree",
    make: (mod) => (bytes) => {
      const parse = mod.parse ?? mod.default?.parse;
      const nodes = parse(new TextDecoder().decode(bytes));
      const t = new CellTally();
      const worksheet = nodes.find((n: any) => n.tagName === "worksheet");
      const sheetData = worksheet.children.find((n: any) => n.tagName === "sheetData");
      for (const row of sheetData.children)
        for (const c of row.children) {
          t.tally.cells++;
          const type = c.attributes.t ?? "n";
          for (const child of c.children) {
            if (child.tagName === "v") t.value(type, child.children.join(""));
            else if (child.tagName === "is") t.value(type, child.children[0].children.join(""));
          }
        }
      return t.tally;
    },
  },
};

function htmlparser2Runner(mod: any): Runner {
  return (bytes) => {
    const t = new CellTally();
    let attrs: Record<string, string> = {};
    const parser = new mod.Parser(
      {
        onopentag: (name: string, attribs: Record<string, string>) => {
          attrs = attribs;
          t.open(name, (k) => attrs[k]);
        },
        ontext: (text: string) => t.chars(text),
        onclosetag: (name: string) => t.close(name),
      },
      { xmlMode: true },
    );
    feed(bytes, (chunk) => parser.write(chunk));
    parser.end();
    return t.tally;
  };
}
/* eslint-enable @typescript-eslint/no-explicit-any */

async function loadCandidate(dir: string, pkg: string): Promise<Loaded | undefined> {
  const req = createRequire(path.join(dir, "package.json"));
  let entry: string;
  try {
    entry = req.resolve(pkg);
  } catch {
    return undefined;
  }
  const mod = (await import(pathToFileURL(entry).href)) as Loaded;
  // a CommonJS module comes through import() as its default export
  return mod.default && typeof mod.default === "object" && !("Parser" in mod) ? { ...(mod.default as Loaded), ...mod } : mod;
}

async function readSheetRunner(): Promise<Runner> {
  const { readSheet } = await import("../src/workbook/package/cells");
  const { shared, styles } = worksheetXml(0);
  const enc = new TextEncoder();
  const book = { date1904: false, sharedStringsPart: "xl/sharedStrings.xml", stylesPart: "xl/styles.xml" };
  return (bytes) => {
    // new part bytes each run: the shared strings and styles are read again, as for a new file
    const parts = new Map<string, Uint8Array>([
      ["xl/worksheets/sheet1.xml", bytes],
      ["xl/sharedStrings.xml", enc.encode(shared)],
      ["xl/styles.xml", enc.encode(styles)],
    ]);
    const block = readSheet(parts, book, "xl/worksheets/sheet1.xml");
    const tally: Tally = { cells: 0, numbers: 0, sum: 0, strings: 0, chars: 0 };
    for (const row of block.cells)
      for (const v of row) {
        if (v === null) continue;
        tally.cells++;
        if (typeof v === "number" || v instanceof Date || typeof v === "boolean") {
          tally.numbers++;
          tally.sum += Number(v);
        } else if (typeof v === "string") {
          tally.strings++;
          tally.chars += v.length;
        }
      }
    return tally;
  };
}

/** One candidate in this process: prints one JSON line. */
async function runOne(name: string, file: string, dir: string): Promise<void> {
  const bytes = new Uint8Array(fs.readFileSync(file));
  let runner: Runner;
  if (name === "readSheet") runner = await readSheetRunner();
  else {
    const candidate = CANDIDATES[name];
    const mod = await loadCandidate(dir, candidate.pkg);
    if (!mod) {
      console.log(JSON.stringify({ name, skipped: `${candidate.pkg} is not installed in ${dir}` }));
      return;
    }
    runner = candidate.make(mod);
  }
  globalThis.gc?.();
  const baseline = process.memoryUsage().rss;
  const times: number[] = [];
  let tally: Tally | undefined;
  await runner(bytes); // warm-up
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    tally = await runner(bytes);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const peak = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify({ name, ms: times[1], extraMB: Math.max(0, peak - baseline) / 2 ** 20, tally }));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === "--one") return runOne(args[1], args[2], args[3]);
  const dir = path.resolve(args[0] ?? "/tmp/xmlbench");
  const rows = Number(args[1] ?? 100_000);
  const only = args[2]?.split(",");
  const { sheet } = worksheetXml(rows);
  const file = path.join(os.tmpdir(), `xml-parsers-${process.pid}.xml`);
  const bytes = new TextEncoder().encode(sheet);
  fs.writeFileSync(file, bytes);
  console.log(
    `worksheet part: ${rows.toLocaleString("en-US")} rows x ${COLUMNS} columns, ${(bytes.length / 2 ** 20).toFixed(1)} MB of XML; candidates from ${dir}; node ${process.version}`,
  );
  console.log(`${"parser".padEnd(28)} ${"median ms".padStart(10)} ${"extra peak MB".padStart(14)}  cells / numbers / strings`);
  try {
    for (const name of [...Object.keys(CANDIDATES), "readSheet"].filter((n) => !only || only.some((o) => n.startsWith(o)))) {
      const r = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", __filename, "--one", name, file, dir], { encoding: "utf8", maxBuffer: 1 << 24 });
      const line = r.stdout.trim().split("\n").pop() ?? "";
      if (r.status !== 0 || !line.startsWith("{")) {
        console.log(`${name.padEnd(28)} failed: ${(r.stderr || r.stdout).trim().split("\n").slice(0, 3).join(" | ")}`);
        continue;
      }
      const res = JSON.parse(line) as { skipped?: string; ms: number; extraMB: number; tally: Tally };
      if (res.skipped) console.log(`${name.padEnd(28)} skipped: ${res.skipped}`);
      else
        console.log(
          `${name.padEnd(28)} ${res.ms.toFixed(0).padStart(10)} ${res.extraMB.toFixed(0).padStart(14)}  ${res.tally.cells} / ${res.tally.numbers} / ${res.tally.strings}`,
        );
    }
  } finally {
    fs.rmSync(file, { force: true });
  }
}

void main();
