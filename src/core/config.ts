import { z } from "zod";
import { CLIENT_FIELDS, type ClientField } from "./columns";
import { OutputLanguageSchema, type Lang } from "./lang";
import { REVIEW_DEFAULTS } from "./score";

/** Excel's limits on names: a sheet name 31 characters, a table name 255; a header or label, as this add-in takes them. */
export const MAX_SHEET_NAME = 31;
export const MAX_TABLE_NAME = 255;
const MAX_HEADER = 255;
/*
 * What a run is asked to do (SPEC section 3): which table, which column is which, which models
 * with which parameters, which output language. The same schema reads a CLI --config file, the
 * pane's choices and the settings saved by the last run. A model left out runs when its columns
 * are there; `false` turns it off; an object turns it on with its parameters.
 */

const FieldSchema = z.enum(CLIENT_FIELDS as [ClientField, ...ClientField[]]);

export const ValueLadderSchema = z.strictObject({
  /** byCount: 5/15/50/30 Key/Important/General/Maintenance; bigPolicy: 1000万/200万/100万/50万;
   *  abc: cumulative value 80/95; thresholds: your own ladder */
  preset: z.enum(["byCount", "bigPolicy", "abc", "thresholds"]).default("byCount"),
  thresholds: z.array(z.number().finite()).min(1).optional(),
  labels: z.array(z.string().min(1).max(MAX_HEADER)).optional(),
});

export const ReviewSchema = z.strictObject({
  weights: z.array(z.number().finite().nonnegative()).length(5).optional(),
  /** one flag per indicator, true where a lower score is better; mobility (流动性) alone by default */
  lowerIsBetter: z.array(z.boolean()).length(5).optional(),
  /** class cuts on the 0..100 score, highest first: A >= 80, B >= 60, C >= 40, D below */
  cuts: z.array(z.number().finite()).min(1).optional(),
  labels: z.array(z.string().min(1).max(MAX_HEADER)).optional(),
  scaleMax: z.number().finite().gt(1).default(REVIEW_DEFAULTS.scaleMax),
});

export const QuadrantSchema = z.strictObject({
  ability: FieldSchema.default("ability"),
  willingness: FieldSchema.default("willingness"),
  abilityCut: z.number().finite().optional(),
  willingnessCut: z.number().finite().optional(),
});

/** RFM (issue 11): on when the table has a value, a frequency and a date column; `bins` scores 1..bins. */
export const RfmSchema = z.strictObject({
  bins: z.number().int().min(1).max(9).default(5),
});

/** How many prospects each owner's target lists hold when the configuration does not say. */
export const TARGET_DEFAULTS: Readonly<{ renewal: number; newBusiness: number }> = { renewal: 10, newBusiness: 10 };

export const TargetsSchema = z.strictObject({
  /** renewal prospects per owner, among tier A and B clients */
  renewal: z.number().int().min(0).max(1000).default(TARGET_DEFAULTS.renewal),
  /** new-business prospects per owner, among tier A and B clients */
  newBusiness: z.number().int().min(0).max(1000).default(TARGET_DEFAULTS.newBusiness),
});

export const RunConfigSchema = z.strictObject({
  version: z.literal(1).default(1),
  outputLanguage: OutputLanguageSchema.optional(),
  /** the sheet that holds the client table; the first sheet with a client table when left out */
  sheet: z.string().min(1).max(MAX_SHEET_NAME).optional(),
  /** an Excel table that holds the client table (Excel only); wins over `sheet` */
  table: z.string().min(1).max(MAX_TABLE_NAME).optional(),
  /** the sheet row number of the table's header, when it is not found in the first rows (CLI --header-row) */
  headerRow: z.number().int().min(1).max(1_048_576).optional(),
  /** header text of the column to use for a field, when detection should be overridden */
  columns: z.partialRecord(FieldSchema, z.string().min(1).max(MAX_HEADER)).optional(),
  valueLadder: z.union([z.literal(false), ValueLadderSchema]).optional(),
  review: z.union([z.literal(false), ReviewSchema]).optional(),
  quadrant: z.union([z.literal(false), QuadrantSchema]).optional(),
  targets: TargetsSchema.optional(),
  rfm: z.union([z.literal(false), RfmSchema]).optional(),
  /** mask phone and ID numbers in the written lists (core/mask.ts); the client id is never masked */
  mask: z.boolean().optional(),
});

export type RunConfig = z.infer<typeof RunConfigSchema>;
export type ValueLadderConfig = z.infer<typeof ValueLadderSchema>;
export type ReviewConfig = z.infer<typeof ReviewSchema>;
export type QuadrantConfig = z.infer<typeof QuadrantSchema>;

/** zod's own sentences in the user's language. */
const ZOD_MESSAGES: Record<Lang, z.core.$ZodErrorMap> = {
  "zh-CN": z.locales.zhCN().localeError,
  "en-US": z.locales.en().localeError,
};

/** One problem of a configuration: where (a dotted path, "" for the top level) and what, in the user's language. */
export interface ConfigProblem {
  path: string;
  message: string;
}

/**
 * Checks a configuration (a parsed JSON value, or the pane's choices) against the schema, with
 * each problem at its path, so a form can show it beside the field it belongs to.
 */
export function checkRunConfig(value: unknown, lang: Lang = "en-US"): { ok: true; value: RunConfig } | { ok: false; problems: ConfigProblem[] } {
  const parsed = RunConfigSchema.safeParse(value ?? {}, { error: ZOD_MESSAGES[lang] });
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, problems: describeProblems(parsed.error.issues, []) };
}

/**
 * Reads a configuration (a parsed JSON value). On failure, one sentence per problem with its path,
 * in the user's language, for the user to fix the file.
 */
export function parseRunConfig(value: unknown, lang: Lang = "en-US"): { ok: true; value: RunConfig } | { ok: false; problems: string[] } {
  const checked = checkRunConfig(value, lang);
  if (checked.ok) return checked;
  return { ok: false, problems: checked.problems.map((p) => `${p.path || "(top level)"}: ${p.message}`) };
}

type ZodProblem = { path: PropertyKey[]; message: string; code?: string; errors?: ZodProblem[][] };

/** One problem per issue; for `false | {...}` settings, the problems inside the object, not "Invalid input". */
function describeProblems(issues: readonly ZodProblem[], prefix: PropertyKey[]): ConfigProblem[] {
  return issues.flatMap((i) => {
    const path = [...prefix, ...i.path];
    if (i.code === "invalid_union" && i.errors) {
      // the branch that got furthest is the one the user meant (the object, not `false`)
      const branch = [...i.errors].sort((a, b) => depth(b) - depth(a))[0];
      if (branch && depth(branch) > 0) return describeProblems(branch, path);
    }
    return [{ path: path.map(String).join("."), message: i.message }];
  });
}

function depth(issues: readonly ZodProblem[]): number {
  return Math.max(0, ...issues.map((i) => i.path.length));
}
