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

/**
 * Re-reads the settings persisted in the document into the in-memory copy that outputLang() reads.
 * That copy is "loaded from the document at the time the user opened it"; Settings.refreshAsync
 * "reads all settings persisted in the document and refreshes the ... add-in's copy of those
 * settings held in memory" (https://learn.microsoft.com/javascript/api/office/office.settings#office-office-settings-refreshasync-member(1)).
 * The Excel adapter calls it after it saves the settings, so the functions follow a run's new output
 * language without reopening the book. Resolves false where there is no Office or the refresh failed.
 */
export function refreshDocumentSettings(): Promise<boolean> {
  return new Promise((resolve) => {
    try {
      const settings = office()?.context?.document?.settings;
      if (!settings || typeof settings.refreshAsync !== "function") {
        resolve(false);
        return;
      }
      const succeeded = String(office()?.AsyncResultStatus?.Succeeded ?? "succeeded");
      settings.refreshAsync((result) => resolve(String(result.status) === succeeded));
    } catch {
      resolve(false); // Office.context is not ready before Office.onReady in some hosts
    }
  });
}
