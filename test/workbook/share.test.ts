/*
 * "Make a copy for sharing" inside Excel (src/workbook/share.ts) against the fake Excel object model:
 * CLIENT formulas become the values they showed, other formulas stay, spilled results stay whole,
 * the active sheet or every sheet, and reads and writes under Excel on the web's 5 MB limits.
 */
import { HostError } from "../../src/workbook/port";
import { callsClientFunction, excelSharing, replaceClientFormulas } from "../../src/workbook/share";
import { PAYLOAD_LIMIT_BYTES, FakeWorkbook, versionAtLeast } from "../fake-office/excel";

const only = (version: string) => (wanted: string) => versionAtLeast(version, wanted);
const all = () => true;

describe("callsClientFunction", () => {
  it.each([
    "=CLIENT.TIER(B2,{100,50})",
    "=client.quadrant(B2:B9, C2:C9)",
    "=IFERROR(CLIENT.PARETO_SHARE(D2:D99, 0.2), 0)",
    "=CLIENT.PARETO_CUTOFF (D2:D99)",
    "=1+CLIENT.SCORE(B2:F2)",
    "=_xldudf_CLIENT_TIER(B2,{100,50})",
    "=[2]!_xldudf_CLIENT_SCORE(B2:F2)",
    "=Book.xla!_xldudf_CLIENT_QUADRANT(B2, C2)",
    '="x"&CLIENT.TIER(B2,{1,2})',
  ])("finds the call in %s", (formula) => expect(callsClientFunction(formula)).toBe(true));

  it.each([
    "=SUM(A1:A3)",
    '="CLIENT.TIER(B2)"',
    "=MYCLIENT.TIER(B2)",
    "=CLIENT.TIERS(B2)",
    "=OTHER.TIER(B2)",
    "CLIENT.TIER(B2)", // a text cell, not a formula
    42,
    "",
  ])("finds none in %s", (formula) => expect(callsClientFunction(formula)).toBe(false));
});

/** a book with CLIENT formulas beside a SUM over them and a text that names the function */
function book(): FakeWorkbook {
  const wb = new FakeWorkbook([
    {
      name: "Clients",
      cells: [
        ["id", "premium", "tier", "check"],
        ["K1", 600],
        ["K2", 80],
        ["K3", 300],
        ["", "", "", ""],
      ],
    },
    { name: "Notes", cells: [["CLIENT.TIER(B2) is how the tier is worked out"]] },
  ]);
  const s = wb.sheet("Clients")!;
  s.setFormula(1, 2, '=CLIENT.TIER(B2,{500,100},{"A","B","C"})', "A");
  s.setFormula(2, 2, '=CLIENT.TIER(B3,{500,100},{"A","B","C"})', "C");
  s.setFormula(3, 2, '=CLIENT.TIER(B4,{500,100},{"A","B","C"})', "B");
  s.setFormula(4, 1, "=SUM(B2:B4)", 980);
  s.setFormula(1, 3, "=CLIENT.SCORE(B2)", "");
  return wb;
}

describe("replaceClientFormulas", () => {
  it("replaces CLIENT formulas by their values and leaves other formulas and texts alone", async () => {
    const wb = book();
    const done = await replaceClientFormulas(wb.run, all, "book");
    expect(done).toEqual([
      { sheet: "Clients", formulas: 4, cells: 4 },
      { sheet: "Notes", formulas: 0, cells: 0 },
    ]);
    const s = wb.sheet("Clients")!;
    expect([...s.live.values()].map((f) => f.text)).toEqual(["=SUM(B2:B4)"]);
    expect(s.values({ row: 1, column: 2, rows: 3, columns: 1 })).toEqual([["A"], ["C"], ["B"]]);
    // a formula that showed "" becomes an empty cell, not a formula
    expect(s.cell(1, 3)).toBe("");
    expect(s.cell(4, 1)).toBe(980);
    expect(wb.sheet("Notes")!.cell(0, 0)).toBe("CLIENT.TIER(B2) is how the tier is worked out");
    // read, then written: no text became a formula on the way
    expect(s.formulas).toEqual([]);
  });

  it("does only the active sheet when asked for this sheet", async () => {
    const wb = book();
    const other = wb.sheet("Notes")!;
    other.setFormula(1, 0, "=CLIENT.TIER(5,{1})", "A");
    wb.activeSheet = "Notes";
    const done = await excelSharing(wb.run, all)("sheet");
    expect(done).toEqual([{ sheet: "Notes", formulas: 1, cells: 1 }]);
    expect(other.live.size).toBe(0);
    expect(wb.sheet("Clients")!.live.size).toBe(5);
  });

  it("replaces a spilled result by its whole range, not its anchor alone", async () => {
    const wb = new FakeWorkbook([
      {
        name: "S",
        cells: [
          ["v", "tier"],
          [600, "A"],
          [80, "C"],
          [300, "B"],
        ],
      },
    ]);
    const s = wb.sheet("S")!;
    s.setFormula(1, 1, "=CLIENT.TIER(A2:A4,{500,100})", "A", { row: 1, column: 1, rows: 3, columns: 1 });
    s.setFormula(0, 3, "=SUM(LEN(B2:B4))", 3);
    const done = await replaceClientFormulas(wb.run, all, "sheet");
    expect(done).toEqual([{ sheet: "S", formulas: 1, cells: 3 }]);
    expect(s.values({ row: 1, column: 1, rows: 3, columns: 1 })).toEqual([["A"], ["C"], ["B"]]);
    expect([...s.live.values()].map((f) => f.text)).toEqual(["=SUM(LEN(B2:B4))"]);
  });

  it("keeps a result that reads as a formula as text (valuesAsJson, or a quote prefix before ExcelApi 1.16)", async () => {
    for (const version of ["1.17", "1.12"]) {
      const wb = new FakeWorkbook([{ name: "S", cells: [[1]] }]);
      wb.sheet("S")!.setFormula(0, 1, '=CLIENT.TIER(A1,{5},{"+top","-low"})', "-low");
      await replaceClientFormulas(wb.run, only(version), "sheet");
      expect(wb.sheet("S")!.cell(0, 1)).toBe("-low");
      expect(wb.sheet("S")!.formulas).toEqual([]);
    }
  });

  it("reads and writes a big sheet in chunks under the 5 MB limits, in a bounded number of syncs", async () => {
    const rows = 60_000;
    const label = "重点客户".repeat(6);
    const cells: unknown[][] = [["id", "premium", "tier", "note"]];
    for (let i = 0; i < rows; i++) cells.push([`K${i}`, i, label, "备注".repeat(20)]);
    const wb = new FakeWorkbook([{ name: "Big", cells }]);
    const s = wb.sheet("Big")!;
    for (let i = 0; i < rows; i++) s.setFormula(i + 1, 2, `=CLIENT.TIER(B${i + 2},{50000,20000,10000},{"${label}","B","C","D"})`, label);
    const done = await replaceClientFormulas(wb.run, all, "book");
    expect(done).toEqual([{ sheet: "Big", formulas: rows, cells: rows }]);
    expect(s.live.size).toBe(0);
    expect(s.cell(rows, 2)).toBe(label);
    expect(wb.syncs.every((x) => x.failed === undefined)).toBe(true);
    expect(Math.max(...wb.syncs.map((x) => x.readBytes))).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    expect(Math.max(...wb.syncs.map((x) => x.writeBytes))).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    // the formulas alone are ~10 MB: more than one read, and far fewer syncs than rows
    const total = wb.syncs.reduce((sum, x) => sum + x.readBytes, 0);
    expect(total).toBeGreaterThan(2 * PAYLOAD_LIMIT_BYTES);
    expect(wb.syncs.length).toBeLessThan(60);
  });

  it("reads a chunk again in halves when Excel refuses its response", async () => {
    // one row of huge formulas: the first probe holds many rows, so it is refused and halved
    const wb = new FakeWorkbook([{ name: "S", cells: [] }]);
    const s = wb.sheet("S")!;
    const long = "x".repeat(400_000);
    for (let i = 0; i < 30; i++) s.setFormula(i, 0, `=CLIENT.TIER(LEN("${long}"),{1})`, "A");
    const done = await replaceClientFormulas(wb.run, all, "sheet");
    expect(done[0].formulas).toBe(30);
    expect(wb.log).toContain("error:ResponsePayloadSizeLimitExceeded");
    expect(s.live.size).toBe(0);
  });

  it("makes an Office error a HostError", async () => {
    const wb = book();
    wb.activeSheet = "Gone";
    wb.sheets = [];
    await expect(replaceClientFormulas(wb.run, all, "sheet")).rejects.toBeInstanceOf(HostError);
  });
});
