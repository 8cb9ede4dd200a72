/*
 * Streaming reads of a package's XML parts with saxes (chosen by bench/xml-parsers.ts: the fastest
 * SAX reader measured, CommonJS, one small dependency, well-formedness checked). No tree is built:
 * the caller gets element names without their namespace prefix (some producers write `<x:sheet>`),
 * the attributes as written, and text.
 */
import { SaxesParser, type SaxesTagPlain } from "saxes";
import { PackageError } from "./parts";

export interface XmlHandlers {
  /** an element opens; `name` is its local name, `attrs` as written (prefixed names keep their prefix) */
  open?(name: string, attrs: Record<string, string>, selfClosing: boolean): void;
  /** character data (entities decoded), possibly in several pieces */
  text?(text: string): void;
  close?(name: string): void;
}

/** Part bytes are fed to the parser as text in chunks of this many bytes: no whole-part string. */
const CHUNK = 64 * 1024;

export const localName = (name: string): string => {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
};

/**
 * An attribute by its local name: `id` finds `r:id` (relationship ids are the prefixed attributes
 * of SpreadsheetML), an unprefixed name is looked up first.
 */
export function attr(attrs: Record<string, string>, local: string): string | undefined {
  const plain = attrs[local];
  if (plain !== undefined) return plain;
  for (const key in attrs)
    if (key.endsWith(local) && key.charCodeAt(key.length - local.length - 1) === 58 /* : */ && !key.startsWith("xmlns")) return attrs[key];
  return undefined;
}

/**
 * Streams an XML part through `handlers`. `stop()` returning true ends the read after the chunk in
 * hand (the rest of the part is not parsed: a sheet read for its first rows). `fragment` reads a
 * piece of a part (several top-level elements). A part that is not well-formed XML is a PackageError.
 */
export function streamXml(bytes: Uint8Array, handlers: XmlHandlers, stop?: () => boolean, part = "XML part", fragment = false): void {
  const parser = new SaxesParser({ xmlns: false, position: false, fragment });
  const { open, text, close } = handlers;
  if (open) parser.on("opentag", (tag: SaxesTagPlain) => open(localName(tag.name), tag.attributes, tag.isSelfClosing));
  if (text) {
    parser.on("text", text);
    parser.on("cdata", text);
  }
  if (close) parser.on("closetag", (tag) => close(localName(tag.name)));
  const decoder = new TextDecoder("utf-8");
  try {
    // a UTF-16 part (allowed by XML, never seen from a spreadsheet producer) would need its own decoder
    const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    for (let at = start; at < bytes.length; at += CHUNK) {
      parser.write(decoder.decode(bytes.subarray(at, Math.min(bytes.length, at + CHUNK)), { stream: true }));
      if (stop?.()) return;
    }
    const rest = decoder.decode();
    if (rest) parser.write(rest);
    parser.close();
  } catch (err) {
    if (err instanceof PackageError) throw err;
    throw new PackageError("notXlsx", `${part}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * OOXML's escapes in strings: `_xHHHH_` is the UTF-16 code unit HHHH (control characters, CR), and
 * `_x005F_` escapes the underscore of a literal "_xHHHH_".
 */
export function decodeEscapes(s: string): string {
  return s.indexOf("_x") < 0 ? s : s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
