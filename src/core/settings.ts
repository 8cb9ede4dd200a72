import { z } from "zod";
import { LANGS, type Lang } from "./lang";

/*
 * What a run saves in the workbook (context.workbook.settings in Excel, a hidden sheet in .xlsx),
 * so the next person who opens it gets the same run and the same labels. Versioned; read through
 * zod, never trusted as it is.
 */

export const SETTINGS_KEY = "ClientLadder.settings";

export const OutputLanguageSchema = z.enum(LANGS as [Lang, ...Lang[]]);

/** The part of the settings the custom functions need: the workbook's output language. */
export const LanguageSettingSchema = z.object({
  version: z.literal(1),
  outputLanguage: OutputLanguageSchema,
});

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
