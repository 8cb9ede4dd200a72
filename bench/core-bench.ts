/*
 * Bench section "core": the segmentation core, the CLIENT functions, and the whole job with plans
 * and calendar on 1,048,576 generated clients (a full Excel column). Prints figures.
 */
import { paretoCurve, cutoffOnCurve, shareOnCurve, checkParetoValues } from "../src/core/pareto";
import { quadrantCut, quadrantOf } from "../src/core/quadrant";
import { BIG_POLICY_LADDER, tierOf, tiersByCount, tiersByCumulativeValue } from "../src/core/tier";
import { readNumber } from "../src/core/values";
import { paretoShareFunction, paretoCutoffFunction, scoreFunction, tierFunction, quadrantFunction } from "../src/functions/formulas";
import { generateClientTable, generateColumns, seededRandom } from "./generate";
import { segment } from "../src/core/job";
import { issuesSheet, segmentsSheet, summarySheet } from "../src/core/output";
import { dayOf } from "../src/core/dates";
import { planClients } from "../src/core/plan";
import { calendarSheet, plansSheet, targetsSheet } from "../src/core/plan-output";
import { DEFAULT_PLAYBOOK } from "../src/core/playbook";
import { historySheet, snapshotOf, withSnapshot, type Snapshot } from "../src/core/history";
import { changesSheet } from "../src/core/migration";
import { rfmOfClients } from "../src/core/rfm-clients";

const N = 1_048_576;

interface Row {
  step: string;
  ms: number;
  rows: number;
}
const rows: Row[] = [];

function time<T>(step: string, count: number, work: () => T): T {
  const start = process.hrtime.bigint();
  const out = work();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  rows.push({ step, ms, rows: count });
  return out;
}

function print(title: string, list: Row[]): void {
  console.log(`\n${title}`);
  console.log(`${"step".padEnd(46)}${"ms".padStart(10)}${"rows/s".padStart(16)}`);
  for (const r of list) {
    console.log(
      `${r.step.padEnd(46)}${r.ms.toFixed(1).padStart(10)}${Math.round(r.rows / (r.ms / 1000))
        .toLocaleString("en-US")
        .padStart(16)}`,
    );
  }
}

const gen = time("generate 1,048,576 clients (not counted)", N, () => generateColumns(N));
rows.length = 0;

// warm-up on a small book so the JIT does not count against the first figure
{
  const small = generateColumns(10_000, 7);
  paretoShareFunction(small.value, 0.2);
  tierFunction(small.value, [[...BIG_POLICY_LADDER]]);
}

// --- the core pipeline: read, tier, quadrant, Pareto ---
const values = time("read value column from raw cells", N, () => {
  const out = new Float64Array(N);
  let n = 0;
  for (let i = 0; i < N; i++) {
    const r = readNumber(gen.value[i][0]);
    if (r.kind === "number") out[n++] = r.value;
  }
  return out.subarray(0, n);
});
const abilities = time("read ability + willingness columns", N, () => {
  const a = new Float64Array(N);
  const w = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    const ra = readNumber(gen.ability[i][0]);
    const rw = readNumber(gen.willingness[i][0]);
    a[i] = ra.kind === "number" ? ra.value : 0;
    w[i] = rw.kind === "number" ? rw.value : 0;
  }
  return { a, w };
});
time("tier by threshold ladder (1000万/200万/100万/50万)", values.length, () => {
  const tiers = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) tiers[i] = tierOf(values[i], BIG_POLICY_LADDER);
  return tiers;
});
time("tier by count (5/15/50/30)", values.length, () => tiersByCount(values));
const curve = time("Pareto curve (one sort) + share + cutoff", values.length, () => {
  const checked = checkParetoValues(values);
  if (!checked.ok) throw new Error("generated values are invalid");
  const c = paretoCurve(values);
  return { c, share: shareOnCurve(c, 0.2), cutoff: cutoffOnCurve(c, 0.8) };
});
time("tier ABC by cumulative value (on the curve)", values.length, () => tiersByCumulativeValue(values, curve.c));
time("quadrant with median cuts", N, () => {
  const cutA = quadrantCut(abilities.a, undefined)!;
  const cutW = quadrantCut(abilities.w, undefined)!;
  const out = new Array<string>(N);
  for (let i = 0; i < N; i++) out[i] = quadrantOf(abilities.a[i], abilities.w[i], cutA, cutW);
  return out;
});
const corePipeline = rows.reduce((s, r) => s + r.ms, 0);
const coreRows = [...rows];
rows.length = 0;

// --- the CLIENT functions as Excel calls them, on a whole column; median of 5 calls, since a
// major GC of the bench's other columns can land in any one of them ---
function median5<T>(step: string, count: number, work: () => T): T {
  let out!: T;
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = process.hrtime.bigint();
    out = work();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  rows.push({ step, ms: times.sort((a, b) => a - b)[2], rows: count });
  return out;
}
const numericColumn = gen.value.map((row) => (typeof row[0] === "number" ? row : [0]));
median5("=CLIENT.PARETO_SHARE(1M number cells, 0.2)", N, () => paretoShareFunction(numericColumn, 0.2));
const share = median5("=CLIENT.PARETO_SHARE(1M cells, 3% text, 0.2)", N, () => paretoShareFunction(gen.value, 0.2));
median5("=CLIENT.PARETO_CUTOFF(1M cells, 0.8)", N, () => paretoCutoffFunction(gen.value, 0.8));
median5("=CLIENT.TIER(1M cells, big-policy ladder)", N, () => tierFunction(gen.value, [[...BIG_POLICY_LADDER]]));
median5("=CLIENT.QUADRANT(1M, 1M) median cuts", N, () => quadrantFunction(gen.ability, gen.willingness, null, null, null, "zh-CN"));
median5("=CLIENT.SCORE(1M x 5 indicators)", N, () => scoreFunction(gen.indicators, null, 5, [[false, false, false, false, true]]));

// --- the whole job in memory: table -> segments, summary, Data issues (issue #3) ---
const jobRows: Row[] = [];
{
  const table = generateClientTable(N);
  const before = rows.length;
  const result = time("job: segment 1,048,576-row table (3 models)", N, () => segment({ source: "bench", cells: table, firstRow: 1 }, { version: 1 }, "zh-CN"));
  if (!result.ok) throw new Error("job failed");
  time("job: build Segments, Summary, Data issues sheets", N, () => [
    segmentsSheet(result.value, new Map()),
    summarySheet(result.value, "2026-11-22"),
    issuesSheet("zh-CN", result.value.issues),
  ]);
  const plans = time("plans: services, dates, calendar, targets", N, () =>
    planClients(result.value, { asOf: dayOf(2026, 11, 22), playbook: DEFAULT_PLAYBOOK }),
  );
  time("plans: build Plans, Calendar, Targets sheets", N, () => [
    plansSheet(plans, DEFAULT_PLAYBOOK, "zh-CN", new Map()),
    calendarSheet(plans, "zh-CN", new Map(), dayOf(2026, 11, 22)),
    targetsSheet(plans, "zh-CN"),
  ]);
  console.log(`(calendar: ${plans.calendar.length.toLocaleString("en-US")} actions; an Excel sheet holds 1,048,575, so the Calendar sheet keeps the earliest)`);
  jobRows.push(...rows.splice(before));
}

// --- the quarterly review (issue 11) on its own table, so that the job's figures above are not changed ---
const quarterRows: Row[] = [];
{
  const table = generateClientTable(N);
  // policies held, for RFM's frequency (seeded like the rest)
  const policies = seededRandom(20261123);
  table[0].push("保单数");
  for (let i = 1; i < table.length; i++) table[i].push(1 + Math.floor(policies() * policies() * 6));
  const before = rows.length;
  const result = segment({ source: "bench", cells: table, firstRow: 1 }, { version: 1 }, "zh-CN");
  if (!result.ok) throw new Error("job failed");
  // RFM, this run's snapshot, and what moved since an earlier run in which one client in ten had
  // another tier and one in a hundred was not there yet
  const rfm = time("quarterly: RFM scores and segments", N, () => rfmOfClients(result.value, dayOf(2026, 11, 22)));
  if (!rfm) throw new Error("the bench table has no RFM inputs");
  const snapshot = time("quarterly: this run's snapshot", N, () => snapshotOf(result.value, "2026-11-22", rfm.codes));
  const tiers = result.value.tiers.map((t) => t.label);
  const earlier: Snapshot = { date: "2026-08-22", clients: new Map() };
  let i = 0;
  for (const [id, row] of snapshot.clients) {
    i++;
    if (i % 100 === 0) continue;
    earlier.clients.set(id, i % 10 === 0 ? { ...row, tier: tiers[(tiers.indexOf(row.tier ?? "") + 1) % tiers.length] } : row);
  }
  const order = { tier: tiers, reviewClass: result.value.classes.map((c) => c.label), quadrant: result.value.quadrants.map((q) => q.label) };
  time("quarterly: Changes sheet (matrices, movers)", N, () => changesSheet(earlier, snapshot, order, tiers.slice(0, 2), "zh-CN"));
  time("quarterly: Tier history sheet (two runs)", N, () => historySheet(withSnapshot({ snapshots: [earlier], older: [] }, snapshot), "zh-CN"));
  quarterRows.push(...rows.splice(before));
}

print(`Core pipeline on ${N.toLocaleString("en-US")} clients`, coreRows);
console.log(`${"TOTAL read + tier + quadrant + Pareto".padEnd(46)}${corePipeline.toFixed(1).padStart(10)}   (target < 1000 ms)`);
print("CLIENT functions on a full column (median of 5 calls)", rows);
print("The run (job) in memory", jobRows);
console.log(
  `${"TOTAL whole job with plans".padEnd(46)}${jobRows
    .reduce((s, r) => s + r.ms, 0)
    .toFixed(1)
    .padStart(10)}   (segment + plans + every sheet as data; target < 5000 ms)`,
);
print("The quarterly review in memory (a second table, with a policies column for RFM)", quarterRows);
console.log(
  `${"TOTAL quarterly review".padEnd(46)}${quarterRows
    .reduce((s, r) => s + r.ms, 0)
    .toFixed(1)
    .padStart(10)}`,
);
console.log(`\nPARETO_SHARE target < 100 ms; top-20% share ${share.ok ? share.value.toFixed(4) : "error"}, 80% cutoff ${curve.cutoff.toFixed(4)}`);
console.log(`heap used ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB, rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
