/*
 * The CLIENT.* custom functions. Each is a thin wrapper: it reads the cells, calls the one rule in
 * src/core, and turns issues into Excel errors with a message in the display language.
 * custom-functions-metadata-plugin builds functions.json from the JSDoc below; the zh-CN names and
 * descriptions live in functions.zh-CN.ts.
 */
import { tierFunction, quadrantFunction, paretoShareFunction, paretoCutoffFunction, scoreFunction, rfmFunction, clvFunction, giniFunction } from "./formulas";
import { excelGrid, excelNumber } from "./excel-output";
import { outputLang } from "./language";

/**
 * Puts each value in a tier of a threshold ladder: the highest tier whose threshold it reaches (>=). k thresholds, in any order, give k+1 tiers.
 * @customfunction TIER
 * @param value The value of one client, or a range of values. Blank cells give an empty result.
 * @param thresholds The k thresholds, in any order, e.g. {10000000,2000000,1000000,500000}.
 * @param [labels] k+1 labels, highest tier first. Default A, B, C, ...
 * @returns The tier label of each value, in the shape of value.
 * @example =CLIENT.TIER(600000, {10000000,2000000,1000000,500000}) returns "D".
 */
export function tier(value: any[][], thresholds: any[][], labels?: any[][]): any[][] {
  return excelGrid(tierFunction(value, thresholds, labels));
}

/**
 * Sorts clients into the ability x willingness matrix: 宠爱 Pamper (high/high), 耕耘 Cultivate (high ability, low willingness), 维系 Maintain (low ability, high willingness), 开发 Develop (low/low).
 * @customfunction QUADRANT
 * @param ability Ability of one client or a range (assets, income, economic condition).
 * @param willingness Willingness of one client or a range of the same shape (closeness, maturity, satisfaction).
 * @param [ability_cut] High ability means ability >= this cut. Left out for a range: the median of the range.
 * @param [willingness_cut] High willingness means willingness >= this cut. Left out for a range: the median of the range.
 * @param [labels] Four labels in the order Pamper, Cultivate, Maintain, Develop.
 * @returns The quadrant of each client, in the shape of ability.
 * @example =CLIENT.QUADRANT(B2:B200, C2:C200) spills one quadrant per client, cut at the medians.
 */
export function quadrant(ability: any[][], willingness: any[][], ability_cut?: any, willingness_cut?: any, labels?: any[][]): any[][] {
  return excelGrid(quadrantFunction(ability, willingness, ability_cut, willingness_cut, labels, outputLang()));
}

/**
 * The share of the total held by the top fraction of entries by count (the 80/20 check), read off the concentration curve.
 * @customfunction PARETO_SHARE
 * @param values The values, e.g. a whole premium column; blank and text cells are skipped.
 * @param [top_fraction] The top fraction of entries by count, 0 to 1. Default 0.2.
 * @returns The share of the total, 0 to 1.
 * @example =CLIENT.PARETO_SHARE({100,50,20,10,10,5,3,1,1,0}, 0.2) returns 0.75.
 */
export function paretoShare(values: any[][], top_fraction?: any): any {
  return excelNumber(paretoShareFunction(values, top_fraction));
}

/**
 * The smallest fraction of entries, largest first, that holds the given share of the total.
 * @customfunction PARETO_CUTOFF
 * @param values The values, e.g. a whole premium column; blank and text cells are skipped.
 * @param [value_share] The share of the total to reach, 0 to 1. Default 0.8.
 * @returns The fraction of entries by count, 0 to 1.
 * @example =CLIENT.PARETO_CUTOFF({100,50,20,10,10,5,3,1,1,0}, 0.8) returns 0.25.
 */
export function paretoCutoff(values: any[][], value_share?: any): any {
  return excelNumber(paretoCutoffFunction(values, value_share));
}

/**
 * The five-indicator review as one score from 0 to 100 per client (row).
 * @customfunction SCORE
 * @param indicators One row per client, one column per indicator, each scored 1 to scale_max.
 * @param [weights] One weight per indicator column. Default equal weights.
 * @param [scale_max] The top of the scoring scale. Default 5.
 * @param [lower_is_better] One TRUE/FALSE per indicator column; TRUE for indicators such as mobility.
 * @returns One score per row, 0 to 100.
 * @example =CLIENT.SCORE(B2:F2, , 5, {FALSE,FALSE,FALSE,FALSE,TRUE}) scores one client.
 */
export function score(indicators: any[][], weights?: any[][], scale_max?: any, lower_is_better?: any[][]): any[][] {
  return excelGrid(scoreFunction(indicators, weights, scale_max, lower_is_better));
}

/**
 * RFM score code per client: 100 x R + 10 x F + M, each score 1 to bins by quantiles as the R rfm package scores them (interior quantile cuts; fewest days since last contact scores highest; tied values share a score).
 * @customfunction RFM
 * @param recency Days since the last contact or policy date, per client (a range for a book).
 * @param frequency Number of policies or contacts in the window, per client, in the shape of recency.
 * @param monetary Premium or value per client, in the shape of recency.
 * @param [bins] Number of scores per measure, 1 to 9. Default 5.
 * @returns The 3-digit RFM code of each client, e.g. 555 for the best; blank rows give an empty cell.
 * @example =CLIENT.RFM(B2:B200, C2:C200, D2:D200) spills one code per client, such as 543.
 */
export function rfm(recency: any[][], frequency: any[][], monetary: any[][], bins?: any): any[][] {
  return excelGrid(rfmFunction(recency, frequency, monetary, bins));
}

/**
 * Customer lifetime value of a renewing contract: CLV = margin x retention / (1 + discount - retention).
 * @customfunction CLV
 * @param margin Margin per period (e.g. yearly commission), per client or a range.
 * @param retention Renewal rate per period, at least 0 and below 1 (e.g. 85%), in the shape of margin.
 * @param [discount] Discount rate per period, 0 or more (e.g. 8%). Default 0.
 * @returns The lifetime value of each client, in the shape of margin.
 * @example =CLIENT.CLV(1000, 80%, 10%) returns 2666.67 (1000 x 0.8 / 0.3).
 */
export function clv(margin: any[][], retention: any[][], discount?: any): any[][] {
  return excelGrid(clvFunction(margin, retention, discount));
}

/**
 * Gini coefficient of the values, as in R ineq: G = 2 x sum(i x value(i)) / (n x sum) - (n+1)/n over the values in ascending order. 0 = all equal; near 1 = one client holds nearly all.
 * @customfunction GINI
 * @param values The values, e.g. a whole premium column; blank and text cells are skipped.
 * @returns The Gini coefficient, 0 to below 1.
 * @example =CLIENT.GINI({1,2,3,4}) returns 0.25.
 */
export function giniCoefficient(values: any[][]): any {
  return excelNumber(giniFunction(values));
}
