/**
 * xAI's error bodies, read once and understood once: `{"code", "error": "<message>"}`,
 * `{"error": {"message", "type", "code"}}` (OpenAI-compatible endpoints) and stream error events
 * `{"type": "error", "message", "code"}`.
 * @see https://docs.x.ai/docs/api-reference
 */

import { Readable } from "node:stream";
import { readChunks } from "../http/readChunks";
import { isJsonObject } from "../inputs/clean";
import { ERROR_BODY_TIMEOUT_MS, MAX_ERROR_BODY_BYTES } from "../limits";
import type { Redactor } from "./redact";
import { truncate } from "./text";

const MAX_TEXT_CHARS = 400;

export interface XaiMessage {
  message: string;
  code?: string;
  status?: number;
}

const text = (record: Record<string, unknown>, key: string): string | undefined => {
  const value = record[key];
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
};

const scalar = (record: Record<string, unknown>, key: string): string | undefined => {
  const value = record[key];
  return typeof value === "number" ? String(value) : text(record, key);
};

/** xAI's message and code in a JSON error payload, or undefined when it carries no error. */
export function xaiErrorIn(payload: unknown): XaiMessage | undefined {
  if (!isJsonObject(payload)) return undefined;
  const { error } = payload;
  const status = typeof payload.status === "number" ? payload.status : undefined;
  if (typeof error === "string" && error.trim() !== "") {
    return { message: error, code: scalar(payload, "code"), status };
  }
  if (isJsonObject(error)) {
    const message = text(error, "message") ?? text(error, "type") ?? JSON.stringify(error);
    return { message, code: scalar(error, "code") ?? text(error, "type"), status };
  }
  const message = text(payload, "message") ?? text(payload, "detail");
  if (message === undefined && payload.type !== "error") return undefined;
  return { message: message ?? JSON.stringify(payload), code: scalar(payload, "code"), status };
}

/** Reads at most 64 KiB of a streamed body within 5 s, then releases it. */
async function readSome(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  const timer = setTimeout(() => stream.destroy(), ERROR_BODY_TIMEOUT_MS);
  try {
    for await (const chunk of readChunks(stream, ERROR_BODY_TIMEOUT_MS, "xAI's error body")) {
      chunks.push(Buffer.from(chunk));
      size += chunk.length;
      if (size >= MAX_ERROR_BODY_BYTES) break;
    }
  } catch {
    // Cut off or too slow: what arrived is enough to describe the failure.
  } finally {
    clearTimeout(timer);
  }
  return Buffer.concat(chunks).subarray(0, MAX_ERROR_BODY_BYTES).toString("utf8");
}

/** The body of a failed response as JSON when it parses, else as text ("" when empty). */
export async function readErrorBody(data: unknown): Promise<unknown> {
  let raw: string;
  if (data instanceof Readable) {
    raw = data.destroyed || data.readableEnded ? "" : await readSome(data);
  } else if (Buffer.isBuffer(data) || data instanceof ArrayBuffer) {
    raw = Buffer.from(data as ArrayBuffer).toString("utf8");
  } else if (typeof data === "string") {
    raw = data;
  } else {
    return data ?? "";
  }
  const trimmed = raw.trim();
  if (/^[{[]/.test(trimmed)) {
    try {
      return JSON.parse(trimmed);
    } catch {
      // Not JSON after all: described as text.
    }
  }
  return trimmed;
}

/** How much of a body is looked at to describe it: its start names the problem. */
const MAX_DESCRIBED_CHARS = 16 * 1024;

/**
 * One line for a body that is not xAI's error JSON: an HTML page, text, or nothing. The body is
 * redacted whole before anything is cut, and only its start is read, with patterns that stay linear
 * on a hostile page (a megabyte of unclosed tags).
 */
export function describeOtherBody(body: unknown, contentType: string, redact: Redactor): string {
  if (body === "" || body === undefined || body === null) return "the body was empty";
  const whole = typeof body === "string" ? body : (JSON.stringify(body) ?? String(body));
  const text = redact.text(whole).slice(0, MAX_DESCRIBED_CHARS);
  if (typeof body !== "string") return `unexpected body ${truncate(text, MAX_TEXT_CHARS)}`;
  if (/text\/html/i.test(contentType) || /^<(!doctype|html|head|body)\b/i.test(text)) {
    const words = text
      .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, " ")
      .replace(/<[^<>]*>/g, " ")
      .replace(/\s+/g, " ")
      .trim();
    return `an HTML page answered, not xAI's JSON (a proxy or gateway?)${words ? `: "${truncate(words, 200)}"` : ""}`;
  }
  return `"${truncate(text.replace(/\s+/g, " "), MAX_TEXT_CHARS)}"`;
}

/** A response header, case-insensitively, from a plain object or AxiosHeaders. */
export function readHeader(headers: unknown, name: string): string | undefined {
  if (typeof headers !== "object" || headers === null) return undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted) continue;
    const first: unknown = Array.isArray(value) ? value[0] : value;
    if (typeof first === "string" || typeof first === "number") return String(first).trim();
  }
  return undefined;
}

/** RFC 9110's `type "/" subtype`, both tokens: nothing that could break a header line (CR, LF). */
const MEDIA_TYPE = /^[\w!#$%&'*+.^`|~-]+\/[\w!#$%&'*+.^`|~-]+$/;

/**
 * A Content-Type without its parameters, lower-case: "image/png; q=1" → "image/png"; "" for none
 * or for a malformed one (it may be sent on in a multipart header).
 */
export const mediaType = (value: unknown): string => {
  const type = typeof value === "string" ? (value.split(";")[0]?.trim().toLowerCase() ?? "") : "";
  return MEDIA_TYPE.test(type) ? type : "";
};
