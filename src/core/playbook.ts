import { z } from "zod";
import type { CellValue, OutputSheet, OutputTable } from "./output";
import type { DataIssue } from "./job";
import type { Lang } from "./lang";
import { LANGS } from "./lang";
import { QUADRANTS, QUADRANT_LABELS, type Quadrant } from "./quadrant";
import { letterOf } from "./tier";
import { SHEET_NAMES } from "./vocabulary";
import { fill } from "./template";
import { RFM_SEGMENT_RULES, rfmSegmentLabel, rfmSegmentRuleSchema, RFM_SEGMENT_LABELS, type RfmSegmentRule } from "./rfm";

/*
 * The playbook (SPEC section 4): the service table of the ability x willingness matrix, what each
 * service costs, how often it is given, visit cadences by tier, and the seven planning fields of
 * each segment. Written to the Playbook sheet on the first run; read back, and validated cell by
 * cell, on every later run, so the manager's edits change the plans.
 */

export const SERVICES = ["regular", "visits", "generalEvents", "premiumEvents", "lifestyle", "tailored"] as const;
export type Service = (typeof SERVICES)[number];

/** √ provide (baseline) · ☆ strategic · ◎ at discretion · × do not provide */
export const MARKS = ["√", "☆", "◎", "×"] as const;
export type Mark = (typeof MARKS)[number];

export const COST_LEVELS = ["veryLow", "low", "medium", "high", "veryHigh", "extreme"] as const;
export type CostLevel = (typeof COST_LEVELS)[number];

export const PLANNING_FIELDS = ["targetGroup", "scenario", "channel", "flagshipProduct", "serviceBundle", "practice", "mechanism"] as const;
export type PlanningField = (typeof PLANNING_FIELDS)[number];

const QuadrantEnum = z.enum(QUADRANTS as unknown as [Quadrant, ...Quadrant[]]);

/** The intervals a playbook may set, in whole months: a visit at least every five years, a review at least every two. */
export const MONTH_LIMITS = { visit: { min: 1, max: 60 }, review: { min: 1, max: 24 } } as const;

export const PlaybookSchema = z.strictObject({
  services: z.array(
    z.strictObject({
      /** one of SERVICES, or, for a service the manager added, its name as typed */
      service: z.string().min(1),
      /** the manager's name for a default service renamed on the sheet, or for one added there */
      name: z.string().min(1).optional(),
      cost: z.enum(COST_LEVELS),
      marks: z.record(QuadrantEnum, z.enum(MARKS)),
      /** how often, in the manager's words (regular service: 1-2 messages a week) */
      cadence: z.string(),
    }),
  ),
  /** months between visits by tier: index 0 is the top tier; the last applies to every lower tier */
  visitMonths: z.array(z.number().int().min(MONTH_LIMITS.visit.min).max(MONTH_LIMITS.visit.max)).min(1),
  /** months between reviews of every client's tier and quadrant */
  reviewMonths: z.number().int().min(MONTH_LIMITS.review.min).max(MONTH_LIMITS.review.max),
  planning: z.record(QuadrantEnum, z.record(z.enum(PLANNING_FIELDS), z.string())),
  /** RFM segments in the order they are checked (rfm.ts; issue 11) */
  rfmSegments: z.array(rfmSegmentRuleSchema).min(1),
  /** the renewal rate the team aims at, 0..1; null for none */
  renewalTarget: z.number().min(0).max(1).nullable(),
});

export type Playbook = z.infer<typeof PlaybookSchema>;
export type PlaybookService = Playbook["services"][number];

const isDefaultService = (key: string): key is Service => (SERVICES as readonly string[]).includes(key);

/** A service's name as the manager reads it: the name typed on the sheet, else the default words. */
export function serviceName(entry: Pick<PlaybookService, "service" | "name">, lang: Lang): string {
  if (entry.name) return entry.name;
  return isDefaultService(entry.service) ? PLAYBOOK_WORDS[lang].services[entry.service] : entry.service;
}

/** The short name of a service, for a column header: "高级活动", not the examples in brackets after it. */
export function serviceShortName(entry: Pick<PlaybookService, "service" | "name">, lang: Lang): string {
  const full = serviceName(entry, lang);
  return full.replace(/\s*[（(].*$/, "") || full;
}

const blankPlanning = (): Record<PlanningField, string> => Object.fromEntries(PLANNING_FIELDS.map((f) => [f, ""])) as Record<PlanningField, string>;

// made at module load, where a jsdom test has no structuredClone
const copyRule = (r: RfmSegmentRule): RfmSegmentRule => ({
  segment: r.segment,
  recency: [...r.recency],
  frequency: [...r.frequency],
  monetary: [...r.monetary],
});

/** The default playbook: SPEC section 4, cell for cell. */
export const DEFAULT_PLAYBOOK: Playbook = {
  services: [
    { service: "regular", cost: "veryLow", marks: { develop: "√", maintain: "√", cultivate: "√", pamper: "√" }, cadence: "" },
    { service: "visits", cost: "low", marks: { develop: "√", maintain: "☆", cultivate: "√", pamper: "√" }, cadence: "" },
    { service: "generalEvents", cost: "medium", marks: { develop: "◎", maintain: "☆", cultivate: "☆", pamper: "×" }, cadence: "" },
    { service: "premiumEvents", cost: "high", marks: { develop: "×", maintain: "◎", cultivate: "√", pamper: "√" }, cadence: "" },
    { service: "lifestyle", cost: "veryHigh", marks: { develop: "×", maintain: "×", cultivate: "◎", pamper: "☆" }, cadence: "" },
    { service: "tailored", cost: "extreme", marks: { develop: "×", maintain: "×", cultivate: "×", pamper: "☆" }, cadence: "" },
  ],
  visitMonths: [1, 3, 6, 12],
  reviewMonths: 3,
  planning: { pamper: blankPlanning(), cultivate: blankPlanning(), maintain: blankPlanning(), develop: blankPlanning() },
  rfmSegments: RFM_SEGMENT_RULES.map(copyRule),
  renewalTarget: null,
};

export const PLAYBOOK_WORDS = {
  "zh-CN": {
    services: {
      regular: "常规服务（短信、邮件、问候）",
      visits: "定期拜访",
      generalEvents: "一般活动（客户会、讲座、沙龙）",
      premiumEvents: "高级活动（俱乐部活动、鉴赏会、慈善、旅游）",
      lifestyle: "生活服务（代购、出行、投资安排）",
      tailored: "量身定制（生日会、家庭活动、财富传承、企业咨询）",
    },
    costs: { veryLow: "很低", low: "低", medium: "中", high: "高", veryHigh: "很高", extreme: "极高" },
    planning: {
      targetGroup: "目标客群",
      scenario: "场景",
      channel: "渠道/团队",
      flagshipProduct: "主打产品",
      serviceBundle: "服务组合",
      practice: "经营做法",
      mechanism: "运营机制",
    },
    cadences: { regular: "每周 1-2 条，每月至少 6 条" },
    service: "服务",
    cost: "成本",
    cadence: "频次",
    tier: "分层",
    visitMonths: "拜访间隔（月）",
    reviewMonths: "复核间隔（月）",
    tierRow: "第 {n} 档",
    lowerTiers: "第 {n} 档及以下",
    review: "全体客户分层与象限复核",
    quadrant: "象限",
    title: "经营手册",
    serviceTitle: "服务表（能力 × 意愿）",
    cadenceTitle: "拜访与复核频次",
    planningTitle: "分群经营场景",
    marks: { "√": "提供（基础）", "☆": "战略重点", "◎": "酌情", "×": "不提供" },
    legend: "{marks}。可直接修改本表（改名、增删服务行也可以），下次运行时生效。",
    cell: "经营手册 {where}",
    rfmTitle: "RFM 分群规则（自上而下，取第一条三项得分都在范围内的分群）",
    rfmSegment: "RFM 分群",
    rfmBounds: ["R 下限", "R 上限", "F 下限", "F 上限", "M 下限", "M 上限"],
    goalsTitle: "目标",
    goal: "目标项",
    goalValue: "目标值",
    renewalTarget: "续保率目标（如 65%，留空为不设）",
  },
  "en-US": {
    services: {
      regular: "Regular service (messages, mail, greetings)",
      visits: "Regular visits",
      generalEvents: "General events (client meetings, seminars, talks)",
      premiumEvents: "Premium events (club events, appraisals, charity, travel)",
      lifestyle: "Lifestyle services (purchasing, travel, investment arrangements)",
      tailored: "Tailored (birthday parties, family events, estate planning, business advisory)",
    },
    costs: { veryLow: "very low", low: "low", medium: "medium", high: "high", veryHigh: "very high", extreme: "extremely high" },
    planning: {
      targetGroup: "Target group",
      scenario: "Scenario",
      channel: "Channel / team",
      flagshipProduct: "Flagship product",
      serviceBundle: "Service bundle",
      practice: "Practice",
      mechanism: "Operating mechanism",
    },
    cadences: { regular: "1-2 messages a week, at least 6 a month" },
    service: "Service",
    cost: "Cost",
    cadence: "Cadence",
    tier: "Tier",
    visitMonths: "Months between visits",
    reviewMonths: "Months between reviews",
    tierRow: "Tier {n}",
    lowerTiers: "Tier {n} and below",
    review: "Review of every client's tier and quadrant",
    quadrant: "Quadrant",
    title: "Playbook",
    serviceTitle: "Service table (ability x willingness)",
    cadenceTitle: "Visit and review cadence",
    planningTitle: "Segment scenarios",
    marks: { "√": "provide (baseline)", "☆": "strategic, the one that matters most", "◎": "at discretion, case by case", "×": "do not provide" },
    legend: "{marks}. Edit this sheet (renaming, adding or deleting service rows too); the next run uses it.",
    cell: "Playbook {where}",
    rfmTitle: "RFM segments (checked top down: the first whose three score ranges hold the client's scores)",
    rfmSegment: "RFM segment",
    rfmBounds: ["R from", "R to", "F from", "F to", "M from", "M to"],
    goalsTitle: "Targets",
    goal: "Target",
    goalValue: "Value",
    renewalTarget: "Renewal rate target (e.g. 65%; blank for none)",
  },
} as const;

export const PLAYBOOK_TABLES = {
  services: "ClientLadder_Services",
  cadence: "ClientLadder_Cadence",
  planning: "ClientLadder_Planning",
  rfm: "ClientLadder_RfmSegments",
  goals: "ClientLadder_Goals",
};

/** What the marks mean, on one line: "√ 提供（基础） · ☆ 战略重点 · ◎ 酌情 · × 不提供". */
export function marksLegend(lang: Lang): string {
  return MARKS.map((m) => `${m} ${PLAYBOOK_WORDS[lang].marks[m]}`).join(" · ");
}

/** The default cadence text of a service, in a language (regular service has one in SPEC). */
export function cadenceText(playbook: Playbook, service: string, lang: Lang): string {
  const own = playbook.services.find((s) => s.service === service)?.cadence ?? "";
  if (own) return own;
  return service === "regular" ? PLAYBOOK_WORDS[lang].cadences.regular : "";
}

/** Months between visits for a tier index (0 = top); tiers below the table use its last row. */
export function visitMonthsOf(playbook: Playbook, tierIndex: number | null): number {
  const list = playbook.visitMonths;
  if (tierIndex === null || tierIndex < 0) return list[list.length - 1];
  return list[Math.min(tierIndex, list.length - 1)];
}

/** The Playbook sheet: three tables the manager edits. */
export function playbookSheet(playbook: Playbook, lang: Lang, name = SHEET_NAMES[lang].playbook): OutputSheet {
  const w = PLAYBOOK_WORDS[lang];
  const q = QUADRANT_LABELS[lang];
  const markOrder: Quadrant[] = ["develop", "maintain", "cultivate", "pamper"];
  const services: OutputTable = {
    name: PLAYBOOK_TABLES.services,
    row: 3,
    column: 0,
    columns: [
      { header: w.service, format: "text", width: 40 },
      { header: w.cost, format: "text", width: 10 },
      ...markOrder.map((k) => ({ header: q[k], format: "text" as const, width: 8 })),
      { header: w.cadence, format: "text", width: 30 },
    ],
    rows: playbook.services.map((s) => [serviceName(s, lang), w.costs[s.cost], ...markOrder.map((k) => s.marks[k]), cadenceText(playbook, s.service, lang)]),
  };
  const cadenceRow = services.row + services.rows.length + 3;
  const visits = playbook.visitMonths;
  const cadence: OutputTable = {
    name: PLAYBOOK_TABLES.cadence,
    row: cadenceRow,
    column: 0,
    columns: [
      { header: w.tier, format: "text", width: 40 },
      { header: w.visitMonths, format: "integer", width: 16 },
    ],
    rows: [
      ...visits.map((m, i): CellValue[] => [i === visits.length - 1 ? fill(w.lowerTiers, { n: i + 1 }) : fill(w.tierRow, { n: i + 1 }), m]),
      [w.review, playbook.reviewMonths],
    ],
  };
  const planningRow = cadence.row + cadence.rows.length + 3;
  const planning: OutputTable = {
    name: PLAYBOOK_TABLES.planning,
    row: planningRow,
    column: 0,
    columns: [
      { header: w.quadrant, format: "text", width: 12 },
      ...PLANNING_FIELDS.map((f) => ({ header: w.planning[f], format: "text" as const, width: 16 })),
    ],
    rows: QUADRANTS.map((k) => [q[k], ...PLANNING_FIELDS.map((f) => playbook.planning[k][f] || null)]),
  };
  const rfm: OutputTable = {
    name: PLAYBOOK_TABLES.rfm,
    row: planning.row + planning.rows.length + 3,
    column: 0,
    columns: [{ header: w.rfmSegment, format: "text", width: 40 }, ...w.rfmBounds.map((h) => ({ header: h, format: "integer" as const, width: 8 }))],
    rows: playbook.rfmSegments.map((r) => [
      rfmSegmentLabel(r.segment, lang),
      r.recency[0],
      r.recency[1],
      r.frequency[0],
      r.frequency[1],
      r.monetary[0],
      r.monetary[1],
    ]),
  };
  const goals: OutputTable = {
    name: PLAYBOOK_TABLES.goals,
    row: rfm.row + rfm.rows.length + 3,
    column: 0,
    columns: [
      { header: w.goal, format: "text", width: 40 },
      { header: w.goalValue, format: "percent", width: 10 },
    ],
    rows: [[w.renewalTarget, playbook.renewalTarget]],
  };
  return {
    key: "playbook",
    name,
    tables: [services, cadence, planning, rfm, goals],
    blocks: [
      { row: rfm.row - 1, column: 0, cells: [[w.rfmTitle]], title: true },
      { row: goals.row - 1, column: 0, cells: [[w.goalsTitle]], title: true },
      { row: 0, column: 0, cells: [[w.title]], title: true },
      { row: 1, column: 0, cells: [[fill(w.legend, { marks: marksLegend(lang) })]] },
      { row: services.row - 1, column: 0, cells: [[w.serviceTitle]], title: true },
      { row: cadence.row - 1, column: 0, cells: [[w.cadenceTitle]], title: true },
      { row: planning.row - 1, column: 0, cells: [[w.planningTitle]], title: true },
    ],
    freezeRows: 0,
    print: {},
  };
}

/** Marks as people may type them: ✓ for √, ★ for ☆, ○ for ◎, x for ×. */
const MARK_SYNONYMS: Record<string, Mark> = {
  "√": "√",
  "✓": "√",
  "✔": "√",
  v: "√",
  V: "√",
  "☆": "☆",
  "★": "☆",
  "*": "☆",
  "◎": "◎",
  "○": "◎",
  "◯": "◎",
  o: "◎",
  O: "◎",
  "×": "×",
  x: "×",
  X: "×",
  "✗": "×",
  "✘": "×",
  "-": "×",
};

const text = (c: unknown) => (c === null || c === undefined ? "" : String(c).normalize("NFKC").trim());
/** The word in both languages, normalised like the cells it is compared with. */
const anyLang = (pick: (l: Lang) => string): string[] => LANGS.map((l) => text(pick(l)));

/**
 * Reads a Playbook sheet back (its used range from A1). Each cell that does not validate is a Data
 * issues row and its default is used; a table that cannot be found keeps its defaults. Never fails.
 */
export function readPlaybook(cells: readonly (readonly unknown[])[], lang: Lang): { playbook: Playbook; issues: DataIssue[] } {
  const issues: DataIssue[] = [];
  const playbook: Playbook = structuredClone(DEFAULT_PLAYBOOK);
  const find = (headers: string[]) => cells.findIndex((row) => headers.includes(text(row[0])));
  const bad = (row: number, column: number, value: unknown, fallback: string) =>
    issues.push({
      row: row + 1,
      column: fill(PLAYBOOK_WORDS[lang].cell, { where: `${letterOf(column)}${row + 1}` }),
      value: text(value),
      issue: { code: "playbookCell", params: { value: text(value), read: fallback, visitMax: MONTH_LIMITS.visit.max, reviewMax: MONTH_LIMITS.review.max } },
    });

  // services: match rows by service name, columns by quadrant header, in either language
  const sRow = find(anyLang((l) => PLAYBOOK_WORDS[l].service));
  if (sRow >= 0) {
    const header = cells[sRow].map(text);
    const quadrantAt = new Map<Quadrant, number>();
    for (const k of QUADRANTS) {
      const at = header.findIndex((h) => anyLang((l) => QUADRANT_LABELS[l][k]).includes(h));
      if (at >= 0) quadrantAt.set(k, at);
    }
    const costAt = header.findIndex((h) => anyLang((l) => PLAYBOOK_WORDS[l].cost).includes(h));
    const cadenceAt = header.findIndex((h) => anyLang((l) => PLAYBOOK_WORDS[l].cadence).includes(h));
    // the rows on the sheet are the services, in their order: a row of a default name (either
    // language) is that service; a row of another name where a default is missing from the same
    // place is that service renamed (it keeps its role: visits set the visit cadence); any other
    // row is a service the manager added. A deleted row is a service no longer given.
    const rowsOf: { r: number; name: string; service: string | undefined }[] = [];
    for (let r = sRow + 1; r < cells.length && text(cells[r][0]) !== ""; r++) {
      const name = text(cells[r][0]);
      const service = SERVICES.find((s) => anyLang((l) => PLAYBOOK_WORDS[l].services[s]).includes(name));
      // a row of another name with no mark at all is not a service: the table ended (a title typed
      // right below it, or the next table moved up)
      if (!service && ![...quadrantAt.values()].some((at) => MARK_SYNONYMS[text(cells[r][at])])) break;
      rowsOf.push({ r, name, service });
    }
    const onSheet = new Set(rowsOf.map((x) => x.service).filter(Boolean));
    const listed: PlaybookService[] = [];
    const taken = new Set<string>();
    rowsOf.forEach((x, i) => {
      let entry: PlaybookService;
      const renamed = DEFAULT_PLAYBOOK.services[i]?.service;
      if (x.service) entry = structuredClone(DEFAULT_PLAYBOOK.services.find((s) => s.service === x.service)!);
      else if (renamed && !onSheet.has(renamed) && !taken.has(renamed)) entry = { ...structuredClone(DEFAULT_PLAYBOOK.services[i]), name: x.name };
      else entry = { service: x.name, name: x.name, cost: "medium", marks: { pamper: "×", cultivate: "×", maintain: "×", develop: "×" }, cadence: "" };
      // a name typed twice is one service: the first row counts
      if (taken.has(entry.service)) return;
      taken.add(entry.service);
      listed.push(entry);
      const r = x.r;
      for (const [k, at] of quadrantAt) {
        const raw = cells[r][at];
        const mark = MARK_SYNONYMS[text(raw)];
        if (mark) entry.marks[k] = mark;
        else bad(r, at, raw, entry.marks[k]);
      }
      if (costAt >= 0) {
        const raw = cells[r][costAt];
        const cost = COST_LEVELS.find((c) => anyLang((l) => PLAYBOOK_WORDS[l].costs[c]).includes(text(raw)));
        if (cost) entry.cost = cost;
        else bad(r, costAt, raw, PLAYBOOK_WORDS[lang].costs[entry.cost]);
      }
      if (cadenceAt >= 0) {
        const own = text(cells[r][cadenceAt]);
        const isDefault = anyLang((l) => (PLAYBOOK_WORDS[l].cadences as Record<string, string>)[entry.service] ?? "").includes(own);
        entry.cadence = isDefault ? "" : own;
      }
    });
    if (listed.length > 0) playbook.services = listed;
  }

  // cadence: tier rows in order, then the review row
  const cRow = find(anyLang((l) => PLAYBOOK_WORDS[l].tier));
  if (cRow >= 0) {
    const months: number[] = [];
    let r = cRow + 1;
    for (; r < cells.length && text(cells[r][0]) !== ""; r++) {
      const isReview = anyLang((l) => PLAYBOOK_WORDS[l].review).includes(text(cells[r][0]));
      const raw = cells[r][1];
      const n = typeof raw === "number" ? raw : Number(text(raw));
      const limits = isReview ? MONTH_LIMITS.review : MONTH_LIMITS.visit;
      const ok = Number.isInteger(n) && n >= limits.min && n <= limits.max;
      if (isReview) {
        if (ok) playbook.reviewMonths = n;
        else bad(r, 1, raw, String(DEFAULT_PLAYBOOK.reviewMonths));
        continue;
      }
      const fallback = DEFAULT_PLAYBOOK.visitMonths[Math.min(months.length, DEFAULT_PLAYBOOK.visitMonths.length - 1)];
      if (ok) months.push(n);
      else {
        bad(r, 1, raw, String(fallback));
        months.push(fallback);
      }
    }
    if (months.length > 0) playbook.visitMonths = months;
  }

  // planning fields per quadrant
  const pRow = find(anyLang((l) => PLAYBOOK_WORDS[l].quadrant));
  if (pRow >= 0) {
    const header = cells[pRow].map(text);
    for (let r = pRow + 1; r < cells.length && text(cells[r][0]) !== ""; r++) {
      const k = QUADRANTS.find((x) => anyLang((l) => QUADRANT_LABELS[l][x]).includes(text(cells[r][0])));
      if (!k) continue;
      for (const f of PLANNING_FIELDS) {
        const at = header.findIndex((h) => anyLang((l) => PLAYBOOK_WORDS[l].planning[f]).includes(h));
        if (at >= 0) playbook.planning[k][f] = text(cells[r][at]);
      }
    }
  }
  // RFM segments: one rule per row, a default segment's name in either language is that segment
  const rRow = find(anyLang((l) => PLAYBOOK_WORDS[l].rfmSegment));
  if (rRow >= 0) {
    const rules: RfmSegmentRule[] = [];
    for (let r = rRow + 1; r < cells.length && text(cells[r][0]) !== ""; r++) {
      const name = text(cells[r][0]);
      const known = Object.keys(RFM_SEGMENT_LABELS["en-US"]).find((id) => anyLang((l) => (RFM_SEGMENT_LABELS[l] as Record<string, string>)[id]).includes(name));
      const segment = known ?? name;
      const fallback = RFM_SEGMENT_RULES.find((x) => x.segment === segment);
      const bound = (k: number) => {
        const raw = cells[r][1 + k];
        return typeof raw === "number" ? raw : Number(text(raw));
      };
      const parsed = rfmSegmentRuleSchema.safeParse({
        segment,
        recency: [bound(0), bound(1)],
        frequency: [bound(2), bound(3)],
        monetary: [bound(4), bound(5)],
      });
      if (parsed.success) rules.push(parsed.data);
      else {
        // a rule that does not validate: its default when it is a default segment, else left out
        const at =
          1 +
          Math.max(
            0,
            [0, 1, 2, 3, 4, 5].findIndex((k) => !(Number.isInteger(bound(k)) && bound(k) >= 1 && bound(k) <= 9)),
          );
        bad(r, at, cells[r][at], fallback ? `${fallback.recency.join("-")} ${fallback.frequency.join("-")} ${fallback.monetary.join("-")}` : "—");
        if (fallback) rules.push(copyRule(fallback));
      }
    }
    if (rules.length > 0) playbook.rfmSegments = rules;
  }

  // targets: the renewal rate, a fraction or a percentage; blank for none
  const gRow = find(anyLang((l) => PLAYBOOK_WORDS[l].goal));
  if (gRow >= 0) {
    for (let r = gRow + 1; r < cells.length && text(cells[r][0]) !== ""; r++) {
      if (!anyLang((l) => PLAYBOOK_WORDS[l].renewalTarget).includes(text(cells[r][0]))) continue;
      const raw = cells[r][1];
      const t = text(raw);
      if (t === "") continue;
      const n = typeof raw === "number" ? raw : t.endsWith("%") ? Number(t.slice(0, -1)) / 100 : Number(t);
      // 65 typed for 65%
      const share = n > 1 && n <= 100 ? n / 100 : n;
      if (Number.isFinite(share) && share >= 0 && share <= 1) playbook.renewalTarget = share;
      else bad(r, 1, raw, "—");
    }
  }
  return { playbook: PlaybookSchema.parse(playbook), issues };
}
