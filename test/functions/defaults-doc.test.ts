/*
 * The functions' JSDoc is read as literal text by custom-functions-metadata-plugin, and the zh-CN
 * table is loaded by the build without its imports, so both state the defaults as literals. These
 * tests keep each literal equal to the one constant in core that the functions actually use.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { PARETO_TOP_FRACTION, PARETO_VALUE_SHARE } from "../../src/core/pareto";
import { REVIEW_DEFAULTS } from "../../src/core/score";
import { functionsZhCN } from "../../src/functions/functions.zh-CN";

const jsdoc = readFileSync(path.join(__dirname, "../../src/functions/functions.ts"), "utf8");

describe("the functions' documented defaults are core's", () => {
  it("PARETO_SHARE's top_fraction", () => {
    expect(jsdoc).toContain(`@param [top_fraction] The top fraction of entries by count, 0 to 1. Default ${PARETO_TOP_FRACTION}.`);
    expect(functionsZhCN.PARETO_SHARE.parameters.top_fraction).toContain(`默认 ${PARETO_TOP_FRACTION}，即前 ${PARETO_TOP_FRACTION * 100}%。`);
  });

  it("PARETO_CUTOFF's value_share", () => {
    expect(jsdoc).toContain(`@param [value_share] The share of the total to reach, 0 to 1. Default ${PARETO_VALUE_SHARE}.`);
    expect(functionsZhCN.PARETO_CUTOFF.parameters.value_share).toContain(`默认 ${PARETO_VALUE_SHARE}，即 ${PARETO_VALUE_SHARE * 100}%。`);
  });

  it("SCORE's scale_max", () => {
    expect(jsdoc).toContain(`@param [scale_max] The top of the scoring scale. Default ${REVIEW_DEFAULTS.scaleMax}.`);
    expect(functionsZhCN.SCORE.parameters.scale_max).toContain(`默认 ${REVIEW_DEFAULTS.scaleMax} 分制。`);
  });
});
