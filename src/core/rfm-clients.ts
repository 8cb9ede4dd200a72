import type { HeaderMatch } from "./columns";
import { dayOfSerial, readDate, type Day } from "./dates";
import type { DataIssue, GroupFigure, Segmentation } from "./job";
import type { Lang } from "./lang";
import {
  RFM_DEFAULT_BINS,
  RFM_OTHERS,
  RFM_SEGMENT_RULES,
  recencyDays,
  rfmScores,
  rfmSegmentLabel,
  rfmSegmentOf,
  rfmTieIssues,
  type RfmSegmentRule,
} from "./rfm";
import { readNumber, shownValue } from "./values";

/*
 * RFM in a run (issue 11, item 3): recency from the last contact date (else the policy date),
 * frequency from the policies / contacts column, monetary from the value; scored and segmented by
 * the rules of rfm.ts. One pass over the clients into typed columns; segments looked up by code,
 * so a million clients make no object each.
 */

/** The RFM of every client of a run, in the run's list order. */
export interface ClientsRfm {
  bins: number;
  /** rfm_score per client (100 R + 10 F + M); 0 where a measure is missing */
  codes: Uint16Array;
  /** the segment name per client (as on the Playbook, rfm.ts ids for the defaults), null where not scored */
  segments: (string | null)[];
  /** clients per segment in rule order, then Others; value summed in list order */
  figures: GroupFigure[];
  /** the clients left unscored (a measure missing) */
  unscored: number;
  issues: DataIssue[];
}

export interface RfmOptions {
  bins?: number;
  rules?: readonly RfmSegmentRule[];
}

/** True when a run's table has the three measures: a value, a frequency, and a date to count days from. */
export function hasRfmInputs(columns: readonly HeaderMatch[]): boolean {
  const has = (f: HeaderMatch["field"]) => columns.some((c) => c.field === f);
  return has("value") && has("frequency") && (has("lastContact") || has("policyDate"));
}

/** RFM per client of a segmentation on the run date; null when the table lacks one of the measures. */
export function rfmOfClients(result: Segmentation, asOf: Day, options: RfmOptions = {}): ClientsRfm | null {
  if (!hasRfmInputs(result.columns)) return null;
  const bins = options.bins ?? RFM_DEFAULT_BINS;
  const rules = options.rules ?? RFM_SEGMENT_RULES;
  const col = (f: HeaderMatch["field"]) => result.columns.find((c) => c.field === f);
  const contact = col("lastContact");
  const policy = col("policyDate");
  const frequencyAt = col("frequency")!;
  const issues: DataIssue[] = [];
  const n = result.clients.length;
  const recency = new Float64Array(n);
  const frequency = new Float64Array(n);
  const monetary = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = result.clients[i];
    monetary[i] = c.value ?? NaN;
    let last = contact ? dayIn(c.cells[contact.column]) : NaN;
    if (Number.isNaN(last) && policy) last = dayIn(c.cells[policy.column]);
    if (Number.isNaN(last)) recency[i] = NaN;
    else {
      const days = recencyDays(last, asOf);
      recency[i] = days.ok ? days.value : NaN;
      if (!days.ok)
        issues.push({ row: c.sourceRow, column: (contact ?? policy)!.header, value: shownValue(c.cells[(contact ?? policy)!.column]), issue: days.issue });
    }
    frequency[i] = frequencyIn(c.cells[frequencyAt.column], c.sourceRow, frequencyAt, issues);
  }
  const scored = rfmScores(recency, frequency, monetary, bins);
  const codes = new Uint16Array(n);
  const segments = new Array<string | null>(n).fill(null);
  const names = [...rules.map((r) => r.segment), RFM_OTHERS];
  const figures: GroupFigure[] = names.map((label) => ({ label, count: 0, value: 0 }));
  if (!scored.ok) return { bins, codes, segments, figures: [], unscored: n, issues };
  // the segment of each of the bins^3 codes, worked out once
  const segmentOfCode = new Map<number, number>();
  let unscored = 0;
  for (let i = 0; i < n; i++) {
    const code = scored.value.rfmScore[i];
    codes[i] = code;
    if (code === 0) {
      unscored++;
      continue;
    }
    let at = segmentOfCode.get(code);
    if (at === undefined) {
      const name = rfmSegmentOf(Math.floor(code / 100), Math.floor(code / 10) % 10, code % 10, rules);
      at = name === RFM_OTHERS ? names.length - 1 : rules.findIndex((r) => r.segment === name);
      segmentOfCode.set(code, at);
    }
    segments[i] = names[at];
    figures[at].count++;
    figures[at].value += monetary[i];
  }
  for (const issue of rfmTieIssues(scored.value)) issues.push({ row: null, column: "RFM", value: "", issue });
  return { bins, codes, segments, figures, unscored, issues };
}

/** The segment figures with their display names, segments no client is in left out. */
export function rfmFiguresIn(rfm: ClientsRfm, lang: Lang): GroupFigure[] {
  return rfm.figures.filter((f) => f.count > 0).map((f) => ({ ...f, label: rfmSegmentLabel(f.label, lang) }));
}

function dayIn(raw: unknown): number {
  const serial = dayOfSerial(raw);
  if (!Number.isNaN(serial)) return serial;
  const d = readDate(raw);
  // an unreadable date is already a Data issues row of the plans
  return d.kind === "date" ? d.day : NaN;
}

function frequencyIn(raw: unknown, row: number, m: HeaderMatch, issues: DataIssue[]): number {
  if (typeof raw === "number" && raw >= 0 && Number.isFinite(raw)) return raw;
  const reading = readNumber(raw);
  if (reading.kind === "blank") return NaN;
  if (reading.kind === "issue") {
    issues.push({ row, column: m.header, value: shownValue(raw), issue: reading.issue });
    return NaN;
  }
  if (reading.value < 0) {
    issues.push({ row, column: m.header, value: shownValue(raw), issue: { code: "negativeValue", params: { name: m.header, value: reading.value } } });
    return NaN;
  }
  return reading.value;
}
