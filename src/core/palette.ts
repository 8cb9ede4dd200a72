/*
 * Colour where it helps (issue 10, item 4): tier and quadrant cells, value bars, overdue actions.
 * Every colour is a conditional format, never a fixed cell style, so a manager can change or remove
 * it in Excel, and both hosts write the very same rules from what this module resolves.
 *
 * The palette is Okabe & Ito's eight colours ("Color Universal Design", 2002,
 * https://jfly.uni-koeln.de/color/), which stay distinct for the common kinds of colour blindness.
 * Cells get a light tint of them (30% colour, 70% white) with near-black text, so the text keeps a
 * contrast above 12:1 and the sheet still reads in black-and-white print. Tiers take the colours
 * in order from the top tier (tier 7 and below start again); quadrants keep a colour each:
 *
 *   top tier       blue #0072B2          -> #B3D5E8
 *   2nd tier       bluish green #009E73  -> #B3E2D5
 *   3rd tier       sky blue #56B4E9      -> #CCE9F8
 *   4th tier       yellow #F0E442        -> #FBF7C6
 *   5th tier       reddish purple #CC79A7 -> #F0D7E5
 *   6th tier       orange #E69F00        -> #F8E2B3
 *   宠爱 Pamper     bluish green          -> #B3E2D5
 *   耕耘 Cultivate  sky blue              -> #CCE9F8
 *   维系 Maintain   yellow                -> #FBF7C6
 *   开发 Develop    reddish purple        -> #F0D7E5
 *   overdue        vermillion #D55E00    -> #F2CFB3, dark vermillion text #7A2E00
 *   value bars     sky blue #56B4E9
 */
import { letterOf } from "./tier";
import type { ColumnRef, ConditionalFormat, Highlight, ListValidation, OutputSheet, OutputTable } from "./output";
import type { Quadrant } from "./quadrant";

export const OKABE_ITO = {
  orange: "#E69F00",
  skyBlue: "#56B4E9",
  bluishGreen: "#009E73",
  yellow: "#F0E442",
  blue: "#0072B2",
  vermillion: "#D55E00",
  reddishPurple: "#CC79A7",
} as const;

/** The text on a tinted cell. */
export const DARK_TEXT = "#1A1A1A";

/** A colour mixed with white: `share` of the colour. */
export function tint(hex: string, share = 0.3): string {
  const channel = (i: number) => Math.round(share * parseInt(hex.slice(i, i + 2), 16) + (1 - share) * 255);
  return `#${[1, 3, 5].map((i) => channel(i).toString(16).toUpperCase().padStart(2, "0")).join("")}`;
}

const light = (hex: string): Highlight => ({ fill: tint(hex), font: DARK_TEXT });

/** Tier colours, top tier first. */
export const TIER_STYLES: readonly Highlight[] = [
  OKABE_ITO.blue,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.skyBlue,
  OKABE_ITO.yellow,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.orange,
].map(light);

export const QUADRANT_STYLES: Record<Quadrant, Highlight> = {
  pamper: light(OKABE_ITO.bluishGreen),
  cultivate: light(OKABE_ITO.skyBlue),
  maintain: light(OKABE_ITO.yellow),
  develop: light(OKABE_ITO.reddishPurple),
};

/** Overdue actions. */
export const WARNING_STYLE: Highlight = { fill: tint(OKABE_ITO.vermillion), font: "#7A2E00" };

export const DATA_BAR_COLOR = OKABE_ITO.skyBlue;

/** Every highlight a rule can use: the package host puts each in styles.xml once. */
export const HIGHLIGHTS: readonly Highlight[] = [...TIER_STYLES, ...Object.values(QUADRANT_STYLES), WARNING_STYLE].filter(
  (h, i, all) => all.findIndex((o) => o.fill === h.fill && o.font === h.font) === i,
);

/** One rule per tier label: `labels[i]` is tier i (0 = top). */
export function tierColours(table: string, column: string | number, labels: readonly (string | null | undefined)[]): ConditionalFormat[] {
  const rules: ConditionalFormat[] = [];
  labels.forEach((text, i) => {
    if (text) rules.push({ kind: "equals", at: { table, column }, text, style: TIER_STYLES[i % TIER_STYLES.length] });
  });
  return rules;
}

/** One rule per quadrant, by its label as written. */
export function quadrantColours(
  table: string,
  column: string | number,
  labels: readonly { quadrant: Quadrant | string; label: string }[],
): ConditionalFormat[] {
  return labels.flatMap(({ quadrant, label }) => {
    const style = QUADRANT_STYLES[quadrant as Quadrant];
    return style && label ? [{ kind: "equals" as const, at: { table, column }, text: label, style }] : [];
  });
}

/** Tier labels by tier index, from whatever rows carry them (clients of a plan, of a target list). */
export function tierLabelsOf(clients: Iterable<{ tierIndex: number | null; tier: string | null }>): string[] {
  const labels: string[] = [];
  for (const c of clients) if (c.tierIndex !== null && c.tierIndex >= 0 && c.tier && labels[c.tierIndex] === undefined) labels[c.tierIndex] = c.tier;
  return labels;
}

// ---------------------------------------------------------------- resolved for the hosts

/** A rectangle of cells, 0-based. */
export interface CellRect {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

/**
 * A conditional format as both hosts write it: its cells, and formulas in A1 style relative to the
 * top-left cell of `rect`, without a leading "=".
 */
export type PlacedFormat =
  | { kind: "cellEquals"; rect: CellRect; formula: string; style: Highlight }
  | { kind: "dataBar"; rect: CellRect; color: string }
  | { kind: "expression"; rect: CellRect; formula: string; style: Highlight };

export interface PlacedValidation {
  rect: CellRect;
  allowed: string[];
  /** the list as Excel keeps it: "完成" or "a,b" (a list of words, comma separated) */
  source: string;
  errorTitle: string;
  error: string;
}

/** A text as a formula constant: "A", quotes doubled. */
export function textConstant(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** The data rows of a table column (none for a table without rows), or undefined when there is no such column. */
function dataCells(sheet: OutputSheet, at: ColumnRef): { table: OutputTable; index: number; rect: CellRect } | undefined {
  const table = sheet.tables.find((t) => t.name === at.table);
  if (!table || table.rows.length === 0) return undefined;
  const index = typeof at.column === "number" ? at.column : table.columns.findIndex((c) => c.header === at.column);
  if (index < 0 || index >= table.columns.length) return undefined;
  return { table, index, rect: { row: table.row + 1, column: table.column + index, rows: table.rows.length, columns: 1 } };
}

/** The conditional formats of a sheet on their cells, in priority order (first is highest); rules whose column is missing are left out. */
export function placedFormats(sheet: OutputSheet): PlacedFormat[] {
  const placed: PlacedFormat[] = [];
  for (const rule of sheet.conditionalFormats ?? []) {
    if (rule.kind === "equals") {
      const cells = dataCells(sheet, rule.at);
      if (cells) placed.push({ kind: "cellEquals", rect: cells.rect, formula: textConstant(rule.text), style: rule.style });
    } else if (rule.kind === "dataBar") {
      const cells = dataCells(sheet, rule.at);
      if (cells) placed.push({ kind: "dataBar", rect: cells.rect, color: rule.color });
    } else {
      const refs = rule.refs.map((r) => dataCells(sheet, r));
      if (refs.some((r) => !r)) continue;
      for (const at of rule.at) {
        const cells = dataCells(sheet, at);
        if (!cells) continue;
        // columns fixed, rows relative: each cell of the range reads its own row
        const formula = rule.formula.replace(/\{(\d+)\}/g, (_, i: string) => {
          const ref = refs[Number(i)]!;
          return `$${letterOf(ref.rect.column)}${cells.rect.row + 1}`;
        });
        placed.push({ kind: "expression", rect: cells.rect, formula, style: rule.style });
      }
    }
  }
  return placed;
}

export function placedValidations(sheet: OutputSheet): PlacedValidation[] {
  return (sheet.validations ?? []).flatMap((v: ListValidation) => {
    const cells = dataCells(sheet, v.at);
    return cells ? [{ rect: cells.rect, allowed: v.allowed, source: v.allowed.join(","), errorTitle: v.errorTitle, error: v.error }] : [];
  });
}

/** "A2:A31" for a rectangle. */
export function rectAddress(rect: CellRect): string {
  const start = `${letterOf(rect.column)}${rect.row + 1}`;
  const end = `${letterOf(rect.column + rect.columns - 1)}${rect.row + rect.rows}`;
  return start === end ? start : `${start}:${end}`;
}
