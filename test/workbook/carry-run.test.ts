/*
 * Nothing typed is lost (the .xlsx host through whole runs): a column a person added to an owned
 * sheet comes back on a re-run, row by row by client id; what was typed for a client who is gone
 * is kept beside the Data issues and goes back on the row when the client returns.
 */
import { KEPT_NOTES_TABLE } from "../../src/core/carry";
import { describeIssue } from "../../src/core/issues";
import type { CellValue, OutputSheet } from "../../src/core/output";
import { PLAN_TABLES } from "../../src/core/plan-output";
import { TABLE_NAMES } from "../../src/core/output";
import { PackageHost } from "../../src/workbook/package/host";
import { sampleBytes } from "../../src/workbook/package/new-book";
import type { ClientBlock } from "../../src/core/job";
import { runSegmentation, type RunOptions, type RunOutcome } from "../../src/workbook/run";

const AS_OF = "2026-11-22";

async function run(host: PackageHost, options: Partial<RunOptions> = {}): Promise<Extract<RunOutcome, { ok: true }>> {
  const outcome = await runSegmentation(host, { asOf: AS_OF, ...options });
  if (!outcome.ok) throw new Error(describeIssue(outcome.issue, "en-US"));
  return outcome;
}

/** A sheet of the last run as a person left it: the same table (its name kept), plus what they typed. */
function edited(name: string, table: string, cells: unknown[][]): OutputSheet {
  const width = Math.max(...cells.map((r) => r.length));
  // a date read back is a Date: written again as its serial number
  const cell = (v: unknown) => (v instanceof Date ? 25569 + v.getTime() / 86_400_000 : (v ?? null)) as CellValue;
  const [header, ...rows] = cells.map((r) => Array.from({ length: width }, (_, c) => cell(r[c])));
  return {
    key: "segments",
    name,
    freezeRows: 1,
    blocks: [],
    tables: [{ name: table, row: 0, column: 0, columns: header.map((h) => ({ header: String(h ?? ""), format: "general", width: 10 })), rows }],
  };
}

const column = (cells: unknown[][], header: string) => cells[0].indexOf(header);
const byId = (cells: unknown[][], idHeader: string, header: string) => {
  const id = column(cells, idHeader);
  const at = column(cells, header);
  return new Map(
    cells
      .slice(1)
      .filter((r) => r[at] !== null && r[at] !== "" && r[at] !== undefined)
      .map((r) => [String(r[id]), r[at]]),
  );
};

describe("a re-run carries what people typed", () => {
  let host: PackageHost;
  let source: ClientBlock;
  let ids: string[];

  beforeAll(async () => {
    host = PackageHost.fromBytes(sampleBytes());
    await run(host);
    host = PackageHost.fromBytes(host.toBytes());
    source = await host.readClientBlock({ sheet: "客户名单" });
    const segments = await host.readSheetValues("客户分层");
    ids = segments.slice(1, 6).map((r) => String(r[0]));
    // on Segments: a column of their own (跟进人) for three clients and a note for two
    const withColumn = segments.map((r, i) => [...r, i === 0 ? "跟进人" : [1, 2, 3].includes(i) ? `同事${i}` : null]);
    withColumn[1][column(segments, "备注")] = "老客户，先打电话";
    withColumn[4][column(segments, "备注")] = "只接受微信";
    // on the Calendar: "已约" typed in a column of their own on the first row
    const calendar = await host.readSheetValues("行动日历");
    const calendarEdited = calendar.map((r, i) => [...r, i === 0 ? "约见情况" : i === 1 ? "已约" : null]);
    await host.writeSheets(
      [edited("客户分层", TABLE_NAMES.segments, withColumn), { ...edited("行动日历", PLAN_TABLES.calendar, calendarEdited), key: "calendar" }],
      ["客户分层", "行动日历"],
    );
    host = PackageHost.fromBytes(host.toBytes());
  });

  it("a column a person added to Segments comes back at the right of the table, on the same clients, with a Data issues row", async () => {
    const outcome = await run(host);
    const segments = await host.readSheetValues("客户分层");
    expect(segments[0][segments[0].length - 1]).toBe("跟进人");
    expect(byId(segments, "客户编号", "跟进人")).toEqual(
      new Map([
        [ids[0], "同事1"],
        [ids[1], "同事2"],
        [ids[2], "同事3"],
      ]),
    );
    expect(byId(segments, "客户编号", "备注")).toEqual(
      new Map([
        [ids[0], "老客户，先打电话"],
        [ids[3], "只接受微信"],
      ]),
    );
    const carried = outcome.issues.filter((i) => i.issue.code === "columnCarried").map((i) => [i.value, i.issue.params?.n]);
    expect(carried).toEqual(
      expect.arrayContaining([
        ["跟进人", 3],
        ["约见情况", 1],
      ]),
    );
    const calendar = await host.readSheetValues("行动日历");
    expect(calendar[0]).toContain("约见情况");
    expect(calendar.slice(1).filter((r) => r[column(calendar, "约见情况")] === "已约")).toHaveLength(1);
    host = PackageHost.fromBytes(host.toBytes());
  });

  it("what was typed for a client who left the table is kept beside the Data issues, and goes back when the client returns", async () => {
    const gone = ids[0];
    const idAt = source.cells.find((r) => r.includes("客户编号"))!.indexOf("客户编号");
    const without: ClientBlock = { ...source, cells: source.cells.filter((r) => String(r[idAt]) !== gone) };
    expect(without.cells.length).toBe(source.cells.length - 1);
    const outcome = await run(host, { table: { source: { sheet: "客户名单" }, block: without } });
    const kept = outcome.issues.filter((i) => i.issue.code === "noteKept");
    expect(kept.map((i) => [i.value, i.column])).toEqual(
      expect.arrayContaining([
        [gone, "跟进人"],
        [gone, "备注"],
      ]),
    );
    // the kept-notes table on the Data issues sheet
    const issuesSheet = outcome.output.find((s) => s.key === "issues")!;
    const table = issuesSheet.tables.find((t) => t.name === KEPT_NOTES_TABLE)!;
    expect(table.rows).toEqual(
      expect.arrayContaining([
        ["客户分层", gone, gone, "跟进人", "同事1"],
        ["客户分层", gone, gone, "备注", "老客户，先打电话"],
      ]),
    );
    const written = await host.readSheetValues("数据问题");
    expect(written.flat()).toContain("老客户，先打电话");
    expect(byId(await host.readSheetValues("客户分层"), "客户编号", "跟进人").has(gone)).toBe(false);

    // the client is back: the note and the column value are on the row again, nothing kept
    host = PackageHost.fromBytes(host.toBytes());
    const back = await run(host, { table: { source: { sheet: "客户名单" }, block: source } });
    const segments = await host.readSheetValues("客户分层");
    expect(byId(segments, "客户编号", "跟进人").get(gone)).toBe("同事1");
    expect(byId(segments, "客户编号", "备注").get(gone)).toBe("老客户，先打电话");
    expect(back.issues.filter((i) => i.issue.code === "noteKept")).toEqual([]);
    expect(back.output.find((s) => s.key === "issues")!.tables.some((t) => t.name === KEPT_NOTES_TABLE)).toBe(false);
  });
});
