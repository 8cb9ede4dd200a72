/* Every user-facing string of the task pane, in both languages the product speaks. */
import type { Lang } from "../core/lang";

export interface FunctionHelp {
  name: string;
  summary: string;
  example: string;
  result: string;
}

export interface PaneStrings {
  productName: string;
  /** the other-language name shown under the title, so a shared screen reads in both */
  productSubtitle: string;
  version: (v: string) => string;
  detecting: string;
  insideOffice: (host: string) => string;
  insideOfficeHint: string;
  browserMode: string;
  browserModeHint: string;
  comingSoon: string;
  functionsTitle: string;
  exampleLabel: string;
  resultLabel: string;
  functions: FunctionHelp[];
}

const TEN_VALUES = "{100,50,20,10,10,5,3,1,1,0}";

export const strings: Record<Lang, PaneStrings> = {
  "zh-CN": {
    productName: "客户分层经营助手",
    productSubtitle: "Client Ladder",
    version: (v) => `版本 ${v}`,
    detecting: "正在连接 Office……",
    insideOffice: (host) => `已在 ${host} 中运行。`,
    insideOfficeHint: "在任意单元格输入 =CLIENT. 即可使用下列函数，结果会自动溢出到相邻单元格。",
    browserMode: "浏览器模式：当前不在 Excel 中运行。",
    browserModeHint: "自定义函数只能在 Excel 中使用：请在 Excel 中加载 manifest.xml。",
    comingSoon: "客户表分层、经营计划和行动日历的一键生成功能正在开发中。",
    functionsTitle: "自定义函数",
    exampleLabel: "示例",
    resultLabel: "结果",
    functions: [
      {
        name: "CLIENT.TIER",
        summary: "按门槛阶梯分档：达到（>=）的最高一档。",
        example: "=CLIENT.TIER(600000, {10000000,2000000,1000000,500000})",
        result: "D",
      },
      {
        name: "CLIENT.QUADRANT",
        summary: "能力 × 意愿四象限：宠爱、耕耘、维系、开发；省略分界线时取中位数。",
        example: "=CLIENT.QUADRANT(B2:B200, C2:C200)",
        result: "每位客户一个象限",
      },
      {
        name: "CLIENT.PARETO_SHARE",
        summary: "前 20% 的客户合计占总额的比例（二八检验）。",
        example: `=CLIENT.PARETO_SHARE(${TEN_VALUES}, 0.2)`,
        result: "0.75",
      },
      {
        name: "CLIENT.PARETO_CUTOFF",
        summary: "合计达到总额 80% 最少需要多大比例的客户。",
        example: `=CLIENT.PARETO_CUTOFF(${TEN_VALUES}, 0.8)`,
        result: "0.25",
      },
      {
        name: "CLIENT.SCORE",
        summary: "五项指标综合评分，0 到 100 分；流动性等指标可设为越低越好。",
        example: "=CLIENT.SCORE(B2:F2, , 5, {FALSE,FALSE,FALSE,FALSE,TRUE})",
        result: "0 到 100 的分数",
      },
    ],
  },
  "en-US": {
    productName: "Client Ladder",
    productSubtitle: "客户分层经营助手",
    version: (v) => `Version ${v}`,
    detecting: "Connecting to Office…",
    insideOffice: (host) => `Running inside ${host}.`,
    insideOfficeHint: "Type =CLIENT. in any cell to use the functions below; results spill into the cells next to it.",
    browserMode: "Browser mode: not running inside Excel.",
    browserModeHint: "The custom functions work only inside Excel: sideload manifest.xml in Excel to use them.",
    comingSoon: "Segmenting a client table and generating plans and an action calendar in one click is under way.",
    functionsTitle: "Custom functions",
    exampleLabel: "Example",
    resultLabel: "Result",
    functions: [
      {
        name: "CLIENT.TIER",
        summary: "Threshold ladder: the highest tier whose threshold the value reaches (>=).",
        example: "=CLIENT.TIER(600000, {10000000,2000000,1000000,500000})",
        result: "D",
      },
      {
        name: "CLIENT.QUADRANT",
        summary: "Ability x willingness: Pamper, Cultivate, Maintain, Develop; cut at the medians when no cut is given.",
        example: "=CLIENT.QUADRANT(B2:B200, C2:C200)",
        result: "one quadrant per client",
      },
      {
        name: "CLIENT.PARETO_SHARE",
        summary: "The share of the total held by the top 20% of clients (the 80/20 check).",
        example: `=CLIENT.PARETO_SHARE(${TEN_VALUES}, 0.2)`,
        result: "0.75",
      },
      {
        name: "CLIENT.PARETO_CUTOFF",
        summary: "The smallest fraction of clients that holds 80% of the total.",
        example: `=CLIENT.PARETO_CUTOFF(${TEN_VALUES}, 0.8)`,
        result: "0.25",
      },
      {
        name: "CLIENT.SCORE",
        summary: "The five-indicator review as one score from 0 to 100; mark indicators such as mobility lower-is-better.",
        example: "=CLIENT.SCORE(B2:F2, , 5, {FALSE,FALSE,FALSE,FALSE,TRUE})",
        result: "a score from 0 to 100",
      },
    ],
  },
};
