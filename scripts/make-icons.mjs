// Draws the add-in icons (a three-tier client pyramid on a blue tile) into assets/icon-<size>.png.
// Dependency-free: pixels are computed here and written as PNG with node:zlib. Run: node scripts/make-icons.mjs
import { Buffer } from "node:buffer";
import { deflateSync } from "node:zlib";
import { writeFileSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const SIZES = [16, 32, 64, 80, 128];
const BLUE = [15, 108, 189]; // Fluent brand blue
const GOLD = [255, 196, 46]; // the top tier: key accounts
const WHITE = [255, 255, 255];
const SUPERSAMPLE = 4;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** RGBA pixels (Uint8Array, size*size*4) to a PNG file. */
function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Colour at a point of the unit square, or null outside the tile. */
function colourAt(u, v) {
  const r = 0.18; // corner radius of the tile
  const cx = Math.min(Math.max(u, r), 1 - r);
  const cy = Math.min(Math.max(v, r), 1 - r);
  if ((u - cx) ** 2 + (v - cy) ** 2 > r * r) return null;
  // three tiers, narrow at the top: key, important, general clients
  const tiers = [
    { top: 0.2, bottom: 0.36, half: 0.13, colour: GOLD },
    { top: 0.42, bottom: 0.58, half: 0.24, colour: WHITE },
    { top: 0.64, bottom: 0.8, half: 0.35, colour: WHITE },
  ];
  for (const t of tiers) {
    if (v >= t.top && v <= t.bottom && Math.abs(u - 0.5) <= t.half) return t.colour;
  }
  return BLUE;
}

function drawIcon(size) {
  const rgba = new Uint8Array(size * size * 4);
  const n = SUPERSAMPLE;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let red = 0,
        green = 0,
        blue = 0,
        alpha = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = colourAt((x + (sx + 0.5) / n) / size, (y + (sy + 0.5) / n) / size);
          if (!c) continue;
          red += c[0];
          green += c[1];
          blue += c[2];
          alpha += 1;
        }
      }
      const i = (y * size + x) * 4;
      if (alpha > 0) {
        rgba[i] = Math.round(red / alpha);
        rgba[i + 1] = Math.round(green / alpha);
        rgba[i + 2] = Math.round(blue / alpha);
        rgba[i + 3] = Math.round((255 * alpha) / (n * n));
      }
    }
  }
  return encodePng(size, rgba);
}

const assets = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "assets");
mkdirSync(assets, { recursive: true });
for (const size of SIZES) {
  const file = path.join(assets, `icon-${size}.png`);
  writeFileSync(file, drawIcon(size));
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
