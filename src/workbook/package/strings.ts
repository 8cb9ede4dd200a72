/*
 * The shared strings part (xl/sharedStrings.xml): the text of each <si>, rich text runs joined,
 * phonetic runs (<rPh>, the furigana of Japanese text) left out, _xHHHH_ escapes decoded.
 */
import type { Book } from "./book";
import type { Parts } from "./parts";
import { decodeEscapes, streamXml } from "./xml";

/** Read once per part bytes: a sheet read for its head and then whole shares the list. */
const cache = new WeakMap<Uint8Array, string[]>();

export function sharedStrings(parts: Parts, book: Pick<Book, "sharedStringsPart">): string[] {
  const bytes = book.sharedStringsPart ? parts.get(book.sharedStringsPart) : undefined;
  if (!bytes) return [];
  const cached = cache.get(bytes);
  if (cached) return cached;
  const strings: string[] = [];
  let inItem = false;
  let inText = false;
  let phonetic = 0;
  let text = "";
  streamXml(
    bytes,
    {
      open(name) {
        if (name === "si") {
          inItem = true;
          text = "";
        } else if (name === "rPh") phonetic++;
        else if (name === "t" && inItem && phonetic === 0) inText = true;
      },
      text(chunk) {
        if (inText) text += chunk;
      },
      close(name) {
        if (name === "t") inText = false;
        else if (name === "rPh") phonetic--;
        else if (name === "si") {
          strings.push(decodeEscapes(text));
          inItem = false;
        }
      },
    },
    undefined,
    book.sharedStringsPart,
  );
  cache.set(bytes, strings);
  return strings;
}
