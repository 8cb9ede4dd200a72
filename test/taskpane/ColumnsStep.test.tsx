/** @jest-environment jsdom */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import type { Lang } from "../../src/core/lang";
import { configFromDraft, type ModelDraft } from "../../src/taskpane/draft";
import { initialPane } from "../../src/taskpane/pane-state";
import { ColumnsStep } from "../../src/taskpane/steps/ColumnsStep";
import { renderStep } from "./step-harness";
import { stepStrings } from "../../src/taskpane/strings-models";
import type { PaneActions } from "../../src/taskpane/usePane";

const AS_OF = "2026-03-15";
const zh = stepStrings["zh-CN"].columns;
const en = stepStrings["en-US"].columns;

afterEach(cleanup);

/** A title row, a blank row, then the header: the header row is found on sheet row 3. */
const ZH_TABLE = [
  ["客户名单"],
  [],
  ["客户编号", "客户姓名", "业务员", "保费(万元)", "2025年缴保费", "满意度", "生日", "备注"],
  ["C1", "张三", "李四", 12, 110000, 4, "1980-05-01", ""],
];

const EN_TABLE = [
  ["客户姓名 Client Name", "Agent", "Premium (USD k)", "Ability", "Willingness", "Date of Birth"],
  ["Ann", "Bob", 3, 5, 4, "1990-01-02"],
];

/** The pane's reducer over a table read from a sheet, the step rendered with the state it gives. */
function setup(lang: Lang, cells: unknown[][], change?: (d: ModelDraft) => ModelDraft) {
  const seen = renderStep(ColumnsStep, lang, cells, AS_OF, change);
  return seen;
}

const hintOf = (field: string) => screen.getByTestId(`column-${field}`).textContent ?? "";
const selectOf = (label: string) => screen.getByRole("combobox", { name: new RegExp(`^${label.replace(/[()（）]/g, ".")}`) }) as HTMLSelectElement;

test("each field shows the column it was matched to and why, the unit applied, and the duplicates left unused", () => {
  setup("zh-CN", ZH_TABLE);
  expect(screen.getByText(zh.headerRow(3))).toBeTruthy();
  expect(hintOf("value")).toContain(zh.column("保费(万元)"));
  expect(hintOf("value")).toContain(zh.knownName("保费"));
  expect(hintOf("value")).toContain(zh.unitApplied("万元", (10000).toLocaleString("zh-CN")));
  expect(hintOf("value")).toContain(zh.alsoFound("“2025年缴保费”"));
  expect(hintOf("owner")).toContain(zh.column("业务员"));
  expect(hintOf("birthDate")).toContain(zh.column("生日"));
  expect(hintOf("satisfaction")).toContain(zh.column("满意度"));
  // a field without a column, whose model is on: what it turns off
  expect(hintOf("mobility")).toContain(zh.noColumn);
  expect(screen.getAllByText(zh.without.review).length).toBe(4);
  expect(screen.getAllByText(zh.without.quadrant).length).toBe(2);
  expect(screen.getByText(zh.without.lastContact)).toBeTruthy();
  expect(screen.queryByText(zh.without.valueLadder)).toBeNull();
  // which fields the models that are on need
  expect(screen.getByRole("combobox", { name: new RegExp(`^${zh.fields.mobility}\\s*${zh.needed}$`) })).toBeTruthy();
  // the list offers automatic and every header of the row
  const value = selectOf(zh.fields.value);
  expect(value.value).toBe("");
  expect([...value.options].map((o) => o.textContent)).toEqual([
    zh.automatic,
    "客户编号",
    "客户姓名",
    "业务员",
    "保费(万元)",
    "2025年缴保费",
    "满意度",
    "生日",
    "备注",
  ]);
});

test("choosing a column changes the mapping shown and the run configuration; (automatic) undoes it", () => {
  const seen = setup("zh-CN", ZH_TABLE);
  fireEvent.change(selectOf(zh.fields.value), { target: { value: "2025年缴保费" } });
  expect(selectOf(zh.fields.value).value).toBe("2025年缴保费");
  expect(hintOf("value")).toContain(zh.column("2025年缴保费"));
  expect(hintOf("value")).toContain(zh.chosenByYou);
  expect(hintOf("value")).not.toContain(zh.unitApplied("万元", (10000).toLocaleString("zh-CN")));
  expect(hintOf("value")).toContain(zh.alsoFound("“保费(万元)”"));
  const checked = configFromDraft(seen.state!.draft, "zh-CN");
  expect(checked.ok && checked.config.columns).toEqual({ value: "2025年缴保费" });

  fireEvent.change(selectOf(zh.fields.value), { target: { value: "" } });
  expect(seen.state!.draft.columns).toEqual({});
  expect(hintOf("value")).toContain(zh.column("保费(万元)"));
  expect(hintOf("value")).not.toContain(zh.chosenByYou);
  const back = configFromDraft(seen.state!.draft, "zh-CN");
  expect(back.ok && back.config.columns).toBeUndefined();
});

test("a column chosen for another field is taken from the field it matched, as in the run", () => {
  setup("en-US", EN_TABLE);
  fireEvent.change(selectOf(en.fields.ability), { target: { value: "Premium (USD k)" } });
  expect(hintOf("ability")).toContain(en.column("Premium (USD k)"));
  expect(hintOf("ability")).toContain(en.chosenByYou);
  // the unit of the header applies wherever it is used
  expect(hintOf("ability")).toContain(en.unitApplied("USD k", "1,000"));
  expect(hintOf("value")).toContain(en.noColumn);
  expect(hintOf("value")).toContain(en.takenBy("Premium (USD k)", en.fields.ability));
  expect(screen.getByText(en.without.valueLadder)).toBeTruthy();
});

test("a missing value column says the value ladder is off, or only the Pareto check when the ladder is off", () => {
  const noValue = [
    ["客户编号", "客户姓名", "业务员"],
    ["C1", "张三", "李四"],
  ];
  setup("zh-CN", noValue);
  expect(hintOf("value")).toContain(zh.noColumn);
  expect(screen.getByText(zh.without.valueLadder)).toBeTruthy();
  cleanup();
  setup("en-US", noValue, (d) => ({ ...d, ladder: { ...d.ladder, on: false }, review: { ...d.review, on: false } }));
  expect(screen.getByText(en.without.valuePareto)).toBeTruthy();
  expect(screen.queryByText(en.without.valueLadder)).toBeNull();
  // the review is off: its missing indicators say nothing and are marked so
  expect(screen.queryByText(en.without.review)).toBeNull();
  expect(screen.getByRole("combobox", { name: new RegExp(`^${en.fields.mobility}\\s*${en.modelOff}$`) })).toBeTruthy();
  expect(screen.getByRole("combobox", { name: new RegExp(`^${en.fields.birthDate}\\s*${en.optional}$`) })).toBeTruthy();
});

test("no id column: clients are known by name; neither id nor name: no client can be read", () => {
  setup("en-US", EN_TABLE);
  expect(screen.getByText(en.without.id)).toBeTruthy();
  expect(hintOf("name")).toContain(en.bilingual("“客户姓名”, “Client Name”"));
  cleanup();
  setup("en-US", EN_TABLE, (d) => ({ ...d, columns: { ability: "客户姓名 Client Name" } }));
  expect(screen.getAllByText(en.without.idAndName).length).toBe(2);
});

test("a saved choice that this header row lacks is said, and the automatic match is used", () => {
  setup("zh-CN", ZH_TABLE, (d) => ({ ...d, columns: { owner: "经办人" } }));
  expect(screen.getByText(zh.overrideMissing("经办人"))).toBeTruthy();
  expect(hintOf("owner")).toContain(zh.column("业务员"));
  expect(hintOf("owner")).not.toContain(zh.chosenByYou);
  const owner = selectOf(zh.fields.owner);
  expect(owner.value).toBe("经办人");
  expect(owner.selectedOptions[0].textContent).toBe(zh.notInTable("经办人"));
});

test("both languages render their own text", () => {
  setup("en-US", EN_TABLE);
  expect(screen.getByRole("heading", { name: en.groups.quadrant })).toBeTruthy();
  expect(hintOf("value")).toContain(en.column("Premium (USD k)"));
  expect(hintOf("value")).toContain(en.knownName("Premium"));
  expect(hintOf("birthDate")).toContain(en.knownName("Date of Birth"));
  expect(within(selectOf(en.fields.value)).getByText(en.automatic)).toBeTruthy();
  expect(screen.queryByText(zh.groups.quadrant)).toBeNull();
  expect(document.body.textContent).not.toMatch(/缺少|使用列|常用列名/);
  cleanup();
  setup("zh-CN", EN_TABLE);
  expect(screen.getByRole("heading", { name: zh.groups.quadrant })).toBeTruthy();
  expect(hintOf("value")).toContain(zh.column("Premium (USD k)"));
  expect(document.body.textContent).not.toMatch(/Without it|Known name|Uses “/);
});

test("without a client table the step says to choose one", () => {
  function Bare() {
    const state = initialPane(AS_OF);
    return (
      <FluentProvider theme={webLightTheme}>
        <ColumnsStep lang="en-US" state={state} actions={{} as PaneActions} />
      </FluentProvider>
    );
  }
  render(<Bare />);
  expect(screen.getByText(en.noTable)).toBeTruthy();
  expect(screen.queryByRole("combobox")).toBeNull();
});

test("axe finds no violations", async () => {
  setup("zh-CN", ZH_TABLE, (d) => ({ ...d, columns: { owner: "经办人", value: "2025年缴保费" } }));
  // colours need a layout jsdom lacks; the landmark is the pane shell's, not the step's
  const { default: axe } = await import("axe-core");
  const result = await axe.run(document.body, { rules: { "color-contrast": { enabled: false }, region: { enabled: false } } });
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(" | ")}`)).toEqual([]);
});
