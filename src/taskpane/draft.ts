/*
 * The pane's choices as a form holds them (texts, flags), and the run configuration they stand for.
 * The form is checked with the run configuration's own zod schema (core/config.ts), so the pane, a
 * CLI --config file and the settings saved in a workbook accept exactly the same runs.
 */
import type { ClientField } from "../core/columns";
import { checkRunConfig, TARGET_DEFAULTS, type ConfigProblem, type RunConfig } from "../core/config";
import { parseRunDate } from "../core/dates";
import type { Lang } from "../core/lang";
import { RFM_DEFAULT_BINS } from "../core/rfm";
import { REVIEW_DEFAULTS } from "../core/score";
import { ABC_PRESET_CUTS, BIG_POLICY_LADDER, COUNT_PRESET_SHARES } from "../core/tier";
import { readNumber } from "../core/values";
import { strings } from "./strings";

export type LadderPreset = "byCount" | "bigPolicy" | "abc" | "thresholds";

export interface ModelDraft {
  /** header text chosen for a field; a field left out is matched by its header */
  columns: Partial<Record<ClientField, string>>;
  ladder: { on: boolean; preset: LadderPreset; thresholds: string; labels: string };
  review: { on: boolean; weights: string[]; lowerIsBetter: boolean[]; cuts: string; labels: string };
  quadrant: { on: boolean; fixed: boolean; abilityCut: string; willingnessCut: string };
  /** RFM scores and segments (issue 11): on when the table has its three measures; bins 1..9 */
  rfm: { on: boolean; bins: string };
  targets: { renewal: string; newBusiness: string };
  /** "auto": the saved output language, else the display language (SPEC section 6) */
  outputLanguage: "auto" | Lang;
  /** YYYY-MM-DD */
  asOf: string;
  /** mask phone and ID numbers in the written lists (core/mask.ts) */
  mask: boolean;
  /** the sheet row of the table's header when it was given (CLI --header-row): kept, not edited here */
  headerRow?: number;
}

const join = (xs: readonly (number | string)[] | undefined) => (xs ?? []).join("; ");

/** The form for a configuration (the saved one of the last run, or none for the defaults). */
export function draftFromConfig(config: RunConfig | undefined, asOf: string): ModelDraft {
  const ladder = config?.valueLadder;
  const review = config?.review;
  const quadrant = config?.quadrant;
  return {
    columns: { ...(config?.columns ?? {}) },
    ladder: {
      on: ladder !== false,
      preset: ladder ? ladder.preset : "byCount",
      thresholds: join(ladder ? ladder.thresholds : undefined),
      labels: join(ladder ? ladder.labels : undefined),
    },
    review: {
      on: review !== false,
      weights: (review && review.weights ? review.weights : [1, 1, 1, 1, 1]).map(String),
      lowerIsBetter: [...(review && review.lowerIsBetter ? review.lowerIsBetter : REVIEW_DEFAULTS.lowerIsBetter)],
      cuts: join(review && review.cuts ? review.cuts : REVIEW_DEFAULTS.classCuts),
      labels: join(review ? review.labels : undefined),
    },
    quadrant: {
      on: quadrant !== false,
      fixed: !!quadrant && (quadrant.abilityCut !== undefined || quadrant.willingnessCut !== undefined),
      abilityCut: quadrant && quadrant.abilityCut !== undefined ? String(quadrant.abilityCut) : "",
      willingnessCut: quadrant && quadrant.willingnessCut !== undefined ? String(quadrant.willingnessCut) : "",
    },
    rfm: { on: config?.rfm !== false, bins: String(config?.rfm ? config.rfm.bins : RFM_DEFAULT_BINS) },
    targets: {
      renewal: String(config?.targets?.renewal ?? TARGET_DEFAULTS.renewal),
      newBusiness: String(config?.targets?.newBusiness ?? TARGET_DEFAULTS.newBusiness),
    },
    outputLanguage: config?.outputLanguage ?? "auto",
    asOf,
    mask: config?.mask === true,
    ...(config?.headerRow !== undefined ? { headerRow: config.headerRow } : {}),
  };
}

/**
 * A list of numbers as managers type it: `1000万; 200万 100万，50万`. Semicolons, spaces, 、 and
 * full-width commas separate; a comma separates only where the text is not one number (`1,200`).
 */
export function numberList(text: string): { numbers: number[]; bad: string[] } {
  const numbers: number[] = [];
  const bad: string[] = [];
  for (const piece of text.split(/[;；，、\s]+/).filter(Boolean)) {
    const whole = readNumber(piece);
    const parts = whole.kind === "number" ? [piece] : piece.split(",").filter(Boolean);
    for (const part of parts) {
      const r = readNumber(part);
      if (r.kind === "number") numbers.push(r.value);
      else bad.push(part);
    }
  }
  return { numbers, bad };
}

export function labelList(text: string): string[] {
  return text
    .split(/[,，;；、]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export type DraftCheck = { ok: true; config: RunConfig } | { ok: false; problems: ConfigProblem[] };

/**
 * The run configuration of a form, checked. A model left on with its defaults is left out of the
 * configuration, so it runs when its columns are there (as on a first run) and says nothing when
 * they are not; `off` is `false`. Problems carry the configuration path of the field they concern.
 */
export function configFromDraft(draft: ModelDraft, lang: Lang): DraftCheck {
  const t = strings[lang].steps;
  const problems: ConfigProblem[] = [];
  const numbers = (text: string, path: string) => {
    const { numbers: ns, bad } = numberList(text);
    for (const b of bad) problems.push({ path, message: t.notANumber(b) });
    return ns;
  };
  const one = (text: string, path: string): number | undefined => {
    if (text.trim() === "") return undefined;
    const r = readNumber(text.trim());
    if (r.kind === "number") return r.value;
    problems.push({ path, message: t.notANumber(text.trim()) });
    return undefined;
  };

  const config: Record<string, unknown> = { version: 1 };
  if (draft.headerRow !== undefined) config.headerRow = draft.headerRow;
  const columns = Object.fromEntries(Object.entries(draft.columns).filter(([, header]) => header));
  if (Object.keys(columns).length > 0) config.columns = columns;

  const { ladder, review, quadrant } = draft;
  if (!ladder.on) config.valueLadder = false;
  else if (ladder.preset !== "byCount" || ladder.labels.trim() !== "") {
    const labels = labelList(ladder.labels);
    const tiers = {
      byCount: COUNT_PRESET_SHARES.length,
      bigPolicy: BIG_POLICY_LADDER.length + 1,
      abc: ABC_PRESET_CUTS.length + 1,
      thresholds: numberList(ladder.thresholds).numbers.length + 1,
    }[ladder.preset];
    if (labels.length > 0 && labels.length !== tiers) problems.push({ path: "valueLadder.labels", message: t.labelsCount(tiers, labels.length) });
    config.valueLadder = {
      preset: ladder.preset,
      ...(ladder.preset === "thresholds" ? { thresholds: numbers(ladder.thresholds, "valueLadder.thresholds") } : {}),
      ...(labels.length ? { labels } : {}),
    };
  }

  if (!review.on) config.review = false;
  else {
    const weights = review.weights.map((w, i) => one(w, `review.weights.${i}`) ?? Number.NaN);
    const cuts = numbers(review.cuts, "review.cuts");
    const labels = labelList(review.labels);
    if (weights.every((w) => w === 0)) problems.push({ path: "review.weights", message: t.weightsAllZero });
    if (labels.length > 0 && labels.length !== cuts.length + 1)
      problems.push({ path: "review.labels", message: t.labelsCount(cuts.length + 1, labels.length) });
    const defaults =
      weights.every((w) => w === 1) &&
      review.lowerIsBetter.every((f, i) => f === REVIEW_DEFAULTS.lowerIsBetter[i]) &&
      cuts.join() === REVIEW_DEFAULTS.classCuts.join() &&
      labels.length === 0;
    if (!defaults)
      config.review = {
        weights: weights.map((w) => (Number.isNaN(w) ? 0 : w)),
        lowerIsBetter: review.lowerIsBetter,
        cuts,
        ...(labels.length ? { labels } : {}),
      };
  }

  if (!quadrant.on) config.quadrant = false;
  else if (quadrant.fixed) {
    const abilityCut = one(quadrant.abilityCut, "quadrant.abilityCut");
    const willingnessCut = one(quadrant.willingnessCut, "quadrant.willingnessCut");
    if (abilityCut === undefined && quadrant.abilityCut.trim() === "") problems.push({ path: "quadrant.abilityCut", message: t.required });
    if (willingnessCut === undefined && quadrant.willingnessCut.trim() === "") problems.push({ path: "quadrant.willingnessCut", message: t.required });
    config.quadrant = { abilityCut, willingnessCut };
  }

  if (!draft.rfm.on) config.rfm = false;
  else {
    const bins = one(draft.rfm.bins, "rfm.bins");
    if (draft.rfm.bins.trim() === "") problems.push({ path: "rfm.bins", message: t.required });
    else if (bins !== RFM_DEFAULT_BINS) config.rfm = { bins };
  }

  const renewal = one(draft.targets.renewal, "targets.renewal");
  const newBusiness = one(draft.targets.newBusiness, "targets.newBusiness");
  if (renewal !== TARGET_DEFAULTS.renewal || newBusiness !== TARGET_DEFAULTS.newBusiness)
    config.targets = { renewal: renewal ?? TARGET_DEFAULTS.renewal, newBusiness: newBusiness ?? TARGET_DEFAULTS.newBusiness };
  if (draft.outputLanguage !== "auto") config.outputLanguage = draft.outputLanguage;
  if (draft.mask) config.mask = true;
  if (parseRunDate(draft.asOf) === undefined) problems.push({ path: "asOf", message: t.badDate });

  const checked = checkRunConfig(config, lang);
  if (!checked.ok) problems.push(...checked.problems);
  // a number typed wrong is reported once, as such, not again by the schema
  const unique = problems.filter((p, i) => problems.findIndex((q) => q.path === p.path) === i);
  return unique.length > 0 || !checked.ok ? { ok: false, problems: unique } : { ok: true, config: checked.value };
}

/** The problem of one field of the form, for its inline message. */
export function problemAt(problems: readonly ConfigProblem[], path: string): string | undefined {
  return problems.find((p) => p.path === path || p.path.startsWith(`${path}.`))?.message;
}
