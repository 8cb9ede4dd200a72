/*
 * The built-in sample book (`client-ladder sample`, the browser page's "try it" file): a few
 * hundred fictitious clients of a team of agents, seeded so every copy is the same, with the
 * messy cells of SPEC section 8 that a real list holds. Its dates are alive on any day: they are
 * made for a run date (birthdays and renewals over the coming year, last contacts in the months
 * before it, a few visits overdue, a few clients with no contact on record), so the same seed and
 * run date give the same book. Pure data; a host writes it to a sheet.
 */
import { dayOf, parseRunDate, type Day } from "./dates";
import { FIELD_NAMES } from "./vocabulary";
import type { Lang } from "./lang";

/** A sample cell: dates are real dates, `{ error }` is an Excel error value. */
export type SampleCell = string | number | Date | null | { error: "#N/A" };

export interface SampleBook {
  sheetName: string;
  /** the merged title above the header */
  title: string;
  header: string[];
  rows: SampleCell[][];
  /** indexes into `rows` of the rows to hide */
  hiddenRows: number[];
  /** indexes into `header` of the date columns (written with a date format) */
  dateColumns: number[];
  /** Excel number format per column, undefined for general */
  formats: (string | undefined)[];
}

const SURNAMES = [..."王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢"];
const GIVEN = [..."伟芳娜秀敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂英华玉兰建国志红梅海燕鹏辉宇晨浩然欣怡子涵梓轩雨婷俊"];
const OWNERS = ["陈思远", "刘佳琪", "王海峰", "赵雅文", "孙立新", "周晓梅"];

/** A seeded PRNG (mulberry32): small, fast and the same everywhere for the same seed, so generated books are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A date at UTC midnight, as date cells are written and read. */
function utcDay(year: number, month: number, date: number): Date {
  return new Date(Date.UTC(year, month - 1, date));
}

export const SAMPLE_HEADER = [
  "客户编号",
  "客户姓名",
  "业务员",
  "年缴保费(元)",
  "出生日期",
  "投保日期",
  "续期日期",
  "最近联系",
  "保单品质",
  "保险意识",
  "满意度",
  "经济条件",
  "流动性",
  "可投资资产(万元)",
  "意愿",
] as const;

/** The same header in English (`client-ladder sample --lang en-US`): the words the header detection reads. */
const en = FIELD_NAMES["en-US"];
export const SAMPLE_HEADER_EN: readonly string[] = [
  en.id,
  en.name,
  en.owner,
  "Annual premium (CNY)",
  en.birthDate,
  en.policyDate,
  en.renewalDate,
  en.lastContact,
  en.policyQuality,
  en.awareness,
  en.satisfaction,
  en.economic,
  en.mobility,
  "Investable assets (10k CNY)",
  en.willingness,
];

/** The run date the sample's dates were first drawn for; a book for another run date is the same book moved by the days between. */
const SAMPLE_ANCHOR: Day = dayOf(2026, 1, 1);

/** Rows (indexes into the clients) with no contact on record. */
const NO_CONTACT_ROWS = [57, 118, 203];

export interface SampleOptions {
  /** the run date the dates are made for, ISO yyyy-mm-dd; 2026-01-01 when left out */
  asOf?: string;
  /** the language of the sheet name, title and header; zh-CN when left out */
  lang?: Lang;
}

/**
 * `count` fictitious clients (default 300). Premiums follow a heavy tail, as a real book does,
 * so the 80/20 figures look like one. Row indexes of the messy cells are fixed, not random.
 * @example sampleBook().rows.length // 301 (300 clients and one blank row)
 */
export function sampleBook(count = 300, seed = 20260101, options: SampleOptions = {}): SampleBook {
  const asOf = options.asOf === undefined ? SAMPLE_ANCHOR : parseRunDate(options.asOf);
  if (asOf === undefined) throw new RangeError(`not a run date: ${options.asOf}`);
  const shift = (asOf - SAMPLE_ANCHOR) * 86_400_000;
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const normal = () => Math.sqrt(-2 * Math.log(Math.max(random(), 1e-12))) * Math.cos(2 * Math.PI * random());
  const score = (bias: number) => Math.min(5, Math.max(1, Math.round(3 + bias + normal())));

  const rows: SampleCell[][] = [];
  for (let i = 0; i < count; i++) {
    const id = `KH${String(1001 + i).padStart(5, "0")}`;
    const name = pick(SURNAMES) + pick(GIVEN) + (random() < 0.6 ? pick(GIVEN) : "");
    const wealth = normal();
    const premium = Math.round(Math.exp(9.2 + 1.3 * wealth + 0.4 * normal()) / 100) * 100;
    const policyYear = int(2012, 2025);
    const policyMonth = int(1, 12);
    const policyDay = int(1, 28);
    const bias = wealth > 1 ? 1 : wealth < -1 ? -1 : 0;
    // drawn for the anchor, moved to the run date
    const day = (year: number, month: number, date: number) => new Date(utcDay(year, month, date).getTime() + shift);
    rows.push([
      id,
      name,
      OWNERS[i % OWNERS.length],
      Math.max(premium, 1200),
      day(int(1955, 2000), int(1, 12), int(1, 28)),
      day(policyYear, policyMonth, policyDay),
      day(2026, policyMonth, policyDay),
      day(2025, int(6, 12), int(1, 28)),
      score(bias),
      score(0),
      score(0),
      score(bias),
      score(-bias),
      Math.max(5, Math.round(Math.exp(4 + 1.1 * wealth + 0.5 * normal()))),
      int(1, 10),
    ]);
  }

  // the messy cells a real list has (SPEC section 8), at fixed rows so tests can find them
  const PREMIUM = 3;
  const BIRTH = 4;
  rows[4][PREMIUM] = "12万";
  rows[9][PREMIUM] = "¥3,000";
  rows[14][PREMIUM] = { error: "#N/A" };
  rows[19][PREMIUM] = -5000;
  rows[24][BIRTH] = "1985/3/7";
  rows[29][BIRTH] = "1985年3月7日";
  rows[34][0] = rows[33][0];
  const LAST_CONTACT = 7;
  for (const r of NO_CONTACT_ROWS) if (r < rows.length) rows[r][LAST_CONTACT] = null;
  rows.splice(40, 0, new Array<SampleCell>(SAMPLE_HEADER.length).fill(null));

  const year = new Date(asOf * 86_400_000).getUTCFullYear();
  const english = options.lang === "en-US";
  return {
    sheetName: english ? "Clients" : "客户名单",
    title: english ? `${year} client list (sample data)` : `${year}年 客户名单（示例数据）`,
    header: english ? [...SAMPLE_HEADER_EN] : [...SAMPLE_HEADER],
    rows,
    hiddenRows: [50],
    dateColumns: [4, 5, 6, 7],
    formats: [undefined, undefined, undefined, "#,##0", "yyyy-mm-dd", "yyyy-mm-dd", "yyyy-mm-dd", "yyyy-mm-dd", "0", "0", "0", "0", "0", "#,##0", "0"],
  };
}
