/*
 * zh-CN descriptions of the CLIENT.* custom functions.
 * custom-functions-metadata-plugin makes the en-US functions.json from the JSDoc in functions.ts; the
 * build (webpack.config.js) applies this table to it and emits functions.zh-CN.json, which manifest.xml
 * serves to Excel in zh-CN. Function and parameter names stay as they are: users type =CLIENT.TIER in
 * every language. The generated functions.json has no result description (its schema has none), so the
 * @returns text is not translated here.
 */

/** The zh-CN text of one function: its description and one description per parameter, by name. */
export interface FunctionTranslation {
  description: string;
  parameters: Record<string, string>;
}

/** Keyed by function id (the @customfunction id in functions.ts). */
export const functionsZhCN: Record<string, FunctionTranslation> = {
  TIER: {
    description: "按门槛阶梯分档：数值达到（>=）的最高一档即为其档位。k 个门槛（顺序不限）分出 k+1 档，例如保费达到 1000万/200万/100万/50万 分为 A 至 E 档。",
    parameters: {
      value: "一位客户的数值（如年缴保费），或一列/一片数值。空单元格返回空值。",
      thresholds: "k 个门槛值，顺序不限，例如 {10000000,2000000,1000000,500000}。",
      labels: '可选。k+1 个档位名称，从最高档开始写，例如 {"关键","重点","一般","维持"}。省略时为 A、B、C……',
    },
  },
  QUADRANT: {
    description: "能力 × 意愿四象限分群：能力高意愿高为“宠爱”，能力高意愿低为“耕耘”，能力低意愿高为“维系”，能力低意愿低为“开发”。",
    parameters: {
      ability: "一位客户的能力值或一列能力值（如可投资资产、收入、经济条件评分）。",
      willingness: "一位客户的意愿值或同样大小的一列意愿值（如亲密度、成熟度、满意度）。",
      ability_cut: "可选。能力分界线：能力 >= 此值为“能力高”。传入一列数值时省略，则取该列的中位数。",
      willingness_cut: "可选。意愿分界线：意愿 >= 此值为“意愿高”。传入一列数值时省略，则取该列的中位数。",
      labels: "可选。四个象限的名称，依次为：宠爱、耕耘、维系、开发。",
    },
  },
  PARETO_SHARE: {
    description: "二八检验：按数值从大到小排列，排在前面一定比例的客户（按人数）合计占总额的比例，从集中度曲线上读出。",
    parameters: {
      values: "一组数值，例如整列保费；空单元格和文字（如表头）会被跳过。",
      top_fraction: "可选。前多少比例的客户（按人数），0 到 1 之间。默认 0.2，即前 20%。",
    },
  },
  PARETO_CUTOFF: {
    description: "二八检验的反查：按数值从大到小，最少需要多大比例的客户（按人数），才能合计达到总额的指定比例。",
    parameters: {
      values: "一组数值，例如整列保费；空单元格和文字（如表头）会被跳过。",
      value_share: "可选。要达到的总额比例，0 到 1 之间。默认 0.8，即 80%。",
    },
  },
  SCORE: {
    description: "五项指标综合评分：把每位客户（每一行）的各项指标评分折算成 0 到 100 分。",
    parameters: {
      indicators: "每行一位客户，每列一项指标（如保单品质、保险意识、满意度、经济条件、流动性），每项按 1 到满分打分。",
      weights: "可选。每列指标的权重，一列一个。省略时各项等权。",
      scale_max: "可选。评分的满分。默认 5 分制。",
      lower_is_better: "可选。每列指标一个 TRUE/FALSE；TRUE 表示分数越低越好，例如流动性。",
    },
  },
  RFM: {
    description:
      "RFM 价值分群代码：每位客户 100×R + 10×F + M，R（最近一次）、F（频次）、M（金额）各按分位数分成 1 到 bins 分，规则同 R 语言 rfm 包（取内部分位数为分界；距今天数越少 R 分越高；数值相同的客户得分相同）。",
    parameters: {
      recency: "距最近一次联系或最近一张保单的天数，每位客户一个（整张名单可传一列）。",
      frequency: "统计期内的保单数或联系次数，每位客户一个，与 recency 大小相同。",
      monetary: "保费或价值金额，每位客户一个，与 recency 大小相同。",
      bins: "可选。每项分成几档，1 到 9。默认 5。",
    },
  },
  CLV: {
    description: "客户终身价值（按续保率计算）：CLV = 每期利润 × 续保率 ÷ (1 + 折现率 − 续保率)。",
    parameters: {
      margin: "每期利润（如每年佣金），一位客户一个，或一列。",
      retention: "每期续保率，大于或等于 0 且小于 1（如 85%），与 margin 大小相同。",
      discount: "可选。每期折现率，大于或等于 0（如 8%）。默认 0。",
    },
  },
  GINI: {
    description:
      "基尼系数（与 R 语言 ineq 包相同）：把数值从小到大排列，G = 2 × Σ(i × 第 i 个数值) ÷ (n × 总和) − (n+1)/n。0 表示人人相同，越接近 1 越集中在少数客户。",
    parameters: {
      values: "一组数值，例如整列保费；空单元格和文字（如表头）会被跳过。",
    },
  },
};

/** The parts of a functions.json entry that the translation touches; everything else is carried over. */
export interface FunctionMetadata {
  id: string;
  name: string;
  description?: string;
  parameters: { name: string; description?: string; [key: string]: unknown }[];
  [key: string]: unknown;
}

export interface FunctionsMetadata {
  functions: FunctionMetadata[];
  [key: string]: unknown;
}

/**
 * functions.json with every description replaced from the table. Throws, naming every problem, when the
 * table misses a function or parameter, names one that does not exist, or leaves a description empty:
 * the build must fail rather than ship half-translated metadata.
 */
export function localizeFunctionsMetadata(metadata: FunctionsMetadata, table: Record<string, FunctionTranslation>, locale = "zh-CN"): FunctionsMetadata {
  const problems: string[] = [];
  const ids = new Set(metadata.functions.map((f) => f.id));
  for (const id of Object.keys(table)) {
    if (!ids.has(id)) problems.push(`${locale}: the table names function ${id}, which functions.json does not have`);
  }
  const functions = metadata.functions.map((fn) => {
    const entry = table[fn.id];
    if (!entry) {
      problems.push(`${locale}: no translation for function ${fn.id}`);
      return fn;
    }
    if (!entry.description.trim()) problems.push(`${locale}: empty description for function ${fn.id}`);
    const names = new Set(fn.parameters.map((p) => p.name));
    for (const name of Object.keys(entry.parameters)) {
      if (!names.has(name)) problems.push(`${locale}: ${fn.id} has no parameter ${name}, but the table translates it`);
    }
    const parameters = fn.parameters.map((p) => {
      const text = entry.parameters[p.name];
      if (text === undefined) problems.push(`${locale}: no translation for parameter ${p.name} of ${fn.id}`);
      else if (!text.trim()) problems.push(`${locale}: empty description for parameter ${p.name} of ${fn.id}`);
      return { ...p, description: text ?? p.description };
    });
    return { ...fn, description: entry.description, parameters };
  });
  if (problems.length > 0) {
    throw new Error(`functions.${locale}.json cannot be built:\n  ${problems.join("\n  ")}`);
  }
  return { ...metadata, functions };
}
