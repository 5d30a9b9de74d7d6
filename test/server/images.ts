import { stableHash, uuidFromHash } from "./ids";
import { isRecord } from "./promptReading";
import { missingFieldError, type XaiError, xaiError } from "./xaiErrors";

/**
 * `POST /v1/images/generations` (GeneratedImageResponse in the OpenAPI spec).
 * https://docs.x.ai/docs/api-reference#image-generations
 */

export interface GeneratedImage {
  url?: string;
  b64_json?: string;
  mime_type: string;
}

export interface GeneratedImageResponse {
  data: GeneratedImage[];
}

const MAX_IMAGES_PER_REQUEST = 10;
const MIME_TYPE = "image/png";
/** A valid 1x1 PNG: the default b64_json image (and the media host's image body). */
export const TINY_PNG_BASE64 =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
/** Guard against a typo in "size:<bytes>" allocating gigabytes. */
const MAX_B64_LENGTH = 64 * 1024 * 1024;

export function validateImageRequest(body: Record<string, unknown>): XaiError | undefined {
  if (body.prompt === undefined || body.prompt === null) return missingFieldError("prompt");
  if (typeof body.prompt !== "string") {
    return xaiError(
      422,
      "Failed to deserialize the JSON body into the target type: prompt: invalid type, expected a string",
    );
  }
  const n = body.n;
  if (n !== undefined && n !== null) {
    if (typeof n !== "number" || !Number.isInteger(n) || n < 1 || n > MAX_IMAGES_PER_REQUEST) {
      return xaiError(
        400,
        `Invalid request: n must be between 1 and ${MAX_IMAGES_PER_REQUEST}, got ${JSON.stringify(n)}.`,
      );
    }
  }
  const format = body.response_format;
  if (format !== undefined && format !== null && format !== "url" && format !== "b64_json") {
    return xaiError(
      400,
      `Invalid request: unsupported response_format ${JSON.stringify(format)}; use "url" or "b64_json".`,
    );
  }
  return undefined;
}

/**
 * Base64 text of exactly `length` characters for image `index` (a PNG signature followed by
 * filler), so benchmarks can ask for multi-megabyte images with "size:<chars>" in the prompt.
 */
function sizedBase64(length: number, index: number): string {
  const bytes = Buffer.alloc(Math.ceil(length / 4) * 3, `grok-image-${index}-`);
  Buffer.from(TINY_PNG_BASE64, "base64").copy(bytes, 0, 0, 8);
  return bytes.toString("base64").slice(0, length);
}

/** Where a url-format image lives; by default xAI's own (unreachable from tests) CDN path. */
export type ImageUrlFor = (name: string) => string;

const XAI_IMAGE_URL: ImageUrlFor = (name) => `https://imgen.x.ai/xai-imgen/${name}.png`;

/**
 * The deterministic answer to a (valid) image generation or edit request; `urlFor` places the
 * url-format images (the server passes its media host).
 */
export function imageAnswer(
  request: unknown,
  urlFor: ImageUrlFor = XAI_IMAGE_URL,
): GeneratedImageResponse {
  const body = isRecord(request) ? request : {};
  const prompt = typeof body.prompt === "string" ? body.prompt : "";
  const count = typeof body.n === "number" ? body.n : 1;
  const size = /size:(\d+)/i.exec(prompt);
  const b64Length = size ? Math.min(Number(size[1]), MAX_B64_LENGTH) : undefined;
  const requestHash = stableHash(request);
  const data: GeneratedImage[] = [];
  for (let index = 0; index < count; index++) {
    if (body.response_format === "b64_json") {
      const b64 = b64Length === undefined ? TINY_PNG_BASE64 : sizedBase64(b64Length, index);
      data.push({ b64_json: b64, mime_type: MIME_TYPE });
    } else {
      const name = uuidFromHash(stableHash(`${requestHash}:${index}`));
      data.push({ url: urlFor(`xai-tmp-imgen-${name}`), mime_type: MIME_TYPE });
    }
  }
  return { data };
}
