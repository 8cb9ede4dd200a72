import type { Lang } from "./lang";
import { median } from "./order";

/*
 * The ability x willingness matrix (SPEC sections 2 and 4). High means >= the cut; a cut left out
 * for a column of clients is that column's median.
 */

export type Quadrant = "pamper" | "cultivate" | "maintain" | "develop";

/** The order of QUADRANT's `labels` argument and of the playbook's columns. */
export const QUADRANTS: readonly Quadrant[] = ["pamper", "cultivate", "maintain", "develop"];

export const QUADRANT_LABELS: Record<Lang, Record<Quadrant, string>> = {
  "zh-CN": { pamper: "宠爱", cultivate: "耕耘", maintain: "维系", develop: "开发" },
  "en-US": { pamper: "Pamper", cultivate: "Cultivate", maintain: "Maintain", develop: "Develop" },
};

/**
 * The quadrant of one client.
 * @example quadrantOf(80, 30, 50, 50) // "cultivate": high ability, low willingness
 */
export function quadrantOf(ability: number, willingness: number, abilityCut: number, willingnessCut: number): Quadrant {
  const able = ability >= abilityCut;
  const willing = willingness >= willingnessCut;
  if (able) return willing ? "pamper" : "cultivate";
  return willing ? "maintain" : "develop";
}

/**
 * The cut to use for a column: the given one, or the median of the column's numbers.
 * Undefined when neither exists (no cut given and no numbers).
 * @example quadrantCut([1, 5, 3], undefined) // 3
 */
export function quadrantCut(values: ArrayLike<number>, given: number | undefined): number | undefined {
  return given !== undefined ? given : median(values);
}
