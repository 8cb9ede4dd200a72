/*
 * The edge between the formulas and Excel: issues become CustomFunctions.Error values with a
 * message in the display language (Excel shows custom messages for #VALUE! only).
 */
import { describeIssue, errorKindOf, type Issue, type Result } from "../core/issues";
import type { FormulaCell } from "./formulas";
import { displayLang } from "./language";

const EXCEL_CODES = { value: "#VALUE!", num: "#NUM!", div0: "#DIV/0!" } as const;

/** What a function hands to Excel for an issue. Outside Excel, a plain object of the same shape. */
export function excelError(issue: Issue): CustomFunctions.Error | { code: string; message?: string } {
  const kind = errorKindOf(issue);
  const message = describeIssue(issue, displayLang());
  if (typeof CustomFunctions === "undefined") return { code: EXCEL_CODES[kind], message };
  const codes = {
    value: CustomFunctions.ErrorCode.invalidValue,
    num: CustomFunctions.ErrorCode.invalidNumber,
    div0: CustomFunctions.ErrorCode.divisionByZero,
  };
  return kind === "value" ? new CustomFunctions.Error(codes[kind], message) : new CustomFunctions.Error(codes[kind]);
}

function cellOut(cell: FormulaCell): unknown {
  return typeof cell === "object" ? excelError(cell.issue) : cell;
}

/** A grid result: it spills cell by cell (one bad cell is one error cell); an issue of the whole call is a 1x1 error. */
export function excelGrid(result: Result<FormulaCell[][]>): unknown[][] {
  if (!result.ok) return [[excelError(result.issue)]];
  return result.value.map((row) => row.map(cellOut));
}

/** A single-number result, or its error. */
export function excelNumber(result: Result<number>): unknown {
  return result.ok ? result.value : excelError(result.issue);
}
