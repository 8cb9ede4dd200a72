/** @jest-environment jsdom */
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import type { Lang } from "../../src/core/lang";
import { configFromDraft, type ModelDraft } from "../../src/taskpane/draft";
import { Preview } from "../../src/taskpane/Preview";
import { ModelsStep } from "../../src/taskpane/steps/ModelsStep";
import { stepStrings } from "../../src/taskpane/strings-models";
import type { RunPreview } from "../../src/workbook/run";
import { renderStep } from "./step-harness";

afterEach(cleanup);

const CELLS = [
  ["客户编号", "保费", "保单数", "最近联系"],
  ["C1", 1000, 2, "2026-01-02"],
];

function setup(lang: Lang, change?: (d: ModelDraft) => ModelDraft) {
  const seen = renderStep(ModelsStep, lang, CELLS, "2026-03-15", change);
  return { seen, checked: () => configFromDraft(seen.state!.draft, lang) };
}

describe("the Models step offers RFM", () => {
  it("on by default, left out of the configuration (it runs when its columns are there)", () => {
    const { checked } = setup("en-US");
    const c = checked();
    expect(c.ok && c.config.rfm).toBeUndefined();
    expect((screen.getByRole("switch", { name: stepStrings["en-US"].models.rfmOn }) as HTMLInputElement).checked).toBe(true);
  });

  it("off is rfm: false; other bins are kept; bins outside 1..9 are marked under the field", () => {
    const t = stepStrings["zh-CN"].models;
    const { checked } = setup("zh-CN");
    const bins = screen.getByRole("textbox", { name: new RegExp(`^${t.rfmBins.replace(/[()（）]/g, ".")}`) });
    fireEvent.change(bins, { target: { value: "3" } });
    const three = checked();
    expect(three.ok && three.config.rfm).toEqual({ bins: 3 });
    fireEvent.change(bins, { target: { value: "12" } });
    const bad = checked();
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problems.map((p) => p.path)).toEqual(["rfm.bins"]);
    fireEvent.click(screen.getByRole("switch", { name: t.rfmOn }));
    const off = checked();
    expect(off.ok && off.config.rfm).toBe(false);
  });
});

describe("the Preview shows the migration since the last run", () => {
  const prepared: RunPreview = {
    ticket: 1,
    asOf: "2026-09-30",
    lang: "zh-CN",
    source: { sheet: "客户" },
    figures: {
      rowsRead: 3,
      tiers: [],
      classes: [],
      quadrants: [],
      unplaced: { tiers: null, classes: null, quadrants: null },
      topShare: null,
      cutoff: null,
      clients: 3,
      curve: [],
    },
    sheets: [],
    output: [],
    sinceLast: {
      date: "2026-06-30",
      up: 1,
      down: 1,
      added: 1,
      gone: 0,
      tiers: {
        labels: ["A", "B"],
        clients: [
          [1, 1],
          [0, 0],
        ],
        newClients: [0, 1],
        goneClients: [0, 0],
      },
    },
    rfm: [{ label: "忠诚客户", count: 2, value: 900 }],
    issueCount: 0,
    issues: [],
  };

  it("the Summary's line and the tier matrix in clients, and the RFM segments", () => {
    render(
      <FluentProvider theme={webLightTheme}>
        <Preview lang="en-US" prepared={prepared} />
      </FluentProvider>,
    );
    expect(screen.getByText("Since the last run (2026-06-30): up 1, down 1, new 1, gone 0.")).toBeTruthy();
    const table = screen.getByRole("table", { name: "Tier moves (rows: last run, columns: this run; clients)" });
    const rows = within(table)
      .getAllByRole("row")
      .map((r) => Array.from(r.querySelectorAll("th, td"), (c) => c.textContent));
    expect(rows).toEqual([
      ["From \\ To", "A", "B", "Gone"],
      ["A", "1", "1", "0"],
      ["B", "0", "0", "0"],
      ["New", "0", "1", ""],
    ]);
    expect(screen.getByRole("region", { name: "By RFM segment" })).toBeTruthy();
  });

  it("nothing of it without a history", () => {
    render(
      <FluentProvider theme={webLightTheme}>
        <Preview lang="en-US" prepared={{ ...prepared, sinceLast: undefined }} />
      </FluentProvider>,
    );
    expect(screen.queryByText(/Since the last run/)).toBeNull();
  });
});
