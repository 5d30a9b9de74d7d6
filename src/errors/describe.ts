/**
 * The one error path: whatever failed becomes one redacted sentence a person can act on, e.g.
 *   xAI API error 429 (rate limited) on POST /chat/completions: <xAI's reason> [request id req_123]
 * The client calls it as a request fails (knowing the call's secrets); the component's error hook
 * calls it for everything else. Nothing of axios' config, request or headers is carried over.
 * @see https://prismatic.io/docs/custom-connectors/error-handling/
 */

import { type Connection, ConnectionError, isConnectionError } from "@prismatic-io/spectral";
import { isAxiosError } from "axios";
import { retryAfterMs } from "../http/retry";
import { MAX_JSON_BODY_BYTES, MAX_RETRY_AFTER_MS } from "../limits";
import {
  assignDetails,
  DETAIL_KEYS,
  InputError,
  StreamCutOffError,
  XaiApiError,
  type XaiApiErrorDetails,
} from "./classes";
import { describeOtherBody, readErrorBody, readHeader, xaiErrorIn } from "./errorBody";
import { bearerToken, type Redactor, redactor, type Secrets } from "./redact";
import { formatBytes, formatDuration, sentence, truncate } from "./text";

const MAX_MESSAGE_CHARS = 1000;

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

/** `429 (rate limited)`, or just `418`. */
export const describeStatus = (status: number): string =>
  STATUS_NAMES[status] ? `${status} (${STATUS_NAMES[status]})` : String(status);

/** Upper-case method and the path under the base URL (no origin, no /v1, no query). */
export function describeRequest(config: unknown): { method: string; path: string } {
  const { method, url, baseURL } = (config ?? {}) as Record<string, unknown>;
  const base = typeof baseURL === "string" ? baseURL : "http://base.invalid";
  let path = typeof url === "string" ? url : "/";
  try {
    const basePath = new URL(base).pathname.replace(/\/+$/, "");
    path = new URL(
      /^[a-z]+:\/\//i.test(path) ? path : `${base.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`,
    ).pathname;
    if (basePath && path.startsWith(`${basePath}/`)) path = path.slice(basePath.length);
  } catch {
    path = path.split("?")[0] ?? path;
  }
  return { method: typeof method === "string" ? method.toUpperCase() : "GET", path };
}

/** The whole call's deadline (retries, streaming and polling included) ran out. */
export function deadlineExceeded(method: string, path: string, deadlineMs?: number): XaiApiError {
  const limit = deadlineMs ? `${formatDuration(deadlineMs)} ` : "";
  return new XaiApiError(
    `xAI API request on ${method} ${path} timed out: the call's ${limit}deadline (retries included) was reached`,
    { code: "DEADLINE_EXCEEDED", method, path },
  );
}

/** The host a request went to, so "connection refused" says where. */
function hostOf(config: unknown): string | undefined {
  const { baseURL } = (config ?? {}) as { baseURL?: unknown };
  try {
    return typeof baseURL === "string" ? new URL(baseURL).host : undefined;
  } catch {
    return undefined;
  }
}

/** "(gave up after 3 retries)" when axios-retry retried. */
function retriesNote(config: unknown): string {
  const state = (config as Record<string, { retryCount?: unknown }> | undefined)?.["axios-retry"];
  const count = typeof state?.retryCount === "number" ? state.retryCount : 0;
  return count > 0 ? ` (gave up after ${count} ${count === 1 ? "retry" : "retries"})` : "";
}

const isCredentialFailure = (status: number, reason: string): boolean =>
  status === 401 || status === 403 || (status === 400 && /incorrect api key/i.test(reason));

interface Failure {
  message: string;
  details: XaiApiErrorDetails;
  kind?: "connection" | "cutOff";
}

interface AxiosLike {
  message: string;
  code?: string;
  config?: {
    headers?: unknown;
    signal?: unknown;
    xaiCall?: { deadlineMs?: number; deadlineAt?: number };
  };
  response?: { status: number; headers: unknown; data: unknown };
}

async function httpFailure(error: AxiosLike, status: number, redact: Redactor): Promise<Failure> {
  const { method, path } = describeRequest(error.config);
  const response = error.response as NonNullable<AxiosLike["response"]>;
  const contentType = readHeader(response.headers, "content-type") ?? "";
  const requestId =
    readHeader(response.headers, "x-request-id") ?? readHeader(response.headers, "request-id");
  const body = await readErrorBody(response.data);
  const xai = xaiErrorIn(body);
  const reason = xai?.message ?? describeOtherBody(body, contentType);
  const notes: string[] = [];
  const wait = retryAfterMs(response.headers);
  const deadlineAt = error.config?.xaiCall?.deadlineAt ?? Number.POSITIVE_INFINITY;
  let retryAt: string | undefined;
  if (wait !== undefined && (wait > MAX_RETRY_AFTER_MS || Date.now() + wait >= deadlineAt)) {
    retryAt = new Date(Date.now() + wait).toISOString();
    notes.push(
      `xAI asks to wait ${formatDuration(wait)}, so it was not retried: retry after ${retryAt}`,
    );
  }
  const credentials = isCredentialFailure(status, reason);
  if (credentials) notes.push("check the API key of the xAI Grok connection");
  // One sentence: xAI's reason loses its final full stop when notes follow it.
  const shown = truncate(redact.text(reason).trim(), MAX_MESSAGE_CHARS);
  const parts = [
    `xAI API error ${describeStatus(status)} on ${method} ${path}: `,
    notes.length > 0 ? [shown.replace(/[.!]+$/, ""), ...notes].join("; ") : shown,
    retriesNote(error.config),
  ];
  if (requestId) parts.push(` [request id ${requestId}]`);
  return {
    message: parts.join(""),
    details: { status, code: xai?.code, requestId, body, method, path, retryAt },
    kind: credentials ? "connection" : undefined,
  };
}

function transportFailure(error: AxiosLike): Failure {
  const { method, path } = describeRequest(error.config);
  const on = `${method} ${path}`;
  const status = error.response?.status;
  const signal = error.config?.signal as AbortSignal | undefined;
  if (error.code === "ERR_CANCELED" || signal?.aborted) {
    const reason: unknown = signal?.reason;
    // AbortSignal.timeout's reason is a DOMException, possibly of another realm: match its name.
    if ((reason as { name?: unknown } | undefined)?.name === "TimeoutError") {
      return ownFailure(deadlineExceeded(method, path, error.config?.xaiCall?.deadlineMs));
    }
    return {
      message: `xAI API request on ${on} was cancelled`,
      details: { code: "ERR_CANCELED", method, path },
    };
  }
  if (/maxContentLength/.test(error.message)) {
    return {
      message: `xAI's answer to ${on} was larger than the ${formatBytes(MAX_JSON_BODY_BYTES)} limit, so it was not read`,
      details: { code: "LIMIT_EXCEEDED", method, path },
    };
  }
  if (status !== undefined && status < 400) {
    return {
      message: `xAI's answer to ${on} (status ${status}) was cut off before it was complete${retriesNote(error.config)}; a generation is not retried once xAI accepted it`,
      details: { status, method, path },
      kind: "cutOff",
    };
  }
  const code = error.code;
  const host = hostOf(error.config) ?? "the server";
  const reason = ((code && NETWORK_REASONS[code]) ?? (error.message || "a network error")).replace(
    "{host}",
    host,
  );
  const suffix = code && !reason.includes(code) ? ` (${code})` : "";
  return {
    message: `xAI API request on ${on} failed: ${reason}${suffix}${retriesNote(error.config)}`,
    details: { code, method, path },
  };
}

/** Rebuilds one of the component's own errors (or any Error) from safe parts only. */
function ownFailure(error: Error): Failure {
  const details: XaiApiErrorDetails = {};
  for (const key of DETAIL_KEYS) {
    const value = (error as unknown as Record<string, unknown>)[key];
    if (value !== undefined) Object.assign(details, { [key]: value });
  }
  const kind = isConnectionError(error)
    ? "connection"
    : error instanceof StreamCutOffError
      ? "cutOff"
      : undefined;
  return { message: error.message, details, kind };
}

/** A fresh error of the right class, its message and details redacted. */
function build(failure: Failure, name: string | undefined, redact: Redactor): Error {
  const message = sentence(redact.text(failure.message));
  const details = redact.deep(failure.details) as XaiApiErrorDetails;
  if (typeof details.body === "string") details.body = truncate(details.body, 4096);
  let error: Error;
  if (failure.kind === "connection") {
    error = new ConnectionError(safeConnection(), message);
    error.name = "ConnectionError";
    assignDetails(error, details);
  } else if (failure.kind === "cutOff") {
    error = new StreamCutOffError(message, details);
  } else if (name === "InputError") {
    error = new InputError("", "");
    error.message = message;
  } else if (name === undefined || name === "XaiApiError" || Object.keys(details).length > 0) {
    error = new XaiApiError(message, details);
  } else {
    error = new Error(message);
    error.name = redact.text(name);
  }
  return error;
}

/** A connection to name in a ConnectionError: its key only, never its fields. */
const safeConnection = (): Connection => ({
  key: "xaiGrokConnection",
  configVarKey: "",
  fields: {},
});

function describeThrown(value: unknown, redact: Redactor): string {
  if (typeof value === "string" && value.trim()) return value;
  if (value === null || value === undefined || typeof value === "string")
    return "An unknown error occurred";
  let shown: string;
  try {
    shown = JSON.stringify(redact.deep(value)) ?? String(value);
  } catch {
    shown = Object.prototype.toString.call(value);
  }
  return `An unexpected value was thrown: ${truncate(shown, MAX_MESSAGE_CHARS)}`;
}

/**
 * Any failure as a fresh, redacted Error: XaiApiError (or StreamCutOffError) for xAI calls,
 * Spectral's ConnectionError for a rejected key (401, 403, 400 "Incorrect API key"), InputError for
 * bad inputs. `secrets` are the call's own; an axios error also gives away its bearer token.
 */
export async function toXaiError(error: unknown, secrets: Secrets = []): Promise<Error> {
  const all = [...secrets];
  if (isAxiosError(error)) {
    const token = bearerToken(error.config?.headers);
    if (token) all.push(token);
  }
  const redact = redactor(all);
  try {
    if (isAxiosError(error)) {
      const axiosLike = error as unknown as AxiosLike;
      const status = error.response?.status;
      const failure =
        status !== undefined && status >= 400
          ? await httpFailure(axiosLike, status, redact)
          : transportFailure(axiosLike);
      return build(failure, undefined, redact);
    }
    if (error instanceof Error) {
      const failure = ownFailure(error);
      const name =
        error instanceof XaiApiError || isConnectionError(error) ? undefined : error.name;
      const built = build(failure, name, redact);
      const frames = (error.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line));
      built.stack = [`${built.name}: ${built.message}`, ...frames.map(redact.text)].join("\n");
      return built;
    }
    return new Error(sentence(redact.text(describeThrown(error, redact))));
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
