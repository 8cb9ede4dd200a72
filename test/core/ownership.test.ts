import { carriesMark, proveOwnership, type SheetIdentity } from "../../src/core/ownership";

const sheet = (name: string, id: string, tables: string[] = []): SheetIdentity => ({ name, id, tables });

describe("carriesMark", () => {
  it("is true for a table a run writes on a sheet of that kind, also renamed name_2, and without case", () => {
    expect(carriesMark("segments", ["ClientLadder_Segments"])).toBe(true);
    expect(carriesMark("segments", ["clientladder_segments_2"])).toBe(true);
    expect(carriesMark("summary", ["ClientLadder_Pareto"])).toBe(true);
    expect(carriesMark("playbook", ["ClientLadder_Cadence"])).toBe(true);
  });
  it("is false for another kind's table, a person's table, or a name that only starts the same", () => {
    expect(carriesMark("segments", ["ClientLadder_Plans"])).toBe(false);
    expect(carriesMark("segments", ["Table1", "MyClients"])).toBe(false);
    expect(carriesMark("segments", ["ClientLadder_Segments3"])).toBe(false);
    expect(carriesMark("segments", ["ClientLadder_SegmentsCopy"])).toBe(false);
    expect(carriesMark("segments", [])).toBe(false);
  });
});

describe("proveOwnership", () => {
  const sheets = [
    sheet("客户名单", "xlsx:1", ["Clients"]),
    sheet("客户分层", "xlsx:3", ["ClientLadder_Segments"]),
    sheet("经营计划", "xlsx:4", ["ClientLadder_Plans"]),
  ];

  it("owns a claimed sheet that carries its mark, with the id it has now", () => {
    const { owned, refused } = proveOwnership([{ key: "segments", name: "客户分层", id: "xlsx:3" }], sheets);
    expect(owned).toEqual([{ key: "segments", name: "客户分层", id: "xlsx:3" }]);
    expect(refused).toEqual([]);
  });

  it("refuses a claim on the client table (settings that name it as Segments) and on a sheet a person made", () => {
    const { owned, refused } = proveOwnership(
      [
        { key: "segments", name: "客户名单" },
        { key: "plans", name: "客户分层" },
      ],
      sheets,
    );
    expect(owned).toEqual([]);
    expect(refused.map((r) => [r.claim.name, r.reason])).toEqual([
      ["客户名单", "noMark"],
      ["客户分层", "noMark"],
    ]);
  });

  it("refuses a marked sheet whose id is not the one recorded by the same kind of host; takes one recorded by another kind", () => {
    expect(proveOwnership([{ key: "segments", name: "客户分层", id: "xlsx:9" }], sheets).refused).toEqual([
      { claim: { key: "segments", name: "客户分层", id: "xlsx:9" }, reason: "otherSheet" },
    ]);
    expect(proveOwnership([{ key: "segments", name: "客户分层", id: "excel:{X}" }], sheets).owned).toEqual([
      { key: "segments", name: "客户分层", id: "xlsx:3" },
    ]);
  });

  it("drops a claim of a sheet that is gone, and takes one sheet per kind and one kind per sheet", () => {
    const { owned, refused } = proveOwnership(
      [
        { key: "calendar", name: "行动日历" },
        { key: "segments", name: "客户分层" },
        { key: "segments", name: "经营计划" },
        { key: "plans", name: "经营计划" },
        { key: "plans", name: "经营计划" },
      ],
      sheets,
    );
    expect(owned.map((o) => `${o.key}:${o.name}`)).toEqual(["segments:客户分层", "plans:经营计划"]);
    expect(refused).toEqual([]);
  });

  it("matches names without case, as Excel does", () => {
    const { owned } = proveOwnership([{ key: "plans", name: "Plans" }], [sheet("PLANS", "excel:{P}", ["ClientLadder_Plans"])]);
    expect(owned).toEqual([{ key: "plans", name: "PLANS", id: "excel:{P}" }]);
  });
});
