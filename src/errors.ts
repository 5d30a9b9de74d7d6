/**
 * The component's error hook (`hooks.error`): turns whatever an action threw into one sentence a
 * person can act on, e.g.
 *   xAI API error 429 (rate limited) on POST /chat/completions: <xAI's message> [request id req_123]
 *
 * Everything returned is built fresh: no axios config, request, headers or response objects are
 * carried over, every string is redacted (src/secrets.ts), so the API key cannot leak through the
 * error Prismatic shows and stores. Spectral awaits the hook and throws its result
 * (https://prismatic.io/docs/custom-connectors/error-handling/).
 */

import { type Connection, ConnectionError, isConnectionError } from "@prismatic-io/spectral";
import { isAxiosError } from "axios";
import { xaiGrokConnection } from "./connection";
import { bodyForProperty, describeBody, readBody, stringProp, truncate } from "./errorBody";
import {
  describeNetworkError,
  describeStatus,
  isCutOffResponse,
  MAX_RETRY_AFTER_MS,
  readHeader,
  retryAfterMs,
} from "./retryPolicy";
import { describeRequest } from "./safePath";
import { redactDeep, redactText } from "./secrets";

const MAX_MESSAGE_CHARS = 1000;

export interface XaiApiErrorDetails {
  status?: number;
  code?: string;
  requestId?: string;
  body?: unknown;
  method?: string;
  path?: string;
}

/** A failed xAI API call, with the facts needed to act on it and nothing secret. */
export class XaiApiError extends Error {
  declare status?: number;
  declare code?: string;
  declare requestId?: string;
  declare body?: unknown;
  declare method?: string;
  declare path?: string;

  constructor(message: string, details: XaiApiErrorDetails = {}) {
    super(message);
    this.name = "XaiApiError";
    assignDetails(this, details);
  }
}

/** Sets only the defined details, so serialised errors carry no empty keys. */
function assignDetails(target: Error, details: XaiApiErrorDetails): void {
  for (const [key, value] of Object.entries(details)) {
    if (value !== undefined) (target as unknown as Record<string, unknown>)[key] = value;
  }
}

// ---------------------------------------------------------------------------------------------
// Building the friendly error

interface AxiosErrorLike {
  message?: unknown;
  code?: unknown;
  config?: Record<string, unknown> & {
    signal?: { reason?: unknown };
    xaiCall?: { deadlineMs?: unknown };
  };
  response?: { status?: unknown; headers?: unknown; data?: unknown };
}

/** axios' own check; the narrower type names only what the hook reads. */
const isAxiosErrorLike = (error: unknown): error is AxiosErrorLike => isAxiosError(error);

function retriesDone(config: AxiosErrorLike["config"]): number {
  const state = config?.["axios-retry"] as { retryCount?: unknown } | undefined;
  return typeof state?.retryCount === "number" ? state.retryCount : 0;
}

function retriesNote(config: AxiosErrorLike["config"]): string {
  const count = retriesDone(config);
  if (count <= 0) return "";
  return ` (gave up after ${count} ${count === 1 ? "retry" : "retries"})`;
}

function formatDeadline(ms: unknown): string {
  if (typeof ms !== "number" || !Number.isFinite(ms) || ms <= 0) return "";
  if (ms >= 60000 && ms % 60000 === 0) return `${ms / 60000}-minute `;
  if (ms >= 1000) return `${Number((ms / 1000).toFixed(1))}-second `;
  return `${Math.round(ms)}-millisecond `;
}

/** The whole call's deadline (retries and streaming included) ran out. */
export function deadlineExceeded(method: string, path: string, deadlineMs: unknown): XaiApiError {
  return new XaiApiError(
    redactText(
      `xAI API request on ${method} ${path} timed out: the call's ${formatDeadline(deadlineMs)}deadline (retries included) was reached`,
    ),
    { code: "DEADLINE_EXCEEDED", method, path },
  );
}

export function isTimeoutReason(reason: unknown): boolean {
  return (
    typeof reason === "object" &&
    reason !== null &&
    (reason as { name?: unknown }).name === "TimeoutError"
  );
}

function isCredentialFailure(status: number, xaiMessage: string): boolean {
  return (
    status === 401 || status === 403 || (status === 400 && /incorrect api key/i.test(xaiMessage))
  );
}

/** A copy of a connection that carries no secret, for errors that must reference one. */
export function sanitizedConnection(original?: Connection): Connection {
  return {
    key: typeof original?.key === "string" ? redactText(original.key) : xaiGrokConnection.key,
    configVarKey:
      typeof original?.configVarKey === "string" ? redactText(original.configVarKey) : "",
    fields: {},
  };
}

function connectionError(message: string, details: XaiApiErrorDetails, original?: Connection) {
  const error = new ConnectionError(sanitizedConnection(original), message);
  assignDetails(error, details);
  return error;
}

function requestFailure(error: AxiosErrorLike): Error {
  const config = error.config;
  const { method, path, host } = describeRequest(config);
  const code = typeof error.code === "string" ? error.code : undefined;
  const rawMessage = typeof error.message === "string" ? error.message : "";

  if (code === "ERR_CANCELED") {
    if (isTimeoutReason(config?.signal?.reason)) {
      return deadlineExceeded(method, path, config?.xaiCall?.deadlineMs);
    }
    return new XaiApiError(
      redactText(`xAI API request on ${method} ${path} was cancelled before xAI answered`),
      { code, method, path },
    );
  }
  const reason = describeNetworkError(code, rawMessage, host);
  return new XaiApiError(
    redactText(`xAI API request failed on ${method} ${path}: ${reason}${retriesNote(config)}`),
    { code: code === undefined ? undefined : redactText(code), method, path },
  );
}

async function responseFailure(
  error: AxiosErrorLike,
  response: NonNullable<AxiosErrorLike["response"]>,
): Promise<Error> {
  const config = error.config;
  const { method, path } = describeRequest(config);
  const status = typeof response.status === "number" ? response.status : 0;
  const headers = response.headers;
  const body = await readBody(response.data, readHeader(headers, "content-type") ?? "");
  const { message: xaiMessage, code } = describeBody(body);
  const requestId = readHeader(headers, "x-request-id") ?? readHeader(headers, "request-id");

  const parts = [`xAI API error ${describeStatus(status)} on ${method} ${path}: `];
  parts.push(truncate(xaiMessage.trim(), MAX_MESSAGE_CHARS));
  const wait = retryAfterMs(headers);
  if (wait !== undefined && wait > MAX_RETRY_AFTER_MS) {
    const retryAt = new Date(Date.now() + wait).toISOString();
    parts.push(
      `; xAI asks to wait ${Math.ceil(wait / 1000)} s before retrying (longer than the ${
        MAX_RETRY_AFTER_MS / 1000
      } s this component waits); retry after ${retryAt}`,
    );
  }
  const credentialFailure = isCredentialFailure(status, xaiMessage);
  if (credentialFailure) {
    parts.push(
      "; check the API key of the xAI Grok connection (and its team's access and credits)",
    );
  }
  parts.push(retriesNote(config));
  if (requestId) parts.push(` [request id ${requestId}]`);

  const message = redactText(parts.join(""));
  const details: XaiApiErrorDetails = {
    status,
    code: code === undefined ? undefined : redactText(code),
    requestId: requestId === undefined ? undefined : redactText(requestId),
    body: bodyForProperty(body),
    method,
    path,
  };
  return credentialFailure ? connectionError(message, details) : new XaiApiError(message, details);
}

const COPIED_SKIP = new Set(["name", "message", "stack", "cause", "connection", "config"]);

/** Own primitive properties (status, code, …) of an error thrown by the component itself. */
function safePrimitiveProps(error: Error): Record<string, string | number | boolean> {
  const copy: Record<string, string | number | boolean> = {};
  for (const key of Object.keys(error)) {
    if (COPIED_SKIP.has(key)) continue;
    const value: unknown = (error as unknown as Record<string, unknown>)[key];
    if (typeof value === "string") copy[redactText(key)] = redactText(value);
    else if (typeof value === "number" || typeof value === "boolean") copy[redactText(key)] = value;
  }
  return copy;
}

/** Keeps the original stack frames (code locations only), under a freshly built header line. */
function rebuildStack(target: Error, original: Error): void {
  const frames = (typeof original.stack === "string" ? original.stack : "")
    .split("\n")
    .filter((line) => /^\s+at /.test(line))
    .map(redactText);
  if (frames.length > 0) target.stack = [`${target.name}: ${target.message}`, ...frames].join("\n");
}

function rebuildError(error: Error): Error {
  const message = redactText(error.message);
  const fresh: Error = isConnectionError(error)
    ? new ConnectionError(sanitizedConnection(error.connection), message)
    : error instanceof XaiApiError
      ? new XaiApiError(message)
      : new Error(message);
  if (typeof error.name === "string" && error.name) fresh.name = redactText(error.name);
  Object.assign(fresh, safePrimitiveProps(error));
  if (error instanceof XaiApiError && error.body !== undefined) {
    (fresh as XaiApiError).body = redactDeep(error.body);
  }
  rebuildStack(fresh, error);
  return fresh;
}

function describeThrownValue(value: unknown): string {
  if (value === undefined || value === null)
    return `An unknown error occurred (${value} was thrown)`;
  if (typeof value === "string") return value.trim() === "" ? "An unknown error occurred" : value;
  if (typeof value !== "object") return `An unexpected value was thrown: ${String(value)}`;
  const message = stringProp(value, "message");
  if (message) return message;
  let json = "";
  try {
    json = JSON.stringify(redactDeep(value)) ?? "";
  } catch {
    json = Object.prototype.toString.call(value);
  }
  return `An unexpected value was thrown: ${truncate(json, MAX_MESSAGE_CHARS)}`;
}

/**
 * The component's `hooks.error`: returns a fresh, redacted Error that says what failed and what to
 * do. Credential failures (401, 403, 400 "Incorrect API key") come back as Spectral's
 * ConnectionError so Prismatic flags the connection.
 */
export async function toFriendlyError(error: unknown): Promise<Error> {
  try {
    if (isAxiosErrorLike(error)) {
      return error.response && !isCutOffResponse(error)
        ? await responseFailure(error, error.response)
        : requestFailure(error);
    }
    if (error instanceof Error) return rebuildError(error);
    return new Error(redactText(describeThrownValue(error)));
  } catch (unexpected) {
    // The hook must never throw something less safe than what it was given.
    const why = unexpected instanceof Error ? unexpected.message : String(unexpected);
    return new Error(
      redactText(`xAI Grok component failed and its error could not be described: ${why}`),
    );
  }
}
