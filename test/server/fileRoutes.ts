import type { BinaryPlan } from "./binaryWriter";
import type { FilePageQuery, FileSortKey, FileStore } from "./fileStore";
import { type MultipartPart, multipartBoundary, parseMultipart } from "./multipart";
import { errorPlan, jsonPlan } from "./plans";
import type { PlannedResponse } from "./responseWriter";
import type { RecordedRequest } from "./serverTypes";
import { type XaiError, xaiError } from "./xaiErrors";

/**
 * `/v1/files`: multipart upload, paginated list, metadata, content and delete.
 * https://docs.x.ai/docs/api-reference#upload-file
 */

/** "Maximum file size: 50 MB" (taken as MiB). */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
const MIN_TTL_SECONDS = 3600;
const MAX_TTL_SECONDS = 2_592_000;
const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1000;
const SORT_KEYS: FileSortKey[] = ["created_at", "filename", "size"];

export function fileNotFound(id: string): PlannedResponse {
  return errorPlan(xaiError(404, `File ${id} was not found. It may have been deleted or expired.`));
}

function badRequest(message: string): XaiError {
  return xaiError(400, `Invalid request: ${message}`);
}

interface UploadFields {
  file?: MultipartPart;
  purpose: string;
  expiresAfter?: number;
  anchor?: string;
}

function readTtl(text: string): number | XaiError {
  const seconds = /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (seconds >= MIN_TTL_SECONDS && seconds <= MAX_TTL_SECONDS) return seconds;
  return badRequest(
    `expires_after must be between ${MIN_TTL_SECONDS} and ${MAX_TTL_SECONDS} seconds.`,
  );
}

/** Reads the parts in order: xAI streams `file` on, so metadata after it is refused. */
function readFields(parts: MultipartPart[]): UploadFields | XaiError {
  const fields: UploadFields = { purpose: "" };
  for (const part of parts) {
    const text = part.data.toString("utf8");
    if (part.name === "file") {
      if (fields.file) return badRequest("only one file part is allowed.");
      fields.file = part;
    } else if (part.name === "purpose") {
      fields.purpose = text;
    } else if (part.name.startsWith("expires_after")) {
      if (fields.file)
        return badRequest("expires_after must come before file in the multipart body.");
      if (part.name === "expires_after[anchor]") {
        if (text !== "created_at") return badRequest('expires_after[anchor] must be "created_at".');
        fields.anchor = text;
        continue;
      }
      if (part.name !== "expires_after" && part.name !== "expires_after[seconds]") {
        return badRequest(`unknown field ${part.name}.`);
      }
      const ttl = readTtl(text);
      if (typeof ttl !== "number") return ttl;
      fields.expiresAfter = ttl;
    }
  }
  return fields;
}

export function uploadFile(request: RecordedRequest, store: FileStore): PlannedResponse {
  const boundary = multipartBoundary(request.headers["content-type"]);
  if (!boundary) {
    return errorPlan(badRequest("the body must be multipart/form-data with a boundary."));
  }
  const parts = parseMultipart(request.rawBytes, boundary);
  if (!parts) return errorPlan(badRequest("the multipart body is malformed."));
  const fields = readFields(parts);
  if ("status" in fields) return errorPlan(fields);
  const { file } = fields;
  if (!file?.filename) return errorPlan(badRequest("a file part with a filename is required."));
  if (/[/\\]/.test(file.filename) || [...file.filename].some((c) => c.charCodeAt(0) < 0x20)) {
    return errorPlan(badRequest(`invalid filename ${JSON.stringify(file.filename)}.`));
  }
  if (file.data.length > MAX_FILE_BYTES) {
    return errorPlan(xaiError(413, "Payload too large: files are limited to 50 MB."));
  }
  const meta = store.add({
    filename: file.filename,
    data: file.data,
    contentType: file.contentType ?? "application/octet-stream",
    purpose: fields.purpose,
    expiresAfter: fields.expiresAfter,
  });
  return jsonPlan(200, meta);
}

function readPageQuery(query: Record<string, string>): FilePageQuery | XaiError {
  const limit = query.limit === undefined ? DEFAULT_PAGE_SIZE : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1) {
    return badRequest(`limit must be a positive integer, got ${JSON.stringify(query.limit)}.`);
  }
  const order = query.order ?? "desc";
  if (order !== "asc" && order !== "desc") return badRequest('order must be "asc" or "desc".');
  const sortBy = (query.sort_by ?? "created_at") as FileSortKey;
  if (!SORT_KEYS.includes(sortBy))
    return badRequest(`sort_by must be one of ${SORT_KEYS.join(", ")}.`);
  // `after` is only kept for OpenAI compatibility; `pagination_token` wins.
  const after = query.pagination_token || query.after || undefined;
  return { limit: Math.min(limit, MAX_PAGE_SIZE), order, sortBy, after };
}

/** `GET /v1/files`. The AIP-160 `filter` parameter is not implemented (it is ignored). */
export function listFiles(request: RecordedRequest, store: FileStore): PlannedResponse {
  const query = readPageQuery(request.query);
  if ("status" in query) return errorPlan(query);
  const page = store.page(query);
  return page ? jsonPlan(200, page) : errorPlan(badRequest("the pagination_token is not valid."));
}

export function getFile(id: string, store: FileStore): PlannedResponse {
  const file = store.find(id);
  return file ? jsonPlan(200, file.meta) : fileNotFound(id);
}

/** The exact bytes, as `application/octet-stream` (as the OpenAPI description says). */
export function fileContent(
  id: string,
  query: Record<string, string>,
  store: FileStore,
): PlannedResponse {
  const format = query.format ?? "original";
  if (format !== "original" && format !== "text") {
    return errorPlan(badRequest('format must be "original" or "text".'));
  }
  const file = store.find(id);
  if (!file) return fileNotFound(id);
  const plan: BinaryPlan = {
    status: 200,
    headers: {
      "content-type": format === "text" ? "text/plain; charset=utf-8" : "application/octet-stream",
    },
    bytes: file.data,
  };
  return plan;
}

export function deleteFile(id: string, store: FileStore): PlannedResponse {
  return store.delete(id) ? jsonPlan(200, { id, deleted: true, object: "file" }) : fileNotFound(id);
}
