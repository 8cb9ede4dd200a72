/*
 * Merged cells in real packages: an owner merged over the rows of their clients, as openpyxl
 * writes it and as LibreOffice saves it again (test/fixtures/producers/make.py). The block the
 * package host reads carries the merged areas; the run reads each covered cell as its anchor's value.
 */
import { segment } from "../../../src/core/job";
import { PackageHost } from "../../../src/workbook/package/host";
import { readBook } from "../../../src/workbook/package/book";
import { readSheet } from "../../../src/workbook/package/cells";
import { fixture, fixtureBytes } from "./producers";

describe.each(["openpyxl-merged.xlsx", "libreoffice-merged.xlsx"])("merged cells of %s", (file) => {
  it("are read as their anchor's value, each block a Data issues row", async () => {
    const host = PackageHost.fromBytes(fixtureBytes(file));
    const block = await host.readClientBlock({ sheet: "名单" });
    // A1:D1 (the title), C3:C5 and C6:C7, as indices into the block (which starts at row 1, column A)
    expect(block.merged).toEqual([
      { top: 0, left: 0, bottom: 0, right: 3 },
      { top: 2, left: 2, bottom: 4, right: 2 },
      { top: 5, left: 2, bottom: 6, right: 2 },
    ]);
    // the covered cells come as blanks, as the file stores them
    expect(block.cells[3][2] ?? null).toBeNull();
    const r = segment(block, { version: 1 }, "zh-CN");
    if (!r.ok) throw new Error(r.issue.code);
    expect(r.value.clients.map((c) => [c.id, c.owner])).toEqual([
      ["C1", "李经理"],
      ["C2", "李经理"],
      ["C3", "李经理"],
      ["C4", "王经理"],
      ["C5", "王经理"],
    ]);
    expect(r.value.issues.map((i) => [i.row, i.issue.code, i.value])).toEqual([
      [3, "mergedCellsRead", "李经理"],
      [6, "mergedCellsRead", "王经理"],
      [8, "totalRow", "小计"],
    ]);
  });

  it("a range gives only the areas whose top-left cell is inside it, cut at its last row", () => {
    const parts = fixture(file);
    const book = readBook(parts);
    // B4:D6: C3:C5 starts above it (left out), C6:C7 starts on its last row and is cut there
    const block = readSheet(parts, book, book.sheets[0].part!, { range: "B4:D6" });
    expect(block.merged).toEqual([{ top: 2, left: 1, bottom: 2, right: 1 }]);
  });
});
