import { parseRunConfig } from "../../src/core/config";
import { configFromDraft, draftFromConfig, numberList, problemAt, type ModelDraft } from "../../src/taskpane/draft";
import { initialPane, paneReducer, stepOpen, tableOf } from "../../src/taskpane/pane-state";
import type { RunPreview } from "../../src/workbook/run";

const TODAY = "2026-11-25";

describe("the form and the run configuration", () => {
  test("defaults give the empty configuration: every model runs where its columns are", () => {
    expect(configFromDraft(draftFromConfig(undefined, TODAY), "en-US")).toEqual({ ok: true, config: { version: 1 } });
  });

  test("a saved configuration fills the form and comes back the same", () => {
    const saved = parseRunConfig({
      valueLadder: { preset: "thresholds", thresholds: [10000000, 2000000], labels: ["大", "中", "小"] },
      review: { weights: [2, 1, 1, 1, 1], lowerIsBetter: [false, false, false, false, true], cuts: [85, 70, 50] },
      quadrant: { abilityCut: 4, willingnessCut: 3 },
      targets: { renewal: 5, newBusiness: 8 },
      columns: { value: "2025年缴保费" },
      outputLanguage: "en-US",
      // given on the command line (--header-row): a run from the pane keeps it
      headerRow: 240,
    });
    if (!saved.ok) throw new Error(saved.problems.join());
    const back = configFromDraft(draftFromConfig(saved.value, TODAY), "zh-CN");
    expect(back).toEqual({ ok: true, config: saved.value });
  });

  test("numbers are read as managers type them; a comma inside one number is not a separator", () => {
    expect(numberList("1000万; 200万 100万，50万")).toEqual({ numbers: [1e7, 2e6, 1e6, 5e5], bad: [] });
    expect(numberList("1,200,000  300,000")).toEqual({ numbers: [1200000, 300000], bad: [] });
    expect(numberList("1000万,abc")).toEqual({ numbers: [1e7], bad: ["abc"] });
  });

  test("problems sit at their field's path, in the UI language", () => {
    const draft = draftFromConfig(undefined, "2026-02-30");
    draft.ladder = { on: true, preset: "thresholds", thresholds: "100万 abc", labels: "A,B,C" };
    draft.review.weights = ["0", "0", "0", "0", "0"];
    draft.quadrant = { on: true, fixed: true, abilityCut: "", willingnessCut: "3" };
    const zh = configFromDraft(draft, "zh-CN");
    if (zh.ok) throw new Error("should not pass");
    expect(problemAt(zh.problems, "valueLadder.thresholds")).toBe("“abc”不是数字");
    // one threshold read (100万): two tiers, three labels
    expect(problemAt(zh.problems, "valueLadder.labels")).toBe("需要 2 个名称（每档一个），现在是 3 个");
    expect(problemAt(zh.problems, "review.weights")).toBe("权重不能全为 0");
    expect(problemAt(zh.problems, "quadrant.abilityCut")).toBe("请填写");
    expect(problemAt(zh.problems, "asOf")).toBe("请输入有效日期（年-月-日）");
    const en = configFromDraft(draft, "en-US");
    expect(!en.ok && problemAt(en.problems, "valueLadder.thresholds")).toBe('"abc" is not a number');
  });
});

describe("the pane's reducer", () => {
  const table = tableOf(
    { sheet: "客户" },
    {
      source: "客户",
      cells: [
        ["客户编号", "保费"],
        ["K1", 100],
      ],
      firstRow: 1,
    },
  );
  const prepared = { lang: "zh-CN" } as unknown as RunPreview;
  const withPreview = () => {
    let s = paneReducer(initialPane(TODAY), { type: "opened", book: { sheets: [] }, today: TODAY });
    s = paneReducer(s, { type: "tableRead", table });
    s = paneReducer(s, { type: "busy", kind: "preparing" });
    return paneReducer(s, { type: "prepared", prepared, version: s.version });
  };

  test("a preview of the current inputs opens the Preview step", () => {
    const s = withPreview();
    expect(s.step).toBe("preview");
    expect(s.prepared).toBe(prepared);
    expect(s.busy).toBeUndefined();
    expect(stepOpen(s, "preview")).toBe(true);
    expect(stepOpen(s, "generate")).toBe(false);
  });

  test("any change of an input drops the preview and the result", () => {
    for (const change of [
      { type: "edit", change: (d: ModelDraft) => ({ ...d, asOf: "2026-12-01" }) },
      { type: "tableRead", table },
      { type: "reset", today: TODAY },
    ] as const) {
      const s = paneReducer(withPreview(), change);
      expect(s.prepared).toBeUndefined();
      expect(s.generated).toBeUndefined();
      expect(stepOpen(s, "preview")).toBe(false);
    }
  });

  test("an answer for inputs changed since is dropped, with its spinner", () => {
    let s = paneReducer(initialPane(TODAY), { type: "opened", book: { sheets: [] }, today: TODAY });
    s = paneReducer(s, { type: "tableRead", table });
    const started = s.version;
    s = paneReducer(s, { type: "busy", kind: "preparing" });
    s = paneReducer(s, { type: "edit", change: (d) => ({ ...d, outputLanguage: "en-US" }) });
    s = paneReducer(s, { type: "prepared", prepared, version: started });
    expect(s.prepared).toBeUndefined();
    expect(s.busy).toBeUndefined();
    expect(s.step).toBe("data");
  });

  test("a new workbook starts from its saved settings", () => {
    const saved = {
      version: 1 as const,
      outputLanguage: "en-US" as const,
      config: { version: 1 as const, valueLadder: { preset: "abc" as const } },
      owned: [],
    };
    const s = paneReducer(withPreview(), { type: "opened", book: { sheets: [], saved }, today: TODAY });
    expect(s.draft.ladder.preset).toBe("abc");
    expect(s.table).toBeUndefined();
    expect(s.prepared).toBeUndefined();
  });
});
