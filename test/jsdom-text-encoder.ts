/* jsdom has no TextEncoder; the fake Excel counts bytes with it as a browser does. Import first. */
import { TextEncoder } from "node:util";

if (typeof globalThis.TextEncoder === "undefined") Object.assign(globalThis, { TextEncoder });
