/*
 * The command line's file I/O: reading a workbook file's bytes and writing bytes without ever
 * leaving a half-written file behind (written next to the target, then renamed over it).
 */
import { closeSync, openSync, promises as fs, writeSync } from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import * as zlib from "node:zlib";
import type { Deflater, DeflateStream, Inflater } from "../workbook/package/parts";

const deflateRaw = promisify(zlib.deflateRaw);

/** Node's zlib for the package's parts: native, and run on the thread pool, several parts at once. */
export const nodeDeflater: Deflater = {
  deflateRaw: async (data, level) => new Uint8Array(await deflateRaw(data, { level })),
  deflateStream,
  crc32: (data, previous) => zlib.crc32(data, previous),
};

/** Node's zlib inflates a part several times faster than fflate's JavaScript (a client sheet of 0.6 GB: 0.7 s against 2 s). */
export const nodeInflater: Inflater = (deflated, size) =>
  // one output buffer of the part's size where it is not huge: no chunks to gather
  zlib.inflateRawSync(deflated, { chunkSize: Math.min(Math.max(size, 1024), 64 * 2 ** 20) });

/** zlib's raw deflate as a stream, what it makes handed on as it comes; writes wait while its buffer is full (so a made part is never held whole). */
function deflateStream(level: number, ondata: (deflated: Uint8Array) => void): DeflateStream {
  // The writer may run 1 MB ahead of the deflater: making the next pieces and deflating the last ones
  // overlap. No more: a piece that waits through two scavenges is moved to the old generation, and
  // V8 marks the whole heap for each 64 MB of such buffers (at a million rows, with 8 MB ahead, it
  // marked a 2 GB heap every 4 seconds; on 300,000 rows, 11 full collections against 5).
  const stream = zlib.createDeflateRaw({ level, chunkSize: 256 * 1024, writableHighWaterMark: 2 ** 20 } as zlib.ZlibOptions);
  stream.on("data", ondata);
  const ended = new Promise<void>((resolve, reject) => {
    stream.on("end", resolve);
    stream.on("error", reject);
  });
  return {
    // Either way the event loop turns before the writer goes on: zlib deflates a piece on the thread
    // pool and asks for the next one on this thread, which a writer that only awaited settled
    // promises would never let it do until the buffer was full (the two would take turns, not overlap).
    write: (piece) =>
      stream.write(piece)
        ? new Promise<void>((resolve) => setImmediate(resolve))
        : Promise.race([new Promise<void>((resolve) => stream.once("drain", resolve)), ended]),
    end: () => {
      stream.end();
      return ended;
    },
  };
}

export type ReadFailure = "missing" | "notFile";

export async function readBytes(file: string): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; failure: ReadFailure }> {
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat) return { ok: false, failure: "missing" };
  if (!stat.isFile()) return { ok: false, failure: "notFile" };
  const bytes = await fs.readFile(file);
  return { ok: true, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
}

/** Writes `bytes` to `file` through a temporary file in the same folder, then renames it. */
export async function writeBytes(bytes: Uint8Array, file: string): Promise<void> {
  await writeStreamed(file, async (sink) => sink(bytes));
}

/**
 * Writes to `file` what `write` hands its sink, piece by piece as it comes (a package of a million
 * rows is never held whole), through a temporary file in the same folder, renamed over `file` when
 * all is written: a failed write leaves no half-written file and the old one as it was.
 */
export async function writeStreamed(file: string, write: (sink: (bytes: Uint8Array) => void) => Promise<void>): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, "w");
    const out = fd;
    // written at once, as it comes: the pieces are handed on from zlib's callbacks, which cannot wait
    await write((bytes) => {
      for (let at = 0; at < bytes.length;) at += writeSync(out, bytes, at, bytes.length - at);
    });
    closeSync(fd);
    fd = undefined;
    await fs.rename(temp, file);
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
}

/** True when the two paths name the same file (also through links), or would. */
export async function sameFile(a: string, b: string): Promise<boolean> {
  if (path.resolve(a) === path.resolve(b)) return true;
  const [sa, sb] = await Promise.all([fs.stat(a).catch(() => undefined), fs.stat(b).catch(() => undefined)]);
  return !!sa && !!sb && sa.dev === sb.dev && sa.ino === sb.ino;
}
