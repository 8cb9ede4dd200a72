/*
 * A small client table for the end-to-end runs and the screenshots: ~30 clients of three agents,
 * made from a seed, with the cells that must stay text (an id that looks like a phone number
 * starting with +, a name starting with =).
 */
import { seededRandom } from "../../src/core/sample";

export const CLIENT_HEADERS = {
  "zh-CN": ["客户编号", "客户姓名", "业务员", "保费", "能力", "意愿"],
  "en-US": ["Client ID", "Name", "Owner", "Premium", "Ability", "Willingness"],
} as const;

/** the id of the client whose id Excel would read as a formula through Range.values */
export const PHONE_ID = "+8613800138000";
/** the name that Excel would read as a formula through Range.values */
export const FORMULA_NAME = "=王五";

const OWNERS = { "zh-CN": ["陈思远", "刘佳琪", "王海峰"], "en-US": ["Alice Chen", "Bob Liu", "Carol Wang"] };
const NAMES = { "zh-CN": [..."伟芳娜秀敏静丽强磊军洋勇艳杰娟涛明超霞平刚"], "en-US": ["Ann", "Ben", "Cy", "Dee", "Eve", "Fay", "Gus", "Hal", "Ivy", "Jo"] };

/** Header and `count` rows: ids K001…, premiums with a heavy tail, ability and willingness 1–10. */
export function clientTable(lang: "zh-CN" | "en-US" = "zh-CN", count = 30, seed = 7): (string | number)[][] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const rows: (string | number)[][] = [[...CLIENT_HEADERS[lang]]];
  for (let i = 1; i <= count; i++) {
    const name = lang === "zh-CN" ? `${pick(["王", "李", "张", "刘", "陈"])}${pick(NAMES[lang])}` : `${pick(NAMES[lang])} ${String.fromCharCode(64 + i)}.`;
    rows.push([
      `K${String(i).padStart(3, "0")}`,
      name,
      OWNERS[lang][i % 3],
      Math.round(Math.exp(8 + 3 * random()) / 100) * 100,
      1 + Math.floor(random() * 10),
      1 + Math.floor(random() * 10),
    ]);
  }
  rows[5][0] = PHONE_ID;
  rows[8][1] = FORMULA_NAME;
  return rows;
}
