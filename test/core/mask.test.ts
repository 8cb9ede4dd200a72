/*
 * Masking phone and ID numbers (issue 9, privacy): the rule on hand-made values, and a sheet masked
 * everywhere but the columns people type into and the client id.
 */
import { holdsPhoneOrId, maskSheet, maskText } from "../../src/core/mask";
import type { OutputSheet } from "../../src/core/output";

describe("maskText: mobile numbers keep their first 3 and last 4 digits", () => {
  it.each([
    ["13812345678", "138****5678"],
    ["19912345678", "199****5678"],
    ["138 1234 5678", "138****5678"],
    ["138-1234-5678", "138****5678"],
    ["+86 138 1234 5678", "+86 138****5678"],
    ["+86-13812345678", "+86-138****5678"],
    ["+8613812345678", "+86138****5678"],
    ["008613812345678", "0086138****5678"],
    ["王女士 13812345678", "王女士 138****5678"],
    ["电话：13812345678，微信同号", "电话：138****5678，微信同号"],
    ["13812345678 / 13987654321", "138****5678 / 139****4321"],
  ])("%s -> %s", (given, masked) => {
    expect(maskText(given)).toBe(masked);
  });
});

describe("maskText: landlines keep the area code and the last 4 digits", () => {
  it.each([
    ["010-12345678", "010-****5678"],
    ["0755 8888 1234", "0755 ****1234"],
    ["(021)1234567", "(021)***4567"],
    ["02112345678", "021****5678"],
  ])("%s -> %s", (given, masked) => {
    expect(maskText(given)).toBe(masked);
  });
});

describe("maskText: ID numbers keep their first 3 and last 4 characters, the length kept", () => {
  it.each([
    ["11010519491231002X", "110***********002X"],
    ["11010519491231002x", "110***********002x"],
    ["110105194912310021", "110***********0021"],
    // the old 15-digit card: YYMMDD birth date
    ["110105491231002", "110********1002"],
    ["身份证 44030420010101123X 已核", "身份证 440***********123X 已核"],
  ])("%s -> %s", (given, masked) => {
    expect(maskText(given)).toBe(masked);
    expect(maskText(given)).toHaveLength(given.length);
  });
});

describe("maskText leaves everything else as it is", () => {
  it.each([
    ["", "blank"],
    ["C0001", "a client number"],
    ["1381234567", "10 digits"],
    ["138123456789", "12 digits"],
    ["12345678901", "11 digits that are not a mobile (starts 12)"],
    ["110105194913310021", "18 digits whose birth month is 13"],
    ["110105194902300021X", "19 characters"],
    ["P2024000123456789", "a policy number with a letter in front"],
    ["C13812345678", "digits inside a code"],
    ["2026-03-15", "a date"],
    ["1,200,000", "an amount"],
    ["¥13,812,345,678", "an amount with separators"],
    ["第 12 行", "a row number"],
    ["abc", "garbage"],
    ["#N/A", "an error value"],
  ])("%s (%s)", (given) => {
    expect(maskText(given)).toBe(given);
    expect(holdsPhoneOrId(given)).toBe(false);
  });
});

describe("maskSheet", () => {
  const sheet = (key: OutputSheet["key"]): OutputSheet => ({
    key,
    name: "S",
    freezeRows: 1,
    tables: [
      {
        name: "T",
        row: 0,
        column: 0,
        columns: [
          { header: "id", format: "text", width: 10, role: "id" },
          { header: "name", format: "text", width: 10 },
          { header: "value", format: "money", width: 10 },
          { header: "notes", format: "text", width: 10, role: "notes" },
          { header: "done", format: "text", width: 10, role: "done" },
        ],
        rows: [
          ["13812345678", "王 13912345678", 13812345678, "回电 13700001111", "13700001111"],
          ["C2", "李", null, null, null],
        ],
      },
    ],
    blocks: [{ row: 5, column: 0, cells: [["110105194912310021", 1]] }],
  });

  it("masks text in tables and blocks, never the client id, notes, done marks or numbers, and counts the cells", () => {
    const { sheet: out, masked } = maskSheet(sheet("segments"));
    expect(out.tables[0].rows).toEqual([
      ["13812345678", "王 139****5678", 13812345678, "回电 13700001111", "13700001111"],
      ["C2", "李", null, null, null],
    ]);
    expect(out.blocks[0].cells).toEqual([["110***********0021", 1]]);
    expect(masked).toBe(2);
  });

  it("leaves the given sheet as it was", () => {
    const given = sheet("segments");
    maskSheet(given);
    expect(given).toEqual(sheet("segments"));
  });

  it("leaves the Playbook alone: the manager's sheet, read back by later runs", () => {
    const given = sheet("playbook");
    expect(maskSheet(given)).toEqual({ sheet: given, masked: 0 });
  });
});
