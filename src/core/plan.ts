import { addMonths, isoOf, nextAnniversary, nextPeriodStart, readDate, type Day } from "./dates";
import type { HeaderMatch } from "./columns";
import { shownValue, type DataIssue, type Segmentation, type SegmentedClient } from "./job";
import type { Lang } from "./lang";
import { COST_LEVELS, PLANNING_FIELDS, visitMonthsOf, type CostLevel, type Mark, type Playbook, type Service } from "./playbook";
import { QUADRANTS, type Quadrant } from "./quadrant";

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
  services: { service: Service; mark: Mark }[];
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
  /** actions due within 7 and 30 days of the run date, per owner */
  dueSoon: { owner: string; within7: number; within30: number }[];
}

const DATE_FIELDS = ["birthDate", "policyDate", "renewalDate", "lastContact"] as const;

/** Plans, calendar and target lists for a segmentation. */
export function planClients(result: Segmentation, options: PlanOptions): Plans {
  const { asOf, playbook } = options;
  const issues: DataIssue[] = [];
  const col = new Map(result.columns.map((c) => [c.field, c] as [string, HeaderMatch]));
  const plans: ClientPlan[] = [];
  const review = nextReview(asOf, playbook.reviewMonths);

  for (const client of result.clients) {
    const dates: Partial<Record<(typeof DATE_FIELDS)[number], Day>> = {};
    for (const f of DATE_FIELDS) {
      const m = col.get(f);
      if (!m) continue;
      const raw = client.cells[m.column];
      const d = readDate(raw);
      if (d.kind === "date") dates[f] = d.day;
      else if (d.kind === "issue") issues.push({ row: client.sourceRow, column: m.header, value: shownValue(raw), issue: d.issue });
    }
    const actions: Action[] = [];
    if (dates.birthDate !== undefined) actions.push({ day: nextAnniversary(dates.birthDate, asOf), kind: "birthday", client });
    if (dates.policyDate !== undefined) actions.push({ day: nextAnniversary(dates.policyDate, asOf), kind: "anniversary", client });
    if (dates.renewalDate !== undefined) actions.push(renewalAction(dates.renewalDate, asOf, client));
    const tierIndex = client.tierIndex ?? null;
    const months = visitMonthsOf(playbook, tierIndex);
    if (dates.lastContact !== undefined) {
      const due = addMonths(dates.lastContact, months);
      actions.push(due >= asOf ? { day: due, kind: "visit", client } : { day: due, kind: "visit", client, overdue: true });
    } else {
      // dated on the run date for ordering and counts; written without a date, so a tick stays put
      actions.push({ day: asOf, kind: "visit", client, undated: true });
    }
    actions.push({ day: review, kind: "review", client });
    actions.sort((a, b) => a.day - b.day || ACTIONS.indexOf(a.kind) - ACTIONS.indexOf(b.kind));

    const q = client.quadrant;
    const services = q ? servicesOf(playbook, q) : [];
    plans.push({ client, services, visitMonths: months, cost: costOf(services.map((s) => s.service), playbook), planning: q ? playbook.planning[q] : null, actions });
  }
  const calendar = calendarOrder(plans);
  return {
    plans,
    calendar,
    targets: targetLists(plans, options.targets ?? { renewal: 10, newBusiness: 10 }),
    issues,
    dueSoon: dueSoon(plans, asOf, options.done),
  };
}

/**
 * Every action, by date, then owner, then the client's place in the list, then kind. Sorted on one
 * packed number per action (a few million actions sort in well under a second), falling back to a
 * comparator when the packing would not fit a double exactly.
 */
function calendarOrder(plans: readonly ClientPlan[]): Action[] {
  const owners = [...new Set(plans.map((p) => p.client.owner))].sort(compare);
  const ownerIndex = new Map(owners.map((o, i) => [o, i]));
  let count = 0;
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (const p of plans)
    for (const a of p.actions) {
      count++;
      if (a.day < minDay) minDay = a.day;
      if (a.day > maxDay) maxDay = a.day;
    }
  const span = count ? maxDay - minDay + 1 : 1;
  const kinds = ACTIONS.length + 1;
  if (span * owners.length * plans.length * kinds >= Number.MAX_SAFE_INTEGER) {
    const all = plans.flatMap((p, i) => p.actions.map((a) => ({ a, i })));
    all.sort((x, y) => x.a.day - y.a.day || compare(x.a.client.owner, y.a.client.owner) || x.i - y.i || ACTIONS.indexOf(x.a.kind) - ACTIONS.indexOf(y.a.kind));
    return all.map((x) => x.a);
  }
  const keys = new Float64Array(count);
  let k = 0;
  plans.forEach((p, i) => {
    const owner = ownerIndex.get(p.client.owner)!;
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
function costOf(services: Service[], playbook: Playbook): CostLevel | null {
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
  for (const p of plans) {
    if (p.client.tierIndex === null || p.client.tierIndex > 1) continue;
    const list = byOwner.get(p.client.owner) ?? [];
    list.push(p);
    byOwner.set(p.client.owner, list);
  }
  const out: TargetEntry[] = [];
  for (const owner of [...byOwner.keys()].sort(compare)) {
    const mine = byOwner.get(owner)!;
    const dueOf = (p: ClientPlan) => p.actions.find((a) => a.kind === "renewal")?.day ?? p.actions.find((a) => a.kind === "anniversary")?.day ?? null;
    const renewal = mine
      .filter((p) => dueOf(p) !== null)
      .sort((a, b) => (b.client.value ?? 0) - (a.client.value ?? 0) || dueOf(a)! - dueOf(b)! || compare(a.client.id, b.client.id))
      .slice(0, limits.renewal);
    renewal.forEach((p, i) => out.push({ owner, list: "renewal", place: i + 1, client: p.client, due: dueOf(p) }));
    const priority = (p: ClientPlan) => (p.client.quadrant ? QUADRANTS.indexOf(p.client.quadrant) : QUADRANTS.length);
    const fresh = [...mine]
      .sort((a, b) => priority(a) - priority(b) || (b.client.score ?? -1) - (a.client.score ?? -1) || (b.client.value ?? 0) - (a.client.value ?? 0) || compare(a.client.id, b.client.id))
      .slice(0, limits.newBusiness);
    fresh.forEach((p, i) => out.push({ owner, list: "newBusiness", place: i + 1, client: p.client, due: null }));
  }
  return out;
}

function dueSoon(plans: readonly ClientPlan[], asOf: Day, done: ReadonlyMap<string, unknown> = new Map()): Plans["dueSoon"] {
  const counts = new Map<string, { within7: number; within30: number }>();
  for (const p of plans) {
    let c = counts.get(p.client.owner);
    if (!c) counts.set(p.client.owner, (c = { within7: 0, within30: 0 }));
    for (const a of p.actions) {
      if (done.size && done.has(actionKey(p.client.id, a))) continue;
      if (a.day - asOf < 7) c.within7++;
      if (a.day - asOf < 30) c.within30++;
    }
  }
  return [...counts.entries()].sort(([a], [b]) => compare(a, b)).map(([owner, c]) => ({ owner, ...c }));
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
  return actions
    .map((a) => `${words[a.kind]} ${a.undated ? undated : isoOf(a.day)}${a.overdue ? overdue : ""}`)
    .join(lang === "zh-CN" ? "；" : "; ");
}
