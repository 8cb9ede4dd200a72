/* The producer fixtures of test/fixtures/producers/ (made by make.ts and make.py), read as parts. */
import * as fs from "node:fs";
import * as path from "node:path";
import { readParts, type Parts } from "../../../src/workbook/package/parts";

export const PRODUCERS = path.join(__dirname, "../../fixtures/producers");

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(fs.readFileSync(path.join(PRODUCERS, name)));
}

export function fixture(name: string): Parts {
  return readParts(fixtureBytes(name));
}

export const utc = (y: number, m: number, d: number, h = 0, min = 0, s = 0): Date => new Date(Date.UTC(y, m - 1, d, h, min, s));

export const text = (parts: Parts, name: string): string => new TextDecoder().decode(parts.get(name));

export const withPart = (parts: Parts, name: string, xml: string): Parts => new Map([...parts, [name, new TextEncoder().encode(xml)]]);
