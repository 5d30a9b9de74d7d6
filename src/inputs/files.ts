/**
 * The "file" input: what an earlier step hands over (a Prismatic file `{ data: Buffer, contentType }`,
 * e.g. a Dropbox download), a `data:` URL, a URL, or the id of a file uploaded to xAI
 * (`file_…`). Checked before anything is sent: the type an endpoint accepts and xAI's size limit.
 */

import { input, util } from "@prismatic-io/spectral";
import { InputError } from "../errors/classes";
import { mediaType } from "../errors/errorBody";
import { describeValue, formatBytes, truncate } from "../errors/text";
import { safeMediaUrl } from "../http/download";
import { isEmpty, parseJson } from "./clean";

const MiB = 1024 * 1024;

/** What an input takes. */
export type FileKind = "image" | "video" | "any";

interface KindRule {
  types: readonly string[];
  /** How a message names the accepted types. */
  named: string;
  maxBytes: number;
  /** Where the limit comes from. */
  source: string;
}

/**
 * Images: "Maximum image size: 20MiB", JPEG, PNG (https://docs.x.ai/docs/guides/image-understanding)
 * and WebP (`ImageUrl` in xAI's OpenAPI description). Files: "Maximum file size: 50 MB"
 * (`POST /v1/files`, https://docs.x.ai/docs/api-reference#upload-file; xAI's 413 says 50 MiB).
 * xAI documents no byte limit for inline videos; they are held to the Files limit.
 */
const FILE_LIMIT = { maxBytes: 50 * MiB, source: "xAI accepts for a file" };
export const FILE_RULES: Record<FileKind, KindRule> = {
  image: {
    types: ["image/png", "image/jpeg", "image/webp"],
    named: "a PNG, JPEG or WebP image",
    maxBytes: 20 * MiB,
    source: "xAI accepts for an image",
  },
  video: { types: ["video/mp4"], named: "an MP4 video", ...FILE_LIMIT },
  any: { types: [], named: "a file", ...FILE_LIMIT },
};

/** A checked file input. */
export type FileValue =
  | { kind: "bytes"; data: Buffer; contentType: string; name?: string }
  | { kind: "url"; url: string }
  | { kind: "fileId"; fileId: string };

/** Magic numbers of the types the media endpoints take, for files that arrive as octet-stream. */
const SIGNATURES: [RegExp, string][] = [
  // biome-ignore lint/suspicious/noControlCharactersInRegex: PNG's signature has control bytes.
  [/^\x89PNG\r\n\x1a\n/, "image/png"],
  [/^\xff\xd8\xff/, "image/jpeg"],
  [/^RIFF[\s\S]{4}WEBP/, "image/webp"],
  [/^[\s\S]{4}ftyp/, "video/mp4"],
];
const sniff = (data: Buffer): string | undefined => {
  const head = data.toString("latin1", 0, 12);
  return SIGNATURES.find(([signature]) => signature.test(head))?.[1];
};

const GENERIC = new Set(["", "application/octet-stream", "binary/octet-stream"]);

/** "25 MiB", or the exact count when it would read the same as the limit. */
const sizeOf = (bytes: number, limit: number): string =>
  formatBytes(bytes) === formatBytes(limit)
    ? `${bytes.toLocaleString("en")} bytes`
    : formatBytes(bytes);

function checkBytes(label: string, kind: FileKind, data: Buffer, given: string, name?: string) {
  const rule = FILE_RULES[kind];
  const contentType = GENERIC.has(given)
    ? (sniff(data) ?? (given || "application/octet-stream"))
    : given;
  if (data.length === 0) throw new InputError(label, "the file is empty.");
  if (rule.types.length > 0 && !rule.types.includes(contentType)) {
    throw new InputError(label, `must be ${rule.named}; got a file of type ${contentType}.`);
  }
  if (data.length > rule.maxBytes) {
    throw new InputError(
      label,
      `the file is ${sizeOf(data.length, rule.maxBytes)}, larger than the ${formatBytes(rule.maxBytes)} ${rule.source}.`,
    );
  }
  return { kind: "bytes" as const, data, contentType, name };
}

const DATA_URL = /^data:([^;,]*)((?:;[^;,]*)*?)(;base64)?,(.*)$/is;

function fromDataUrl(label: string, kind: FileKind, text: string): FileValue {
  const match = DATA_URL.exec(text);
  if (!match) throw new InputError(label, "is not a valid data: URL (data:<type>;base64,<data>).");
  const [, type, , base64, payload = ""] = match;
  let data: Buffer;
  try {
    data = base64 ? Buffer.from(payload, "base64") : Buffer.from(decodeURIComponent(payload));
  } catch {
    throw new InputError(label, "is not a valid data: URL: it has a malformed %-escape.");
  }
  return checkBytes(label, kind, data, mediaType(type));
}

/** An absolute http(s) URL without credentials, which xAI fetches itself; else undefined. */
function forwardedUrl(text: string): URL | undefined {
  const url = URL.canParse(text) ? new URL(text) : undefined;
  const web = url?.protocol === "https:" || url?.protocol === "http:";
  return web && !url.username && !url.password ? url : undefined;
}

function fromText(label: string, kind: FileKind, text: string, fetchedHere: boolean): FileValue {
  if (/^data:/i.test(text)) return fromDataUrl(label, kind, text);
  if (/^file[_-][\w-]+$/.test(text)) return { kind: "fileId", fileId: text };
  // Upload File fetches a URL itself, so it must be safe to fetch from the worker (https).
  const url = fetchedHere ? safeMediaUrl(text) : forwardedUrl(text);
  if (!url) {
    // Text that is not a URL attempt (`scheme://…`) is the file's content, for a step that takes
    // any file: "Notes: …" is text, "htps://…" a mistyped URL.
    if (kind === "any" && !/^[a-z][a-z\d+.-]*:\/\//i.test(text)) {
      return checkBytes(label, kind, Buffer.from(text), "text/plain");
    }
    const web = fetchedHere ? "an https URL" : "a URL";
    throw new InputError(
      label,
      `enter ${web}, a data: URL, an xAI file id or a file from an earlier step; got ${describeValue(text)}.`,
    );
  }
  // xAI: "The video must have the `.mp4` file extension" (VideoUrl).
  if (kind === "video" && !url.pathname.toLowerCase().endsWith(".mp4")) {
    throw new InputError(
      label,
      `a video URL must end in .mp4; got ${JSON.stringify(truncate(text, 120))}.`,
    );
  }
  return { kind: "url", url: url.href };
}

/** Checks one file input value; undefined when empty and not required. */
export const cleanFile =
  (label: string, kind: FileKind, required: boolean, fetchedHere = false) =>
  (value: unknown): FileValue | undefined => {
    if (isEmpty(value)) {
      if (!required) return undefined;
      throw new InputError(label, "is required: pass a file from an earlier step or a URL.");
    }
    if (typeof value === "string") return fromText(label, kind, value.trim(), fetchedHere);
    if (util.types.isBufferDataPayload(value)) {
      const name = (value as { fileName?: unknown }).fileName;
      const fileName = typeof name === "string" ? name : undefined;
      return checkBytes(label, kind, value.data, mediaType(value.contentType), fileName);
    }
    if (value instanceof Uint8Array) return checkBytes(label, kind, Buffer.from(value), "");
    throw new InputError(
      label,
      `expected a file from an earlier step ({ data, contentType }) or a URL; got ${describeValue(value)}.`,
    );
  };

/**
 * Files, one or several: an array from an earlier step (or typed as a JSON array) gives one
 * each; empty entries are dropped. Messages name an entry ("Image (entry 2)") when there are several.
 */
export const cleanFiles =
  (label: string, kind: FileKind) =>
  (value: unknown): FileValue[] => {
    const list =
      typeof value === "string" && /^\s*\[/.test(value) ? parseJson(label, value) : value;
    const entries = (Array.isArray(list) ? list : [list]).filter((entry) => !isEmpty(entry));
    return entries.map((entry, index) => {
      const named = entries.length > 1 ? `${label} (entry ${index + 1})` : label;
      return cleanFile(named, kind, true)(entry) as FileValue;
    });
  };

export interface FileInputSpec {
  label: string;
  kind: FileKind;
  required: boolean;
  comments: string;
  example?: string;
  /** The component downloads a URL itself (Upload File) instead of passing it to xAI. */
  fetchedHere?: boolean;
}

/** A "data" input taking a file from an earlier step, a data: URL, a URL or a file id. */
export const fileInput = ({
  label,
  kind,
  required,
  comments,
  example,
  fetchedHere,
}: FileInputSpec) =>
  input({
    label,
    type: "data",
    required,
    comments,
    example: example ?? "https://example.com/cat.png",
    clean: cleanFile(label, kind, required, fetchedHere),
  });

/** As xAI's `ImageUrl` / `VideoUrl`: bytes become a base64 data URL with their MIME type. */
export function toMediaReference(file: FileValue): { url: string } | { file_id: string } {
  if (file.kind === "fileId") return { file_id: file.fileId };
  if (file.kind === "url") return { url: file.url };
  return { url: `data:${file.contentType};base64,${file.data.toString("base64")}` };
}
