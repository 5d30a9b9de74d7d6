import type http from "node:http";
import { createClient } from "@prismatic-io/spectral/dist/clients/http";
import { AxiosError, AxiosHeaders, type InternalAxiosRequestConfig } from "axios";
import {
  BASE_DELAY_MS,
  describeRetry,
  isTransientError,
  MAX_BACKOFF_MS,
  MAX_RETRIES,
  MAX_RETRY_AFTER_MS,
  retryAfterMs,
  retryDelayMs,
} from "../src/retryPolicy";
import { rememberSecret } from "../src/secrets";
import { listenOnLoopback, type TinyServer } from "./support/tinyServer";

const TOKEN = "test-token-9f8e7d6c5b4a";

function configFor(method = "post", url = "/chat/completions"): InternalAxiosRequestConfig {
  return { method, url, baseURL: "https://api.x.ai/v1", headers: new AxiosHeaders() };
}

function httpError(status: number, headers: Record<string, string> = {}, config = configFor()) {
  const response = { status, statusText: "", headers: new AxiosHeaders(headers), config, data: {} };
  const code = status >= 500 ? AxiosError.ERR_BAD_RESPONSE : AxiosError.ERR_BAD_REQUEST;
  return new AxiosError(`Request failed with status code ${status}`, code, config, {}, response);
}

function networkError(code: string, message = `connect ${code}`, config = configFor()) {
  return new AxiosError(message, code, config, {});
}

describe("isTransientError", () => {
  it.each([408, 429, 500, 502, 503, 504, 529])("retries HTTP %i", (status) => {
    expect(isTransientError(httpError(status))).toBe(true);
  });

  it.each([400, 401, 403, 404, 409, 410, 413, 422, 501])("does not retry HTTP %i", (status) => {
    expect(isTransientError(httpError(status))).toBe(false);
  });

  it.each(["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "EPIPE", "EAI_AGAIN"])(
    "retries the network error %s",
    (code) => {
      expect(isTransientError(networkError(code))).toBe(true);
    },
  );

  it("retries a socket hang up, whatever its code", () => {
    expect(isTransientError(networkError("ECONNRESET", "socket hang up"))).toBe(true);
    expect(isTransientError(new AxiosError("socket hang up", undefined, configFor()))).toBe(true);
  });

  it.each(["ENOTFOUND", "ERR_CANCELED", "ECONNABORTED", "ERR_BAD_OPTION", "ERR_INVALID_URL"])(
    "does not retry %s",
    (code) => {
      expect(isTransientError(networkError(code))).toBe(false);
    },
  );

  it("does not retry once the call's signal has aborted, even on a 503", () => {
    const controller = new AbortController();
    controller.abort();
    const config = { ...configFor(), signal: controller.signal };
    expect(isTransientError(httpError(503, {}, config))).toBe(false);
  });

  it("does not retry when the server asks to wait longer than the cap", () => {
    expect(isTransientError(httpError(429, { "retry-after": "120" }))).toBe(false);
    expect(isTransientError(httpError(503, { "retry-after-ms": "60001" }))).toBe(false);
    expect(isTransientError(httpError(429, { "retry-after": "60" }))).toBe(true);
    expect(isTransientError(httpError(429, { "retry-after": "0.5" }))).toBe(true);
  });

  it.each([null, undefined, "ECONNRESET", 429, new Error("plain error")])(
    "does not retry the non-axios value %p",
    (value) => {
      expect(isTransientError(value)).toBe(false);
    },
  );
});

describe("retryAfterMs", () => {
  const now = Date.UTC(2025, 0, 15, 12, 0, 0);

  it("reads Retry-After as seconds, fractions included", () => {
    expect(retryAfterMs({ "retry-after": "2" }, now)).toBe(2000);
    expect(retryAfterMs({ "Retry-After": "1.5" }, now)).toBe(1500);
    expect(retryAfterMs({ "retry-after": " 0 " }, now)).toBe(0);
  });

  it("reads Retry-After as an HTTP date", () => {
    expect(retryAfterMs({ "retry-after": new Date(now + 30000).toUTCString() }, now)).toBe(30000);
  });

  it("never returns a negative wait for a date in the past", () => {
    expect(retryAfterMs({ "retry-after": new Date(now - 5000).toUTCString() }, now)).toBe(0);
  });

  it("prefers retry-after-ms", () => {
    expect(retryAfterMs({ "retry-after-ms": "250", "retry-after": "10" }, now)).toBe(250);
  });

  it("falls back to Retry-After when retry-after-ms is unreadable", () => {
    expect(retryAfterMs({ "retry-after-ms": "soon", "retry-after": "3" }, now)).toBe(3000);
  });

  it("reads AxiosHeaders and array values", () => {
    expect(retryAfterMs(new AxiosHeaders({ "Retry-After": "4" }), now)).toBe(4000);
    expect(retryAfterMs({ "retry-after": ["7", "9"] }, now)).toBe(7000);
  });

  it.each([
    [{}],
    [undefined],
    [null],
    [{ "retry-after": "" }],
    [{ "retry-after": "soon" }],
    [{ "retry-after": "-5" }],
    [{ "retry-after-ms": "-1" }],
  ])("is undefined for %p", (headers) => {
    expect(retryAfterMs(headers, now)).toBeUndefined();
  });
});

describe("retryDelayMs", () => {
  const half = () => 0.5;

  it("uses full-jitter exponential backoff when the server gives no wait", () => {
    const error = httpError(503);
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => retryDelayMs(n, error, half))).toEqual([
      250, 500, 1000, 2000, 4000, 4000, 4000,
    ]);
    expect(retryDelayMs(1, error, () => 1)).toBe(BASE_DELAY_MS);
    expect(retryDelayMs(10, error, () => 1)).toBe(MAX_BACKOFF_MS);
    expect(retryDelayMs(3, error, () => 0)).toBe(0);
  });

  it("honours the server's wait exactly, ignoring the jitter", () => {
    expect(retryDelayMs(1, httpError(429, { "retry-after": "2" }), half)).toBe(2000);
    expect(retryDelayMs(3, httpError(429, { "retry-after-ms": "1234" }), half)).toBe(1234);
    expect(retryDelayMs(1, httpError(503, { "retry-after": "0" }), half)).toBe(0);
  });

  it("caps the server's wait", () => {
    expect(retryDelayMs(1, httpError(429, { "retry-after": "120" }), half)).toBe(
      MAX_RETRY_AFTER_MS,
    );
  });

  it("backs off for network errors too", () => {
    expect(retryDelayMs(2, networkError("ECONNRESET"), half)).toBe(500);
  });
});

describe("describeRetry", () => {
  it("names the status, the request and the wait", () => {
    expect(describeRetry(1, httpError(429), 1000)).toBe(
      "xAI answered 429 (rate limited) on POST /chat/completions; retry 1 of 3 in 1.0 s",
    );
    expect(describeRetry(2, httpError(503, { "retry-after": "2" }), 2000)).toBe(
      "xAI answered 503 (service unavailable) on POST /chat/completions; retry 2 of 3 in 2.0 s as the server asked",
    );
  });

  it("names network errors", () => {
    expect(describeRetry(1, networkError("ECONNRESET", "read ECONNRESET"), 250)).toBe(
      "xAI API request on POST /chat/completions failed with a network error: connection reset by the server (ECONNRESET); retry 1 of 3 in 0.3 s",
    );
  });

  it("uses the configured number of retries and redacts the key", () => {
    rememberSecret(TOKEN);
    const line = describeRetry(1, httpError(500, {}, configFor("get", `/files/${TOKEN}`)), 0, 5);
    expect(line).toBe(
      "xAI answered 500 (internal server error) on GET /files/[REDACTED]; retry 1 of 5 in 0.0 s",
    );
  });
});

describe("the policy inside Spectral's createClient (axios-retry) against a real server", () => {
  let local: TinyServer;
  let baseUrl: string;
  let script: Array<(res: http.ServerResponse) => void> = [];
  let requests = 0;

  beforeAll(async () => {
    local = await listenOnLoopback((req, res) => {
      requests += 1;
      req.resume();
      const next = script.shift();
      if (next) next(res);
      else res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    });
    baseUrl = local.baseUrl;
  });

  afterAll(() => local.close());

  beforeEach(() => {
    script = [];
    requests = 0;
  });

  function clientWithPolicy(retryLog: string[]) {
    return createClient({
      baseUrl,
      retryConfig: {
        retries: MAX_RETRIES,
        retryCondition: isTransientError,
        retryDelay: (count, error) => retryDelayMs(count, error, () => 0.01),
        onRetry: (count, error) => {
          retryLog.push(
            describeRetry(
              count,
              error,
              retryDelayMs(count, error, () => 0.01),
            ),
          );
        },
      },
    });
  }

  const reply =
    (status: number, headers: Record<string, string> = {}) =>
    (res: http.ServerResponse) =>
      res.writeHead(status, { "content-type": "application/json", ...headers }).end("{}");

  it("retries 503s, honouring Retry-After, then succeeds", async () => {
    script = [reply(503, { "retry-after": "0" }), reply(429, { "retry-after-ms": "20" })];
    const retryLog: string[] = [];
    const response = await clientWithPolicy(retryLog).post("/chat/completions", { a: 1 });
    expect(response.data).toEqual({ ok: true });
    expect(requests).toBe(3);
    expect(retryLog).toEqual([
      "xAI answered 503 (service unavailable) on POST /chat/completions; retry 1 of 3 in 0.0 s as the server asked",
      "xAI answered 429 (rate limited) on POST /chat/completions; retry 2 of 3 in 0.0 s as the server asked",
    ]);
  });

  it("does not retry a 400", async () => {
    script = [reply(400)];
    await expect(clientWithPolicy([]).post("/chat/completions", {})).rejects.toThrow(
      "status code 400",
    );
    expect(requests).toBe(1);
  });

  it("does not retry a 429 that asks for two minutes", async () => {
    script = [reply(429, { "retry-after": "120" })];
    await expect(clientWithPolicy([]).get("/models")).rejects.toThrow("status code 429");
    expect(requests).toBe(1);
  });

  it("stops after MAX_RETRIES", async () => {
    script = [reply(502), reply(502), reply(502), reply(502), reply(502)];
    await expect(clientWithPolicy([]).get("/models")).rejects.toThrow("status code 502");
    expect(requests).toBe(MAX_RETRIES + 1);
  });

  it("retries a connection the server resets", async () => {
    script = [(res) => res.socket?.destroy()];
    const retryLog: string[] = [];
    const response = await clientWithPolicy(retryLog).get("/models");
    expect(response.status).toBe(200);
    expect(requests).toBe(2);
    expect(retryLog).toHaveLength(1);
    expect(retryLog[0]).toContain("failed with a network error");
    expect(retryLog[0]).toContain("ECONNRESET");
  });
});
