import { z } from "zod";

// zod would probe `new Function` to compile faster parsers; the pane's Content-Security-Policy
// allows no eval, so it is told not to try (every schema module imports this one first)
z.config({ jitless: true });

/** The two languages the product speaks. Anything else falls back to en-US (SPEC section 6). */
export type Lang = "zh-CN" | "en-US";

export const LANGS: readonly Lang[] = ["zh-CN", "en-US"];

/** How each language joins a list in running text: items (甲、乙 / a, b) and clauses (甲；乙 / a; b). */
export const SEPARATORS: Record<Lang, { items: string; clauses: string }> = {
  "zh-CN": { items: "、", clauses: "；" },
  "en-US": { items: ", ", clauses: "; " },
};

/** Maps an Office display language tag (zh-CN, zh-Hans-CN, zh-TW, en-GB, ...) to one we speak. */
export function langFromTag(tag: string | null | undefined): Lang {
  return typeof tag === "string" && /^zh\b/i.test(tag.trim()) ? "zh-CN" : "en-US";
}

export const OutputLanguageSchema = z.enum(["zh-CN", "en-US"]);
