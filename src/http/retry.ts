/**
 * When a failed xAI request is tried again, and after how long. Plugged into axios-retry
 * (through Spectral's `createClient` `retryConfig`; https://github.com/softonic/axios-retry).
 *
 * Retried: 408, 429, 500, 502, 503, 504, 529 and transient network failures (reset, refused, …).
 * Never retried: other statuses; an answer xAI had started to send (a 2xx cut off midway: a POST would
 * pay for a second generation; a GET is retried); our deadline or a size limit; a Retry-After longer
 * than 60 s or than the time left (the error then says when to retry).
 */

import { type AxiosError, isAxiosError } from "axios";
import { exponentialDelay, isNetworkError } from "axios-retry";
import { readHeader } from "../errors/errorBody";
import { MAX_RETRY_AFTER_MS } from "../limits";

const TRANSIENT_STATUSES = new Set([408, 429, 500, 502, 503, 504, 529]);
/** Base of axios-retry's exponential backoff: about 0.5, 1 and 2 s, plus up to 20 % jitter. */
const BACKOFF_FACTOR_MS = 250;
/** An HTTP date (IMF-fixdate, RFC 9110 §5.6.7), e.g. "Wed, 25 Nov 2026 10:00:00 GMT". */
const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
/** Longer than this is not a wait but a broken header; it is ignored. */
const MAX_SENSIBLE_WAIT_MS = 366 * 24 * 3600 * 1000;

/**
 * The wait a server asks for, in ms: `retry-after-ms` (OpenAI-compatible), else `Retry-After` as
 * whole seconds or an HTTP date (https://www.rfc-editor.org/rfc/rfc9110#field.retry-after).
 * Undefined when absent, unparseable or out of range (then the normal backoff applies).
 */
export function retryAfterMs(headers: unknown, now = Date.now()): number | undefined {
  const ms = readHeader(headers, "retry-after-ms");
  const seconds = readHeader(headers, "retry-after");
  let wait: number | undefined;
  if (ms && /^\d+(\.\d+)?$/.test(ms)) wait = Number(ms);
  else if (seconds && /^\d+$/.test(seconds)) wait = Number(seconds) * 1000;
  else if (seconds && HTTP_DATE.test(seconds)) wait = Math.max(0, Date.parse(seconds) - now);
  return wait !== undefined && Number.isFinite(wait) && wait <= MAX_SENSIBLE_WAIT_MS
    ? Math.round(wait)
    : undefined;
}

/** What one call keeps for retries: its deadline, to know whether a wait still fits. */
export interface RetryState {
  deadlineAt: number;
  lastDelayMs: number;
}

const stateOf = (error: AxiosError): RetryState | undefined =>
  (error.config as { xaiCall?: RetryState } | undefined)?.xaiCall;

/** True for a failure worth another attempt (see the module comment). */
export function shouldRetry(error: AxiosError): boolean {
  if (!isAxiosError(error) || error.config?.signal?.aborted) return false;
  const status = error.response?.status;
  if (status === undefined) {
    // axios' own ERR_* codes (a size limit, a bad URL or option) would fail the same way again.
    if (error.code?.startsWith("ERR_")) return false;
    // Node's HTTP parser failed on what the server sent: it had answered, and would again.
    if (error.code?.startsWith("HPE_")) return false;
    return isNetworkError(error) || /socket hang up/i.test(error.message);
  }
  // A 2xx cut off midway: read again only what costs nothing to ask for again.
  if (status < 300) return error.config?.method === "get";
  if (!TRANSIENT_STATUSES.has(status)) return false;
  const wait = retryAfterMs(error.response?.headers);
  if (wait === undefined) return true;
  const state = stateOf(error);
  const timeLeft = state ? state.deadlineAt - Date.now() : Number.POSITIVE_INFINITY;
  return wait <= MAX_RETRY_AFTER_MS && wait < timeLeft;
}

/** The wait before retry `retryCount` (1-based): the server's Retry-After, else exponential backoff. */
export function retryDelay(retryCount: number, error: AxiosError): number {
  const delay =
    retryAfterMs(error.response?.headers) ??
    exponentialDelay(retryCount, undefined, BACKOFF_FACTOR_MS);
  const state = stateOf(error);
  if (state) state.lastDelayMs = delay;
  return delay;
}
