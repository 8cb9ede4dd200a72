import { readDate, serialOf, type Day } from "./dates";
import { LANGS, type Lang } from "./lang";
import type { CellValue, OutputSheet, OutputTable } from "./output";
import { findColumns } from "./ownership";
import { quadrantColours, tierColours, tierLabelsOf, WARNING_STYLE } from "./palette";
import { MARKS, PLANNING_FIELDS, PLAYBOOK_WORDS, cadenceText, marksLegend, serviceShortName, type Playbook } from "./playbook";
import { ActionPhrases, actionKey, type Action, type ActionKind, type ClientPlan, type Plans } from "./plan";
import { breaksAtChanges } from "./print";
import { QUADRANTS, QUADRANT_LABELS } from "./quadrant";
import { FIELD_NAMES, SHEET_NAMES, WORDS } from "./vocabulary";
import { fill } from "./template";

/*
 * The sheets of the experience plans (SPEC sections 4 and 5): Plans, Calendar and Targets, laid out
 * as plain data like output.ts. Notes and done marks people typed come back in by key.
 */

/** An Excel sheet holds 1,048,576 rows; one is the header. */
export const MAX_TABLE_ROWS = 1_048_575;

export const PLAN_TABLES = { plans: "ClientLadder_Plans", calendar: "ClientLadder_Calendar", targets: "ClientLadder_Targets" };

export function actionWords(lang: Lang): Record<ActionKind, string> {
  const w = WORDS[lang];
  return { birthday: w.actionBirthday, anniversary: w.actionAnniversary, renewal: w.actionRenewal, visit: w.actionVisit, review: w.actionReview };
}

/**
 * Done marks people typed on an earlier Calendar sheet, by client, action and date. Headers and
 * action names are recognised in either language; dates as serials, date cells or text.
 */
export function doneFromSheet(cells: readonly (readonly unknown[])[]): Map<string, CellValue> {
  const kept = new Map<string, CellValue>();
  const text = (c: unknown) => (typeof c === "string" ? c.trim() : "");
  const inBoth = (pick: (l: Lang) => string) => LANGS.map(pick);
  const found = findColumns(cells, {
    id: inBoth((l) => FIELD_NAMES[l].id),
    date: inBoth((l) => WORDS[l].date),
    action: inBoth((l) => WORDS[l].action),
    done: inBoth((l) => WORDS[l].done),
  });
  if (!found) return kept;
  const { headerRow } = found;
  const { id: idAt, date: dateAt, action: actionAt, done: doneAt } = found.at;
  const kinds = new Map<string, ActionKind>();
  for (const l of LANGS) for (const [k, word] of Object.entries(actionWords(l))) kinds.set(word, k as ActionKind);
  for (let r = headerRow + 1; r < cells.length; r++) {
    const row = cells[r];
    const mark = row[doneAt];
    if (mark === null || mark === undefined || mark === "" || mark === false) continue;
    const kind = kinds.get(text(row[actionAt]));
    const date = readDate(row[dateAt]);
    const id = row[idAt];
    if (!kind || date.kind === "issue" || id === null || id === undefined || id === "") continue;
    const undated = date.kind === "blank";
    kept.set(actionKey(String(id).trim(), { kind, day: undated ? 0 : date.day, undated }), mark as CellValue);
  }
  return kept;
}

/** The columns the Plans matrix gives the services of the playbook, in its order. */
interface ServiceColumns {
  /** a mark column per service, headed by its short name */
  marks: { service: string; header: string }[];
  /** a cadence column per service with a cadence of its own but visits (they have the visit cadence column) */
  cadences: { service: string; header: string; text: string }[];
  /** the visits service's own cadence typed on the Playbook, if any: it replaces "every n months" */
  visitText: string;
}

function serviceColumns(playbook: Playbook, lang: Lang): ServiceColumns {
  const w = WORDS[lang];
  const marks = playbook.services.map((s) => ({ service: s.service, header: serviceShortName(s, lang) }));
  const cadences = playbook.services
    .filter((s) => s.service !== "visits" && cadenceText(playbook, s.service, lang) !== "")
    .map((s) => ({ service: s.service, header: fill(w.cadenceOf, { service: serviceShortName(s, lang) }), text: cadenceText(playbook, s.service, lang) }));
  return { marks, cadences, visitText: cadenceText(playbook, "visits", lang) };
}

/**
 * A column of an earlier Plans sheet that the add-in wrote, though no column of this run has its
 * header: the one-cell services column of earlier versions, a cadence column or a mark column of a
 * service since renamed or deleted on the Playbook, or written in the other language. Not carried
 * as a column a person added.
 */
export function isFormerPlansColumn(header: string, values: readonly unknown[]): boolean {
  const h = header.trim();
  if (LANGS.some((l) => WORDS[l].services === h)) return true;
  if (LANGS.some((l) => h.endsWith(fill(WORDS[l].cadenceOf, { service: "" }).trim()))) return true;
  let marks = 0;
  for (const v of values) {
    if (v === null || v === undefined || v === "") continue;
    if (typeof v !== "string" || !(MARKS as readonly string[]).includes(v.trim())) return false;
    marks++;
  }
  return marks > 0;
}

/** Rows above the Plans table: the legend of the marks. */
const PLANS_TABLE_ROW = 1;

/**
 * The Plans sheet: one row per client, the services of the Playbook as a matrix (a column per
 * service holding the client's mark, filterable), the cadences in columns of their own; notes kept
 * by client id. A legend above the table says what the marks mean.
 */
export function plansSheet(plans: Plans, playbook: Playbook, lang: Lang, notes: ReadonlyMap<string, CellValue>, name = SHEET_NAMES[lang].plans): OutputSheet {
  const w = WORDS[lang];
  const f = FIELD_NAMES[lang];
  const pw = PLAYBOOK_WORDS[lang];
  const phrases = new ActionPhrases(lang, actionWords(lang), w.overdueShort, w.asap);
  const columns = serviceColumns(playbook, lang);
  const nMarks = columns.marks.length;
  const nCadences = columns.cadences.length;
  // cells that depend only on the quadrant and the visit cadence: built once per pair, then copied
  // into each client's row (marks, cadences, visit cadence, cost, the seven planning fields)
  const shared = new Map<number, CellValue[]>();
  const sharedOf = (p: ClientPlan) => {
    // visitMonths is a whole number of months, within MONTH_LIMITS.visit
    const key = (p.client.quadrant ? QUADRANTS.indexOf(p.client.quadrant) + 1 : 0) + 8 * p.visitMonths;
    let cells = shared.get(key);
    if (cells === undefined) {
      const markOf = new Map(p.services.map((s) => [s.service, s.mark]));
      const q = p.client.quadrant;
      cells = [
        // no quadrant, no marks: × would say "do not provide", which the playbook never said
        ...columns.marks.map((m) => (q ? (markOf.get(m.service) ?? "×") : null)),
        ...columns.cadences.map((c) => (markOf.has(c.service) ? c.text : null)),
        columns.visitText || fill(w.everyMonths, { n: p.visitMonths }),
        p.cost ? pw.costs[p.cost] : null,
        ...PLANNING_FIELDS.map((field) => p.planning?.[field] || null),
      ];
      shared.set(key, cells);
    }
    return cells;
  };
  const quadrantLabels = QUADRANT_LABELS[lang];
  const width = 5 + nMarks + nCadences + 2 + PLANNING_FIELDS.length + 3;
  const sharedWidth = width - 8;
  const rows: CellValue[][] = new Array(plans.plans.length);
  for (let i = 0; i < plans.plans.length; i++) {
    const p = plans.plans[i];
    const c = p.client;
    const cells = sharedOf(p);
    // made at its size and filled in place: no spread, no push, a million times
    const row: CellValue[] = new Array(width);
    row[0] = c.id;
    row[1] = c.name;
    row[2] = c.owner;
    row[3] = c.tier;
    row[4] = c.quadrant ? quadrantLabels[c.quadrant] : null;
    for (let k = 0; k < sharedWidth; k++) row[5 + k] = cells[k];
    row[width - 3] = phrases.line(p.actions);
    row[width - 2] = p.actions.length ? serialOf(p.actions[0].day) : null;
    row[width - 1] = notes.size ? (notes.get(c.id) ?? null) : null;
    rows[i] = row;
  }
  const table: OutputTable = {
    name: PLAN_TABLES.plans,
    row: PLANS_TABLE_ROW,
    column: 0,
    columns: [
      { header: f.id, format: "text", width: 14, role: "id" },
      { header: f.name, format: "text", width: 12 },
      { header: f.owner, format: "text", width: 10 },
      { header: w.tier, format: "text", width: 8 },
      { header: w.quadrant, format: "text", width: 8 },
      ...columns.marks.map((m) => ({
        header: m.header,
        format: "text" as const,
        width: Math.max(6, Math.min(14, m.header.length * (lang === "zh-CN" ? 2 : 1) + 2)),
      })),
      ...columns.cadences.map((c) => ({
        header: c.header,
        format: "text" as const,
        width: Math.min(30, Math.max(12, c.text.length * (lang === "zh-CN" ? 2 : 1))),
      })),
      { header: w.visitCadence, format: "text", width: 12 },
      { header: w.costLevel, format: "text", width: 8 },
      ...PLANNING_FIELDS.map((p) => ({ header: pw.planning[p], format: "text" as const, width: 14 })),
      { header: w.nextActions, format: "text", width: 70 },
      { header: w.nextDate, format: "date", width: 12 },
      { header: w.notes, format: "text", width: 30, role: "notes" },
    ],
    rows,
  };
  return {
    key: "plans",
    name,
    tables: [table],
    blocks: [{ row: 0, column: 0, cells: [[fill(w.plansLegend, { marks: marksLegend(lang) })]] }],
    // the legend and the header stay in view, and are printed on every page
    freezeRows: PLANS_TABLE_ROW + 1,
    print: { titleRows: PLANS_TABLE_ROW + 1 },
    conditionalFormats: [
      ...tierColours(PLAN_TABLES.plans, w.tier, tierLabelsOf(plans.plans.map((p) => p.client))),
      ...quadrantColours(
        PLAN_TABLES.plans,
        w.quadrant,
        QUADRANTS.map((q) => ({ quadrant: q, label: quadrantLabels[q] })),
      ),
    ],
  };
}

/** The Calendar sheet: one row per dated action, by date; done marks kept by client, action and date. */
export function calendarSheet(
  plans: Plans,
  lang: Lang,
  done: ReadonlyMap<string, CellValue>,
  asOf: Day,
  name = SHEET_NAMES[lang].calendar,
): { sheet: OutputSheet; truncated: number } {
  const w = WORDS[lang];
  const f = FIELD_NAMES[lang];
  const words = actionWords(lang);
  const count = Math.min(plans.calendar.length, MAX_TABLE_ROWS);
  // "overdue n days" for each n met, made once
  const overdueTexts = new Map<number, string>();
  const overdueText = (days: number) => {
    let text = overdueTexts.get(days);
    if (text === undefined) overdueTexts.set(days, (text = fill(w.overdue, { n: days })));
    return text;
  };
  const rows: CellValue[][] = new Array(count);
  for (let i = 0; i < count; i++) {
    const a: Action = plans.calendar[i];
    rows[i] = [
      a.undated ? null : serialOf(a.day),
      a.client.id,
      a.client.name,
      a.client.owner,
      words[a.kind],
      a.overdue ? overdueText(asOf - a.day) : a.undated ? w.noContact : null,
      done.size ? (done.get(actionKey(a.client.id, a)) ?? null) : null,
    ];
  }
  const sheet: OutputSheet = {
    key: "calendar",
    name,
    tables: [
      {
        name: PLAN_TABLES.calendar,
        row: 0,
        column: 0,
        columns: [
          { header: w.date, format: "date", width: 12 },
          { header: f.id, format: "text", width: 14, role: "id" },
          { header: f.name, format: "text", width: 12 },
          { header: f.owner, format: "text", width: 10 },
          { header: w.action, format: "text", width: 12 },
          { header: w.remark, format: "text", width: 26 },
          { header: w.done, format: "text", width: 8, role: "done" },
        ],
        rows,
      },
    ],
    blocks: [],
    freezeRows: 1,
    print: { titleRows: 1 },
    // a list, not Excel's cell checkbox: a checkbox is a boolean cell format that only recent Excel
    // shows (ExcelApi 1.18+, no .xlsx schema element of its own), while a list of one word works the
    // same in every Excel, in LibreOffice and in the .xlsx path, and reads as a word when printed
    validations: [{ at: { table: PLAN_TABLES.calendar, column: w.done }, allowed: [w.done], errorTitle: w.doneOnlyTitle, error: w.doneOnly }],
    // overdue against the day the book is opened, not the run date: an action stays marked until it is ticked
    conditionalFormats: [
      {
        kind: "rowRule",
        at: [
          { table: PLAN_TABLES.calendar, column: w.date },
          { table: PLAN_TABLES.calendar, column: w.remark },
        ],
        formula: 'AND(ISNUMBER({0}),{0}<TODAY(),{1}="")',
        refs: [
          { table: PLAN_TABLES.calendar, column: w.date },
          { table: PLAN_TABLES.calendar, column: w.done },
        ],
        style: WARNING_STYLE,
      },
    ],
  };
  return { sheet, truncated: plans.calendar.length - count };
}

/** The Targets sheet: per owner, renewal and new-business prospects, ready to print. */
export function targetsSheet(plans: Plans, lang: Lang, name = SHEET_NAMES[lang].targets): OutputSheet {
  const w = WORDS[lang];
  const f = FIELD_NAMES[lang];
  return {
    key: "targets",
    name,
    tables: [
      {
        name: PLAN_TABLES.targets,
        row: 0,
        column: 0,
        columns: [
          { header: f.owner, format: "text", width: 10 },
          { header: w.list, format: "text", width: 14 },
          { header: w.place, format: "integer", width: 6 },
          { header: f.id, format: "text", width: 14 },
          { header: f.name, format: "text", width: 12 },
          { header: w.tier, format: "text", width: 8 },
          { header: w.quadrant, format: "text", width: 8 },
          { header: f.value, format: "money", width: 14 },
          { header: w.due, format: "date", width: 12 },
        ],
        rows: plans.targets.map((t) => [
          t.owner,
          t.list === "renewal" ? w.listRenewal : w.listNewBusiness,
          t.place,
          t.client.id,
          t.client.name,
          t.client.tier,
          t.client.quadrant ? QUADRANT_LABELS[lang][t.client.quadrant] : null,
          t.client.value,
          t.due === null ? null : serialOf(t.due),
        ]),
      },
    ],
    blocks: [],
    freezeRows: 1,
    // one owner per page, the header repeated on each
    print: {
      titleRows: 1,
      breaksBefore: breaksAtChanges(
        1,
        plans.targets.map((t) => t.owner),
      ),
    },
    conditionalFormats: [
      ...tierColours(PLAN_TABLES.targets, w.tier, tierLabelsOf(plans.targets.map((t) => t.client))),
      ...quadrantColours(
        PLAN_TABLES.targets,
        w.quadrant,
        QUADRANTS.map((q) => ({ quadrant: q, label: QUADRANT_LABELS[lang][q] })),
      ),
    ],
  };
}
