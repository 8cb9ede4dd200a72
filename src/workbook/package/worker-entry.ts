/*
 * The workbook worker's script (webpack emits it as its own chunk from the page's
 * `new Worker(new URL("../workbook/package/worker-entry.ts", import.meta.url))`): one PackageHost,
 * served by messages (worker.ts).
 */
import { serveBooks, type MessageEnd } from "./worker";

serveBooks(self as unknown as MessageEnd);
