/*
 * Which language a function speaks. Messages follow the Office display language; word labels
 * (QUADRANT) follow the workbook's output language, so a shared workbook computes the same
 * everywhere (SPEC section 6). Outside Office both fall back as documented.
 */
import { langFromTag, type Lang } from "../core/lang";
import { SETTINGS_KEY, chooseOutputLanguage, outputLanguageOf } from "../core/settings";

function office(): typeof Office | undefined {
  return typeof Office === "undefined" ? undefined : Office;
}

/** The Office display language, en-US when unknown. */
export function displayLang(): Lang {
  try {
    return langFromTag(office()?.context?.displayLanguage);
  } catch {
    return "en-US"; // Office.context is not ready before Office.onReady in some hosts
  }
}

/** The workbook's saved output language, falling back to the display language while none is saved. */
export function outputLang(): Lang {
  try {
    const stored = office()?.context?.document?.settings?.get(SETTINGS_KEY);
    return chooseOutputLanguage({ saved: outputLanguageOf(stored), display: displayLang() });
  } catch {
    return displayLang();
  }
}
