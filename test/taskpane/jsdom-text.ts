/* jsdom has neither TextEncoder nor TextDecoder; the package host (in the page: in its worker) uses both. Import first. */
import "../jsdom-text-encoder";
import { TextDecoder } from "node:util";

if (typeof globalThis.TextDecoder === "undefined") Object.assign(globalThis, { TextDecoder });
