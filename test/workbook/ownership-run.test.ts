/*
 * Ownership proven, not trusted (both hosts): settings only claim which sheets a run made; a sheet is
 * replaced only when the workbook shows the add-in made it (its tables, its id).
 */
import { describeIssue, MAX_QUOTED } from "../../src/core/issues";
import type { OutputSheet } from "../../src/core/output";
import { SETTINGS_KEY } from "../../src/core/settings";
import { ExcelHost } from "../../src/workbook/excel";
import { PackageHost } from "../../src/workbook/package/host";
import { sampleBytes } from "../../src/workbook/package/new-book";
import type { WorkbookHost } from "../../src/workbook/port";
import { runSegmentation, type RunOutcome } from "../../src/workbook/run";
import { FakeWorkbook } from "./excel-fake";

const AS_OF = "2026-11-22";

async function run(host: WorkbookHost): Promise<Extract<RunOutcome, { ok: true }>> {
  const outcome = await runSegmentation(host, { asOf: AS_OF });
  if (!outcome.ok) throw new Error(describeIssue(outcome.issue, "en-US"));
  return outcome;
}

/** A package after a first run, opened again as the next person would. */
async function ranOnce(): Promise<PackageHost> {
  const host = PackageHost.fromBytes(sampleBytes());
  await run(host);
  return PackageHost.fromBytes(host.toBytes());
}

/** A sheet a person made: their own table, nothing of the add-in's. */
function personsSheet(name: string, text: string): OutputSheet {
  return {
    key: "segments",
    name,
    freezeRows: 0,
    blocks: [],
    tables: [{ name: "MyOwnList", row: 0, column: 0, columns: [{ header: "Who", format: "text", width: 20 }], rows: [[text]] }],
  };
}

const codes = (outcome: Extract<RunOutcome, { ok: true }>) => outcome.issues.map((i) => i.issue.code);

describe("the .xlsx host: a re-run never writes a sheet a person made", () => {
  it("a Segments sheet the user deleted and made again by hand is left alone; the output goes beside it and says why", async () => {
    const host = await ranOnce();
    // the user replaced 客户分层 with a sheet of their own of that name
    await host.writeSheets([personsSheet("客户分层", "mine")], ["客户分层"]);
    const again = PackageHost.fromBytes(host.toBytes());
    const outcome = await run(again);
    expect(outcome.sheets.find((s) => s.key === "segments")!.name).toBe("客户分层 (2)");
    expect(await again.readSheetValues("客户分层")).toEqual([["Who"], ["mine"]]);
    const row = outcome.issues.find((i) => i.issue.code === "ownershipNoMark")!;
    expect(row.value).toBe("客户分层");
    expect(describeIssue(row.issue, "zh-CN")).toContain("客户分层 (2)");
    expect(codes(outcome)).not.toContain("sheetNameTaken");
    // and the settings now own the new sheet, with its id
    const saved = JSON.parse((await PackageHost.fromBytes(again.toBytes()).open()).settings as string);
    expect(saved.owned).toContainEqual({ key: "segments", name: "客户分层 (2)", id: expect.stringMatching(/^xlsx:\d+$/) });
  });

  it("settings that claim the client table as the Segments sheet do not make the run replace it", async () => {
    const host = await ranOnce();
    const before = await host.readSheetValues("客户名单");
    const saved = JSON.parse((await host.open()).settings as string);
    saved.owned = saved.owned.map((o: { key: string; name: string }) => (o.key === "segments" ? { key: "segments", name: "客户名单" } : o));
    await host.writeSettings(JSON.stringify(saved));
    const outcome = await run(host);
    expect(await host.readSheetValues("客户名单")).toEqual(before);
    expect(outcome.source).toEqual({ sheet: "客户名单" });
    // the Segments sheet of the first run is not proven any more either (no claim): the output goes beside it
    expect(outcome.sheets.find((s) => s.key === "segments")!.name).not.toBe("客户名单");
    expect(codes(outcome)).toContain("ownershipNoMark");
  });

  it("a saved sheet name of 5 million characters is refused with a short message", async () => {
    const host = await ranOnce();
    const saved = JSON.parse((await host.open()).settings as string);
    saved.owned[0].name = "长".repeat(5_000_000);
    await host.writeSettings(JSON.stringify(saved));
    const outcome = await run(host);
    const row = outcome.issues.find((i) => i.issue.code === "settingsInvalid")!;
    expect(row).toBeDefined();
    for (const lang of ["zh-CN", "en-US"] as const) expect(describeIssue(row.issue, lang).length).toBeLessThan(MAX_QUOTED + 120);
    // the sheets are then not proven: nothing of the first run's is replaced, the output goes beside it
    expect(outcome.sheets.every((s) => !s.replace)).toBe(true);
  });

  it("the sheets of the last run are still replaced in place when they are what they claim", async () => {
    const host = await ranOnce();
    const outcome = await run(host);
    expect(outcome.sheets.filter((s) => s.key !== "playbook").every((s) => s.replace)).toBe(true);
    expect(codes(outcome).filter((c) => c.startsWith("ownership") || c === "sheetNameTaken")).toEqual([]);
  });
});

describe("the Excel host: ids and marks", () => {
  async function excelRanOnce(): Promise<FakeWorkbook> {
    const wb = new FakeWorkbook([{ name: "客户名单", cells: (await PackageHost.fromBytes(sampleBytes()).readSheetValues("客户名单")) as unknown[][] }]);
    await run(new ExcelHost(wb.run));
    return wb;
  }

  it("a Segments sheet deleted and made again, even with a table of the add-in's name, is not the sheet the run wrote", async () => {
    const wb = await excelRanOnce();
    const oldId = wb.sheet("客户分层")!.id;
    // the user deleted the sheet, made a new one of that name, and named a table like the add-in's
    wb.sheets = wb.sheets.filter((s) => s.name !== "客户分层");
    wb.tables = wb.tables.filter((t) => t.sheet.name !== "客户分层");
    const theirs = new FakeWorkbook([{ name: "客户分层", cells: [["Who"], ["mine"]] }]);
    const sheet = theirs.sheet("客户分层")!;
    wb.sheets.push(sheet);
    wb.tables.push({ ...theirs.tables[0], name: "ClientLadder_Segments", sheet, row: 0, column: 0, rows: 2, columns: 1 } as (typeof wb.tables)[number]);
    expect(sheet.id).not.toBe(oldId);

    const outcome = await run(new ExcelHost(wb.run));
    expect(outcome.sheets.find((s) => s.key === "segments")!.name).toBe("客户分层 (2)");
    expect([sheet.cell(0, 0), sheet.cell(1, 0)]).toEqual(["Who", "mine"]);
    expect(codes(outcome)).toContain("ownershipOtherSheet");
    const saved = JSON.parse(wb.settings.get(SETTINGS_KEY) as string);
    expect(saved.owned).toContainEqual({ key: "segments", name: "客户分层 (2)", id: `excel:${wb.sheet("客户分层 (2)")!.id}` });
  });

  it("a re-run replaces the sheets it wrote, proven by their ids, and keeps them where they are", async () => {
    const wb = await excelRanOnce();
    const ids = wb.sheets.map((s) => [s.name, s.id]);
    const outcome = await run(new ExcelHost(wb.run));
    expect(outcome.sheets.filter((s) => s.key !== "playbook").every((s) => s.replace)).toBe(true);
    expect(wb.sheets.map((s) => s.name)).toEqual(ids.map(([name]) => name));
  });
});
