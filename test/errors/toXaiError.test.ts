import type http from "node:http";
import { ConnectionError, isConnectionError } from "@prismatic-io/spectral";
import { createClient } from "@prismatic-io/spectral/dist/clients/http";
import axios, { type AxiosRequestConfig } from "axios";
import { InputError, StreamCutOffError, XaiApiError } from "../../src/errors/classes";
import { errorHook, toXaiError } from "../../src/errors/describe";
import { xai } from "../../src/http/client";
import { retryDelay, shouldRetry } from "../../src/http/retry";
import { MAX_RETRIES } from "../../src/limits";
import { testConnection } from "../support/harness";
import { listenOnLoopback, type TinyServer } from "../support/tinyServer";

const TOKEN = "test-token-9f8e7d6c5b4a";

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Handler => {
  return (_req, res) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };
};

const routes: Record<string, Handler> = {
  "/v1/shape1": json(
    400,
    {
      code: "Client specified an invalid argument",
      error: `Model grok-nope does not exist; you sent ${TOKEN}`,
    },
    { "x-request-id": "req_123" },
  ),
  "/v1/chat/completions": json(
    429,
    {
      error: {
        message: "Rate limit exceeded for your team",
        type: "rate_limit_error",
        code: "rate_limit_exceeded",
      },
    },
    { "x-request-id": "req_456" },
  ),
  "/v1/typed": json(
    404,
    { error: { message: "No such model", type: "not_found_error" } },
    {
      "request-id": "req_789",
    },
  ),
  "/v1/html502": (_req, res) => {
    res.writeHead(502, { "content-type": "text/html" });
    res.end(
      "<html><head><title>502 Bad Gateway</title><style>body{color:red}</style></head>" +
        "<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>",
    );
  },
  // The key straddles the 400-character cut of a quoted body.
  "/v1/cutkey": (_req, res) => {
    res.writeHead(500, { "content-type": "text/plain" });
    res.end(`${"x".repeat(390)} ${TOKEN} and more text after it`);
  },
  // 4 MiB of unclosed tags: a pathological page from a broken proxy.
  "/v1/tagsoup": (_req, res) => {
    res.writeHead(502, { "content-type": "text/html" });
    res.end(`<html><title>Bad gateway</title>${"<".repeat(4 * 1024 * 1024)}`);
  },
  "/v1/empty": (_req, res) => {
    res.writeHead(500);
    res.end();
  },
  "/v1/text": (_req, res) => {
    res.writeHead(413, { "content-type": "text/plain" });
    res.end(`Request entity too large (${TOKEN})`);
  },
  "/v1/stream": json(
    503,
    { code: "The service is currently unavailable", error: `Try again later ${TOKEN}` },
    { "x-request-id": "req_stream" },
  ),
  "/v1/reset": (req) => req.socket.destroy(),
  "/v1/hang": () => {
    // Never answers; the deadline must end the call.
  },
  "/v1/badkey": json(400, {
    code: "Client specified an invalid argument",
    error:
      "Incorrect API key provided: te***4a. You can obtain an API key from https://console.x.ai.",
  }),
  "/v1/unauthorized": json(401, {
    error: { message: "Unauthorized", type: "invalid_request_error" },
  }),
  "/v1/forbidden": json(403, {
    code: "The caller does not have permission to execute the specified operation",
    error: "Your team has no credits",
  }),
  "/v1/wait": json(429, { error: "Too many requests" }, { "retry-after": "120" }),
  "/v1/flaky": json(503, { error: "Overloaded" }, { "retry-after": "0" }),
  "/v1/slowretry": json(503, { error: "Overloaded" }, { "retry-after": "30" }),
};

let local: TinyServer;
let baseUrl: string;
let closedPortUrl: string;
const hits: Record<string, number> = {};

beforeAll(async () => {
  local = await listenOnLoopback((req, res) => {
    const path = (req.url ?? "").split("?")[0] ?? "";
    hits[path] = (hits[path] ?? 0) + 1;
    req.resume();
    const handler = routes[path] ?? json(404, { error: "no route" });
    handler(req, res);
  });
  baseUrl = local.baseUrl;
  const closed = await listenOnLoopback(() => undefined);
  closedPortUrl = closed.baseUrl;
  await closed.close();
});

afterAll(() => local.close());

/** Every own property, recursively, whether enumerable or not: what could ever be logged. */
function serializeWholeError(value: unknown, seen = new WeakSet<object>()): unknown {
  if (typeof value === "function") return `<function ${value.name}>`;
  if (typeof value !== "object" || value === null) return value;
  if (seen.has(value)) return "[Circular]";
  seen.add(value);
  const out: Record<string, unknown> = {};
  for (const name of Object.getOwnPropertyNames(value)) {
    let property: unknown;
    try {
      property = (value as Record<string, unknown>)[name];
    } catch {
      property = "<getter threw>";
    }
    out[name] = serializeWholeError(property, seen);
  }
  return out;
}

function expectNoToken(error: Error): void {
  expect(JSON.stringify(serializeWholeError(error))).not.toContain(TOKEN);
  expect(JSON.stringify(error)).not.toContain(TOKEN);
  expect(error.message).not.toContain(TOKEN);
  expect(String(error.stack)).not.toContain(TOKEN);
}

/** Makes a real request carrying the token in the header and the query, returns both errors. */
async function fail(
  path: string,
  config: AxiosRequestConfig = {},
  base = baseUrl,
): Promise<{ original: unknown; friendly: Error }> {
  const client = axios.create({ baseURL: base, headers: { Authorization: `Bearer ${TOKEN}` } });
  let original: unknown;
  try {
    await client.request({ method: "get", url: path, params: { key: TOKEN }, ...config });
  } catch (error) {
    original = error;
  }
  expect(axios.isAxiosError(original)).toBe(true);
  // The raw axios error does leak the token, so the assertions below can fail.
  expect(JSON.stringify(serializeWholeError(original))).toContain(TOKEN);
  const friendly = await errorHook(original);
  expectNoToken(friendly);
  return { original, friendly };
}

describe("toXaiError with xAI's JSON error shapes", () => {
  it('reads {"code", "error"} and the request id', async () => {
    const { friendly } = await fail("/shape1");
    expect(friendly).toBeInstanceOf(XaiApiError);
    expect(friendly.message).toBe(
      "xAI API error 400 (bad request) on GET /shape1: Model grok-nope does not exist; you sent [REDACTED] [request id req_123].",
    );
    expect(friendly).toMatchObject({
      name: "XaiApiError",
      status: 400,
      code: "Client specified an invalid argument",
      requestId: "req_123",
      method: "GET",
      path: "/shape1",
      body: {
        code: "Client specified an invalid argument",
        error: "Model grok-nope does not exist; you sent [REDACTED]",
      },
    });
  });

  it('reads {"error": {"message", "type", "code"}}', async () => {
    const { friendly } = await fail("/chat/completions", { method: "post", data: { model: "m" } });
    expect(friendly.message).toBe(
      "xAI API error 429 (rate limited) on POST /chat/completions: Rate limit exceeded for your team [request id req_456].",
    );
    expect(friendly).toMatchObject({
      status: 429,
      code: "rate_limit_exceeded",
      requestId: "req_456",
    });
  });

  it("uses error.type as the code when there is no code, and the request-id header", async () => {
    const { friendly } = await fail("/typed");
    expect(friendly.message).toBe(
      "xAI API error 404 (not found) on GET /typed: No such model [request id req_789].",
    );
    expect(friendly).toMatchObject({ code: "not_found_error", requestId: "req_789" });
  });

  it("keeps only fresh properties: no config, request, response or headers", async () => {
    const { friendly } = await fail("/shape1");
    expect(Object.getOwnPropertyNames(friendly).sort()).toEqual(
      ["body", "code", "message", "method", "name", "path", "requestId", "stack", "status"].sort(),
    );
  });
});

describe("toXaiError with bodies that are not xAI JSON", () => {
  it("explains an HTML page from a proxy", async () => {
    const { friendly } = await fail("/html502");
    expect(friendly.message).toBe(
      'xAI API error 502 (bad gateway) on GET /html502: an HTML page answered, not xAI\'s JSON (a proxy or gateway?): "502 Bad Gateway 502 Bad Gateway nginx".',
    );
  });

  it("never leaves part of a key where a quoted body is cut short", async () => {
    const { friendly } = await fail("/cutkey");
    // Redacted before it was cut: "[REDACTED]" itself may be what is cut.
    expect(friendly.message).toMatch(/: "x{390} \[REDACT/);
    expect(friendly.message).not.toContain(TOKEN.slice(0, 6));
  });

  it("describes a huge page of unclosed tags at once, without scanning it again per tag", async () => {
    const { friendly } = await fail("/tagsoup");
    expect(friendly.message).toMatch(
      /^xAI API error 502 \(bad gateway\) on GET \/tagsoup: an HTML page/,
    );
    expect(friendly.message).toContain("Bad gateway");
  });

  it("says so when the body is empty", async () => {
    const { friendly } = await fail("/empty");
    expect(friendly.message).toBe(
      "xAI API error 500 (internal server error) on GET /empty: the body was empty.",
    );
  });

  it("quotes a plain-text body, redacted", async () => {
    const { friendly } = await fail("/text");
    expect(friendly.message).toBe(
      'xAI API error 413 (payload too large) on GET /text: "Request entity too large ([REDACTED])".',
    );
  });

  it("reads a body that arrived as a stream", async () => {
    const { friendly } = await fail("/stream", { responseType: "stream" });
    expect(friendly.message).toBe(
      "xAI API error 503 (service unavailable) on GET /stream: Try again later [REDACTED] [request id req_stream].",
    );
    expect(friendly).toMatchObject({ code: "The service is currently unavailable" });
  });

  it("reads a body that arrived as binary data", async () => {
    const { friendly } = await fail("/shape1", { responseType: "arraybuffer" });
    expect(friendly.message).toContain("Model grok-nope does not exist");
  });

  it("tells the user when xAI asks to wait longer than the component does", async () => {
    const before = Date.now();
    const { friendly } = await fail("/wait");
    expect(friendly.message).toMatch(
      /^xAI API error 429 \(rate limited\) on GET \/wait: Too many requests; xAI asks to wait 2 min, so it was not retried: retry after (\S+)\.$/,
    );
    const retryAt = Date.parse(friendly.message.split("retry after ")[1]?.slice(0, -1) ?? "");
    expect(retryAt).toBeGreaterThanOrEqual(before + 119000);
    expect(retryAt).toBeLessThan(Date.now() + 121000);
  });
});

describe("toXaiError for credential failures", () => {
  it.each([
    ["/badkey", 400, "Incorrect API key provided"],
    ["/unauthorized", 401, "Unauthorized"],
    ["/forbidden", 403, "Your team has no credits"],
  ])("%s becomes a ConnectionError without the token", async (path, status, text) => {
    const { friendly } = await fail(path);
    expect(friendly).toBeInstanceOf(ConnectionError);
    expect(isConnectionError(friendly)).toBe(true);
    expect((friendly as ConnectionError).connection).toEqual({
      key: "xaiGrokConnection",
      configVarKey: "",
      fields: {},
    });
    expect(friendly).toMatchObject({ status, method: "GET", path });
    expect(friendly.message).toContain(text);
    expect(friendly.message).toContain("check the API key of the xAI Grok connection");
  });

  it("does not treat other 400s as credential failures", async () => {
    const { friendly } = await fail("/shape1");
    expect(isConnectionError(friendly)).toBe(false);
  });
});

describe("toXaiError for network failures and the deadline", () => {
  it("names a reset connection", async () => {
    const { friendly } = await fail("/reset", { method: "post", data: { a: 1 } });
    expect(friendly.message).toMatch(/^xAI API request on POST \/reset failed: .*ECONNRESET\)\.$/);
    expect(friendly).toMatchObject({ code: "ECONNRESET", method: "POST", path: "/reset" });
  });

  it("names a refused connection and where", async () => {
    const { friendly } = await fail("/models", {}, closedPortUrl);
    const host = new URL(closedPortUrl).host;
    expect(friendly.message).toBe(
      `xAI API request on GET /models failed: the connection to ${host} was refused (ECONNREFUSED).`,
    );
  });

  it("explains that the call's deadline was reached", async () => {
    const { friendly } = await fail("/hang", {
      signal: AbortSignal.timeout(50),
      xaiCall: xai(testConnection(), undefined, { deadlineMs: 600000 }),
    });
    expect(friendly.message).toBe(
      "xAI API request on GET /hang timed out: the call's 10 min deadline (retries included) was reached.",
    );
    expect(friendly).toMatchObject({ code: "DEADLINE_EXCEEDED" });
  });

  it("words the deadline without a configured length", async () => {
    const { friendly } = await fail("/hang", { signal: AbortSignal.timeout(50) });
    expect(friendly.message).toBe(
      "xAI API request on GET /hang timed out: the call's deadline (retries included) was reached.",
    );
  });

  it("says a cancelled call was cancelled, not timed out", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const { friendly } = await fail("/hang", { signal: controller.signal });
    expect(friendly.message).toBe("xAI API request on GET /hang was cancelled.");
  });
});

describe("toXaiError with Spectral's createClient and the retry policy", () => {
  function retryingClient() {
    return createClient({
      baseUrl,
      headers: { Authorization: `Bearer ${TOKEN}` },
      retryConfig: {
        retries: MAX_RETRIES,
        retryCondition: shouldRetry,
        retryDelay,
      },
    });
  }

  it("says how many retries were made", async () => {
    hits["/v1/flaky"] = 0;
    const error = await retryingClient()
      .post("/flaky", { prompt: TOKEN })
      .catch((e: unknown) => e);
    const friendly = await toXaiError(error);
    expect(hits["/v1/flaky"]).toBe(MAX_RETRIES + 1);
    expect(friendly.message).toBe(
      "xAI API error 503 (service unavailable) on POST /flaky: Overloaded (gave up after 3 retries).",
    );
    expectNoToken(friendly);
  });

  it("fails at once, saying when to retry, when xAI asks to wait longer than the time left", async () => {
    hits["/v1/slowretry"] = 0;
    const call = xai(testConnection(), undefined, { deadlineMs: 300 });
    const started = Date.now();
    const error = await retryingClient()
      .get("/slowretry", { signal: call.signal, xaiCall: call })
      .catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(250);
    expect(hits["/v1/slowretry"]).toBe(1);
    const friendly = await toXaiError(error);
    expect(friendly.message).toMatch(
      /^xAI API error 503 \(service unavailable\) on GET \/slowretry: Overloaded; .*retry after \d{4}-\d\d-\d\dT/,
    );
    expectNoToken(friendly);
  });
});

describe("toXaiError for errors that are not from axios", () => {
  it("bounds any message, after redacting it whole", async () => {
    const huge = new Error(`${"word ".repeat(200_000)}${TOKEN}`);
    const friendly = await toXaiError(huge, [TOKEN]);
    expect(friendly.message.length).toBeLessThanOrEqual(2000);
    expect(friendly.message.endsWith("…")).toBe(true);
    expectNoToken(friendly);
  });

  it("stays within 2,000 characters with its full stop, and so does a thrown string", async () => {
    const exact = await toXaiError(new Error("x".repeat(2000)));
    expect(exact.message.length).toBeLessThanOrEqual(2000);
    expect(exact.message.endsWith("…")).toBe(true);
    const thrown = await toXaiError("y".repeat(5000));
    expect(thrown.message.length).toBeLessThanOrEqual(2000);
  });

  it("keeps the component's own errors by class, redacted, with their own frames", async () => {
    const original = new StreamCutOffError(`stream ended early; key ${TOKEN}`, {
      partial: { choices: [{ message: { content: `echo ${TOKEN}` } }] },
    });
    const friendly = await toXaiError(original, [TOKEN]);
    expect(friendly).not.toBe(original);
    expect(friendly).toBeInstanceOf(StreamCutOffError);
    expect(friendly.name).toBe("StreamCutOffError");
    expect(friendly.message).toBe("stream ended early; key [REDACTED].");
    expect(friendly).toMatchObject({
      code: "CUT_OFF",
      partial: { choices: [{ message: { content: "echo [REDACTED]" } }] },
    });
    expect(friendly.stack?.split("\n")[0]).toBe(
      "StreamCutOffError: stream ended early; key [REDACTED].",
    );
    expect(friendly.stack).toContain("toXaiError.test.ts");
    expectNoToken(friendly);
  });

  it("keeps another error's name, redacted", async () => {
    class UpstreamError extends Error {
      constructor(message: string) {
        super(message);
        this.name = "UpstreamError";
      }
    }
    const friendly = await toXaiError(new UpstreamError(`failed with ${TOKEN}`), [TOKEN]);
    expect(friendly.name).toBe("UpstreamError");
    expect(friendly.message).toBe("failed with [REDACTED].");
    expectNoToken(friendly);
  });

  it("keeps an input validation message", async () => {
    const friendly = await errorHook(
      new InputError("Temperature", "enter a number between 0 and 2."),
    );
    expect(friendly.name).toBe("InputError");
    expect(friendly.message).toBe("Temperature: enter a number between 0 and 2.");
  });

  it("sanitises a ConnectionError thrown by the component itself", async () => {
    const original = new ConnectionError(
      { key: "xaiGrokConnection", configVarKey: "xAI Connection", fields: { apiKey: TOKEN } },
      `rejected ${TOKEN}`,
    );
    const friendly = await toXaiError(original, [TOKEN]);
    expect(isConnectionError(friendly)).toBe(true);
    expect(friendly.name).toBe("ConnectionError");
    expect((friendly as ConnectionError).connection).toEqual({
      key: "xaiGrokConnection",
      configVarKey: "",
      fields: {},
    });
    expectNoToken(friendly);
  });

  it("rebuilds an XaiApiError with its details redacted", async () => {
    const original = new XaiApiError(`bad ${TOKEN}`, { status: 500, body: { echo: TOKEN } });
    const friendly = await toXaiError(original, [TOKEN]);
    expect(friendly).toBeInstanceOf(XaiApiError);
    expect(friendly).toMatchObject({ status: 500, body: { echo: "[REDACTED]" } });
    expectNoToken(friendly);
  });

  it.each([
    [`plain string ${TOKEN}`, "plain string [REDACTED]."],
    [
      { message: "an object with a message" },
      'An unexpected value was thrown: {"message":"an object with a message"}.',
    ],
    [{ detail: TOKEN }, 'An unexpected value was thrown: {"detail":"[REDACTED]"}.'],
    [undefined, "An unknown error occurred."],
    [null, "An unknown error occurred."],
    [42, "An unexpected value was thrown: 42."],
  ])("wraps the thrown value %p in an Error", async (value, message) => {
    const friendly = await toXaiError(value, [TOKEN]);
    expect(friendly).toBeInstanceOf(Error);
    expect(friendly.message).toBe(message);
    expectNoToken(friendly);
  });
});
