/**
 * When and how long to wait before retrying an xAI request. Plugged into Spectral's `createClient`
 * `retryConfig`, which hands these functions to axios-retry 4.5
 * (https://github.com/softonic/axios-retry#options).
 *
 * Retried: 408, 429, 500, 502, 503, 504, 529 (xAI/Anthropic-style "overloaded") and transient
 * network failures. Never retried: other 4xx, a cancelled request (our deadline or an abort), an
 * axios per-attempt timeout (ECONNABORTED; a slow generation would only time out again, billed
 * twice), DNS "not found" (a wrong XAI_BASE_URL does not fix itself), and a server that asks to wait
 * longer than MAX_RETRY_AFTER_MS (the error then tells the user when to try again).
 */

import { describeRequest } from "./safePath";
import { redactText } from "./secrets";

export const MAX_RETRIES = 3;
export const BASE_DELAY_MS = 500;
export const MAX_BACKOFF_MS = 8000;
export const MAX_RETRY_AFTER_MS = 60000;

const TRANSIENT_STATUSES = new Set([408, 429, 500, 502, 503, 504, 529]);

const STATUS_NAMES: Readonly<Record<number, string>> = {
  400: "bad request",
  401: "unauthorized",
  403: "forbidden",
  404: "not found",
  408: "request timeout",
  410: "gone",
  413: "payload too large",
  422: "unprocessable entity",
  429: "rate limited",
  500: "internal server error",
  502: "bad gateway",
  503: "service unavailable",
  504: "gateway timeout",
  529: "overloaded",
};

/** Network error codes (no HTTP response) that are worth another attempt. */
const TRANSIENT_NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "ENETDOWN",
  "UND_ERR_SOCKET",
]);

/** `404 (not found)`, or just `418` for a status without a name here. */
export function describeStatus(status: number): string {
  const name = STATUS_NAMES[status];
  return name ? `${status} (${name})` : String(status);
}

/** A human description of a network error code, e.g. "connection reset by the server (ECONNRESET)". */
export function describeNetworkError(
  code: string | undefined,
  message: string,
  host?: string,
): string {
  const at = host ? ` ${host}` : "";
  if (/socket hang up/i.test(message)) {
    return `the server closed the connection without answering (socket hang up${code ? `, ${code}` : ""})`;
  }
  switch (code) {
    case "ERR_BAD_RESPONSE":
      return `the connection was cut before the response was complete (${redactText(message)})`;
    case "ECONNRESET":
      return "connection reset by the server (ECONNRESET)";
    case "ECONNREFUSED":
      return `connection refused by${at || " the server"} (ECONNREFUSED)`;
    case "ETIMEDOUT":
      return `the connection to${at || " the server"} timed out (ETIMEDOUT)`;
    case "EPIPE":
      return "the connection was closed while the request was being sent (EPIPE)";
    case "EAI_AGAIN":
      return `DNS lookup of${at || " the host"} failed temporarily (EAI_AGAIN)`;
    case "ENOTFOUND":
      return `DNS lookup of${at || " the host"} found no such host (ENOTFOUND); check XAI_BASE_URL if it is set`;
    case "ENETUNREACH":
    case "EHOSTUNREACH":
    case "ENETDOWN":
      return `the network cannot reach${at || " the server"} (${code})`;
    case "ECONNABORTED":
      return `no answer within the request timeout (${redactText(message)})`;
    case "CERT_HAS_EXPIRED":
    case "DEPTH_ZERO_SELF_SIGNED_CERT":
    case "SELF_SIGNED_CERT_IN_CHAIN":
    case "UNABLE_TO_VERIFY_LEAF_SIGNATURE":
    case "UNABLE_TO_GET_ISSUER_CERT_LOCALLY":
    case "ERR_TLS_CERT_ALTNAME_INVALID":
      return `the TLS certificate of${at || " the server"} could not be verified; a proxy may be intercepting HTTPS (${code})`;
    default: {
      const text = redactText(message || "unknown network error");
      return code && !text.includes(code) ? `${text} (${code})` : text;
    }
  }
}

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  config?: { signal?: { aborted?: boolean } } & Record<string, unknown>;
  response?: { status?: unknown; headers?: unknown };
}

function asErrorLike(error: unknown): ErrorLike | undefined {
  return typeof error === "object" && error !== null ? (error as ErrorLike) : undefined;
}

function statusOf(error: ErrorLike): number | undefined {
  const status = error.response?.status;
  return typeof status === "number" ? status : undefined;
}

function codeOf(error: ErrorLike): string | undefined {
  return typeof error.code === "string" ? error.code : undefined;
}

/** Reads a header from a plain object or AxiosHeaders, case-insensitively; arrays give their first value. */
export function readHeader(headers: unknown, name: string): string | undefined {
  if (typeof headers !== "object" || headers === null) return undefined;
  const wanted = name.toLowerCase();
  const getter = (headers as { get?: unknown }).get;
  if (typeof getter === "function") {
    const value: unknown = getter.call(headers, name);
    if (typeof value === "string" || typeof value === "number") return String(value);
  }
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted) continue;
    const first: unknown = Array.isArray(value) ? value[0] : value;
    if (typeof first === "string" || typeof first === "number") return String(first);
  }
  return undefined;
}

/**
 * The wait a server asks for, in ms: `retry-after-ms` (milliseconds, as sent by OpenAI-compatible
 * APIs) wins, then `Retry-After` as seconds (fractions allowed) or an HTTP date
 * (https://www.rfc-editor.org/rfc/rfc9110#field.retry-after). Undefined when absent or unparseable;
 * never negative.
 */
export function retryAfterMs(headers: unknown, now: number = Date.now()): number | undefined {
  const milliseconds = readHeader(headers, "retry-after-ms")?.trim();
  if (milliseconds && /^\d+(\.\d+)?$/.test(milliseconds)) {
    return Math.round(Number(milliseconds));
  }
  const retryAfter = readHeader(headers, "retry-after")?.trim();
  if (!retryAfter) return undefined;
  if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.round(Number(retryAfter) * 1000);
  // An HTTP date always names a day or month; without letters V8 would read "-5" as a year.
  if (!/[a-z]/i.test(retryAfter)) return undefined;
  const date = Date.parse(retryAfter);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** The server-requested wait of a failed request, if any. */
function serverRequestedWaitMs(error: unknown, now?: number): number | undefined {
  return retryAfterMs(asErrorLike(error)?.response?.headers, now);
}

/**
 * A successful status on a failed request: the connection dropped while the body was arriving
 * (axios reports "stream has been aborted" with the response it had so far).
 */
export function isCutOffResponse(error: unknown): boolean {
  const candidate = asErrorLike(error);
  if (!candidate) return false;
  const status = statusOf(candidate);
  return status !== undefined && status < 400 && codeOf(candidate) === "ERR_BAD_RESPONSE";
}

/** True for errors worth retrying (see the module comment for the list). */
export function isTransientError(error: unknown): boolean {
  const candidate = asErrorLike(error);
  if (!candidate) return false;
  const code = codeOf(candidate);
  if (code === "ERR_CANCELED" || candidate.config?.signal?.aborted === true) return false;

  const status = statusOf(candidate);
  if (status !== undefined && isCutOffResponse(candidate)) return true;
  if (status !== undefined) {
    if (!TRANSIENT_STATUSES.has(status)) return false;
    const wait = serverRequestedWaitMs(candidate);
    return wait === undefined || wait <= MAX_RETRY_AFTER_MS;
  }
  if (candidate.response) return false;
  if (code && TRANSIENT_NETWORK_CODES.has(code)) return true;
  const message = typeof candidate.message === "string" ? candidate.message : "";
  return /socket hang up/i.test(message);
}

/**
 * Milliseconds to wait before retry number `retryCount` (1-based). A server-given wait is honoured
 * exactly (capped at MAX_RETRY_AFTER_MS); otherwise "full jitter" exponential backoff
 * (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/):
 * random() * min(MAX_BACKOFF_MS, BASE_DELAY_MS * 2^(retryCount - 1)).
 */
export function retryDelayMs(
  retryCount: number,
  error: unknown,
  random: () => number = Math.random,
): number {
  const serverWait = serverRequestedWaitMs(error);
  if (serverWait !== undefined) return Math.min(serverWait, MAX_RETRY_AFTER_MS);
  const attempt = Number.isFinite(retryCount) ? Math.max(1, Math.floor(retryCount)) : 1;
  const ceiling = Math.min(MAX_BACKOFF_MS, BASE_DELAY_MS * 2 ** (attempt - 1));
  const factor = Math.min(1, Math.max(0, random()));
  return Math.round(factor * ceiling);
}

function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * One log line for a retry, e.g.
 * "xAI answered 429 (rate limited) on POST /chat/completions; retry 1 of 3 in 1.0 s".
 */
export function describeRetry(
  retryCount: number,
  error: unknown,
  delayMs: number,
  maxRetries: number = MAX_RETRIES,
): string {
  const candidate = asErrorLike(error) ?? {};
  const { method, path, host } = describeRequest(candidate.config);
  const status = statusOf(candidate);
  const message = typeof candidate.message === "string" ? candidate.message : "";
  const what =
    status !== undefined
      ? `xAI answered ${describeStatus(status)} on ${method} ${path}`
      : `xAI API request on ${method} ${path} failed with a network error: ${describeNetworkError(codeOf(candidate), message, host)}`;
  const asked = serverRequestedWaitMs(candidate) !== undefined ? " as the server asked" : "";
  return redactText(
    `${what}; retry ${retryCount} of ${maxRetries} in ${formatSeconds(delayMs)}${asked}`,
  );
}

/**
 * Frees the connection held by a failed response whose body is an unread stream
 * (responseType "stream"). Call it from axios-retry's `onRetry`: the retried request replaces that
 * response, and nobody else will read or close it.
 */
export function discardFailedResponse(error: unknown): void {
  const data = (asErrorLike(error)?.response as { data?: unknown } | undefined)?.data;
  const stream = data as { destroy?: unknown; readable?: unknown } | undefined;
  if (stream && typeof stream === "object" && typeof stream.destroy === "function") {
    (stream.destroy as () => void).call(stream);
  }
}
