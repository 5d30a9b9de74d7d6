/**
 * The one error path: whatever failed becomes one redacted sentence a person can act on, e.g.
 *   xAI API error 429 (rate limited) on POST /chat/completions: <xAI's reason> [request id req_123]
 * The client calls it as a request fails (knowing the call's secrets); the component's error hook
 * calls it for everything else. Nothing of axios' config, request or headers is carried over.
 * @see https://prismatic.io/docs/custom-connectors/error-handling/
 */

import { STATUS_CODES } from "node:http";
import { isConnectionError } from "@prismatic-io/spectral";
import { type AxiosError, isAxiosError } from "axios";
import type {} from "../http/client"; // its `xaiCall` on axios' request config
import { retryAfterMs } from "../http/retry";
import { MAX_JSON_BODY_BYTES, MAX_RETRY_AFTER_MS } from "../limits";
import {
  connectionError,
  DETAIL_KEYS,
  InputError,
  StreamCutOffError,
  XaiApiError,
  type XaiApiErrorDetails,
} from "./classes";
import { describeOtherBody, readErrorBody, readHeader, xaiErrorIn } from "./errorBody";
import { bearerToken, type Redactor, redactor, type Secrets } from "./redact";
import { formatBytes, formatDuration, sentence, truncate } from "./text";

/** How much of xAI's own reason a message quotes, and how long any message may get. */
const MAX_MESSAGE_CHARS = 1000;
const MAX_ERROR_CHARS = 2000;
/** The longest text an error's `body` and `partial` keep (each string in them, once redacted). */
const MAX_BODY_CHARS = 4096;
const MAX_PARTIAL_CHARS = 64 * 1024;

/** Node's names of HTTP statuses, with xAI's words where they differ. */
const STATUS_NAMES: Readonly<Record<number, string>> = { 429: "rate limited", 529: "overloaded" };

const NETWORK_REASONS: Readonly<Record<string, string>> = {
  ECONNRESET: "the connection was reset",
  ECONNREFUSED: "the connection to {host} was refused",
  ETIMEDOUT: "the connection timed out",
  EPIPE: "the connection closed while the request was being sent",
  EAI_AGAIN: "the DNS lookup failed for now",
  ENOTFOUND: "the host name was not found",
  ENETUNREACH: "the network is unreachable",
  EHOSTUNREACH: "the host is unreachable",
  ECONNABORTED: "no answer within the request timeout",
  ERR_FR_TOO_MANY_REDIRECTS: "too many redirects",
};

/** `429 (rate limited)`, `404 (not found)`, or just `599`. */
export function describeStatus(status: number): string {
  const name = STATUS_NAMES[status] ?? STATUS_CODES[status]?.toLowerCase();
  return name ? `${status} (${name})` : String(status);
}

/** Upper-case method and the path as asked (relative to the base URL; no origin, no query). */
export function describeRequest(config: unknown): { method: string; path: string } {
  const { method, url } = (config ?? {}) as Record<string, unknown>;
  const path =
    String(url ?? "")
      .replace(/^[a-z]+:\/\/[^/]*/i, "")
      .split("?")[0] ?? "";
  const verb = typeof method === "string" ? method.toUpperCase() : "GET";
  return { method: verb, path: `/${path.replace(/^\/+/, "")}` };
}

/** axios stopped a body at its maxContentLength: it says so only in the error's message. */
export const overBodyLimit = (error: unknown): boolean =>
  error instanceof Error && /maxContentLength/.test(error.message);

/** The whole call's deadline (retries, streaming and polling included) ran out. */
export function deadlineExceeded(method: string, path: string, deadlineMs?: number): XaiApiError {
  const limit = deadlineMs ? `${formatDuration(deadlineMs)} ` : "";
  return new XaiApiError(
    `xAI API request on ${method} ${path} timed out: the call's ${limit}deadline (retries included) was reached`,
    { code: "DEADLINE_EXCEEDED", method, path },
  );
}

/** "(gave up after 3 retries)" when axios-retry retried. */
function retriesNote(config: unknown): string {
  const state = (config as Record<string, { retryCount?: unknown }> | undefined)?.["axios-retry"];
  const count = typeof state?.retryCount === "number" ? state.retryCount : 0;
  return count > 0 ? ` (gave up after ${count} ${count === 1 ? "retry" : "retries"})` : "";
}

/** xAI answered with an error status, or a redirect (never followed). */
async function httpFailure(error: AxiosError, status: number, redact: Redactor): Promise<Error> {
  const { method, path } = describeRequest(error.config);
  const headers = error.response?.headers;
  const requestId = readHeader(headers, "x-request-id") ?? readHeader(headers, "request-id");
  const body = await readErrorBody(error.response?.data);
  const xai = xaiErrorIn(body);
  const reason =
    xai?.message ?? describeOtherBody(body, readHeader(headers, "content-type") ?? "", redact);
  const notes: string[] = [];
  const wait = retryAfterMs(headers);
  const deadlineAt = error.config?.xaiCall?.deadlineAt ?? Number.POSITIVE_INFINITY;
  let retryAt: string | undefined;
  if (wait !== undefined && (wait > MAX_RETRY_AFTER_MS || Date.now() + wait >= deadlineAt)) {
    retryAt = new Date(Date.now() + wait).toISOString();
    notes.push(
      `xAI asks to wait ${formatDuration(wait)}, so it was not retried: retry after ${retryAt}`,
    );
  }
  // xAI's API does not redirect, and the key goes only to the base URL: a redirect is not followed.
  const location = status < 400 ? readHeader(headers, "location") : undefined;
  if (location)
    notes.push(
      `it redirects to ${truncate(location.split(/[?#]/)[0] ?? "", 200)}, which is not followed`,
    );
  const credentials =
    status === 401 || status === 403 || (status === 400 && /incorrect api key/i.test(reason));
  if (credentials) notes.push("check the API key of the xAI Grok connection");
  // One sentence: xAI's reason loses its final full stop when notes follow it.
  const shown = truncate(redact.text(reason).trim(), MAX_MESSAGE_CHARS);
  const said = notes.length > 0 ? [shown.replace(/[.!]+$/, ""), ...notes].join("; ") : shown;
  const id = requestId ? ` [request id ${requestId}]` : "";
  const message = `xAI API error ${describeStatus(status)} on ${method} ${path}: ${said}${retriesNote(error.config)}${id}`;
  const details = { status, code: xai?.code, requestId, body, method, path, retryAt };
  return credentials ? connectionError(message, details) : new XaiApiError(message, details);
}

/** No error status: cancelled, over a limit, cut off, or the network failed. */
function transportFailure(error: AxiosError): XaiApiError {
  const { method, path } = describeRequest(error.config);
  const on = `${method} ${path}`;
  const status = error.response?.status;
  const signal = error.config?.signal as AbortSignal | undefined;
  if (error.code === "ERR_CANCELED" || signal?.aborted) {
    // AbortSignal.timeout's reason is a DOMException, possibly of another realm: match its name.
    if ((signal?.reason as { name?: unknown } | undefined)?.name === "TimeoutError") {
      return deadlineExceeded(method, path, error.config?.xaiCall?.deadlineMs);
    }
    return new XaiApiError(`xAI API request on ${on} was cancelled`, {
      code: "ERR_CANCELED",
      method,
      path,
    });
  }
  if (overBodyLimit(error)) {
    const limit = error.config?.maxContentLength;
    const bytes = typeof limit === "number" && limit > 0 ? limit : MAX_JSON_BODY_BYTES;
    return new XaiApiError(
      `xAI's answer to ${on} was larger than the ${formatBytes(bytes)} limit, so it was not read`,
      { code: "LIMIT_EXCEEDED", method, path },
    );
  }
  if (status !== undefined) {
    return new StreamCutOffError(
      `xAI's answer to ${on} (status ${status}) was cut off before it was complete${retriesNote(error.config)}; a generation is not retried once xAI accepted it`,
      { status, method, path },
    );
  }
  const { code } = error;
  let host = "the server";
  try {
    host = new URL(String(error.config?.baseURL)).host;
  } catch {
    // No base URL: "the server".
  }
  const reason = ((code && NETWORK_REASONS[code]) ?? (error.message || "a network error")).replace(
    "{host}",
    host,
  );
  const suffix = code && !reason.includes(code) ? ` (${code})` : "";
  return new XaiApiError(
    `xAI API request on ${on} failed: ${reason}${suffix}${retriesNote(error.config)}`,
    { code, method, path },
  );
}

/**
 * A fresh error of the same kind rebuilt from safe parts only: its message and details redacted,
 * its class one of the component's own (or a plain Error keeping its name).
 */
function rebuild(error: Error, redact: Redactor): Error {
  // Redacted whole, then bounded: no failure, however it was worded, carries megabytes.
  // One character is kept for the full stop `sentence` may add.
  const message = sentence(truncate(redact.text(error.message), MAX_ERROR_CHARS - 1));
  const given = DETAIL_KEYS.filter((key) => (error as XaiApiError)[key] !== undefined);
  const details: XaiApiErrorDetails = Object.fromEntries(
    given.map((key) => [
      key,
      redact.deep(
        (error as XaiApiError)[key],
        key === "partial" ? MAX_PARTIAL_CHARS : MAX_BODY_CHARS,
      ),
    ]),
  );
  if (error instanceof StreamCutOffError) return new StreamCutOffError(message, details);
  if (isConnectionError(error)) return connectionError(message, details);
  if (error.name === "InputError") return Object.assign(new InputError("", ""), { message });
  const ours = error instanceof XaiApiError || error.name === "XaiApiError";
  if (ours || given.length > 0) return new XaiApiError(message, details);
  return Object.assign(new Error(message), { name: redact.text(error.name) });
}

/** A thrown value that is not an Error: a string, or something shown as JSON. */
function describeThrown(value: unknown, redact: Redactor): string {
  if (typeof value === "string" && value.trim()) return value;
  if (value === null || value === undefined || typeof value === "string") {
    return "An unknown error occurred";
  }
  // redact.deep leaves only JSON-safe values (no cycles, bigints or binary), so this never throws.
  const shown = JSON.stringify(redact.deep(value)) ?? String(value);
  return `An unexpected value was thrown: ${truncate(shown, MAX_MESSAGE_CHARS)}`;
}

/**
 * Any failure as a fresh, redacted Error: XaiApiError (or StreamCutOffError) for xAI calls,
 * Spectral's ConnectionError for a rejected key (401, 403, 400 "Incorrect API key"), InputError for
 * bad inputs. `secrets` are the call's own; an axios error also gives away its bearer token.
 */
export async function toXaiError(error: unknown, secrets: Secrets = []): Promise<Error> {
  const token = isAxiosError(error) ? bearerToken(error.config?.headers) : undefined;
  const redact = redactor(token ? [...secrets, token] : secrets);
  try {
    if (isAxiosError(error)) {
      const status = error.response?.status;
      const failure =
        status !== undefined && status >= 300
          ? await httpFailure(error, status, redact)
          : transportFailure(error);
      return rebuild(failure, redact);
    }
    if (!(error instanceof Error))
      return new Error(
        sentence(truncate(redact.text(describeThrown(error, redact)), MAX_ERROR_CHARS - 1)),
      );
    const built = rebuild(error, redact);
    const frames = (error.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line));
    built.stack = [`${built.name}: ${built.message}`, ...frames.map(redact.text)].join("\n");
    return built;
  } catch (unexpected) {
    // The error path must never throw something less safe than what it was given.
    const why = unexpected instanceof Error ? unexpected.message : String(unexpected);
    return new Error(
      redact.text(`The xAI Grok component failed and its error could not be described: ${why}`),
    );
  }
}

/** The component's `hooks.error`. */
export const errorHook = (error: unknown): Promise<Error> => toXaiError(error);
