/** @jest-environment jsdom */
import { cleanup, fireEvent, screen } from "@testing-library/react";
import type { Lang } from "../../src/core/lang";
import { configFromDraft, draftFromConfig, type ModelDraft } from "../../src/taskpane/draft";
import { ModelsStep } from "../../src/taskpane/steps/ModelsStep";
import { strings } from "../../src/taskpane/strings";
import { renderStep } from "./step-harness";
import { stepStrings } from "../../src/taskpane/strings-models";

const AS_OF = "2026-03-15";
const zh = stepStrings["zh-CN"].models;
const en = stepStrings["en-US"].models;

afterEach(cleanup);

const CELLS = [
  ["客户编号", "客户姓名", "保费"],
  ["C1", "张三", 1000],
];

function setup(lang: Lang, change?: (d: ModelDraft) => ModelDraft) {
  const seen = renderStep(ModelsStep, lang, CELLS, AS_OF, change);
  return {
    seen,
    config: () => {
      const checked = configFromDraft(seen.state!.draft, lang);
      if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
      return checked.config;
    },
  };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const box = (label: string) => screen.getByRole("textbox", { name: new RegExp(`^${escape(label)}`) }) as HTMLInputElement;
const type = (label: string, value: string) => fireEvent.change(box(label), { target: { value } });

test.each<[Lang, string, string]>([
  ["en-US", `"abc" is not a number`, "Your own thresholds"],
  ["zh-CN", "“abc”不是数字", "自定门槛"],
])("%s: a threshold that is not a number is marked under its field, and fixing it removes the mark", (lang, message, preset) => {
  const t = stepStrings[lang].models;
  const { config } = setup(lang);
  expect(screen.queryByRole("textbox", { name: new RegExp(`^${t.thresholds}`) })).toBeNull();
  fireEvent.click(screen.getByRole("radio", { name: preset }));
  type(t.thresholds, "1000万; abc");
  expect(screen.getByText(message)).toBeTruthy();
  expect(box(t.thresholds).getAttribute("aria-invalid")).toBe("true");
  type(t.thresholds, "1000万; 50万");
  expect(screen.queryByText(message)).toBeNull();
  expect(box(t.thresholds).getAttribute("aria-invalid")).not.toBe("true");
  expect(config().valueLadder).toEqual({ preset: "thresholds", thresholds: [10_000_000, 500_000] });
});

test.each<[Lang, string]>([
  ["en-US", "Too small: expected number to be >=0"],
  ["zh-CN", "数值过小：期望 number >=0"],
])("%s: a negative weight is marked under its indicator", (lang, message) => {
  const t = stepStrings[lang].models;
  const { config } = setup(lang);
  const weight = box(t.weightOf(t.indicators.awareness));
  expect(weight.value).toBe("1");
  type(t.weightOf(t.indicators.awareness), "-1");
  expect(screen.getByText(message)).toBeTruthy();
  expect(weight.getAttribute("aria-invalid")).toBe("true");
  expect(box(t.weightOf(t.indicators.policyQuality)).getAttribute("aria-invalid")).not.toBe("true");
  type(t.weightOf(t.indicators.awareness), "2");
  expect(screen.queryByText(message)).toBeNull();
  expect(config().review).toMatchObject({ weights: [1, 2, 1, 1, 1], lowerIsBetter: [false, false, false, false, true], cuts: [80, 60, 40] });
});

test.each<[Lang, string]>([
  ["en-US", strings["en-US"].steps.required],
  ["zh-CN", "请填写"],
])("%s: a fixed cut left blank is required; typing it removes the message", (lang, required) => {
  const t = stepStrings[lang].models;
  const { config } = setup(lang);
  expect(screen.queryByRole("textbox", { name: new RegExp(`^${t.abilityCut}`) })).toBeNull();
  fireEvent.click(screen.getByRole("radio", { name: t.fixed }));
  expect(screen.getAllByText(required).length).toBe(2);
  type(t.abilityCut, "50万");
  expect(screen.getAllByText(required).length).toBe(1);
  type(t.willingnessCut, "3");
  expect(screen.queryByText(required)).toBeNull();
  expect(config().quadrant).toMatchObject({ abilityCut: 500_000, willingnessCut: 3 });
  fireEvent.click(screen.getByRole("radio", { name: t.medians }));
  expect(config().quadrant).toBeUndefined();
});

test("the preset choice changes the configuration, and each preset says what it means", () => {
  const { config } = setup("en-US");
  for (const p of Object.values(en.presets)) expect(screen.getByText(p.summary)).toBeTruthy();
  expect((screen.getByRole("radio", { name: en.presets.byCount.name }) as HTMLInputElement).checked).toBe(true);
  expect(config().valueLadder).toBeUndefined();
  fireEvent.click(screen.getByRole("radio", { name: en.presets.bigPolicy.name }));
  expect(config().valueLadder).toEqual({ preset: "bigPolicy" });
  expect(screen.getByText(en.tierLabelsHint(5, "A, B, C, D, E"))).toBeTruthy();
  fireEvent.click(screen.getByRole("radio", { name: en.presets.abc.name }));
  expect(config().valueLadder).toEqual({ preset: "abc" });
  type(en.tierLabels, "Gold, Silver");
  expect(screen.getByText(strings["en-US"].steps.labelsCount(3, 2))).toBeTruthy();
  type(en.tierLabels, "Gold, Silver, Bronze");
  expect(screen.queryByText(strings["en-US"].steps.labelsCount(3, 2))).toBeNull();
  expect(config().valueLadder).toEqual({ preset: "abc", labels: ["Gold", "Silver", "Bronze"] });
  fireEvent.click(screen.getByRole("switch", { name: en.ladderOn }));
  expect(config().valueLadder).toBe(false);
  expect(screen.queryByRole("radio", { name: en.presets.abc.name })).toBeNull();
});

test("lower-is-better: mobility by default; a tick changes the review", () => {
  const { config } = setup("zh-CN");
  const flag = (k: keyof typeof zh.indicators) => screen.getByRole("checkbox", { name: zh.lowerIsBetterOf(zh.indicators[k]) }) as HTMLInputElement;
  expect(flag("mobility").checked).toBe(true);
  expect(flag("satisfaction").checked).toBe(false);
  fireEvent.click(flag("satisfaction"));
  expect(flag("satisfaction").checked).toBe(true);
  expect(config().review).toMatchObject({ lowerIsBetter: [false, false, true, false, true] });
});

test("targets, output language and run date go into the configuration, with their own messages", () => {
  const { seen, config } = setup("en-US");
  type(en.renewal, "2.5");
  expect(box(en.renewal).getAttribute("aria-invalid")).toBe("true");
  type(en.renewal, "5");
  expect(box(en.renewal).getAttribute("aria-invalid")).not.toBe("true");
  expect(config().targets).toEqual({ renewal: 5, newBusiness: 10 });
  fireEvent.change(screen.getByRole("combobox", { name: new RegExp(`^${en.outputLanguage}`) }), { target: { value: "zh-CN" } });
  expect(config().outputLanguage).toBe("zh-CN");
  const date = screen.getByLabelText(new RegExp(`^${en.asOf}`)) as HTMLInputElement;
  expect(date.type).toBe("date");
  expect(date.value).toBe(AS_OF);
  fireEvent.change(date, { target: { value: "" } });
  expect(screen.getByText(strings["en-US"].steps.badDate)).toBeTruthy();
  fireEvent.change(date, { target: { value: "2026-04-01" } });
  expect(seen.state!.draft.asOf).toBe("2026-04-01");
  expect(screen.queryByText(strings["en-US"].steps.badDate)).toBeNull();
});

test("Back to defaults resets every choice", () => {
  const { seen } = setup("zh-CN", (d) => ({ ...d, ladder: { ...d.ladder, preset: "abc" }, review: { ...d.review, weights: ["3", "1", "1", "1", "1"] } }));
  fireEvent.click(screen.getByRole("switch", { name: zh.quadrantOn }));
  expect(seen.state!.draft.quadrant.on).toBe(false);
  expect(box(zh.weightOf(zh.indicators.policyQuality)).value).toBe("3");
  fireEvent.click(screen.getByRole("button", { name: strings["zh-CN"].steps.backToDefaults }));
  expect(seen.state!.draft).toEqual(draftFromConfig(undefined, AS_OF));
  expect(box(zh.weightOf(zh.indicators.policyQuality)).value).toBe("1");
  expect((screen.getByRole("switch", { name: zh.quadrantOn }) as HTMLInputElement).checked).toBe(true);
  expect((screen.getByRole("radio", { name: zh.presets.byCount.name }) as HTMLInputElement).checked).toBe(true);
});

test("both languages render their own text", () => {
  setup("zh-CN");
  expect(screen.getByRole("heading", { name: zh.reviewTitle })).toBeTruthy();
  expect(screen.getByText(zh.presets.byCount.summary)).toBeTruthy();
  expect(screen.queryByText(en.presets.byCount.summary)).toBeNull();
  cleanup();
  setup("en-US");
  expect(screen.getByRole("heading", { name: en.reviewTitle })).toBeTruthy();
  expect(screen.queryByText(zh.reviewTitle)).toBeNull();
});

test("axe finds no violations, with every model's settings open and a message shown", async () => {
  setup("zh-CN", (d) => ({ ...d, ladder: { ...d.ladder, preset: "thresholds", thresholds: "abc" }, quadrant: { ...d.quadrant, fixed: true } }));
  // colours need a layout jsdom lacks; the landmark is the pane shell's, not the step's
  const { default: axe } = await import("axe-core");
  const result = await axe.run(document.body, { rules: { "color-contrast": { enabled: false }, region: { enabled: false } } });
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(" | ")}`)).toEqual([]);
});

test("the labels hint counts the tiers of the ladder typed, and the defaults follow the output language", () => {
  setup("en-US", (d) => ({ ...d, ladder: { ...d.ladder, preset: "thresholds", thresholds: "" } }));
  expect(screen.queryByText(/labels, highest tier first/)).toBeNull();
  type(en.thresholds, "100万 50万 10万");
  expect(screen.getByText(en.tierLabelsHint(4, "A, B, C, D"))).toBeTruthy();
  fireEvent.click(screen.getByRole("radio", { name: en.presets.byCount.name }));
  expect(screen.getByText(en.tierLabelsHint(4, "Key, Important, General, Maintenance"))).toBeTruthy();
  fireEvent.change(screen.getByRole("combobox", { name: new RegExp(`^${en.outputLanguage}`) }), { target: { value: "zh-CN" } });
  expect(screen.getByText(en.tierLabelsHint(4, "关键, 重点, 一般, 维持"))).toBeTruthy();
});

test.each<[Lang]>([["en-US"], ["zh-CN"]])(
  "%s: the mask option is off by default, ticks into the configuration's `mask`, and a saved one comes back ticked",
  (lang) => {
    const t = stepStrings[lang].models;
    const { config } = setup(lang);
    const mask = screen.getByRole("checkbox", { name: t.mask }) as HTMLInputElement;
    expect(mask.checked).toBe(false);
    expect(screen.getByText(t.maskHint)).toBeTruthy();
    expect(config().mask).toBeUndefined();
    fireEvent.click(mask);
    expect(mask.checked).toBe(true);
    expect(config().mask).toBe(true);
    fireEvent.click(mask);
    expect(config().mask).toBeUndefined();
    // the run configuration saved by the last run (settings) comes back as the form
    expect(draftFromConfig({ version: 1, mask: true }, AS_OF).mask).toBe(true);
    expect(draftFromConfig({ version: 1 }, AS_OF).mask).toBe(false);
  },
);

test("the mask option's words exist in both languages and differ", () => {
  expect(zh.mask).not.toBe(en.mask);
  expect(zh.maskHint).toMatch(/138\*\*\*\*5678/);
  expect(en.maskHint).toMatch(/138\*\*\*\*5678/);
});
