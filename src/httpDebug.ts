/**
 * HTTP logging for Prismatic's global debug mode (`context.debug.enabled`): every attempt's request,
 * response and error, with credentials redacted and large or binary bodies summarised.
 * Uses axios interceptors (https://axios-http.com/docs/interceptors).
 */

import { Stream } from "node:stream";
import type { HttpClient } from "@prismatic-io/spectral/dist/clients/http";
import type { AxiosError, AxiosResponse, InternalAxiosRequestConfig } from "axios";
import { redactDeep, redactText } from "./secrets";

const MAX_LOGGED_BODY_BYTES = 10 * 1024;

/** What to log for a body: as is (redacted) when small, otherwise a size summary. */
export function summarizeBody(body: unknown): unknown {
  if (body === undefined || body === null || body === "") return body;
  if (body instanceof Stream) return "<stream>";
  if (Buffer.isBuffer(body) || body instanceof ArrayBuffer || ArrayBuffer.isView(body)) {
    return `<body: ${body.byteLength} bytes>`;
  }
  let size: number;
  try {
    size = Buffer.byteLength(typeof body === "string" ? body : (JSON.stringify(body) ?? ""));
  } catch {
    return "<body: not serialisable>";
  }
  return size > MAX_LOGGED_BODY_BYTES ? `<body: ${size} bytes>` : redactDeep(body);
}

function headersOf(headers: unknown): unknown {
  const withToJson = headers as { toJSON?: () => unknown } | undefined;
  return redactDeep(typeof withToJson?.toJSON === "function" ? withToJson.toJSON() : headers);
}

function fullUrl(client: HttpClient, config: InternalAxiosRequestConfig): string {
  try {
    return redactText(client.getUri(config));
  } catch {
    return redactText(`${config.baseURL ?? ""}${config.url ?? ""}`);
  }
}

type Log = (message: string) => void;

/**
 * Adds interceptors to `client` that pass one line per event to the log `logFor` gives for the
 * request (none: nothing is logged, and no work is done). Retried attempts each log
 * their own request; a response or error travelling back through the retry chain is logged once.
 * Call this after the retry interceptors are installed (Spectral's createClient does that).
 */
export function attachDebugLogging(
  client: HttpClient,
  logFor: (config: InternalAxiosRequestConfig | undefined) => Log | undefined,
): void {
  const startedAt = new WeakMap<object, number>();
  const alreadyLogged = new WeakSet<object>();
  const safeLog = (log: Log, label: string, details: Record<string, unknown>) => {
    try {
      log(`${label} ${JSON.stringify(details)}`);
    } catch {
      // Logging must never break the request.
    }
  };
  const elapsed = (config: object | undefined) => {
    const start = config ? startedAt.get(config) : undefined;
    return start === undefined ? undefined : Date.now() - start;
  };

  client.interceptors.request.use((config) => {
    const log = logFor(config);
    if (!log) return config;
    startedAt.set(config, Date.now());
    safeLog(log, "xAI HTTP request", {
      method: (config.method ?? "get").toUpperCase(),
      url: fullUrl(client, config),
      headers: headersOf(config.headers),
      body: summarizeBody(config.data),
    });
    return config;
  });

  client.interceptors.response.use(
    (response: AxiosResponse) => {
      const log = logFor(response.config);
      if (log && !alreadyLogged.has(response)) {
        alreadyLogged.add(response);
        safeLog(log, "xAI HTTP response", {
          method: (response.config.method ?? "get").toUpperCase(),
          url: fullUrl(client, response.config),
          status: response.status,
          durationMs: elapsed(response.config),
          headers: headersOf(response.headers),
          body: summarizeBody(response.data),
        });
      }
      return response;
    },
    (error: unknown) => {
      const axiosError = error as Partial<AxiosError>;
      const config = axiosError?.config;
      const log = logFor(config);
      if (log && typeof error === "object" && error !== null && !alreadyLogged.has(error)) {
        alreadyLogged.add(error);
        safeLog(log, "xAI HTTP error", {
          method: config ? (config.method ?? "get").toUpperCase() : undefined,
          url: config ? fullUrl(client, config) : undefined,
          code: typeof axiosError.code === "string" ? axiosError.code : undefined,
          message:
            typeof axiosError.message === "string" ? redactText(axiosError.message) : undefined,
          status: axiosError.response?.status,
          durationMs: elapsed(config),
          headers: axiosError.response ? headersOf(axiosError.response.headers) : undefined,
          body: axiosError.response ? summarizeBody(axiosError.response.data) : undefined,
        });
      }
      return Promise.reject(error);
    },
  );
}
