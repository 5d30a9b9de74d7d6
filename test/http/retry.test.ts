import type http from "node:http";
import { createClient } from "@prismatic-io/spectral/dist/clients/http";
import { AxiosError, AxiosHeaders, type InternalAxiosRequestConfig } from "axios";
import { retryAfterMs, retryDelay, shouldRetry } from "../../src/http/retry";
import { MAX_RETRIES } from "../../src/limits";
import { listenOnLoopback, type TinyServer } from "../support/tinyServer";

type RetryState = { deadlineAt: number; lastDelayMs: number };

function configFor(
  method = "post",
  url = "/chat/completions",
  xaiCall?: RetryState,
): InternalAxiosRequestConfig {
  return {
    method,
    url,
    baseURL: "https://api.x.ai/v1",
    headers: new AxiosHeaders(),
    ...(xaiCall ? { xaiCall } : {}),
  } as InternalAxiosRequestConfig;
}

function httpError(status: number, headers: Record<string, string> = {}, config = configFor()) {
  const response = { status, statusText: "", headers: new AxiosHeaders(headers), config, data: {} };
  const code = status >= 500 ? AxiosError.ERR_BAD_RESPONSE : AxiosError.ERR_BAD_REQUEST;
  return new AxiosError(`Request failed with status code ${status}`, code, config, {}, response);
}

function networkError(code: string, message = `connect ${code}`, config = configFor()) {
  return new AxiosError(message, code, config, {});
}

describe("shouldRetry", () => {
  it.each([408, 429, 500, 502, 503, 504, 529])("retries HTTP %i", (status) => {
    expect(shouldRetry(httpError(status))).toBe(true);
  });

  it.each([400, 401, 403, 404, 409, 410, 413, 422, 501])("does not retry HTTP %i", (status) => {
    expect(shouldRetry(httpError(status))).toBe(false);
  });

  it.each(["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "EPIPE", "EAI_AGAIN"])(
    "retries the network error %s",
    (code) => {
      expect(shouldRetry(networkError(code))).toBe(true);
    },
  );

  it("retries a socket hang up, whatever its code", () => {
    expect(shouldRetry(networkError("ECONNRESET", "socket hang up"))).toBe(true);
    expect(shouldRetry(new AxiosError("socket hang up", undefined, configFor()))).toBe(true);
  });

  it.each(["ENOTFOUND", "ERR_CANCELED", "ECONNABORTED", "ERR_BAD_OPTION", "ERR_INVALID_URL"])(
    "does not retry %s",
    (code) => {
      expect(shouldRetry(networkError(code))).toBe(false);
    },
  );

  it("does not retry a body over the size limit (ERR_BAD_RESPONSE without a response)", () => {
    expect(shouldRetry(networkError("ERR_BAD_RESPONSE", "maxContentLength size exceeded"))).toBe(
      false,
    );
  });

  it("does not retry once the call's signal has aborted, even on a 503", () => {
    const controller = new AbortController();
    controller.abort();
    const config = { ...configFor(), signal: controller.signal };
    expect(shouldRetry(httpError(503, {}, config))).toBe(false);
  });

  it("retries a 2xx answer cut off midway only for GET (a POST would pay twice)", () => {
    expect(shouldRetry(httpError(200, {}, configFor("get", "/models")))).toBe(true);
    expect(shouldRetry(httpError(200, {}, configFor("post")))).toBe(false);
  });

  it("does not retry when the server asks to wait longer than the cap", () => {
    expect(shouldRetry(httpError(429, { "retry-after": "120" }))).toBe(false);
    expect(shouldRetry(httpError(503, { "retry-after-ms": "60001" }))).toBe(false);
    expect(shouldRetry(httpError(429, { "retry-after": "60" }))).toBe(true);
  });

  it("does not retry when the server asks to wait longer than the call's time left", () => {
    const soon = { deadlineAt: Date.now() + 5000, lastDelayMs: 0 };
    const later = { deadlineAt: Date.now() + 600_000, lastDelayMs: 0 };
    expect(
      shouldRetry(httpError(429, { "retry-after": "10" }, configFor("post", "/x", soon))),
    ).toBe(false);
    expect(
      shouldRetry(httpError(429, { "retry-after": "10" }, configFor("post", "/x", later))),
    ).toBe(true);
  });

  it("ignores an unparseable or absurd Retry-After and retries with the normal backoff", () => {
    expect(shouldRetry(httpError(429, { "retry-after": "0.5" }))).toBe(true);
    expect(shouldRetry(httpError(429, { "retry-after": "99999999999999" }))).toBe(true);
    expect(shouldRetry(httpError(429, { "retry-after-ms": "1e20" }))).toBe(true);
    expect(shouldRetry(httpError(429, { "retry-after": "x 2099" }))).toBe(true);
  });

  it.each([null, undefined, "ECONNRESET", 429, new Error("plain error")])(
    "does not retry the non-axios value %p",
    (value) => {
      expect(shouldRetry(value as unknown as AxiosError)).toBe(false);
    },
  );
});

describe("retryAfterMs", () => {
  const now = Date.UTC(2025, 0, 15, 12, 0, 0);

  it("reads Retry-After as whole seconds", () => {
    expect(retryAfterMs({ "retry-after": "2" }, now)).toBe(2000);
    expect(retryAfterMs({ "Retry-After": "15" }, now)).toBe(15000);
    expect(retryAfterMs({ "retry-after": " 0 " }, now)).toBe(0);
  });

  it("reads Retry-After as an HTTP date (IMF-fixdate)", () => {
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
    [{ "retry-after": "1.5" }],
    [{ "retry-after": "x 2099" }],
    [{ "retry-after": "99999999999999" }],
    [{ "retry-after-ms": "-1" }],
    [{ "retry-after-ms": "1e20" }],
    [{ "retry-after-ms": "100000000000000000000" }],
  ])("is undefined for %p", (headers) => {
    expect(retryAfterMs(headers, now)).toBeUndefined();
  });
});

describe("retryDelay", () => {
  afterEach(() => jest.restoreAllMocks());

  it("uses axios-retry's exponential backoff (0.5, 1, 2 s) plus up to 20 % jitter", () => {
    const error = httpError(503);
    jest.spyOn(Math, "random").mockReturnValue(0);
    expect([1, 2, 3].map((n) => retryDelay(n, error))).toEqual([500, 1000, 2000]);
    jest.spyOn(Math, "random").mockReturnValue(0.999999);
    const highest = [1, 2, 3].map((n) => retryDelay(n, error));
    highest.forEach((delay, i) => {
      expect(delay).toBeGreaterThan([500, 1000, 2000][i] ?? 0);
      expect(delay).toBeLessThanOrEqual([600, 1200, 2400][i] ?? 0);
    });
  });

  it("honours the server's wait exactly, without jitter", () => {
    expect(retryDelay(1, httpError(429, { "retry-after": "2" }))).toBe(2000);
    expect(retryDelay(3, httpError(429, { "retry-after-ms": "1234" }))).toBe(1234);
    expect(retryDelay(1, httpError(503, { "retry-after": "0" }))).toBe(0);
  });

  it("backs off for network errors too", () => {
    jest.spyOn(Math, "random").mockReturnValue(0);
    expect(retryDelay(2, networkError("ECONNRESET"))).toBe(1000);
  });

  it("records the wait on the call, for the retry log line", () => {
    const call = { deadlineAt: Date.now() + 60_000, lastDelayMs: 0 };
    retryDelay(1, httpError(429, { "retry-after-ms": "20" }, configFor("post", "/x", call)));
    expect(call.lastDelayMs).toBe(20);
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

  function clientWithPolicy(retryLog: number[]) {
    return createClient({
      baseUrl,
      retryConfig: {
        retries: MAX_RETRIES,
        retryCondition: shouldRetry,
        // The real waits (0.5 s and more) are asserted above; here only the order of events matters.
        retryDelay: (count, error) => {
          retryLog.push(retryDelay(count, error));
          return 0;
        },
      },
    });
  }

  const reply =
    (status: number, headers: Record<string, string> = {}) =>
    (res: http.ServerResponse) =>
      res.writeHead(status, { "content-type": "application/json", ...headers }).end("{}");

  it("retries 503s and 429s, honouring their waits, then succeeds", async () => {
    script = [reply(503, { "retry-after": "0" }), reply(429, { "retry-after-ms": "20" })];
    const retryLog: number[] = [];
    const response = await clientWithPolicy(retryLog).post("/chat/completions", { a: 1 });
    expect(response.data).toEqual({ ok: true });
    expect(requests).toBe(3);
    expect(retryLog).toEqual([0, 20]);
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
    const retryLog: number[] = [];
    const response = await clientWithPolicy(retryLog).get("/models");
    expect(response.status).toBe(200);
    expect(requests).toBe(2);
    expect(retryLog).toHaveLength(1);
  });
});
