import { dayOfSerial, dayOf, isoOf, partsOf, readDate, type Day } from "./dates";
import type { Segmentation } from "./job";
import type { CellValue } from "./output";
import { actionKey } from "./plan";

/*
 * The renewal rate (续保率, issue 11 item 4), per owner and per month. The rule, in one place:
 * - the window is the quarter of the review: the run date's month and the two before it;
 * - a renewal is due in a month when the client's renewal date (the renewal date column, as typed)
 *   falls in that month of the window, on or before the run date;
 * - it is renewed when the table's renewed / paid column says so (是, 已续保, 已缴费, Y, yes, paid,
 *   TRUE, 1, √, a date), or when its "renewal due" action of that date is ticked Done on the
 *   Calendar as it was before this run;
 * - the rate is renewed / due; the team's is the sum over owners. A target from the Playbook sits beside.
 */

export const RENEWAL_WINDOW_MONTHS = 3;

export interface RenewalLine {
  owner: string;
  /** yyyy-mm */
  month: string;
  due: number;
  renewed: number;
}

export interface RenewalRates {
  /** the months of the window, yyyy-mm, oldest first */
  months: string[];
  /** per owner (in order of first appearance in the list) per month with a renewal due */
  lines: RenewalLine[];
  /** per owner over the window */
  owners: { owner: string; due: number; renewed: number }[];
  team: { due: number; renewed: number };
  /** the Playbook's target, 0..1; null for none */
  target: number | null;
}

const YES = /^(是|是的|已续保|已续期|已续|已缴|已缴费|已交费|已付|完成|已完成|y|yes|paid|renewed|done|true|✓|√|✔)$/i;

/** Whether a renewed / paid cell says the renewal was paid. */
export function saysRenewed(cell: unknown): boolean {
  if (cell === true) return true;
  if (typeof cell === "number") return cell > 0;
  if (typeof cell === "string") {
    const t = cell.trim();
    if (YES.test(t)) return true;
    return readDate(t).kind === "date";
  }
  return cell instanceof Date;
}

const monthOf = (day: Day) => isoOf(day).slice(0, 7);

/** The renewal rates of a run on its date, from the renewal date and renewed columns and the Calendar's ticks. Null when there is no renewal date column. */
export function renewalRates(result: Segmentation, asOf: Day, done: ReadonlyMap<string, CellValue>, target: number | null = null): RenewalRates | null {
  const dueAt = result.columns.find((c) => c.field === "renewalDate");
  if (!dueAt) return null;
  const renewedAt = result.columns.find((c) => c.field === "renewed");
  const { year, month } = partsOf(asOf);
  const start = dayOf(month - RENEWAL_WINDOW_MONTHS + 1 > 0 ? year : year - 1, ((month - RENEWAL_WINDOW_MONTHS + 12) % 12) + 1, 1);
  const months: string[] = [];
  for (let k = 0; k < RENEWAL_WINDOW_MONTHS; k++) {
    const m = ((month - RENEWAL_WINDOW_MONTHS + k + 12) % 12) + 1;
    months.push(`${m > month ? year - 1 : year}-${String(m).padStart(2, "0")}`);
  }
  const byOwner = new Map<string, Map<string, RenewalLine>>();
  for (const c of result.clients) {
    const raw = c.cells[dueAt.column];
    let day = dayOfSerial(raw);
    if (Number.isNaN(day)) {
      const d = readDate(raw);
      if (d.kind !== "date") continue;
      day = d.day;
    }
    if (day < start || day > asOf) continue;
    const key = monthOf(day);
    let lines = byOwner.get(c.owner);
    if (!lines) byOwner.set(c.owner, (lines = new Map()));
    let line = lines.get(key);
    if (!line) lines.set(key, (line = { owner: c.owner, month: key, due: 0, renewed: 0 }));
    line.due++;
    if ((renewedAt && saysRenewed(c.cells[renewedAt.column])) || done.has(actionKey(c.id, { kind: "renewal", day }))) line.renewed++;
  }
  const lines: RenewalLine[] = [];
  const owners: RenewalRates["owners"] = [];
  const team = { due: 0, renewed: 0 };
  for (const [owner, byMonth] of byOwner) {
    const total = { owner, due: 0, renewed: 0 };
    for (const m of months) {
      const line = byMonth.get(m);
      if (!line) continue;
      lines.push(line);
      total.due += line.due;
      total.renewed += line.renewed;
    }
    owners.push(total);
    team.due += total.due;
    team.renewed += total.renewed;
  }
  return { months, lines, owners, team, target };
}
