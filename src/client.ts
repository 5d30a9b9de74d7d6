import { type Connection, ConnectionError } from "@prismatic-io/spectral";
import { createClient, type HttpClient } from "@prismatic-io/spectral/dist/clients/http";
import type { ActionLogger } from "@prismatic-io/spectral/dist/types/ActionLogger";
import { xaiGrokConnection } from "./connection";
import { sanitizedConnection } from "./errors";
import { attachDebugLogging } from "./httpDebug";
import {
  describeRetry,
  discardFailedResponse,
  isTransientError,
  MAX_RETRIES,
  retryDelayMs,
} from "./retryPolicy";
import { XAI_API_BASE_URL } from "./safePath";
import { rememberSecret } from "./secrets";

/** Deadlines for a whole call, retries included (see README, "Retries and timeouts"). */
export const GENERATION_DEADLINE_MS = 10 * 60 * 1000;
export const MODEL_CALL_DEADLINE_MS = 30 * 1000;

/**
 * The xAI base URL. `XAI_BASE_URL` is read at call time, not at load, so tests and local runs
 * can point a loaded bundle at another server.
 */
export const xaiBaseUrl = (): string =>
  (process.env.XAI_BASE_URL?.trim() || XAI_API_BASE_URL).replace(/\/+$/, "");

/** The connection's API key, checked before anything is sent. */
const connectionToken = (connection: Connection): string => {
  if (connection?.key !== xaiGrokConnection.key) {
    throw new ConnectionError(
      sanitizedConnection(connection),
      `Connection: expected an "xAI Grok" connection (${xaiGrokConnection.key}), got "${connection?.key ?? "none"}".`,
    );
  }
  const token = typeof connection.fields?.token === "string" ? connection.fields.token.trim() : "";
  if (!token) {
    throw new ConnectionError(
      sanitizedConnection(connection),
      "Connection: the API Key is empty. Enter an xAI API key from https://console.x.ai.",
    );
  }
  rememberSecret(token);
  return token;
};

/** Bearer authorization for xAI, shared by the typed actions and Raw Request. */
export const authorizationHeaders = (connection: Connection): Record<string, string> => ({
  Authorization: `Bearer ${connectionToken(connection)}`,
});

export interface XaiCallContext {
  logger?: Pick<ActionLogger, "warn" | "debug">;
  debug?: { enabled: boolean };
}

export interface XaiClientOptions {
  /** Deadline for a whole call, retries included. */
  deadlineMs: number;
  /** Where retries and (with Prismatic's debug on) requests are logged. */
  context?: XaiCallContext;
}

/** What one call brings to the shared axios instance, on each of its requests' config. */
export interface XaiCall extends XaiClientOptions {
  /** The wait axios-retry chose before the next attempt, for the retry's log line. */
  lastDelayMs: number;
}

declare module "axios" {
  interface AxiosRequestConfig {
    xaiCall?: XaiCall;
  }
}

/** What actions use of the client: each request carries its call's deadline and logger. */
export type XaiClient = Pick<HttpClient, "get" | "post">;

/** Per (base URL, key); a bounded few, since a worker rarely sees more than one connection. */
const MAX_SHARED_CLIENTS = 16;
const sharedClients = new Map<string, HttpClient>();

/**
 * Spectral's `createClient` for one base URL and key, with retries for transient failures, a
 * whole-call deadline and (per call) debug logging. Built once and reused: creating an axios
 * instance with its interceptors costs more than a small call's own overhead.
 * @see https://prismatic.io/docs/custom-connectors/connections/#using-the-built-in-createclient-http-client
 */
const sharedClient = (baseUrl: string, authorization: string): HttpClient => {
  const key = `${baseUrl} ${authorization}`;
  const existing = sharedClients.get(key);
  if (existing) return existing;
  const client = createClient({
    baseUrl,
    responseType: "json",
    headers: {
      Authorization: authorization,
      "Content-Type": "application/json",
      Accept: "application/json",
    },
    retryConfig: {
      retries: MAX_RETRIES,
      retryCondition: isTransientError,
      retryDelay: (retryCount, error) => {
        const delayMs = retryDelayMs(retryCount, error);
        if (error.config?.xaiCall) error.config.xaiCall.lastDelayMs = delayMs;
        return delayMs;
      },
      shouldResetTimeout: true,
      onRetry: (retryCount, error, config) => {
        discardFailedResponse(error);
        const call = config.xaiCall;
        call?.context?.logger?.warn(describeRetry(retryCount, error, call.lastDelayMs));
      },
    },
  });
  // One deadline for the whole call: axios-retry reuses the config (and its signal) on every retry.
  client.interceptors.request.use((config) => {
    if (config.xaiCall) config.signal ??= AbortSignal.timeout(config.xaiCall.deadlineMs);
    return config;
  });
  attachDebugLogging(client, (config) => {
    const context = config?.xaiCall?.context;
    const logger = context?.debug?.enabled ? context.logger : undefined;
    return logger && ((message) => logger.debug(message));
  });
  if (sharedClients.size >= MAX_SHARED_CLIENTS) {
    const oldest = sharedClients.keys().next().value;
    if (oldest !== undefined) sharedClients.delete(oldest);
  }
  sharedClients.set(key, client);
  return client;
};

/**
 * The one HTTP client factory every typed action uses: the xAI base URL (read now), the bearer
 * token, JSON in and out, retries for transient failures and this call's deadline and logger.
 */
export const createXaiClient = (
  connection: Connection,
  { deadlineMs, context }: XaiClientOptions,
): XaiClient => {
  const client = sharedClient(xaiBaseUrl(), authorizationHeaders(connection).Authorization);
  const call: XaiCall = { deadlineMs, context, lastDelayMs: 0 };
  return {
    get: (url, config) => client.get(url, { ...config, xaiCall: call }),
    post: (url, data, config) => client.post(url, data, { ...config, xaiCall: call }),
  };
};
