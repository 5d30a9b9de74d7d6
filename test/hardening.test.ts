/**
 * Issue 9: hostile and broken answers, through the built bundle against real loopback servers.
 * Each case is one a company would refuse to run the component for: the worker must live on,
 * the key must not leak, a failure must be reported as a failure, and a paid answer is sent once.
 */

import type { IncomingMessage, ServerResponse } from "node:http";
import { createGzip } from "node:zlib";
import { addUsage } from "../src/actions/agent/usage";
import { bundleHarness } from "./support/bundle";
import { serializeWhole, testConnection } from "./support/harness";
import { listenOnLoopback, type TinyServer } from "./support/tinyServer";

const harness = bundleHarness();
const hello = '[{"role": "user", "content": "Hello"}]';
const ONE_GB = 1024 ** 3;

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

let server: TinyServer;
let handle: Handler;
const seen: { method?: string; url?: string; authorization?: string }[] = [];
const previousBaseUrl = process.env.XAI_BASE_URL;

beforeAll(async () => {
  server = await listenOnLoopback((request, response) => {
    seen.push({
      method: request.method,
      url: request.url,
      authorization: request.headers.authorization,
    });
    request.resume();
    request.on("end", () => handle(request, response));
  });
  process.env.XAI_BASE_URL = server.baseUrl;
});
beforeEach(() => {
  seen.length = 0;
});
afterAll(async () => {
  process.env.XAI_BASE_URL = previousBaseUrl;
  await server.close();
});

/** Writes `piece` again and again until the client goes away. */
const endless = (response: ServerResponse, piece: string | Buffer) => {
  const write = () => {
    while (!response.destroyed && response.write(piece)) {}
    if (!response.destroyed) response.once("drain", write);
  };
  response.on("close", () => response.removeAllListeners("drain"));
  write();
};

/** Runs `work` while sampling this process's RSS; returns the rejection and the peak RSS. */
async function peakRssWhile(work: () => Promise<unknown>) {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  try {
    const error = await work().then(
      () => undefined,
      (failure: unknown) => failure as Error,
    );
    return { error, peak };
  } finally {
    clearInterval(timer);
  }
}

const chat = (params: Record<string, unknown> = {}, token?: string) =>
  harness.action("createChatCompletion", {
    connection: testConnection(token),
    model: "grok-4.3",
    messages: hello,
    ...params,
  });

describe("every read is bounded", () => {
  it("an SSE line that never ends fails at the 8 MiB event limit, and the process lives on", async () => {
    handle = (_request, response) => {
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.write("data: ");
      endless(response, "a".repeat(64 * 1024));
    };
    const { error, peak } = await peakRssWhile(() => chat({ stream: true }));
    expect(error?.name).toBe("XaiApiError");
    expect(error?.message).toMatch(/larger than the 8 MiB limit/);
    expect(peak).toBeLessThan(ONE_GB);
  });

  it("a stream of small events that never ends fails at the 64 MiB body limit", async () => {
    const event = 'data: {"id":"c","choices":[{"index":0,"delta":{"content":"x"}}]}\n\n';
    handle = (_request, response) => {
      response.writeHead(200, { "content-type": "text/event-stream" });
      endless(response, event.repeat(1024));
    };
    const { error, peak } = await peakRssWhile(() => chat({ stream: true }));
    expect(error?.name).toBe("XaiApiError");
    expect(error?.message).toBe(
      "xAI's stream on POST /chat/completions was larger than the 64 MiB body limit, so reading stopped.",
    );
    expect(peak).toBeLessThan(ONE_GB);
    expect(seen).toHaveLength(1);
  });

  it("a JSON body that never ends fails at the 64 MiB body limit", async () => {
    handle = (_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.write('{"object":"list","data":[');
      endless(response, '{"id":"grok","object":"model"},'.repeat(2048));
    };
    const { error, peak } = await peakRssWhile(() =>
      harness.action("listModels", { connection: testConnection() }),
    );
    expect(error?.message).toMatch(/larger than the 64 MiB limit/);
    expect(peak).toBeLessThan(ONE_GB);
    expect(seen).toHaveLength(1);
  });

  it("a gzip bomb is bounded after decompression", async () => {
    const zeros = Buffer.alloc(1024 * 1024, 0x20);
    handle = (_request, response) => {
      response.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      const gzip = createGzip();
      gzip.pipe(response);
      gzip.write('{"data":"');
      // 1 GiB of spaces compresses to about 1 MB.
      let left = 1024;
      const more = () => {
        while (left > 0 && !response.destroyed) {
          left--;
          if (!gzip.write(zeros)) return gzip.once("drain", more);
        }
        gzip.end('"}');
      };
      response.on("close", () => gzip.destroy());
      more();
    };
    const { error, peak } = await peakRssWhile(() =>
      harness.action("listModels", { connection: testConnection() }),
    );
    expect(error?.message).toMatch(/larger than the 64 MiB limit/);
    expect(peak).toBeLessThan(ONE_GB);
  });
});

describe("a hostile answer cannot reach the worker's objects", () => {
  it('"__proto__" keys in a stream are never merged into a prototype', async () => {
    // JSON text: "__proto__" arrives as a plain key, as a hostile server would send it.
    const chunks = [
      '{"id":"c","__proto__":{"top":"polluted"},"choices":[{"index":0,"delta":{"role":"assistant"}}]}',
      '{"choices":[{"index":0,"delta":{"content":"Hi","__proto__":{"delta":"polluted"}}}]}',
      '{"choices":[{"index":0,"delta":{},"logprobs":{"__proto__":{"logprobs":"polluted"}}}]}',
    ];
    handle = (_request, response) => {
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.end(`${chunks.map((chunk) => `data: ${chunk}\n\n`).join("")}data: [DONE]\n\n`);
    };
    const result = (await chat({ stream: true })) as { data: { choices: { message: unknown }[] } };
    expect(result.data.choices[0]?.message).toEqual({ role: "assistant", content: "Hi" });
    const probe: Record<string, unknown> = {};
    expect([probe.top, probe.delta, probe.logprobs]).toEqual([undefined, undefined, undefined]);
  });

  it('"__proto__" in a turn\'s usage is not summed into a prototype (Run Agent)', () => {
    const turn = JSON.parse('{"input_tokens":3,"__proto__":{"total_tokens":1000}}');
    const sum = addUsage(addUsage({}, turn), turn);
    expect(sum).toEqual({ input_tokens: 6 });
    expect(sum.total_tokens).toBeUndefined();
  });
});

/** A 401 that echoes the key it was given, as some gateways do. */
const echoKey: Handler = (request, response) => {
  const key = String(request.headers.authorization).replace("Bearer ", "");
  response.writeHead(401, {
    "content-type": "application/json",
    "x-request-id": "xai-req-1b2c-3d4e",
  });
  response.end(
    JSON.stringify({ code: "Unauthorized", error: `Incorrect API key provided: ${key}` }),
  );
};

describe("the key cannot leak", () => {
  it("is redacted after 60 other keys were used, with 40 calls at once", async () => {
    handle = echoKey;
    const keys = Array.from({ length: 61 }, (_, i) => `key-${i}-${"q".repeat(20)}${i}`);
    const errors: unknown[] = [];
    for (let start = 0; start < keys.length; start += 40) {
      const batch = keys
        .slice(start, start + 40)
        .map((key) =>
          harness.action("listModels", { connection: testConnection(key) }).catch((e) => e),
        );
      errors.push(...(await Promise.all(batch)));
    }
    errors.push(
      await harness.action("listModels", { connection: testConnection(keys[0]) }).catch((e) => e),
    );
    errors.forEach((error, i) => {
      const whole = JSON.stringify(serializeWhole(error));
      expect(whole).not.toContain(keys[i % keys.length]);
      expect(whole).toContain("[REDACTED]");
      expect((error as Error).name).toBe("ConnectionError");
    });
  });

  it("is redacted whole when it straddles the 1,000-character cut", async () => {
    const key = `xai-${"K".repeat(80)}`;
    handle = (_request, response) => {
      response.writeHead(400, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: `${"w".repeat(990)} ${key} more words after the key` }));
    };
    const error = await chat({}, key).catch((e) => e);
    const whole = JSON.stringify(serializeWhole(error));
    expect(whole).not.toContain("KKKKKKKKKK");
    expect(error.message.length).toBeLessThan(1300);
  });

  it("leaves xAI's own words and request ids alone", async () => {
    const reason =
      "Missing or invalid bearer token. Basic models do not support this. Bearer tokens expire.";
    handle = (_request, response) => {
      response.writeHead(403, {
        "content-type": "application/json",
        "x-request-id": "xai-req-7f3a-9b2c",
      });
      response.end(JSON.stringify({ error: reason }));
    };
    const error = await harness
      .action("listModels", { connection: testConnection("test") })
      .catch((e) => e);
    // Intact but for the final full stop, which the connection hint replaces (one sentence).
    expect(error.message).toContain(reason.slice(0, -1));
    expect(error.message).toContain("[request id xai-req-7f3a-9b2c]");
  });

  it("redacts a whole xAI key pasted into another input, even after a word character", async () => {
    const pasted = `xai-${"Z".repeat(60)}`;
    handle = (request, response) => {
      response.writeHead(400, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: `Unknown model token_${pasted} (${request.url})` }));
    };
    const error = await chat({ model: `token_${pasted}` }).catch((e) => e);
    expect(JSON.stringify(serializeWhole(error))).not.toContain("ZZZZZZZZ");
    expect(error.message).toContain("token_[REDACTED]");
  });
});

describe("failures are reported as failures", () => {
  const bodies: [string, number, string, string][] = [
    ["truncated JSON", 200, "application/json", '{"object":"list","data":[{"id":'],
    ["an HTML page", 200, "text/html", "<html><body>Gateway says hi</body></html>"],
    ["an empty body", 200, "application/json", ""],
    ["204 No Content", 204, "application/json", ""],
  ];
  const actions: [string, Record<string, unknown>][] = [
    ["listModels", {}],
    ["getModel", { modelId: "grok-4.3" }],
    ["createChatCompletion", { model: "grok-4.3", messages: hello }],
  ];
  it.each(
    bodies.flatMap(([what, ...rest]) =>
      actions.map(([key, params]) => [key, what, params, ...rest]),
    ),
  )("%s fails on %s", async (key, _what, params, status, contentType, body) => {
    handle = (_request, response) => {
      response.writeHead(status as number, { "content-type": contentType as string });
      response.end(body);
    };
    const error = await harness
      .action(key as string, { connection: testConnection(), ...(params as object) })
      .catch((e) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("XaiApiError");
    expect(error.message).toMatch(new RegExp(`answered ${status}.*not with the JSON it promises`));
    expect(error.message).toContain(contentType as string);
  });

  it.each([
    ["listModels", {}, "GET /models"],
    ["createChatCompletion", { model: "grok-4.3", messages: hello }, "POST /chat/completions"],
    ["rawRequest", { url: "/models", method: "get" }, "GET /models"],
  ])(
    "%s: a redirect (a proxy's login page) is not followed, not retried, not called a cut-off",
    async (key, params, on) => {
      handle = (_request, response) => {
        const location = "https://login.example.com/sso?state=abc";
        response.writeHead(302, { location, "content-type": "text/html" });
        response.end("<html><body>Moved</body></html>");
      };
      const error = await harness
        .action(key, { connection: testConnection(), ...params })
        .catch((e) => e);
      expect(error.name).toBe("XaiApiError");
      expect(error.message).toBe(
        `xAI API error 302 (found) on ${on}: an HTML page answered, not xAI's JSON (a proxy or gateway?): "Moved"; it redirects to https://login.example.com/sso, which is not followed.`,
      );
      expect(error.status).toBe(302);
      expect(seen).toHaveLength(1);
    },
  );

  it("an error body nested 30,000 deep is still described with xAI's reason", async () => {
    const depth = 30_000;
    handle = (_request, response) => {
      response.writeHead(400, { "content-type": "application/json" });
      response.end(`{"error":"Bad request","detail":${"[".repeat(depth)}${"]".repeat(depth)}}`);
    };
    const error = await harness
      .action("listModels", { connection: testConnection() })
      .catch((e) => e);
    expect(error.name).toBe("XaiApiError");
    expect(error.message).toBe("xAI API error 400 (bad request) on GET /models: Bad request.");
    expect(JSON.stringify(error.body)).toContain("[nested too deep]");
  });

  it("a chat answer cut off midway is paid for once: the POST is not retried", async () => {
    handle = (_request, response) => {
      response.writeHead(200, { "content-type": "application/json", "content-length": "5000" });
      response.write(
        '{"id":"abc","object":"chat.completion","choices":[{"message":{"content":"Hel',
      );
      setTimeout(() => response.destroy(), 20);
    };
    const error = await chat().catch((e) => e);
    expect(error.name).toBe("StreamCutOffError");
    expect(error.message).toMatch(/cut off before it was complete/);
    expect(seen.filter((request) => request.method === "POST")).toHaveLength(1);
  });

  it.each([
    ["retry-after", "99999999999999"],
    ["retry-after-ms", "1e20"],
    ["retry-after", "x 2099"],
  ])("%s: %s gives a readable 429 error", async (name, value) => {
    handle = (_request, response) => {
      response.writeHead(429, {
        "content-type": "application/json",
        [name]: value,
        "retry-after-ms": name === "retry-after-ms" ? value : "0",
      });
      response.end(
        JSON.stringify({ code: "Too many requests", error: "Team rate limit reached." }),
      );
    };
    const error = await harness
      .action("listModels", { connection: testConnection() })
      .catch((e) => e);
    expect(error.name).toBe("XaiApiError");
    expect(error.message).toMatch(
      /^xAI API error 429 \(rate limited\) on GET \/models: Team rate limit reached/,
    );
    expect(error.message).not.toMatch(/Invalid time value|could not be described/);
  });

  it("a Retry-After longer than the time left fails at once with xAI's 429 and when to retry", async () => {
    handle = (_request, response) => {
      response.writeHead(429, { "content-type": "application/json", "retry-after": "45" });
      response.end(JSON.stringify({ error: "Slow down." }));
    };
    const started = Date.now();
    // Model calls have a 30 s deadline: a 45 s wait cannot fit.
    const error = await harness
      .action("listModels", { connection: testConnection() })
      .catch((e) => e);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(seen).toHaveLength(1);
    expect(error.message).toMatch(
      /429 \(rate limited\).*Slow down; xAI asks to wait 45 s, so it was not retried: retry after \d{4}-/,
    );
    expect(error.retryAt).toEqual(expect.any(String));
  });
});

describe("per-call state travels by reference", () => {
  it("a cyclic context with a 10,000-entry execution state works", async () => {
    handle = (_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ object: "list", data: [{ id: "grok-4.3", object: "model" }] }));
    };
    const executionState: Record<string, unknown> = {};
    for (let i = 0; i < 10_000; i++) executionState[`key${i}`] = { i };
    executionState.self = executionState;
    const result = await harness.action(
      "listModels",
      { connection: testConnection() },
      { executionState },
    );
    expect(result).toEqual({ data: [{ id: "grok-4.3", object: "model" }] });
  });
});
