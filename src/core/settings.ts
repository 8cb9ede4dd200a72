import { z } from "zod";
import { MAX_SHEET_NAME, RunConfigSchema } from "./config";
import { OutputLanguageSchema, type Lang } from "./lang";
import { OUTPUT_SHEET_KEYS } from "./vocabulary";

/*
 * What a run saves in the workbook (context.workbook.settings in Excel, a hidden sheet in .xlsx),
 * so the next person who opens it gets the same run and the same labels. Versioned; read through
 * zod, never trusted as it is.
 */

export const SETTINGS_KEY = "ClientLadder.settings";

/**
 * Where an .xlsx keeps the settings, and where Excel keeps a copy so a file moves between Excel,
 * the browser page and the CLI with its run: a very hidden sheet, the JSON down column A.
 */
export const SETTINGS_SHEET = "_ClientLadder";

/** Settings are a run configuration and a few sheet names: anything longer is not settings this add-in wrote. */
export const MAX_SETTINGS_LENGTH = 200_000;

/** Excel holds at most 32,767 characters in a cell. */
const CELL_TEXT_LIMIT = 32767;

/** The settings JSON as the cells of column A. */
export function settingsCells(json: string): string[] {
  const cells: string[] = [];
  for (let i = 0; i < json.length || cells.length === 0; i += CELL_TEXT_LIMIT) cells.push(json.slice(i, i + CELL_TEXT_LIMIT));
  return cells;
}

/** The settings JSON back from column A: the texts from A1 down to the first blank. */
export function settingsFromCells(column: readonly unknown[]): string | undefined {
  let text = "";
  for (const v of column) {
    if (typeof v !== "string" || v === "" || text.length > MAX_SETTINGS_LENGTH) break;
    text += v;
  }
  return text === "" ? undefined : text;
}

/** The part of the settings the custom functions need: the workbook's output language. */
export const LanguageSettingSchema = z.object({
  version: z.literal(1),
  outputLanguage: OutputLanguageSchema,
});

/** Everything a run saves: the run configuration it used and the sheets it owns. */
export const SavedSettingsSchema = LanguageSettingSchema.extend({
  config: RunConfigSchema,
  /** sheets this add-in created, by what they hold; a re-run replaces only these */
  owned: z
    .array(z.strictObject({ key: z.enum(OUTPUT_SHEET_KEYS), name: z.string().min(1).max(MAX_SHEET_NAME), id: z.string().min(1).max(200).optional() }))
    .max(OUTPUT_SHEET_KEYS.length * 2)
    .default([]),
  /** when the last run was made, ISO 8601 */
  lastRun: z.string().max(40).optional(),
});

export type SavedSettings = z.infer<typeof SavedSettingsSchema>;

/**
 * Reads saved settings (an object or its JSON text). Absent settings are `undefined`; settings
 * that do not validate are reported, never trusted.
 */
export function readSavedSettings(stored: unknown): { ok: true; value: SavedSettings | undefined } | { ok: false; problem: string } {
  if (stored === null || stored === undefined || stored === "") return { ok: true, value: undefined };
  if (typeof stored === "string" && stored.length > MAX_SETTINGS_LENGTH)
    return { ok: false, problem: `${stored.length} characters, more than ${MAX_SETTINGS_LENGTH}` };
  let value = stored;
  if (typeof stored === "string") {
    try {
      value = JSON.parse(stored);
    } catch {
      return { ok: false, problem: "not JSON" };
    }
  }
  const parsed = SavedSettingsSchema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, problem: parsed.error.issues.map((i) => `${i.path.join(".") || "(top)"}: ${i.message}`).join("; ") };
}

/**
 * The output language of a run (SPEC section 6): forced by the user (--lang), else configured,
 * else saved by the last run, else the Office display language of a first run inside Excel, else
 * Chinese when the client table's headers are.
 */
export function chooseOutputLanguage(choices: { forced?: Lang; configured?: Lang; saved?: Lang; display?: Lang; headersChinese?: boolean }): Lang {
  return choices.forced ?? choices.configured ?? choices.saved ?? choices.display ?? (choices.headersChinese ? "zh-CN" : "en-US");
}

/**
 * The workbook's output language from a stored settings value (an object or its JSON text),
 * or undefined when there is none or it does not validate.
 * @example outputLanguageOf('{"version":1,"outputLanguage":"zh-CN"}') // "zh-CN"
 */
export function outputLanguageOf(stored: unknown): Lang | undefined {
  let value = stored;
  if (typeof stored === "string") {
    try {
      value = JSON.parse(stored);
    } catch {
      return undefined;
    }
  }
  const parsed = LanguageSettingSchema.safeParse(value);
  return parsed.success ? parsed.data.outputLanguage : undefined;
}
