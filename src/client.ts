import { type Connection, ConnectionError } from "@prismatic-io/spectral";
import { createClient, type HttpClient } from "@prismatic-io/spectral/dist/clients/http";
import type { ActionLogger } from "@prismatic-io/spectral/dist/types/ActionLogger";
import { xaiGrokConnection } from "./connection";
import { attachDebugLogging } from "./httpDebug";
import {
  describeRetry,
  discardFailedResponse,
  isTransientError,
  MAX_RETRIES,
  retryDelayMs,
} from "./retryPolicy";
import { rememberSecret } from "./secrets";

export const DEFAULT_BASE_URL = "https://api.x.ai/v1";

/** Deadlines for a whole call, retries included (see README, "Retries and timeouts"). */
export const GENERATION_DEADLINE_MS = 10 * 60 * 1000;
export const MODEL_CALL_DEADLINE_MS = 30 * 1000;

/**
 * The xAI base URL. `XAI_BASE_URL` is read at call time, not at load, so tests and local runs
 * can point a loaded bundle at another server.
 */
export const xaiBaseUrl = (): string =>
  (process.env.XAI_BASE_URL?.trim() || DEFAULT_BASE_URL).replace(/\/+$/, "");

/** The connection's API key, checked before anything is sent. */
export const connectionToken = (connection: Connection): string => {
  if (connection?.key !== xaiGrokConnection.key) {
    throw new ConnectionError(
      withoutFields(connection),
      `Connection: expected an "xAI Grok" connection (${xaiGrokConnection.key}), got "${connection?.key ?? "none"}".`,
    );
  }
  const token = typeof connection.fields?.token === "string" ? connection.fields.token.trim() : "";
  if (!token) {
    throw new ConnectionError(
      withoutFields(connection),
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

/** A connection copy that carries no secret, for errors that must reference it. */
const withoutFields = (connection: Connection | undefined): Connection => ({
  key: connection?.key ?? "",
  configVarKey: connection?.configVarKey ?? "",
  fields: {},
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

/**
 * The one HTTP client factory every typed action uses: Spectral's `createClient` with the xAI base
 * URL, the bearer token, JSON in and out, retries for transient failures and a whole-call deadline.
 * @see https://prismatic.io/docs/custom-connectors/connections/#using-the-built-in-createclient-http-client
 */
export const createXaiClient = (
  connection: Connection,
  { deadlineMs, context }: XaiClientOptions,
): HttpClient => {
  // axios-retry asks for the delay just before it calls onRetry; keep it for the log line.
  let lastDelayMs = 0;
  const client = createClient({
    baseUrl: xaiBaseUrl(),
    responseType: "json",
    headers: {
      ...authorizationHeaders(connection),
      "Content-Type": "application/json",
      Accept: "application/json",
    },
    retryConfig: {
      retries: MAX_RETRIES,
      retryCondition: isTransientError,
      retryDelay: (retryCount, error) => {
        lastDelayMs = retryDelayMs(retryCount, error);
        return lastDelayMs;
      },
      shouldResetTimeout: true,
      onRetry: (retryCount, error) => {
        discardFailedResponse(error);
        context?.logger?.warn(describeRetry(retryCount, error, lastDelayMs));
      },
    },
  });
  // One deadline for the whole call: axios-retry reuses this config (and its signal) on every retry.
  client.interceptors.request.use((config) => {
    config.signal ??= AbortSignal.timeout(deadlineMs);
    config.xaiDeadlineMs = deadlineMs;
    return config;
  });
  if (context?.debug?.enabled && context.logger) {
    const { logger } = context;
    attachDebugLogging(client, (message) => logger.debug(message));
  }
  return client;
};
