import { TINY_PNG_BASE64 } from "./images";

/**
 * The deterministic bodies the media host serves: a real PNG for images, and for videos an
 * MP4-looking byte pattern (an `ftyp` box, an `mdat` header, then filler) of any length, produced
 * chunk by chunk so a 50 MB body is never held in memory.
 */

export type MediaKind = "image" | "video";

export const PNG_BYTES = Buffer.from(TINY_PNG_BASE64, "base64");
export const DEFAULT_VIDEO_BYTES = 64 * 1024;
/** Guard against a typo in a size asking for gigabytes. */
export const MAX_MEDIA_BYTES = 1024 * 1024 * 1024;
export const CONTENT_TYPES: Record<MediaKind, string> = { image: "image/png", video: "video/mp4" };

const CHUNK_BYTES = 64 * 1024;
/** Filler byte at absolute offset i is i % 251 (a prime, so chunks never look alike). */
const PERIOD = 251;
const FILLER = Buffer.from(Array.from({ length: CHUNK_BYTES + PERIOD }, (_, i) => i % PERIOD));

/** ftyp box (32 bytes: isom, minor 0x200, brands isom/iso2/avc1/mp41) + mdat box header. */
function mp4Header(total: number): Buffer {
  const header = Buffer.alloc(40);
  header.writeUInt32BE(32, 0);
  header.write("ftypisom", 4, "latin1");
  header.writeUInt32BE(0x200, 12);
  header.write("isomiso2avc1mp41", 16, "latin1");
  header.writeUInt32BE(Math.max(0, Math.min(total - 32, 0xffffffff)), 32);
  header.write("mdat", 36, "latin1");
  return header;
}

/** The body of `total` bytes (at least the PNG for images), in chunks of at most 64 KB. */
export function* mediaChunks(kind: MediaKind, total: number): Generator<Buffer> {
  const prefix = kind === "image" ? PNG_BYTES : mp4Header(total);
  const size = kind === "image" ? Math.max(total, PNG_BYTES.length) : total;
  yield prefix.subarray(0, Math.min(prefix.length, size));
  for (let offset = prefix.length; offset < size; offset += CHUNK_BYTES) {
    const start = offset % PERIOD;
    yield FILLER.subarray(start, start + Math.min(CHUNK_BYTES, size - offset));
  }
}

/** The whole body at once (for tests comparing downloads). */
export function mediaBytes(kind: MediaKind, total: number): Buffer {
  return Buffer.concat([...mediaChunks(kind, total)]);
}

/** The length mediaChunks(kind, total) produces. */
export function mediaLength(kind: MediaKind, total: number): number {
  return kind === "image" ? Math.max(total, PNG_BYTES.length) : total;
}
