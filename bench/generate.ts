/*
 * Generated client books for benchmarks and big tests: fixed seed, so every run measures the same
 * data. Values follow a heavy-tailed (log-normal) premium distribution like a real book.
 */

import { seededRandom } from "../src/core/sample";

export { seededRandom };

/** Standard normal from two uniforms (Box-Muller). */
function normal(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

export interface GeneratedColumns {
  /** premium cells as a workbook holds them: mostly numbers, some text with units, a few blanks */
  value: unknown[][];
  ability: unknown[][];
  willingness: unknown[][];
  /** five indicator scores 1..5 per client */
  indicators: unknown[][];
}

/** `n` clients, one row each, as raw cell values. */
export function generateColumns(n: number, seed = 20261122): GeneratedColumns {
  const random = seededRandom(seed);
  const value: unknown[][] = new Array(n);
  const ability: unknown[][] = new Array(n);
  const willingness: unknown[][] = new Array(n);
  const indicators: unknown[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const premium = Math.round(Math.exp(9 + 1.6 * normal(random)));
    const r = random();
    // 2% written as 万 text, 1% with thousands separators, 0.5% blank: the mix managers type
    value[i] = [r < 0.02 ? `${(premium / 10000).toFixed(1)}万` : r < 0.03 ? premium.toLocaleString("en-US") : r < 0.035 ? null : premium];
    ability[i] = [Math.round(premium * (0.5 + random()))];
    willingness[i] = [1 + Math.floor(random() * 10)];
    indicators[i] = [1, 2, 3, 4, 5].map(() => 1 + Math.floor(random() * 5));
  }
  return { value, ability, willingness, indicators };
}

const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗";
const GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华";

/** A client table as a sheet holds it: a header row of Chinese headers, then `n` rows of raw cells. */
export function generateClientTable(n: number, seed = 20261122): unknown[][] {
  const random = seededRandom(seed);
  const owners = ["李娜", "王强", "张敏", "刘洋", "陈静", "杨磊"];
  const pick = (s: string) => s[Math.floor(random() * s.length)];
  const cells: unknown[][] = [
    ["客户编号", "客户姓名", "业务员", "年缴保费", "能力", "意愿", "保单品质", "保险意识", "满意度", "经济条件", "流动性", "出生日期", "投保日期", "最近联系"],
  ];
  for (let i = 0; i < n; i++) {
    const premium = Math.round(Math.exp(9 + 1.6 * normal(random)));
    const r = random();
    cells.push([
      `K${String(i + 1).padStart(7, "0")}`,
      pick(SURNAMES) + pick(GIVEN) + (random() < 0.5 ? pick(GIVEN) : ""),
      owners[Math.floor(random() * owners.length)],
      r < 0.02 ? `${(premium / 10000).toFixed(1)}万` : r < 0.025 ? null : premium,
      Math.round(premium * (0.5 + random())),
      1 + Math.floor(random() * 10),
      1 + Math.floor(random() * 5),
      1 + Math.floor(random() * 5),
      1 + Math.floor(random() * 5),
      1 + Math.floor(random() * 5),
      1 + Math.floor(random() * 5),
      // Excel serial numbers, as Office.js reads date cells: born 1950-2000, policies 2010-2025, contact in 2025
      18264 + Math.floor(random() * 18262),
      40179 + Math.floor(random() * 5844),
      45658 + Math.floor(random() * 365),
    ]);
  }
  return cells;
}
