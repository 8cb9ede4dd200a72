/*
 * A zip's central directory read for its entries as they are stored: compressed bytes, method,
 * CRC-32 and size. fflate (the zip library kept) inflates every entry it reads and gives no way to
 * the compressed bytes; with these, a part the run does not change is written back without being
 * inflated and deflated again (a client sheet of a million rows is 0.6 GB of XML), and a part no
 * one reads is never inflated. Inflating stays fflate's (or Node's zlib's) work. A zip this reader
 * does not take (encrypted entries, a method other than stored or deflate, a directory that does not
 * add up) gives undefined, and the package is read by fflate's unzipSync instead.
 * (APPNOTE.TXT 6.3: 4.3.7 local file header, 4.3.12 central directory header, 4.3.14-16 the end
 * records, 4.5.3 the Zip64 extra field.)
 */

/** An entry as the zip stores it. */
export interface StoredEntry {
  /** 0 stored, 8 deflated */
  method: 0 | 8;
  crc: number;
  /** uncompressed size */
  size: number;
  /** the entry's data as stored (a view into the zip's bytes) */
  data: Uint8Array;
}

const END = 0x06054b50;
const END64 = 0x06064b50;
const END64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX32 = 0xffffffff;

/** The zip's entries by name (as stored, in directory order), or undefined when this reader does not take it. */
export function zipEntries(zip: Uint8Array): Map<string, StoredEntry> | undefined {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const u64 = (at: number) => {
    const n = view.getUint32(at, true) + view.getUint32(at + 4, true) * 2 ** 32;
    return Number.isSafeInteger(n) ? n : NaN;
  };

  // the end record: the last one, within the 64 KB a comment may take
  let end = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--)
    if (u32(at) === END && at + 22 + u16(at + 20) === zip.length) {
      end = at;
      break;
    }
  if (end < 0) return undefined;
  let count = u16(end + 10);
  let directory = u32(end + 16);
  if (count === 0xffff || directory === MAX32) {
    const locator = end - 20;
    if (locator < 0 || u32(locator) !== END64_LOCATOR) return undefined;
    const end64 = u64(locator + 8);
    if (!(end64 + 56 <= zip.length) || u32(end64) !== END64) return undefined;
    count = u64(end64 + 32);
    directory = u64(end64 + 48);
  }

  const entries = new Map<string, StoredEntry>();
  const utf8 = new TextDecoder("utf-8");
  const latin1 = new TextDecoder("latin1");
  let at = directory;
  for (let i = 0; i < count; i++) {
    if (!(at + 46 <= zip.length) || u32(at) !== CENTRAL) return undefined;
    const flags = u16(at + 8);
    const method = u16(at + 10);
    const crc = u32(at + 16);
    let compressed = u32(at + 20);
    let size = u32(at + 24);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    let local = u32(at + 42);
    const nameBytes = zip.subarray(at + 46, at + 46 + nameLength);
    // bit 0: encrypted; bit 11: the name is UTF-8 (else code page 437, read as Latin-1 as fflate does)
    if (flags & 1 || (method !== 0 && method !== 8)) return undefined;
    const name = (flags & 0x800 ? utf8 : latin1).decode(nameBytes);
    // the Zip64 extra field holds, in this order, the values whose 32-bit field is all ones
    if (size === MAX32 || compressed === MAX32 || local === MAX32) {
      const extra = at + 46 + nameLength;
      let field = extra;
      let found = false;
      while (field + 4 <= extra + extraLength) {
        const id = u16(field);
        const length = u16(field + 2);
        if (id === 0x0001) {
          let value = field + 4;
          const next = () => {
            const n = u64(value);
            value += 8;
            return n;
          };
          if (size === MAX32) size = next();
          if (compressed === MAX32) compressed = next();
          if (local === MAX32) local = next();
          found = value <= field + 4 + length;
          break;
        }
        field += 4 + length;
      }
      if (!found) return undefined;
    }
    if (!(local + 30 <= zip.length) || u32(local) !== LOCAL) return undefined;
    const start = local + 30 + u16(local + 26) + u16(local + 28);
    if (!(start + compressed <= zip.length) || !Number.isSafeInteger(size)) return undefined;
    entries.set(name, { method: method as 0 | 8, crc, size, data: zip.subarray(start, start + compressed) });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
