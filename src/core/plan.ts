import { addMonths, dayOfSerial, EXCEL_LAST_DAY, isoOf, nextAnniversary, nextPeriodStart, readDate, type Day } from "./dates";
import type { HeaderMatch } from "./columns";
import { TARGET_DEFAULTS } from "./config";
import type { DataIssue, Segmentation, SegmentedClient } from "./job";
import { SEPARATORS, type Lang } from "./lang";
import { COST_LEVELS, PLANNING_FIELDS, visitMonthsOf, type CostLevel, type Mark, type Playbook } from "./playbook";
import { QUADRANTS, type Quadrant } from "./quadrant";
import { shownValue } from "./values";
import { WORDS, type Word } from "./vocabulary";

/*
 * A plan for every client (SPEC section 4): the services of the client's quadrant with their marks
 * and cadence, the cost level, the segment's planning fields, and the next dated actions (birthday,
 * policy anniversary, renewal, visit, quarterly review); the calendar of those actions; and the
 * target lists of each owner. All dates are calendar days from the run date: reproducible.
 */

export const ACTIONS = ["birthday", "anniversary", "renewal", "visit", "review"] as const;
export type ActionKind = (typeof ACTIONS)[number];

export interface Action {
  day: Day;
  kind: ActionKind;
  client: SegmentedClient;
  /** a visit or renewal whose due day is before the run date: dated on its due day */
  overdue?: boolean;
  /** a visit for a client with no last contact on record: due now, with no date of its own */
  undated?: boolean;
}

export interface ClientPlan {
  client: SegmentedClient;
  /** by the playbook's service key (one of SERVICES, or the name of a service the manager added) */
  services: { service: string; mark: Mark }[];
  /** months between visits for this client's tier */
  visitMonths: number;
  cost: CostLevel | null;
  planning: Record<(typeof PLANNING_FIELDS)[number], string> | null;
  actions: Action[];
}

export interface TargetEntry {
  owner: string;
  list: "renewal" | "newBusiness";
  place: number;
  client: SegmentedClient;
  due: Day | null;
}

export interface PlanOptions {
  asOf: Day;
  playbook: Playbook;
  /** how many renewal and new-business prospects per owner */
  targets?: { renewal: number; newBusiness: number };
  /** actions people ticked done (keys from actionKey): not counted as due */
  done?: ReadonlyMap<string, unknown>;
}

export interface Plans {
  plans: ClientPlan[];
  /** every action, by date, then owner, then the client's place in the list (largest first), then kind */
  calendar: Action[];
  targets: TargetEntry[];
  issues: DataIssue[];
  /** open actions per owner, in three bands that do not overlap (DueSoon) */
  dueSoon: DueSoon[];
}

/**
 * An owner's open (not ticked done) actions by when they fall due, counted once each: overdue
 * (due before the run date), due in the 7 days from the run date (day 0 to 6, an undated visit
 * for a client with no contact on record among them, as it is due now), and due on days 7 to 29
 * (the 8th to the 30th day). within7 + days8to30 counts what is upcoming within 30 days.
 */
export interface DueSoon {
  owner: string;
  overdue: number;
  within7: number;
  days8to30: number;
}

const DATE_FIELDS = ["birthDate", "policyDate", "renewalDate", "lastContact"] as const;

/** Plans, calendar and target lists for a segmentation. */
export function planClients(result: Segmentation, options: PlanOptions): Plans {
  const { asOf, playbook } = options;
  const issues: DataIssue[] = [];
  const col = new Map(result.columns.map((c) => [c.field, c] as [string, HeaderMatch]));
  const dateColumns = DATE_FIELDS.map((f) => col.get(f));
  const plans: ClientPlan[] = new Array(result.clients.length);
  const review = nextReview(asOf, playbook.reviewMonths);
  // what depends only on the quadrant or the tier is worked out once, not per client
  const byQuadrant = new Map<Quadrant | null, { services: ClientPlan["services"]; cost: CostLevel | null }>();
  const servicesFor = (q: Quadrant | null) => {
    let found = byQuadrant.get(q);
    if (!found) {
      const services = q ? servicesOf(playbook, q) : [];
      byQuadrant.set(
        q,
        (found = {
          services,
          cost: costOf(
            services.map((s) => s.service),
            playbook,
          ),
        }),
      );
    }
    return found;
  };
  const monthsByTier = new Map<number | null, number>();
  const anniversaries = new AnniversaryMemo(asOf);
  // the dates of a client, by DATE_FIELDS; NaN where there is none
  const dates = new Float64Array(DATE_FIELDS.length);

  for (let i = 0; i < result.clients.length; i++) {
    const client = result.clients[i];
    for (let f = 0; f < DATE_FIELDS.length; f++) {
      const m = dateColumns[f];
      dates[f] = NaN;
      if (!m) continue;
      const raw = client.cells[m.column];
      const serial = dayOfSerial(raw);
      if (!Number.isNaN(serial)) {
        dates[f] = serial;
        continue;
      }
      const d = readDate(raw);
      if (d.kind === "date") dates[f] = d.day;
      else if (d.kind === "issue") issues.push({ row: client.sourceRow, column: m.header, value: shownValue(raw), issue: d.issue });
    }
    const birthDate = dates[0];
    const policyDate = dates[1];
    const renewalDate = dates[2];
    const lastContact = dates[3];
    // made at its size (an array grown by push keeps room for a dozen more, a million times), and
    // filled in ACTIONS order, so a stable sort by day alone keeps kinds of one day in that order
    const actions: Action[] = new Array(2 + (Number.isNaN(birthDate) ? 0 : 1) + (Number.isNaN(policyDate) ? 0 : 1) + (Number.isNaN(renewalDate) ? 0 : 1));
    let n = 0;
    if (!Number.isNaN(birthDate)) actions[n++] = { day: anniversaries.next(birthDate), kind: "birthday", client };
    if (!Number.isNaN(policyDate)) actions[n++] = { day: anniversaries.next(policyDate), kind: "anniversary", client };
    if (!Number.isNaN(renewalDate)) actions[n++] = renewalAction(renewalDate, asOf, client);
    const tierIndex = client.tierIndex ?? null;
    let months = monthsByTier.get(tierIndex);
    if (months === undefined) monthsByTier.set(tierIndex, (months = visitMonthsOf(playbook, tierIndex)));
    if (!Number.isNaN(lastContact)) {
      const due = addMonths(lastContact, months);
      actions[n++] = due >= asOf ? { day: due, kind: "visit", client } : { day: due, kind: "visit", client, overdue: true };
    } else {
      // dated on the run date for ordering and counts; written without a date, so a tick stays put
      actions[n++] = { day: asOf, kind: "visit", client, undated: true };
    }
    actions[n] = { day: review, kind: "review", client };
    dropBeyondExcel(actions, dateColumns, issues, result.lang);
    byDay(actions);

    const q = client.quadrant;
    const { services, cost } = servicesFor(q);
    plans[i] = { client, services, visitMonths: months, cost, planning: q ? playbook.planning[q] : null, actions };
  }
  const owners = ownerOrder(plans);
  const calendar = calendarOrder(plans, owners);
  return {
    plans,
    calendar,
    targets: targetLists(plans, options.targets ?? TARGET_DEFAULTS),
    issues,
    dueSoon: dueSoon(plans, owners, asOf, options.done),
  };
}

/** The date column each dated action is worked out from. */
const ACTION_FIELD: Partial<Record<ActionKind, number>> = { birthday: 0, anniversary: 1, renewal: 2, visit: 3 };
const ACTION_WORD: Record<ActionKind, Word> = {
  birthday: "actionBirthday",
  anniversary: "actionAnniversary",
  renewal: "actionRenewal",
  visit: "actionVisit",
  review: "actionReview",
};

/**
 * Takes out the actions a cadence pushed past 9999-12-31, the last date Excel shows (a placeholder
 * such as 9999-12-31 as a birth or contact date): each is a Data issues row, not a calendar row.
 */
function dropBeyondExcel(actions: Action[], columns: readonly (HeaderMatch | undefined)[], issues: DataIssue[], lang: Lang): void {
  for (let i = actions.length - 1; i >= 0; i--) {
    const a = actions[i];
    if (a.day <= EXCEL_LAST_DAY) continue;
    const m = columns[ACTION_FIELD[a.kind] ?? -1];
    const raw = m ? a.client.cells[m.column] : undefined;
    const from = m ? readDate(raw) : undefined;
    const value = from?.kind === "date" ? isoOf(from.day) : shownValue(raw);
    issues.push({
      row: a.client.sourceRow,
      column: m?.header ?? "",
      value,
      issue: { code: "actionBeyondExcel", params: { value, action: WORDS[lang][ACTION_WORD[a.kind]] } },
    });
    actions.splice(i, 1);
  }
}

/** Stable insertion sort by day: a plan has five actions at most. */
function byDay(actions: Action[]): void {
  for (let i = 1; i < actions.length; i++) {
    const a = actions[i];
    let j = i - 1;
    while (j >= 0 && actions[j].day > a.day) {
      actions[j + 1] = actions[j];
      j--;
    }
    actions[j + 1] = a;
  }
}

/**
 * nextAnniversary from one run date, remembered by day of origin: a million clients have a few
 * tens of thousands of distinct birth and policy dates. A slot per day, as isoOf keeps its texts:
 * 65,536 consecutive days (1900 to 2079) never share one, and no Map lookup per date.
 */
class AnniversaryMemo {
  private static readonly SLOTS = 65536;
  private readonly origins = new Float64Array(AnniversaryMemo.SLOTS).fill(NaN);
  // whole days in an Int32Array read back as small integers, not as a boxed number per action
  private readonly days = new Int32Array(AnniversaryMemo.SLOTS);
  constructor(private readonly from: Day) {}
  next(origin: Day): Day {
    const slot = origin & (AnniversaryMemo.SLOTS - 1);
    if (this.origins[slot] === origin) return this.days[slot];
    const day = nextAnniversary(origin, this.from);
    this.origins[slot] = origin;
    this.days[slot] = day;
    return day;
  }
}

/** Owners sorted, and each plan's owner as an index into them. */
interface OwnerOrder {
  names: string[];
  /** per plan, the index of its owner in `names` */
  of: Int32Array;
}

function ownerOrder(plans: readonly ClientPlan[]): OwnerOrder {
  const index = new Map<string, number>();
  const names: string[] = [];
  const first = new Int32Array(plans.length);
  for (let i = 0; i < plans.length; i++) {
    const owner = plans[i].client.owner;
    let at = index.get(owner);
    if (at === undefined) {
      index.set(owner, (at = names.length));
      names.push(owner);
    }
    first[i] = at;
  }
  const sorted = [...names].sort(compare);
  const rank = new Int32Array(names.length);
  sorted.forEach((name, i) => (rank[index.get(name)!] = i));
  const of = new Int32Array(plans.length);
  for (let i = 0; i < plans.length; i++) of[i] = rank[first[i]];
  return { names: sorted, of };
}

/**
 * Every action, by date, then owner, then the client's place in the list, then kind. A counting
 * sort on (date, owner): plans are visited in list order and each plan's actions are already by
 * date, then kind, so every bucket fills in the right order. Where the dates span so long that
 * the buckets would outnumber the actions, one packed number per action is sorted instead, or a
 * comparator when the packing would not fit a double exactly.
 */
function calendarOrder(plans: readonly ClientPlan[], ownerOrder: OwnerOrder): Action[] {
  const owners = ownerOrder.names;
  let count = 0;
  let minDay = Infinity;
  let maxDay = -Infinity;
  // indexed loops: for-of over four million actions costs an iterator result each where not optimised away
  for (let i = 0; i < plans.length; i++) {
    const actions = plans[i].actions;
    for (let j = 0; j < actions.length; j++) {
      const day = actions[j].day;
      count++;
      if (day < minDay) minDay = day;
      if (day > maxDay) maxDay = day;
    }
  }
  const span = count ? maxDay - minDay + 1 : 1;
  if (span * owners.length <= 4 * count + 1024) return byDateAndOwner(plans, ownerOrder, count, minDay, span);
  const kinds = ACTIONS.length + 1;
  if (span * owners.length * plans.length * kinds >= Number.MAX_SAFE_INTEGER) {
    const all = plans.flatMap((p, i) => p.actions.map((a) => ({ a, i })));
    all.sort((x, y) => x.a.day - y.a.day || compare(x.a.client.owner, y.a.client.owner) || x.i - y.i || ACTIONS.indexOf(x.a.kind) - ACTIONS.indexOf(y.a.kind));
    return all.map((x) => x.a);
  }
  const keys = new Float64Array(count);
  let k = 0;
  plans.forEach((p, i) => {
    const owner = ownerOrder.of[i];
    for (const a of p.actions) keys[k++] = (((a.day - minDay) * owners.length + owner) * plans.length + i) * kinds + ACTIONS.indexOf(a.kind);
  });
  keys.sort();
  const out: Action[] = new Array(count);
  for (let j = 0; j < count; j++) {
    const key = keys[j];
    const kind = ACTIONS[key % kinds];
    const client = Math.floor(key / kinds) % plans.length;
    const actions = plans[client].actions;
    let m = 0;
    while (actions[m].kind !== kind) m++;
    out[j] = actions[m];
  }
  return out;
}

function byDateAndOwner(plans: readonly ClientPlan[], ownerOrder: OwnerOrder, count: number, minDay: Day, span: number): Action[] {
  const owners = ownerOrder.names.length;
  const starts = new Int32Array(span * owners + 1);
  for (let i = 0; i < plans.length; i++) {
    const owner = ownerOrder.of[i];
    const actions = plans[i].actions;
    for (let j = 0; j < actions.length; j++) starts[(actions[j].day - minDay) * owners + owner + 1]++;
  }
  for (let b = 1; b < starts.length; b++) starts[b] += starts[b - 1];
  const out: Action[] = new Array(count);
  for (let i = 0; i < plans.length; i++) {
    const owner = ownerOrder.of[i];
    const actions = plans[i].actions;
    for (let j = 0; j < actions.length; j++) out[starts[(actions[j].day - minDay) * owners + owner]++] = actions[j];
  }
  return out;
}

/** The next review: the start of the next review period (quarters by default), fixed in the calendar. */
function nextReview(asOf: Day, months: number): Day {
  return nextPeriodStart(asOf, months);
}

/** Days after a renewal premium falls due in which the policy stays in force (the usual 60-day grace period). */
export const RENEWAL_GRACE_DAYS = 60;

/**
 * The renewal action: the due date itself when it is ahead; overdue, on its due day, while it is
 * within the grace period (a missed premium is the most urgent action there is); a due date older
 * than that is taken as paid and the next yearly one is due.
 */
function renewalAction(due: Day, asOf: Day, client: SegmentedClient): Action {
  if (due >= asOf) return { day: due, kind: "renewal", client };
  if (asOf - due <= RENEWAL_GRACE_DAYS) return { day: due, kind: "renewal", client, overdue: true };
  return { day: nextAnniversary(due, asOf), kind: "renewal", client };
}

/** Services that apply to a quadrant: every mark but ×. */
function servicesOf(playbook: Playbook, q: Quadrant): ClientPlan["services"] {
  return playbook.services.filter((s) => s.marks[q] !== "×").map((s) => ({ service: s.service, mark: s.marks[q] }));
}

/** The cost level of a plan: the highest cost of the services it gives. */
function costOf(services: string[], playbook: Playbook): CostLevel | null {
  let best = -1;
  for (const s of services) {
    const cost = playbook.services.find((x) => x.service === s)!.cost;
    best = Math.max(best, COST_LEVELS.indexOf(cost));
  }
  return best < 0 ? null : COST_LEVELS[best];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Per owner, among tier A and B clients (the top two tiers): the top renewal prospects (a renewal
 * or policy anniversary on record, largest premium first) and the top new-business prospects
 * (pamper, then cultivate, then maintain, then develop; higher score, then larger premium first).
 */
function targetLists(plans: ClientPlan[], limits: { renewal: number; newBusiness: number }): TargetEntry[] {
  const byOwner = new Map<string, ClientPlan[]>();
  for (let i = 0; i < plans.length; i++) {
    const p = plans[i];
    if (p.client.tierIndex === null || p.client.tierIndex > 1) continue;
    const list = byOwner.get(p.client.owner);
    if (list) list.push(p);
    else byOwner.set(p.client.owner, [p]);
  }
  const out: TargetEntry[] = [];
  const priority = (p: ClientPlan) => (p.client.quadrant ? QUADRANTS.indexOf(p.client.quadrant) : QUADRANTS.length);
  for (const owner of [...byOwner.keys()].sort(compare)) {
    const mine = byOwner.get(owner)!;
    const dated: { p: ClientPlan; due: Day }[] = [];
    for (const p of mine) {
      const due = renewalDueOf(p);
      if (due !== null) dated.push({ p, due });
    }
    const renewal = firstInOrder(
      dated,
      limits.renewal,
      (a, b) => (b.p.client.value ?? 0) - (a.p.client.value ?? 0) || a.due - b.due || compare(a.p.client.id, b.p.client.id),
    );
    renewal.forEach(({ p, due }, i) => out.push({ owner, list: "renewal", place: i + 1, client: p.client, due }));
    const ranked = mine.map((p) => ({ p, priority: priority(p) }));
    const fresh = firstInOrder(
      ranked,
      limits.newBusiness,
      (a, b) =>
        a.priority - b.priority ||
        (b.p.client.score ?? -1) - (a.p.client.score ?? -1) ||
        (b.p.client.value ?? 0) - (a.p.client.value ?? 0) ||
        compare(a.p.client.id, b.p.client.id),
    );
    fresh.forEach(({ p }, i) => out.push({ owner, list: "newBusiness", place: i + 1, client: p.client, due: null }));
  }
  return out;
}

/** When a renewal talk is due: the plan's renewal, else its policy anniversary, else null. */
function renewalDueOf(p: ClientPlan): Day | null {
  let anniversary: Day | null = null;
  for (let j = 0; j < p.actions.length; j++) {
    const a = p.actions[j];
    if (a.kind === "renewal") return a.day;
    if (a.kind === "anniversary" && anniversary === null) anniversary = a.day;
  }
  return anniversary;
}

/**
 * The first `k` items as a stable sort by `order` would list them, without sorting them all: an
 * owner has a hundred thousand A and B clients and a target list ten.
 */
function firstInOrder<T>(items: readonly T[], k: number, order: (a: T, b: T) => number): T[] {
  const best: T[] = [];
  if (k <= 0) return best;
  for (const item of items) {
    if (best.length === k && order(item, best[k - 1]) >= 0) continue;
    // after every kept item it does not come before: ties keep their list order
    let at = best.length;
    while (at > 0 && order(item, best[at - 1]) < 0) at--;
    best.splice(at, 0, item);
    if (best.length > k) best.pop();
  }
  return best;
}

function dueSoon(plans: readonly ClientPlan[], owners: OwnerOrder, asOf: Day, done: ReadonlyMap<string, unknown> = new Map()): DueSoon[] {
  const overdue = new Float64Array(owners.names.length);
  const within7 = new Float64Array(owners.names.length);
  const days8to30 = new Float64Array(owners.names.length);
  for (let i = 0; i < plans.length; i++) {
    const p = plans[i];
    const o = owners.of[i];
    for (let j = 0; j < p.actions.length; j++) {
      const a = p.actions[j];
      if (done.size && done.has(actionKey(p.client.id, a))) continue;
      const days = a.day - asOf;
      if (days < 0) overdue[o]++;
      else if (days < 7) within7[o]++;
      else if (days < 30) days8to30[o]++;
    }
  }
  return owners.names.map((owner, o) => ({ owner, overdue: overdue[o], within7: within7[o], days8to30: days8to30[o] }));
}

/**
 * The key a done mark is kept by: client, action and its date, so next year's birthday is a new
 * action; an undated visit (no contact on record) keeps its tick until a contact is recorded.
 */
export function actionKey(clientId: string, action: Pick<Action, "kind" | "day" | "undated">): string {
  return `${clientId}|${action.kind}|${action.undated ? "-" : isoOf(action.day)}`;
}

/** A plan's next actions as one line: "拜访 2025-07-10（逾期）；生日祝福 2026-03-07 …". */
export function actionsLine(actions: readonly Action[], lang: Lang, words: Record<ActionKind, string>, overdue: string, undated: string): string {
  return new ActionPhrases(lang, words, overdue, undated).line(actions);
}

/** Where each kind is in ACTIONS, without a search per action. */
const KIND_INDEX: Record<ActionKind, number> = { birthday: 0, anniversary: 1, renewal: 2, visit: 3, review: 4 };

/**
 * Lines of actions for many plans: each action's phrase ("生日祝福 2026-03-07") is made once per
 * kind, date and overdue mark, not once per client; a million plans share a few thousand phrases.
 */
export class ActionPhrases {
  /** a slot per kind, overdue mark and day, as isoOf keeps its texts */
  private static readonly DAY_SLOTS = 4096;
  private readonly days = new Float64Array(ACTIONS.length * 2 * ActionPhrases.DAY_SLOTS).fill(NaN);
  private readonly phrases: string[] = new Array<string>(ACTIONS.length * 2 * ActionPhrases.DAY_SLOTS).fill("");
  /** by kind and overdue mark, as the slots */
  private readonly undatedPhrases: string[] = [];
  private readonly separator: string;
  /** the phrases of the line being made: one array per count of actions, reused for every line */
  private readonly partsByCount: string[][] = [];

  constructor(
    lang: Lang,
    private readonly words: Record<ActionKind, string>,
    private readonly overdue: string,
    undated: string,
  ) {
    this.separator = SEPARATORS[lang].clauses;
    for (const kind of ACTIONS) this.undatedPhrases.push(`${words[kind]} ${undated}`, `${words[kind]} ${undated}${overdue}`);
  }

  line(actions: readonly Action[]): string {
    // joined, not added up: one flat string per client instead of a tree of pieces that all live on
    const parts = (this.partsByCount[actions.length] ??= new Array<string>(actions.length));
    for (let i = 0; i < actions.length; i++) parts[i] = this.phrase(actions[i]);
    return parts.join(this.separator);
  }

  private phrase(a: Action): string {
    const mark = KIND_INDEX[a.kind] * 2 + (a.overdue ? 1 : 0);
    if (a.undated) return this.undatedPhrases[mark];
    const slot = (mark * ActionPhrases.DAY_SLOTS) | (a.day & (ActionPhrases.DAY_SLOTS - 1));
    if (this.days[slot] === a.day) return this.phrases[slot];
    const text = `${this.words[a.kind]} ${isoOf(a.day)}${a.overdue ? this.overdue : ""}`;
    this.days[slot] = a.day;
    this.phrases[slot] = text;
    return text;
  }
}
