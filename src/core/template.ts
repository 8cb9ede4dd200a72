/*
 * User-facing templates ("{value} is not a number", "every {n} months") are filled here and only
 * here: the issues, the CLI's messages, the sheets' words.
 */

/** The most of a value a message quotes: a cell or a saved setting can hold millions of characters. */
export const MAX_QUOTED = 120;

/** A value as a message quotes it: at most `limit` characters, then "…". */
export function quoted(value: string | number, limit = MAX_QUOTED): string {
  const s = String(value);
  if (s.length <= limit) return s;
  // never cut a surrogate pair
  const cut = /[\ud800-\udbff]/.test(s[limit - 1]) ? limit - 1 : limit;
  return `${s.slice(0, cut)}…`;
}

/**
 * A template with its {name} placeholders filled, each value quoted() at `limit` characters; a
 * placeholder without a value stays as it is, so a missing parameter shows instead of vanishing.
 * @example fill("every {n} months", { n: 3 }) // "every 3 months"
 */
export function fill(template: string, params: Readonly<Record<string, string | number | undefined>> = {}, limit = MAX_QUOTED): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const v = params[key];
    return v === undefined ? whole : quoted(v, limit);
  });
}
