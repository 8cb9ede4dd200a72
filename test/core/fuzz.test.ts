/*
 * Fuzz over the whole job in core (issue 9, item 4): random client tables as people lay them out
 * and mistype them (garbage cells, merged blocks, repeated headers, subtotal, blank and hidden
 * rows, title rows, shuffled order), run through segment(), the plans and every output sheet.
 *
 * Fixed seed (20261122, test/fast-check-seed.ts; FC_SEED=random explores others), so a failure is
 * the same on every machine. Counts, 15-25 s on two cores:
 *   never throws + every row accounted + counts add up   2000 tables
 *   outputs do not depend on row order                    1000 tables (each run twice)
 *   merged blocks read as their anchor's value             500 tables (each run twice)
 *   3500 tables and 5000 runs of the job in all, 0-40 body rows each (lengths spread evenly).
 */
import fc from "fast-check";
import type { RunConfig } from "../../src/core/config";
import { HEADER_SYNONYMS, type ClientField } from "../../src/core/columns";
import { parseRunDate } from "../../src/core/dates";
import { describeIssue, ISSUE_CODES } from "../../src/core/issues";
import { segment, type ClientBlock, type DataIssue, type Segmentation } from "../../src/core/job";
import type { Lang } from "../../src/core/lang";
import type { MergedArea } from "../../src/core/merged";
import { issuesSheet, segmentsSheet, summarySheet, TABLE_NAMES, type OutputSheet } from "../../src/core/output";
import { planClients } from "../../src/core/plan";
import { calendarSheet, plansSheet, targetsSheet } from "../../src/core/plan-output";
import { DEFAULT_PLAYBOOK } from "../../src/core/playbook";
import { sampleBook } from "../../src/core/sample";
import { WORDS } from "../../src/core/vocabulary";

const RUNS = { accounting: 2000, order: 1000, merged: 500 };
const AS_OF = parseRunDate("2026-01-15")!;
const LANGS: Lang[] = ["zh-CN", "en-US"];

// --- cells ---

const excelError = fc.constantFrom<unknown>("#N/A", "#DIV/0!", "#VALUE!", " #ref! ", { error: "#N/A" }, { error: "#NUM!" });
const garbage = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    undefined,
    "",
    "   ",
    "\u3000",
    "合计",
    "小计",
    "Total",
    "Subtotal - East",
    "李经理 小计",
    "n/a",
    "-",
    "—",
    "？",
    "NaN",
    "Infinity",
  ),
  fc.constantFrom<unknown>(NaN, Infinity, -Infinity, -0, 1e300, -1e13, Number.MAX_SAFE_INTEGER, 5e-324),
  fc.constantFrom<unknown>(true, false, new Date(Number.NaN), new Date(Date.UTC(1985, 2, 2)), new Date(Date.UTC(10000, 0, 1)), new Date(Date.UTC(1800, 0, 1))),
  fc.constantFrom<unknown>("12万", "1.5亿", "¥3,000", "￥１２，０００", "35%", "(1,200)", "1,20", "1e5", "3千万", "  42  ", "1 200"),
  excelError,
  fc.string({ maxLength: 12 }),
  fc.string({ unit: "grapheme", maxLength: 8 }),
  fc.double(),
  fc.integer({ min: -1e9, max: 1e9 }),
);

/** A cell of a field: mostly what the column should hold, sometimes garbage. */
function fieldCell(field: ClientField, i: number, keyField: ClientField | undefined): fc.Arbitrary<unknown> {
  const good: Record<ClientField, fc.Arbitrary<unknown>> = {
    id: fc.constantFrom(`C${i}`, 100000 + i, `  c-${i} `),
    name: fc.constantFrom(`客户${i}`, `Client ${i}`),
    owner: fc.constantFrom("张三", "李四", "Wang Wu", "  Li  ", null),
    value: fc.oneof(
      fc.integer({ min: 0, max: 20_000_000 }),
      fc.constantFrom(0, 0, 100, 5000, 5000, 1_000_000),
      fc.integer({ min: 0, max: 10_000_000 }).map((x) => x / 100),
      fc.double({ min: 0, max: 1e9, noNaN: true }),
      fc.integer({ min: 1, max: 999 }).map((x) => `${x}万`),
    ),
    ability: fc.oneof(fc.integer({ min: -100, max: 10_000 }), fc.constantFrom(0, 50, 50, 100), fc.double({ min: 0, max: 1e6, noNaN: true })),
    willingness: fc.oneof(fc.integer({ min: 0, max: 10 }), fc.constantFrom(3, 3, 5), fc.double({ min: 0, max: 10, noNaN: true })),
    policyQuality: indicator(),
    awareness: indicator(),
    satisfaction: indicator(),
    economic: indicator(),
    mobility: indicator(),
    birthDate: date(),
    policyDate: date(),
    renewalDate: date(),
    lastContact: date(),
    frequency: fc.oneof(fc.integer({ min: 0, max: 12 }), fc.constantFrom(1, 1, 2)),
    renewed: fc.constantFrom("是", "否", true, false, null),
  };
  // where row order must not matter, no two rows may share a key: the key is good, blank, an error or a total
  const bad = field === keyField ? fc.constantFrom<unknown>("", "#N/A", { error: "#REF!" }, "合计") : garbage;
  return fc.oneof({ arbitrary: good[field], weight: 6 }, { arbitrary: fc.constant(null), weight: 1 }, { arbitrary: bad, weight: 1 });
}

function indicator(): fc.Arbitrary<unknown> {
  return fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constantFrom(0, 6, 2.5, "4", "五", -1));
}

function date(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.integer({ min: 1, max: 80_000 }),
    fc.constantFrom(
      "1985-03-02",
      "2024/2/29",
      "2025年6月1日",
      "9999-12-31",
      "1899-12-31",
      "10000-01-01",
      "2023-02-30",
      "31/12/2024",
      2958465,
      2958466,
      0,
      -5,
      60,
    ),
    fc.constantFrom(new Date(Date.UTC(2020, 1, 29)), new Date(Date.UTC(9999, 11, 31)), new Date(Date.UTC(1850, 0, 1))),
  );
}

// --- tables ---

const OPTIONAL_FIELDS: ClientField[] = ["owner", "value", "birthDate", "policyDate", "renewalDate", "lastContact"];
const REVIEW: ClientField[] = ["policyQuality", "awareness", "satisfaction", "economic", "mobility"];

interface Table {
  lang: Lang;
  config: RunConfig;
  /** the table as a person means it: every merged cell holds its block's value */
  meant: unknown[][];
  /** the same as a workbook gives it: merged blocks hold their value in the anchor alone */
  block: ClientBlock;
  /** index into cells of the header row */
  headerAt: number;
  /** ids and names are unique by construction and no block is merged: row order cannot matter */
  orderFree: boolean;
}

/** A header text for a field: one of its synonyms in the table's language, at times with a unit or spaces. */
function headerOf(field: ClientField, lang: Lang): fc.Arbitrary<string> {
  const zh = /[\u4e00-\u9fff]/;
  const words = HEADER_SYNONYMS[field].filter((h) => zh.test(h) === (lang === "zh-CN"));
  const plain = fc.constantFrom(...(words.length ? words : HEADER_SYNONYMS[field]));
  if (field !== "value") return plain;
  return fc.oneof(plain, fc.constantFrom(lang === "zh-CN" ? "保费(万元)" : "Premium (CNY)", lang === "zh-CN" ? " 年缴保费 " : "Annual Premium"));
}

const configs = fc.oneof(
  { arbitrary: fc.constant<RunConfig>({ version: 1 }), weight: 4 },
  fc.constantFrom<RunConfig>(
    { version: 1, valueLadder: { preset: "abc" } },
    { version: 1, valueLadder: { preset: "bigPolicy" } },
    { version: 1, valueLadder: { preset: "thresholds", thresholds: [1000, 100_000, 1_000_000] } },
    { version: 1, valueLadder: { preset: "byCount", labels: ["K", "I", "G", "M"] } },
    { version: 1, valueLadder: { preset: "byCount", labels: ["only two", "labels"] } },
    { version: 1, review: { cuts: [50], scaleMax: 5 } },
    { version: 1, review: { cuts: [90, 70, 50], labels: ["甲", "乙", "丙"], scaleMax: 5 } },
    { version: 1, review: { weights: [0, 0, 0, 0, 0], scaleMax: 5 } },
    { version: 1, quadrant: { ability: "ability", willingness: "willingness", abilityCut: 100, willingnessCut: 3 } },
    { version: 1, valueLadder: false, review: false, quadrant: false },
    { version: 1, quadrant: { ability: "value", willingness: "satisfaction" } },
  ),
);

/** Which rows the body holds, before their cells are drawn. */
type RowKind = "client" | "blank" | "header" | "subtotal" | "duplicate";

/**
 * Client tables. `orderFree`: no duplicate rows, no merged blocks and no key two rows could share,
 * so that row order cannot matter. `merged`: at least one merged block below the header.
 */
function tablesOf(mode: { orderFree?: boolean; merged?: boolean } = {}): fc.Arbitrary<Table> {
  return fc
    .record({
      lang: fc.constantFrom(...LANGS),
      config: configs,
      byName: fc.boolean(), // no id column: clients are known by name (and owner)
      optional: fc.subarray(OPTIONAL_FIELDS),
      quadrant: fc.boolean(),
      review: fc.constantFrom("none", "all", "all", "some"),
      extraColumn: fc.boolean(),
      kinds: fc.array(
        fc.oneof(
          { arbitrary: fc.constant<RowKind>("client"), weight: 12 },
          {
            arbitrary: fc.constantFrom<RowKind>(
              ...(mode.orderFree ? (["blank", "header", "subtotal"] as const) : (["blank", "header", "subtotal", "duplicate"] as const)),
            ),
            weight: 2,
          },
        ),
        // lengths spread evenly up to 40, so that tables of more than 20 clients come up as often as small ones
        { maxLength: 40, size: "max" },
      ),
      titleRows: fc.integer({ min: 0, max: 3 }),
      firstRow: fc.integer({ min: 1, max: 60 }),
      hiddenRows: fc.integer({ min: 0, max: 5 }),
    })
    .chain((shape) => {
      const fields: ClientField[] = [shape.byName ? "name" : "id"];
      if (!shape.byName && shape.optional.length % 2 === 0) fields.push("name");
      fields.push(...shape.optional);
      if (shape.quadrant) fields.push("ability", "willingness");
      if (shape.review === "all") fields.push(...REVIEW);
      if (shape.review === "some") fields.push(...REVIEW.slice(0, 3));
      // a header row is a row with two columns known at least (columns.ts findHeaderRow)
      if (fields.length < 2) fields.push("value");
      return fc
        .record({
          headers: fc.tuple(...fields.map((f) => headerOf(f, shape.lang))),
          order: fc.shuffledSubarray(
            fields.map((_, i) => i),
            { minLength: fields.length, maxLength: fields.length },
          ),
          rows: fc.tuple(
            ...shape.kinds.map((kind, i) =>
              fc.tuple(fc.constant(kind), fc.tuple(...fields.map((f) => fieldCell(f, i, mode.orderFree ? fields[0] : undefined)))),
            ),
          ),
          merges: fc.array(
            fc.record({
              column: fc.nat(),
              top: fc.nat(),
              height: fc.integer({ min: 2, max: 5 }),
              value: fc.constantFrom<unknown>("张三", "李四", 5000, 3, "2020-01-01"),
            }),
            mode.orderFree ? { maxLength: 0 } : { minLength: mode.merged ? 1 : 0, maxLength: 3 },
          ),
          titleMerged: fc.boolean(),
        })
        .map(({ headers, order, rows, merges, titleMerged }) => buildTable(shape, fields, headers, order, rows, merges, titleMerged));
    });
}

function buildTable(
  shape: { lang: Lang; config: RunConfig; byName: boolean; extraColumn: boolean; titleRows: number; firstRow: number; hiddenRows: number; kinds: RowKind[] },
  fields: ClientField[],
  headers: string[],
  order: number[],
  rows: [RowKind, unknown[]][],
  merges: { column: number; top: number; height: number; value: unknown }[],
  titleMerged: boolean,
): Table {
  const extra = shape.extraColumn ? [shape.lang === "zh-CN" ? "备注" : "Remark"] : [];
  const width = fields.length + extra.length;
  const header: unknown[] = [...order.map((i) => headers[i]), ...extra];
  const at = (f: ClientField) => order.indexOf(fields.indexOf(f));
  const key = at(shape.byName ? "name" : "id");
  const valueAt = fields.includes("value") ? at("value") : -1;
  const body: unknown[][] = [];
  const clientRows: number[] = [];
  let orderFree = true;
  rows.forEach(([kind, cells], i) => {
    const row: unknown[] = [...order.map((j) => cells[j]), ...extra.map(() => (i % 3 ? null : "x"))];
    if (kind === "blank") body.push(i % 2 ? [] : row.map(() => (i % 4 ? null : " ")));
    else if (kind === "header") body.push([...header]);
    else if (kind === "subtotal") {
      const label = row.map(() => null as unknown);
      label[i % 2 && width > 1 ? (key + 1) % width : key] = ["合计", "小计", "Total", "Subtotal", "李四 小计"][i % 5];
      if (valueAt >= 0) label[valueAt] = 12345;
      else label[(key + 1) % width] = 3;
      body.push(label);
    } else if (kind === "duplicate" && clientRows.length > 0) {
      // a second row of an earlier client: the id (or name and owner) again, other cells its own
      const earlier = body[clientRows[i % clientRows.length]];
      row[key] = earlier[key];
      if (shape.byName && fields.includes("owner")) row[at("owner")] = earlier[at("owner")];
      body.push(row);
      orderFree = false;
    } else {
      body.push(row);
      clientRows.push(body.length - 1);
    }
  });
  // garbage in the key column can make two rows one client: then order decides which is kept
  const keys = new Set<string>();
  for (const row of body) {
    const k = typeof row[key] === "string" ? (row[key] as string).normalize("NFKC").trim().toLowerCase() : String(row[key]);
    if (k === "null" || k === "undefined" || k === "") continue;
    if (keys.has(k)) orderFree = false;
    keys.add(k);
  }

  const titles: unknown[][] = Array.from({ length: shape.titleRows }, (_, t) => [
    t === 0 ? (shape.lang === "zh-CN" ? "2026 年客户名单" : "Client list 2026") : null,
  ]);
  const headerAt = titles.length;
  const meant = [...titles, header, ...body];
  const cells = meant.map((r) => [...r]);
  const areas: MergedArea[] = [];
  if (titleMerged && titles.length > 0) areas.push({ top: 0, left: 0, bottom: 0, right: Math.max(0, width - 1) });
  // merged blocks below the header: one column each, rows apart from other blocks of that column
  const taken = new Set<string>();
  for (const m of merges) {
    if (body.length < 2) break;
    const column = m.column % width;
    const top = headerAt + 1 + (m.top % (body.length - 1));
    const bottom = Math.min(meant.length - 1, top + m.height - 1);
    const rowsOf = Array.from({ length: bottom - top + 1 }, (_, r) => top + r);
    if (rowsOf.some((r) => taken.has(`${r}:${column}`))) continue;
    rowsOf.forEach((r) => taken.add(`${r}:${column}`));
    for (const r of rowsOf) {
      while (meant[r].length <= column) meant[r].push(null);
      while (cells[r].length <= column) cells[r].push(null);
      meant[r][column] = m.value;
      cells[r][column] = r === top ? m.value : null;
    }
    areas.push({ top, left: column, bottom, right: column });
    orderFree = false;
  }
  return {
    lang: shape.lang,
    config: shape.config,
    meant,
    block: { source: "Fuzz", cells, firstRow: shape.firstRow, hiddenRows: shape.hiddenRows, merged: areas },
    headerAt,
    orderFree,
  };
}

// --- running it ---

const DOCUMENTED = new Set<string>(ISSUE_CODES);
/** Issue codes that say a row was left out of the clients. */
const LEFT_OUT = new Set(["totalRow", "repeatedHeader", "blankId", "duplicateId", "duplicateName"]);

interface Run {
  result: Segmentation;
  issues: DataIssue[];
  sheets: OutputSheet[];
}

/** segment(), then the plans and every sheet a run writes, as src/workbook/run.ts builds them. */
function runJob(block: ClientBlock, config: RunConfig, lang: Lang): Run | { failed: string } {
  const segmented = segment(block, config, lang);
  if (!segmented.ok) return { failed: segmented.issue.code };
  const result = segmented.value;
  const plans = planClients(result, { asOf: AS_OF, playbook: DEFAULT_PLAYBOOK, targets: config.targets, done: new Map() });
  const issues = [...result.issues, ...plans.issues];
  const calendar = calendarSheet(plans, lang, new Map(), AS_OF);
  const sheets = [
    summarySheet({ ...result, issues }, "2026-01-15", undefined, plans.dueSoon),
    segmentsSheet(result, new Map()),
    plansSheet(plans, DEFAULT_PLAYBOOK, lang, new Map()),
    calendar.sheet,
    targetsSheet(plans, lang),
    issuesSheet(lang, issues),
  ];
  return { result, issues, sheets };
}

function isBlank(cell: unknown): boolean {
  return cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "");
}

function tableOf(sheets: OutputSheet[], name: string) {
  return sheets.flatMap((s) => s.tables).find((t) => t.name === name);
}

/** Every cell of every sheet is a value a workbook can hold: finite numbers, text, booleans, blanks. */
function expectWritable(sheets: OutputSheet[]): void {
  const bad: unknown[] = [];
  for (const sheet of sheets)
    for (const rows of [...sheet.tables.map((t) => t.rows), ...sheet.blocks.map((b) => b.cells)])
      for (const row of rows)
        for (const cell of row) {
          const ok = typeof cell === "number" ? Number.isFinite(cell) : cell === null || typeof cell === "string" || typeof cell === "boolean";
          if (!ok) bad.push(cell);
        }
  expect(bad).toEqual([]);
}

/** What is wrong with the groups of one model and its "no value" line: they add up to the clients segmented and agree with them. */
function groupProblems(
  r: Segmentation,
  key: "tiers" | "classes" | "quadrants",
  groupOf: (c: Segmentation["clients"][number]) => string | null,
  labelOf: (g: Segmentation["tiers"][number]) => string,
): string[] {
  const groups: Segmentation["tiers"] = r[key];
  const unplaced = r.unplaced[key];
  if (groups.length === 0) return unplaced ? [`${key}: a no-value line without groups`] : [];
  const problems: string[] = [];
  const without = r.clients.filter((c) => groupOf(c) === null).length;
  if ((unplaced?.count ?? 0) !== without) problems.push(`${key}: ${without} clients without a group, the no-value line says ${unplaced?.count ?? "nothing"}`);
  if (unplaced && unplaced.count === 0) problems.push(`${key}: a no-value line of 0`);
  const counted = groups.reduce((sum, g) => sum + g.count, 0) + (unplaced?.count ?? 0);
  if (counted !== r.clients.length) problems.push(`${key}: counts add to ${counted}, clients ${r.clients.length}`);
  for (const g of groups) {
    const actual = r.clients.filter((c) => groupOf(c) === labelOf(g)).length;
    if (g.count !== actual) problems.push(`${key}: ${g.label} counts ${g.count}, the list holds ${actual}`);
  }
  return problems;
}

/** What is wrong with the rows: each non-blank row of the table is a client or a Data issues row that says why not, never both. */
function rowProblems(t: Table, r: Segmentation): string[] {
  const problems: string[] = [];
  const headerSheetRow = t.block.firstRow + t.headerAt;
  if (r.headerRow !== headerSheetRow) problems.push(`header found on row ${r.headerRow}, not ${headerSheetRow}`);
  const clientRows = new Set(r.clients.map((c) => c.sourceRow));
  if (clientRows.size !== r.clients.length) problems.push("two clients from one row");
  // the id (or name) column: an Excel error there leaves the row out too
  const keyHeader = (r.columns.find((c) => c.field === "id") ?? r.columns.find((c) => c.field === "name"))?.header;
  const leftOut = new Map<number, string[]>();
  for (const i of r.issues) {
    if (!DOCUMENTED.has(i.issue.code)) problems.push(`undocumented issue ${i.issue.code}`);
    const out = LEFT_OUT.has(i.issue.code) || (i.issue.code === "errorValue" && i.column === keyHeader);
    if (i.row !== null && out) leftOut.set(i.row, [...(leftOut.get(i.row) ?? []), i.issue.code]);
  }
  let nonBlank = 0;
  for (let at = t.headerAt + 1; at < t.meant.length; at++) {
    const row = t.block.firstRow + at;
    const inSegments = clientRows.has(row);
    const why = leftOut.get(row) ?? [];
    if (inSegments && why.length > 0) problems.push(`row ${row} is a client and left out (${why.join(", ")})`);
    if (why.length > 1) problems.push(`row ${row} left out twice (${why.join(", ")})`);
    if (t.meant[at].every(isBlank)) {
      if (inSegments) problems.push(`blank row ${row} is a client`);
      continue;
    }
    nonBlank++;
    if (!inSegments && why.length === 0) problems.push(`row ${row} is neither a client nor a Data issues row`);
  }
  for (const row of clientRows) if (row <= headerSheetRow) problems.push(`client from row ${row}, above the table`);
  if (r.rowsRead !== nonBlank) problems.push(`rows read ${r.rowsRead}, the table has ${nonBlank}`);
  if (r.clients.length + leftOut.size !== nonBlank) problems.push(`${r.clients.length} clients + ${leftOut.size} rows left out, the table has ${nonBlank}`);
  return problems;
}

/** What is wrong with the Summary: its group tables add to the clients segmented, shares of clients to 100%. */
function summaryProblems(run: Run): string[] {
  const r = run.result;
  const problems: string[] = [];
  const figures = run.sheets[0].blocks[1].cells;
  if (!figures.some((row) => row[0] === WORDS[r.lang].clientsSegmented && row[1] === r.clients.length)) problems.push("Summary: clients segmented missing");
  for (const name of [TABLE_NAMES.tiers, TABLE_NAMES.classes, TABLE_NAMES.quadrants]) {
    const table = tableOf(run.sheets, name);
    if (!table) continue;
    const counted = table.rows.reduce((sum, row) => sum + (row[1] as number), 0);
    if (counted !== r.clients.length) problems.push(`Summary ${name}: counts add to ${counted}, clients ${r.clients.length}`);
    const shares = table.rows.reduce((sum, row) => sum + ((row[3] as number | null) ?? 0), 0);
    if (r.clients.length > 0 && Math.abs(shares - 1) > 1e-9) problems.push(`Summary ${name}: shares of clients add to ${shares}`);
  }
  if (tableOf(run.sheets, TABLE_NAMES.segments)!.rows.length !== r.clients.length) problems.push("Segments: not one row per client");
  // every message is filled: no {placeholder} left (the cells quoted are replaced, as they may hold braces)
  for (const i of run.issues)
    for (const lang of LANGS) {
      const params = Object.fromEntries(Object.entries(i.issue.params ?? {}).map(([k, v]) => [k, typeof v === "string" ? "x" : v]));
      const text = describeIssue({ ...i.issue, params } as typeof i.issue, lang);
      if (/\{\w+\}/.test(text)) problems.push(`unfilled message: ${text}`);
    }
  return problems;
}

// --- the properties ---

describe("fuzz: the whole job over random tables", () => {
  it(`never throws, accounts for every row and its counts add up (${RUNS.accounting} tables)`, () => {
    fc.assert(
      fc.property(tablesOf(), (t) => {
        const run = runJob(t.block, t.config, t.lang);
        if ("failed" in run) {
          // only a table with no client row may fail, and then with a documented reason
          expect(DOCUMENTED.has(run.failed)).toBe(true);
          expect(t.meant.slice(t.headerAt + 1).every((row) => row.every(isBlank))).toBe(true);
          return;
        }
        const r = run.result;
        expect([
          ...rowProblems(t, r),
          ...groupProblems(
            r,
            "tiers",
            (c) => c.tier,
            (g) => g.label,
          ),
          ...groupProblems(
            r,
            "classes",
            (c) => c.reviewClass,
            (g) => g.label,
          ),
          ...groupProblems(
            r,
            "quadrants",
            (c) => c.quadrant,
            (g) => (g as Segmentation["quadrants"][number]).quadrant,
          ),
          ...(r.clients.some((c) => c.tier !== null && c.value === null) ? ["a tier without a value"] : []),
          ...summaryProblems(run),
        ]).toEqual([]);
        expectWritable(run.sheets);
      }),
      { numRuns: RUNS.accounting },
    );
  });

  it(`outputs do not depend on row order (${RUNS.order} tables, each run twice)`, () => {
    fc.assert(
      fc.property(
        tablesOf({ orderFree: true }).filter((t) => t.orderFree),
        fc.integer(),
        (t, seed) => {
          const bodyAt = t.headerAt + 1;
          const moved = shuffled(t.meant.length - bodyAt, seed);
          const cells = [...t.meant.slice(0, bodyAt), ...moved.map((i) => t.meant[bodyAt + i])];
          const a = runJob({ ...t.block, cells: t.meant, merged: [] }, t.config, t.lang);
          const b = runJob({ ...t.block, cells, merged: [] }, t.config, t.lang);
          if ("failed" in a || "failed" in b) {
            expect(b).toEqual(a);
            return;
          }
          // a row of the shuffled table back to the row it came from
          const from = (row: number | null) =>
            row === null || row < t.block.firstRow + bodyAt ? row : t.block.firstRow + bodyAt + moved[row - t.block.firstRow - bodyAt];
          expectSameRun(a, b, from);
        },
      ),
      { numRuns: RUNS.order },
    );
  });

  it(`merged blocks are read as their anchor's value in every cell they cover (${RUNS.merged} tables, each run twice)`, () => {
    fc.assert(
      fc.property(
        tablesOf({ merged: true }).filter((t) => t.block.merged!.some((m) => m.top > t.headerAt)),
        (t) => {
          const asExcel = runJob(t.block, t.config, t.lang);
          const asMeant = runJob({ ...t.block, cells: t.meant, merged: [] }, t.config, t.lang);
          if ("failed" in asExcel || "failed" in asMeant) {
            expect(asExcel).toEqual(asMeant);
            return;
          }
          // the same run, and one Data issues row per block read so
          const read = asExcel.result.issues.filter((i) => i.issue.code === "mergedCellsRead");
          expect(read).toHaveLength(t.block.merged!.filter((m) => m.top > t.headerAt).length);
          expectSameRun(asMeant, { ...asExcel, issues: asExcel.issues.filter((i) => i.issue.code !== "mergedCellsRead") }, (row) => row);
        },
      ),
      { numRuns: RUNS.merged },
    );
  });
});

/** Two runs of the same clients: the same figures, the same client fields, the same Data issues and Summary. */
function expectSameRun(a: Run, b: Run, from: (row: number | null) => number | null): void {
  const ra = a.result;
  const rb = b.result;
  const figures = (r: Segmentation) =>
    plain([r.rowsRead, r.tiers, r.classes, r.quadrants, r.unplaced, r.quadrantCuts, r.total, r.topShare, r.cutoff, r.models]);
  expect(figures(rb)).toEqual(figures(ra));
  const byId = (r: Segmentation, map: (row: number | null) => number | null) =>
    new Map(r.clients.map((c) => [c.id, plain([c.name, c.owner, c.value, c.rank, c.tier, c.score, c.reviewClass, c.quadrant, map(c.sourceRow)])]));
  expect(byId(rb, from)).toEqual(byId(ra, (row) => row));
  // list order: the same values in the same places, so the same cumulative shares
  expect(plain(rb.clients.map((c) => [c.value, c.cumulativeShare]))).toEqual(plain(ra.clients.map((c) => [c.value, c.cumulativeShare])));
  const issues = (run: Run, map: (row: number | null) => number | null) =>
    run.issues.map((i) => JSON.stringify([map(i.row), i.column, i.value, i.issue])).sort();
  expect(issues(b, from)).toEqual(issues(a, (row) => row));
  // (the count of Data issues is compared above, without the rows that say a merged block was read)
  // the Pareto data of a small book names each client: tied clients may trade places, as in the list
  const summary = (run: Run) => {
    const named = (run.result.curve?.sorted.length ?? 0) <= 20;
    const tables = run.sheets[0].tables.map((t) => (t.name === TABLE_NAMES.pareto && named ? t.rows.map((row) => row.slice(1)) : t));
    return [run.sheets[0].blocks.map((block) => block.cells.filter((row) => row[0] !== WORDS[run.result.lang].dataIssues)), tables];
  };
  expect(plain(summary(b))).toEqual(plain(summary(a)));
}

/** A value as a reader sees it: -0 and 0 are one number (Excel shows both as 0; a median of 0 and -0 may be either). */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** A permutation of 0..n-1 from a seed (moved[i] = the original index of the row now at i). */
function shuffled(n: number, seed: number): number[] {
  const out = Array.from({ length: n }, (_, i) => i);
  let s = seed >>> 0 || 1;
  for (let i = n - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe("found by the fuzz and by the tester", () => {
  const header = ["客户编号", "客户姓名", "年缴保费", "能力", "意愿", "保单品质", "保险意识", "满意度", "经济条件", "流动性"];
  const segmented = (rows: unknown[][], lang: Lang = "zh-CN") => {
    const r = segment({ source: "客户", cells: [header, ...rows], firstRow: 1 }, { version: 1 }, lang);
    if (!r.ok) throw new Error(r.issue.code);
    return r.value;
  };

  it("the sample's tier table adds up to its 299 clients: the 2 without a usable value are a no-value line", () => {
    const book = sampleBook();
    const r = segment({ source: book.sheetName, cells: [[book.title], book.header, ...book.rows], firstRow: 1 }, { version: 1 }, "en-US");
    if (!r.ok) throw new Error(r.issue.code);
    const tiers = tableOf([summarySheet(r.value, "2026-01-15")], TABLE_NAMES.tiers)!;
    expect(tiers.rows.map((row) => [row[0], row[1]])).toEqual([
      ["Key", 15],
      ["Important", 45],
      ["General", 148],
      ["Maintenance", 89],
      ["No value (not tiered)", 2],
    ]);
    expect(r.value.clients).toHaveLength(299);
  });

  it("each group table of the Summary has a line for the clients its model could not place, in both languages", () => {
    const rows = [
      ["C1", "甲", 900, 10, 5, 5, 5, 5, 5, 1],
      ["C2", "乙", 800, 20, 4, 4, 4, 4, 4, 2],
      ["C3", "丙", null, null, 3, null, null, null, null, null],
      ["C4", "丁", "不详", 5, null, 3, 3, 3, 3, 3],
    ];
    const zh = segmented(rows);
    expect(zh.unplaced).toEqual({
      tiers: { label: "无保费（未分层）", count: 2, value: 0 },
      classes: { label: "无评分指标（未评级）", count: 1, value: 0 },
      quadrants: { label: "缺能力或意愿（未分象限）", count: 2, value: 0 },
    });
    const sheet = summarySheet(zh, "2026-01-15");
    for (const name of [TABLE_NAMES.tiers, TABLE_NAMES.classes, TABLE_NAMES.quadrants]) {
      const table = tableOf([sheet], name)!;
      expect(table.rows.reduce((s, row) => s + (row[1] as number), 0)).toBe(4);
      expect(table.rows.reduce((s, row) => s + (row[3] as number), 0)).toBeCloseTo(1, 12);
    }
    expect(segmented(rows, "en-US").unplaced.quadrants?.label).toBe("No ability or willingness (no quadrant)");
    // every client placed: no such line
    expect(segmented(rows.slice(0, 2)).unplaced).toEqual({ tiers: null, classes: null, quadrants: null });
  });

  it("class and quadrant values are summed in list order: shuffling the rows cannot change their last digit", () => {
    // 0.1 + 0.2 + 0.3 is 0.6000000000000001 in row order, 0.6 largest first
    const rows = [0.1, 0.2, 0.3].map((v, i) => [`C${i}`, `客户${i}`, v, 10, 5, 5, 5, 5, 5, 1]);
    for (const order of [rows, [...rows].reverse()]) {
      const r = segmented(order);
      expect(r.classes.find((c) => c.count === 3)?.value).toBe(0.6);
      expect(r.quadrants.find((q) => q.count === 3)?.value).toBe(0.6);
      expect(r.tiers.reduce((s, t) => s + t.value, 0)).toBeCloseTo(0.6, 15);
    }
  });
});
