/**
 * Draws the component icon (assets/icon.png) without any dependencies.
 *
 * Design: a dark rounded square with a bold white diagonal slash, a thinner stroke that
 * weaves under it (a gap keeps the two apart) and a small four-point spark where the thin
 * stroke would begin. Every pixel is supersampled for anti-aliasing and the PNG is written
 * by hand (IHDR, IDAT, IEND with CRC32), compressed with node:zlib.
 * PNG format reference: https://www.w3.org/TR/png-3/
 *
 * Run with: npx tsx scripts/drawIcon.ts
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync } from "node:zlib";

const SIZE = 256;
/** Samples per axis per pixel: 4 × 4 = 16 samples give smooth edges. */
const SUPERSAMPLE = 4;
const OUTPUT_PATH = join(__dirname, "..", "assets", "icon.png");

interface Point {
  x: number;
  y: number;
}

/** Straight (non-premultiplied) colour with channels in 0..1. */
interface Color {
  r: number;
  g: number;
  b: number;
  a: number;
}

interface Capsule {
  from: Point;
  to: Point;
  radius: number;
}

const CENTER: Point = { x: SIZE / 2, y: SIZE / 2 };
const TILE_HALF_SIZE = 120;
const TILE_CORNER_RADIUS = 54;
const TILE_RIM_WIDTH = 2.5;

const MAIN_SLASH: Capsule = { from: { x: 78, y: 178 }, to: { x: 178, y: 78 }, radius: 18 };
const UNDER_STROKE: Capsule = { from: { x: 104, y: 104 }, to: { x: 172, y: 172 }, radius: 9 };
/** Dark gap kept around the main slash so the thin stroke reads as passing underneath it. */
const WEAVE_GAP = 7;

const SPARK_CENTER: Point = { x: 82, y: 82 };
const SPARK_RADIUS = 24;

const TILE_TOP_COLOR: Color = { r: 0.2, g: 0.22, b: 0.33, a: 1 };
const TILE_BOTTOM_COLOR: Color = { r: 0.04, g: 0.05, b: 0.08, a: 1 };
const RIM_COLOR: Color = { r: 1, g: 1, b: 1, a: 0.18 };
const SLASH_COLOR: Color = { r: 1, g: 1, b: 1, a: 1 };
const UNDER_STROKE_COLOR: Color = { r: 0.8, g: 0.84, b: 0.95, a: 1 };
const SPARK_COLOR: Color = { r: 0.38, g: 0.86, b: 1, a: 1 };

/** Signed distance to a rounded square centred on CENTER (negative inside). */
function roundedSquareDistance(p: Point): number {
  const inner = TILE_HALF_SIZE - TILE_CORNER_RADIUS;
  const qx = Math.abs(p.x - CENTER.x) - inner;
  const qy = Math.abs(p.y - CENTER.y) - inner;
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  const insideCorrection = Math.min(Math.max(qx, qy), 0);
  return outside + insideCorrection - TILE_CORNER_RADIUS;
}

/** Distance from p to the segment of a capsule minus its radius (negative inside). */
function capsuleDistance(p: Point, capsule: Capsule): number {
  const dx = capsule.to.x - capsule.from.x;
  const dy = capsule.to.y - capsule.from.y;
  const px = p.x - capsule.from.x;
  const py = p.y - capsule.from.y;
  const t = Math.min(Math.max((px * dx + py * dy) / (dx * dx + dy * dy), 0), 1);
  return Math.hypot(px - t * dx, py - t * dy) - capsule.radius;
}

/** A concave four-point star (an astroid): |x|^½ + |y|^½ ≤ r^½. */
function isInsideSpark(p: Point): boolean {
  const x = Math.abs(p.x - SPARK_CENTER.x) / SPARK_RADIUS;
  const y = Math.abs(p.y - SPARK_CENTER.y) / SPARK_RADIUS;
  return Math.sqrt(x) + Math.sqrt(y) <= 1;
}

function mix(a: Color, b: Color, t: number): Color {
  return {
    r: a.r + (b.r - a.r) * t,
    g: a.g + (b.g - a.g) * t,
    b: a.b + (b.b - a.b) * t,
    a: a.a + (b.a - a.a) * t,
  };
}

/** Source-over compositing of a straight-alpha colour onto an opaque base. */
function paintOver(base: Color, top: Color): Color {
  return { ...mix(base, { ...top, a: base.a }, top.a), a: base.a };
}

/** The colour of the icon at one exact (sub-pixel) point, layer by layer. */
function colorAt(p: Point): Color {
  const tileDistance = roundedSquareDistance(p);
  if (tileDistance > 0) {
    return { r: 0, g: 0, b: 0, a: 0 };
  }
  // Diagonal gradient from the top-left corner to the bottom-right one.
  const gradientPosition = Math.min(Math.max((p.x + p.y) / (2 * SIZE), 0), 1);
  let color = mix(TILE_TOP_COLOR, TILE_BOTTOM_COLOR, gradientPosition);
  // A faint light rim keeps the dark tile visible on dark backgrounds.
  if (tileDistance > -TILE_RIM_WIDTH) {
    color = paintOver(color, RIM_COLOR);
  }
  const slashDistance = capsuleDistance(p, MAIN_SLASH);
  if (capsuleDistance(p, UNDER_STROKE) <= 0 && slashDistance > WEAVE_GAP) {
    color = paintOver(color, UNDER_STROKE_COLOR);
  }
  if (slashDistance <= 0) {
    color = paintOver(color, SLASH_COLOR);
  }
  if (isInsideSpark(p)) {
    color = paintOver(color, SPARK_COLOR);
  }
  return color;
}

/** Averages SUPERSAMPLE² samples in premultiplied space, then returns straight 8-bit RGBA. */
function renderPixel(column: number, row: number): [number, number, number, number] {
  let red = 0;
  let green = 0;
  let blue = 0;
  let alpha = 0;
  for (let sy = 0; sy < SUPERSAMPLE; sy++) {
    for (let sx = 0; sx < SUPERSAMPLE; sx++) {
      const sample = colorAt({
        x: column + (sx + 0.5) / SUPERSAMPLE,
        y: row + (sy + 0.5) / SUPERSAMPLE,
      });
      red += sample.r * sample.a;
      green += sample.g * sample.a;
      blue += sample.b * sample.a;
      alpha += sample.a;
    }
  }
  if (alpha === 0) {
    return [0, 0, 0, 0];
  }
  const toByte = (value: number): number => Math.round(Math.min(Math.max(value, 0), 1) * 255);
  const sampleCount = SUPERSAMPLE * SUPERSAMPLE;
  return [
    toByte(red / alpha),
    toByte(green / alpha),
    toByte(blue / alpha),
    toByte(alpha / sampleCount),
  ];
}

function renderImage(): Uint8Array {
  const pixels = new Uint8Array(SIZE * SIZE * 4);
  for (let row = 0; row < SIZE; row++) {
    for (let column = 0; column < SIZE; column++) {
      pixels.set(renderPixel(column, row), (row * SIZE + column) * 4);
    }
  }
  return pixels;
}

const CRC_TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) {
      c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** One PNG chunk: length, type, data, CRC32 over type + data. */
function chunk(type: string, data: Uint8Array): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

function paeth(left: number, up: number, upLeft: number): number {
  const estimate = left + up - upLeft;
  const toLeft = Math.abs(estimate - left);
  const toUp = Math.abs(estimate - up);
  const toUpLeft = Math.abs(estimate - upLeft);
  if (toLeft <= toUp && toLeft <= toUpLeft) {
    return left;
  }
  return toUp <= toUpLeft ? up : upLeft;
}

/** Applies one PNG filter type (0 None, 1 Sub, 2 Up, 3 Average, 4 Paeth) to a scanline. */
function filterRow(filterType: number, row: Uint8Array, previous: Uint8Array): Uint8Array {
  const bytesPerPixel = 4;
  const filtered = new Uint8Array(row.length + 1);
  filtered[0] = filterType;
  for (let i = 0; i < row.length; i++) {
    const current = row[i] ?? 0;
    const left = i >= bytesPerPixel ? (row[i - bytesPerPixel] ?? 0) : 0;
    const up = previous[i] ?? 0;
    const upLeft = i >= bytesPerPixel ? (previous[i - bytesPerPixel] ?? 0) : 0;
    const predictions = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)];
    filtered[i + 1] = (current - (predictions[filterType] ?? 0)) & 0xff;
  }
  return filtered;
}

/** Picks, per scanline, the filter with the smallest sum of signed residuals (the usual heuristic). */
function filterImage(pixels: Uint8Array): Buffer {
  const stride = SIZE * 4;
  const rows: Uint8Array[] = [];
  let previous: Uint8Array = new Uint8Array(stride);
  for (let y = 0; y < SIZE; y++) {
    const row = pixels.subarray(y * stride, (y + 1) * stride);
    let best: Uint8Array | undefined;
    let bestScore = Number.POSITIVE_INFINITY;
    for (let filterType = 0; filterType <= 4; filterType++) {
      const candidate = filterRow(filterType, row, previous);
      let score = 0;
      for (let i = 1; i < candidate.length; i++) {
        const value = candidate[i] ?? 0;
        score += value < 128 ? value : 256 - value;
      }
      if (score < bestScore) {
        bestScore = score;
        best = candidate;
      }
    }
    rows.push(best ?? filterRow(0, row, previous));
    previous = row;
  }
  return Buffer.concat(rows);
}

function encodePng(pixels: Uint8Array): Buffer {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0); // width
  header.writeUInt32BE(SIZE, 4); // height
  header[8] = 8; // bit depth
  header[9] = 6; // colour type 6: truecolour with alpha (RGBA)
  header[10] = 0; // compression: deflate
  header[11] = 0; // filter method: adaptive
  header[12] = 0; // no interlace
  const imageData = deflateSync(filterImage(pixels), { level: 9 });
  return Buffer.concat([
    signature,
    chunk("IHDR", header),
    chunk("IDAT", imageData),
    chunk("IEND", new Uint8Array(0)),
  ]);
}

const png = encodePng(renderImage());
writeFileSync(OUTPUT_PATH, png);
console.log(`Wrote ${OUTPUT_PATH} (${png.length} bytes)`);
