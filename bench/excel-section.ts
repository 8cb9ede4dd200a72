/* Bench section "excel": syncs and bytes of the Excel adapter at 100,000 x 15 (fake Excel, metered). */
import { excelAdapterFigures, printExcelAdapterFigures } from "./excel-bench";

void excelAdapterFigures(100_000).then(printExcelAdapterFigures);
