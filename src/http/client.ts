/**
 * The one HTTP client every action uses: Spectral's `createClient` (axios with axios-retry), base URL
 * https://api.x.ai/v1 or `XAI_BASE_URL` read at call time, the connection's bearer key, retries,
 * the call's deadline, body limits and (with Prismatic's debug on) redacted request logging.
 * @see https://prismatic.io/docs/custom-connectors/connections/#using-the-built-in-createclient-http-client
 */

import type { Readable } from "node:stream";
import type { Connection } from "@prismatic-io/spectral";
import { createClient, type HttpClient } from "@prismatic-io/spectral/dist/clients/http";
import { type AxiosRequestConfig, type AxiosResponse, isAxiosError, type Method } from "axios";
import type { IAxiosRetryConfig } from "axios-retry";
import { connectionError, XaiApiError } from "../errors/classes";
import { toXaiError } from "../errors/describe";
import { describeOtherBody, readErrorBody, readHeader } from "../errors/errorBody";
import { type Redactor, redactor, type Secrets } from "../errors/redact";
import { formatDuration, truncate } from "../errors/text";
import { depthOf, isJsonObject } from "../inputs/clean";
import { MAX_JSON_BODY_BYTES, MAX_JSON_DEPTH, MAX_RETRIES } from "../limits";
import { type RetryState, retryDelay, shouldRetry } from "./retry";

export const XAI_API_BASE_URL = "https://api.x.ai/v1";
/** The longest log line: a request body is quoted up to 2,000 characters, anything else less. */
const MAX_LOG_CHARS = 4000;

/** `XAI_BASE_URL` (a local server, a proxy) or xAI; read per call so a loaded bundle can be pointed elsewhere. */
export const xaiBaseUrl = (): string =>
  (process.env.XAI_BASE_URL?.trim() || XAI_API_BASE_URL).replace(/\/+$/, "");

type LogLevel = "debug" | "info" | "warn";

/** What the client uses of Prismatic's action context. */
export interface CallContext {
  logger?: Partial<Record<LogLevel, (message: string) => void>>;
  debug?: { enabled: boolean };
}

export interface CallOptions {
  /** Deadline for the whole call, retries and streaming included. */
  deadlineMs: number;
  /** Other secrets of this call besides the API key (an MCP server's authorization, …). */
  secrets?: Secrets;
}

declare module "axios" {
  interface AxiosRequestConfig {
    xaiCall?: Xai;
  }
}

let sharedInstance: HttpClient | undefined;

/** One axios instance for the process: creating one with its interceptors costs more than a small call. */
function sharedClient(): HttpClient {
  if (sharedInstance) return sharedInstance;
  const client = createClient({
    baseUrl: XAI_API_BASE_URL,
    responseType: "json",
    retryConfig: {
      retries: MAX_RETRIES,
      retryCondition: shouldRetry,
      retryDelay,
      shouldResetTimeout: true,
      onRetry: (count, error, config) => {
        // A failed streamed response is replaced by the retry; release its socket.
        (error.response?.data as { destroy?: () => void } | undefined)?.destroy?.();
        const call = config.xaiCall;
        const retries = (config["axios-retry"] as { retries?: number } | undefined)?.retries;
        const status = error.response?.status;
        const what = status
          ? `xAI answered ${status}`
          : `the request failed (${error.code ?? error.message})`;
        call?.log(
          "warn",
          `${what} on ${config.method?.toUpperCase()} ${config.url}; retry ${count} of ${retries ?? MAX_RETRIES} in ${formatDuration(call?.lastDelayMs ?? 0)}`,
        );
      },
    },
  });
  Object.assign(client.defaults, { maxContentLength: MAX_JSON_BODY_BYTES, maxRedirects: 0 });
  client.interceptors.request.use((config) => {
    const call = config.xaiCall;
    // Through redact.deep: bytes (an upload's multipart body) show as "<binary N bytes>", not as
    // JSON.stringify's array of every byte, which costs many times the file in time and memory.
    call?.debug(() => {
      const body = JSON.stringify(call.redact.deep(config.data ?? null)) ?? "";
      return `xAI request ${config.method?.toUpperCase()} ${config.url} ${truncate(body, 2000)}`;
    });
    return config;
  });
  sharedInstance = client;
  return client;
}

/** The connection's API key, checked before anything is sent. */
export function apiKey(connection: Connection): string {
  const token = connection?.fields?.token;
  const key = typeof token === "string" || typeof token === "number" ? String(token).trim() : "";
  if (connection?.key !== "xaiGrokConnection" || !key) {
    throw connectionError(
      connection?.key !== "xaiGrokConnection"
        ? `Connection: expected an "xAI Grok" connection, got "${String(connection?.key ?? "none")}".`
        : "Connection: the API Key is empty. Enter an xAI API key from https://console.x.ai.",
    );
  }
  return key;
}

export interface XaiRequest {
  method: Method;
  path: string;
  body?: unknown;
  params?: Record<string, unknown>;
  headers?: Record<string, string>;
  responseType?: "json" | "stream" | "arraybuffer";
  /** Largest body read (after decompression); default MAX_JSON_BODY_BYTES. */
  maxBytes?: number;
  /** axios-retry settings for this request only (Raw Request's own retry inputs). */
  retry?: IAxiosRetryConfig;
  /** No deadline beyond the call's own (Raw Request's Timeout input, per attempt). */
  timeoutMs?: number;
}

/**
 * One call of an action or data source: the connection's key, the call's deadline and secrets, and
 * Prismatic's context. It rides on each request's config as a class instance, so axios passes it by
 * reference instead of deep-merging it (a plain object holding Prismatic's context would be copied
 * on every request, and a cyclic one would overflow the stack).
 */
export class Xai implements RetryState {
  readonly deadlineMs: number;
  readonly deadlineAt: number;
  readonly signal: AbortSignal;
  readonly secrets: Secrets;
  lastDelayMs = 0;
  private readonly authorization: string;
  private callRedactor?: Redactor;

  constructor(
    connection: Connection,
    private readonly context: CallContext | undefined,
    { deadlineMs, secrets = [] }: CallOptions,
  ) {
    const key = apiKey(connection);
    this.authorization = `Bearer ${key}`;
    this.secrets = [key, ...secrets];
    this.deadlineMs = deadlineMs;
    this.deadlineAt = Date.now() + deadlineMs;
    this.signal = AbortSignal.timeout(deadlineMs);
  }

  /** The call's redactor, built once: its patterns are compiled from the secrets. */
  get redact(): Redactor {
    this.callRedactor ??= redactor(this.secrets);
    return this.callRedactor;
  }

  /** The call's redactor, or one that also cuts `more` (a download's signature, echoed MCP keys). */
  redactWith(more: Secrets): Redactor {
    return more.length > 0 ? redactor([...this.secrets, ...more]) : this.redact;
  }

  /** Logs a line (redacted) at debug level when Prismatic's debug mode is on; never fails the call. */
  debug(line: () => string): void {
    if (!this.context?.debug?.enabled) return;
    try {
      this.log("debug", line());
    } catch {}
  }

  /**
   * The one way the component logs (a retry's warning, a poll's or an agent turn's line): redacted,
   * then bounded; logging never fails the call.
   */
  log(level: LogLevel, line: string): void {
    try {
      this.context?.logger?.[level]?.(truncate(this.redact.text(line), MAX_LOG_CHARS));
    } catch {}
  }

  /** Sends one request; any failure comes back as the component's redacted error. */
  async request<T = unknown>(request: XaiRequest): Promise<AxiosResponse<T>> {
    const config: AxiosRequestConfig = {
      baseURL: xaiBaseUrl(),
      url: request.path,
      method: request.method,
      data: request.body,
      params: request.params,
      responseType: request.responseType ?? "json",
      maxContentLength: request.maxBytes ?? MAX_JSON_BODY_BYTES,
      timeout: request.timeoutMs,
      headers: {
        Accept: request.responseType === "stream" ? "text/event-stream" : "application/json",
        ...request.headers,
        Authorization: this.authorization,
      },
      signal: this.signal,
      xaiCall: this,
      ...(request.retry ? { "axios-retry": this.recordingDelays(request.retry) } : {}),
    };
    // Once per call, after retries: "xAI response 200 on GET /models [request id …]".
    const logOutcome = (status: unknown, headers: unknown) =>
      this.debug(
        () =>
          `xAI response ${status} on ${request.method.toUpperCase()} ${request.path} [request id ${readHeader(headers, "x-request-id") ?? "none"}]`,
      );
    try {
      const response = await sharedClient().request<T>(config);
      logOutcome(response.status, response.headers);
      if (config.responseType === "stream") releaseSocketOnDestroy(response);
      return response;
    } catch (error) {
      const failed = isAxiosError(error) ? error : undefined;
      logOutcome(failed?.response?.status ?? failed?.code ?? "failure", failed?.response?.headers);
      throw await this.failure(error);
    }
  }

  /** A request's own retry settings, its waits kept for the retry log line as ours are. */
  private recordingDelays(retry: IAxiosRetryConfig): IAxiosRetryConfig {
    const { retryDelay } = retry;
    if (!retryDelay) return retry;
    return {
      ...retry,
      retryDelay: (count, error) => {
        this.lastDelayMs = retryDelay(count, error);
        return this.lastDelayMs;
      },
    };
  }

  /** The redacted error for anything that failed during this call (`more`: a download's signature). */
  failure(error: unknown, more: Secrets = []): Promise<Error> {
    return toXaiError(error, [...this.secrets, ...more]);
  }

  /**
   * A request whose answer must be a JSON object or array, nested no deeper than xAI's own JSON (a
   * deeper one could not be stored as a step's result); anything else fails the step.
   */
  async jsonResponse<T = unknown>(request: XaiRequest): Promise<AxiosResponse<T>> {
    const response = await this.request<unknown>(request);
    const { data } = response;
    const { method, path } = request;
    if (typeof data !== "object" || data === null) {
      throw await this.notJson(response, method, path);
    }
    if (depthOf(data) > MAX_JSON_DEPTH) {
      const deep = `xAI's answer to ${method} ${path} nests deeper than ${MAX_JSON_DEPTH} levels`;
      throw await this.failure(new XaiApiError(deep, { code: "NOT_JSON", method, path }));
    }
    return response as AxiosResponse<T>;
  }

  /** jsonResponse's answer alone. */
  async json<T = unknown>(
    method: Method,
    path: string,
    body?: unknown,
    params?: Record<string, unknown>,
    maxBytes?: number,
  ): Promise<T> {
    return (await this.jsonResponse<T>({ method, path, body, params, maxBytes })).data;
  }

  /**
   * An answer with the call's secrets (and `more`) cut out of every string: xAI may quote back
   * what it was sent (a key pasted into a prompt, an MCP server's headers).
   */
  withoutSecrets<T>(answer: T, more: Secrets = []): T {
    return this.redactWith(more).deep(answer) as T;
  }

  get = <T = unknown>(path: string, params?: Record<string, unknown>) =>
    this.json<T>("GET", path, undefined, params);
  post = <T = unknown>(path: string, body: unknown, maxBytes?: number) =>
    this.json<T>("POST", path, body, undefined, maxBytes);
  delete = <T = unknown>(path: string) => this.json<T>("DELETE", path);

  /**
   * The list in `answer[field]` (models, images), each item passing `isItem` when given; any other
   * answer is not what xAI promises and fails with one sentence instead of a TypeError later.
   */
  async listIn<T = unknown>(
    answer: unknown,
    field: string,
    on: string,
    isItem?: (item: unknown) => boolean,
  ): Promise<T[]> {
    const list = isJsonObject(answer) ? answer[field] : undefined;
    if (Array.isArray(list) && (!isItem || list.every(isItem))) return list as T[];
    const what = Array.isArray(list) ? "an unexpected item in its" : "no";
    const shown = truncate(JSON.stringify(answer) ?? "", 200);
    throw await this.failure(
      new XaiApiError(`xAI's answer to ${on} has ${what} "${field}" list: ${shown}`, {
        code: "NOT_JSON",
      }),
    );
  }

  /** A 2xx whose body is not the JSON the endpoint promises (an HTML page, truncated JSON, nothing). */
  async notJson(response: AxiosResponse, method: string, path: string): Promise<Error> {
    const contentType = readHeader(response.headers, "content-type") ?? "none";
    const body = await readErrorBody(response.data);
    // Through redact.deep, which stops at xAI's 128 levels: a hostile nesting cannot overflow.
    const shown = typeof body === "string" ? body : JSON.stringify(this.redact.deep(body));
    const preview = describeOtherBody(shown, contentType, this.redact);
    const { status } = response;
    return this.failure(
      new XaiApiError(
        `xAI answered ${status} on ${method} ${path} with content type ${contentType}, but not with the JSON it promises: ${preview}`,
        {
          status,
          code: "NOT_JSON",
          method,
          path,
          requestId: readHeader(response.headers, "x-request-id"),
        },
      ),
    );
  }
}

/**
 * axios hands a streamed body over wrapped (to count it against maxContentLength), and destroying
 * the wrapper waits for the next chunk: a server that stops sending would keep the socket. The
 * request is destroyed with it, which frees the socket at once (a no-op once the body has ended).
 */
function releaseSocketOnDestroy(response: AxiosResponse): void {
  const body = response.data as Readable;
  const request = response.request as { destroy?: () => void } | undefined;
  if (typeof body?.destroy !== "function") return;
  const destroy = body.destroy.bind(body);
  body.destroy = (error?: Error) => {
    request?.destroy?.();
    return destroy(error);
  };
}

/** The client for one call of an action or data source. */
export const xai = (...args: ConstructorParameters<typeof Xai>): Xai => new Xai(...args);
