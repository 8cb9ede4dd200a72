import { readDate, serialOf, type Day } from "./dates";
import { LANGS, SEPARATORS, type Lang } from "./lang";
import type { CellValue, OutputSheet, OutputTable } from "./output";
import { findColumns } from "./ownership";
import { quadrantColours, tierColours, tierLabelsOf, WARNING_STYLE } from "./palette";
import { PLANNING_FIELDS, PLAYBOOK_WORDS, cadenceText, type Playbook } from "./playbook";
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

/** Services of a plan as one line: "常规服务 √ 每周 1-2 条；定期拜访 ☆ 每 3 个月". */
function servicesLine(plan: ClientPlan, playbook: Playbook, lang: Lang): string {
  const w = PLAYBOOK_WORDS[lang];
  const every = WORDS[lang].everyMonths;
  return plan.services
    .map(({ service, mark }) => {
      const cadence = service === "visits" && !cadenceText(playbook, service, lang) ? fill(every, { n: plan.visitMonths }) : cadenceText(playbook, service, lang);
      const name = w.services[service].replace(/[（(].*$/, "");
      return [name, mark, cadence].filter(Boolean).join(" ");
    })
    .join(SEPARATORS[lang].clauses);
}

/** The Plans sheet: one row per client, notes kept by client id. */
export function plansSheet(plans: Plans, playbook: Playbook, lang: Lang, notes: ReadonlyMap<string, CellValue>, name = SHEET_NAMES[lang].plans): OutputSheet {
  const w = WORDS[lang];
  const f = FIELD_NAMES[lang];
  const pw = PLAYBOOK_WORDS[lang];
  const phrases = new ActionPhrases(lang, actionWords(lang), w.overdueShort, w.asap);
  // clients of one quadrant and visit cadence share their services and planning cells: build them once
  const shared = new Map<number, { services: string | null; planning: (string | null)[] }>();
  const sharedOf = (p: ClientPlan) => {
    // visitMonths is a whole number of months, within MONTH_LIMITS.visit
    const key = (p.client.quadrant ? QUADRANTS.indexOf(p.client.quadrant) + 1 : 0) + 8 * p.visitMonths;
    let cells = shared.get(key);
    if (cells === undefined)
      shared.set(key, (cells = { services: servicesLine(p, playbook, lang) || null, planning: PLANNING_FIELDS.map((field) => p.planning?.[field] || null) }));
    return cells;
  };
  const quadrantLabels = QUADRANT_LABELS[lang];
  const rows: CellValue[][] = new Array(plans.plans.length);
  for (let i = 0; i < plans.plans.length; i++) {
    const p = plans.plans[i];
    const c = p.client;
    const { services, planning } = sharedOf(p);
    // PLANNING_FIELDS are seven: written out, so a row is built once at its size
    rows[i] = [
      c.id,
      c.name,
      c.owner,
      c.tier,
      c.quadrant ? quadrantLabels[c.quadrant] : null,
      services,
      p.cost ? pw.costs[p.cost] : null,
      planning[0],
      planning[1],
      planning[2],
      planning[3],
      planning[4],
      planning[5],
      planning[6],
      phrases.line(p.actions),
      p.actions.length ? serialOf(p.actions[0].day) : null,
      notes.size ? (notes.get(c.id) ?? null) : null,
    ];
  }
  const table: OutputTable = {
    name: PLAN_TABLES.plans,
    row: 0,
    column: 0,
    columns: [
      { header: f.id, format: "text", width: 14, role: "id" },
      { header: f.name, format: "text", width: 12 },
      { header: f.owner, format: "text", width: 10 },
      { header: w.tier, format: "text", width: 8 },
      { header: w.quadrant, format: "text", width: 8 },
      { header: w.services, format: "text", width: 60 },
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
    blocks: [],
    freezeRows: 1,
    print: { titleRows: 1 },
    conditionalFormats: [
      ...tierColours(PLAN_TABLES.plans, w.tier, tierLabelsOf(plans.plans.map((p) => p.client))),
      ...quadrantColours(PLAN_TABLES.plans, w.quadrant, QUADRANTS.map((q) => ({ quadrant: q, label: quadrantLabels[q] }))),
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
    print: { titleRows: 1, breaksBefore: breaksAtChanges(1, plans.targets.map((t) => t.owner)) },
    conditionalFormats: [
      ...tierColours(PLAN_TABLES.targets, w.tier, tierLabelsOf(plans.targets.map((t) => t.client))),
      ...quadrantColours(PLAN_TABLES.targets, w.quadrant, QUADRANTS.map((q) => ({ quadrant: q, label: QUADRANT_LABELS[lang][q] }))),
    ],
  };
}
