import type { MediaKind } from "./mediaBytes";
import { isRecord } from "./promptReading";
import { invalidTypeError, missingFieldError, type XaiError, xaiError } from "./xaiErrors";

/**
 * Checks an `ImageUrl` / `VideoUrl` input (`{url}` or `{file_id}`) as xAI's OpenAPI description
 * does: a public URL (http or https) or a base64 data URL, or the id of an uploaded file.
 */

export interface InputContext {
  fileExists(id: string): boolean;
}

const DATA_URL: Record<MediaKind, RegExp> = {
  image: /^data:image\/(png|jpe?g|webp);base64,/i,
  video: /^data:video\/mp4;base64,/i,
};

function checkUrl(field: string, url: string, kind: MediaKind) {
  if (url.startsWith("data:")) {
    if (DATA_URL[kind].test(url)) return undefined;
    const types = kind === "image" ? "image/png, image/jpeg or image/webp" : "video/mp4";
    return xaiError(400, `Invalid request: ${field} must be a base64 data URL of ${types}.`);
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return xaiError(400, `Invalid request: ${field} is not a valid URL.`);
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    return xaiError(400, `Invalid request: ${field} must be a public URL or a data URL.`);
  }
  if (kind === "video" && !parsed.pathname.toLowerCase().endsWith(".mp4")) {
    return xaiError(400, `Invalid request: ${field} must have the .mp4 file extension.`);
  }
  return undefined;
}

export function checkMediaInput(
  field: string,
  value: unknown,
  kind: MediaKind,
  context: InputContext,
): XaiError | undefined {
  if (!isRecord(value)) return invalidTypeError(field, "struct ImageUrl or VideoUrl");
  // ImageUrl also takes `image_url` for compatibility.
  const url = value.url ?? (kind === "image" ? value.image_url : undefined);
  const fileId = value.file_id;
  const hasUrl = url !== undefined && url !== null;
  const hasFile = fileId !== undefined && fileId !== null;
  if (hasUrl && hasFile) {
    return xaiError(
      400,
      `Invalid request: ${field}.url and ${field}.file_id are mutually exclusive.`,
    );
  }
  if (hasFile) {
    if (typeof fileId !== "string") return invalidTypeError(`${field}.file_id`, "a string");
    return context.fileExists(fileId)
      ? undefined
      : xaiError(404, `File ${fileId} was not found. Upload it with POST /v1/files first.`);
  }
  if (!hasUrl) return missingFieldError(`${field}.url`);
  if (typeof url !== "string") return invalidTypeError(`${field}.url`, "a string");
  return checkUrl(`${field}.url`, url, kind);
}
