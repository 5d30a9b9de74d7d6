/**
 * Reading a failed response's body (JSON, text, HTML, empty, or a stream still to be read) and
 * finding xAI's own message in either of its error shapes: `{"code", "error"}` and
 * `{"error": {"message", "type", "code"}}`.
 * @see https://docs.x.ai/docs/api-reference
 */

import { Readable } from "node:stream";
import { redactDeep, redactText } from "./secrets";

/** How much of an error body streamed back (responseType "stream") is read. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;
/** A body that stops arriving must not hold the error hook forever. */
const ERROR_BODY_READ_TIMEOUT_MS = 5000;
const MAX_SNIPPET_CHARS = 200;
const MAX_BODY_TEXT_CHARS = 4096;

export type BodyContent =
  | { kind: "json"; value: unknown }
  | { kind: "text"; text: string }
  | { kind: "html"; snippet: string }
  | { kind: "empty" }
  | { kind: "unreadable"; reason: string };

/** Reads at most `maxBytes` of a stream (waiting at most `timeoutMs`), then destroys it. */
function readStreamText(stream: Readable, maxBytes: number, timeoutMs: number) {
  return new Promise<{ text: string; complete: boolean }>((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (complete: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stream.removeListener("data", onData);
      stream.destroy();
      resolve({ text: Buffer.concat(chunks).subarray(0, maxBytes).toString("utf8"), complete });
    };
    const onData = (chunk: unknown) => {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      chunks.push(buffer);
      size += buffer.length;
      if (size >= maxBytes) finish(true);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    timer.unref();
    stream.on("data", onData);
    stream.on("end", () => finish(true));
    stream.on("error", () => finish(false));
    stream.on("close", () => finish(size > 0));
    stream.resume?.();
  });
}

function looksLikeHtml(text: string, contentType: string): boolean {
  return /text\/html/i.test(contentType) || /^\s*<(!doctype\s+html|html|head|body)\b/i.test(text);
}

function htmlToSnippet(html: string): string {
  const text = html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/&nbsp;/gi, " ")
    .replace(/&lt;/gi, "<")
    .replace(/&gt;/gi, ">")
    .replace(/&quot;/gi, '"')
    .replace(/&#39;/gi, "'")
    .replace(/&amp;/gi, "&");
  return truncate(collapseWhitespace(text), MAX_SNIPPET_CHARS);
}

function classifyText(text: string, contentType: string): BodyContent {
  const trimmed = text.trim();
  if (trimmed === "") return { kind: "empty" };
  if (/^[{[]/.test(trimmed) || /json/i.test(contentType)) {
    try {
      return { kind: "json", value: JSON.parse(trimmed) };
    } catch {
      // Not JSON after all; fall through to text/HTML.
    }
  }
  if (looksLikeHtml(trimmed, contentType)) return { kind: "html", snippet: htmlToSnippet(trimmed) };
  return { kind: "text", text: trimmed };
}

export async function readBody(data: unknown, contentType: string): Promise<BodyContent> {
  if (data === undefined || data === null) return { kind: "empty" };
  if (typeof data === "string") return classifyText(data, contentType);
  if (Buffer.isBuffer(data)) return classifyText(data.toString("utf8"), contentType);
  if (data instanceof ArrayBuffer)
    return classifyText(Buffer.from(data).toString("utf8"), contentType);
  if (ArrayBuffer.isView(data)) {
    const view = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    return classifyText(view.toString("utf8"), contentType);
  }
  if (data instanceof Readable) {
    if (data.destroyed || data.readableEnded) {
      return { kind: "unreadable", reason: "the response stream was already closed" };
    }
    const { text, complete } = await readStreamText(
      data,
      MAX_ERROR_BODY_BYTES,
      ERROR_BODY_READ_TIMEOUT_MS,
    );
    if (!complete && text.trim() === "") {
      return {
        kind: "unreadable",
        reason: "the response stream broke off before any body arrived",
      };
    }
    return classifyText(text, contentType);
  }
  return { kind: "json", value: data };
}

// ---------------------------------------------------------------------------------------------
// Understanding xAI's error body

function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function stringProp(value: unknown, key: string): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const found = (value as Record<string, unknown>)[key];
  return typeof found === "string" && found.trim() !== "" ? found : undefined;
}

interface XaiMessage {
  message: string;
  code?: string;
}

/**
 * xAI answers errors as `{"code": "...", "error": "<message>"}` or, on its OpenAI-compatible
 * endpoints, `{"error": {"message", "type", "code"}}`.
 */
function messageFromJson(value: unknown): XaiMessage {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const body = value as Record<string, unknown>;
    const nested = body.error;
    if (typeof nested === "string" && nested.trim() !== "") {
      return { message: nested, code: stringProp(body, "code") };
    }
    if (typeof nested === "object" && nested !== null) {
      const message = stringProp(nested, "message") ?? JSON.stringify(redactDeep(nested));
      return { message, code: stringProp(nested, "code") ?? stringProp(nested, "type") };
    }
    const message = stringProp(body, "message") ?? stringProp(body, "detail");
    if (message) return { message, code: stringProp(body, "code") };
  }
  return {
    message: `unexpected response body ${truncate(JSON.stringify(redactDeep(value)) ?? "", MAX_SNIPPET_CHARS)}`,
  };
}

export function describeBody(body: BodyContent): XaiMessage {
  switch (body.kind) {
    case "json":
      return messageFromJson(body.value);
    case "text":
      return { message: truncate(collapseWhitespace(body.text), MAX_SNIPPET_CHARS * 2) };
    case "html":
      return {
        message: `the response was an HTML page, not xAI's JSON (a proxy or gateway answered)${
          body.snippet ? `: "${body.snippet}"` : ""
        }`,
      };
    case "empty":
      return { message: "empty response body" };
    case "unreadable":
      return { message: `the response body could not be read (${body.reason})` };
  }
}

export function bodyForProperty(body: BodyContent): unknown {
  switch (body.kind) {
    case "json":
      return redactDeep(body.value);
    case "text":
      return redactText(truncate(body.text, MAX_BODY_TEXT_CHARS));
    case "html":
      return redactText(body.snippet);
    default:
      return undefined;
  }
}
