import { xai } from "../src/http/client";
import { ChatCompletionAssembler } from "../src/streaming/chatCompletion";
import { postStreamed } from "../src/streaming/sse";
import { startXaiServer, type XaiServer } from "./server/xaiServer";
import {
  capturingLogger,
  harness,
  serializeWhole,
  TEST_TOKEN,
  testConnection,
  useLocalXai,
} from "./support/harness";
import { listenOnLoopback } from "./support/tinyServer";

const local = useLocalXai();
const connection = testConnection();
const CHAT = "/v1/chat/completions";
const chatParams = {
  connection,
  model: "grok-4.3",
  messages: '[{"role": "user", "content": "Hi"}]',
};

/** Runs an action with a capturing logger and Prismatic's global debug on. */
const run = async (action: string, params: Record<string, unknown>) => {
  const { lines, logger } = capturingLogger();
  const started = Date.now();
  try {
    // Prismatic derives context.debug.enabled from globalDebug.
    const result = await harness.action(action, params, { logger, globalDebug: true } as never);
    return { result, error: undefined, lines, ms: Date.now() - started };
  } catch (error) {
    return { result: undefined, error: error as Error, lines, ms: Date.now() - started };
  }
};

/** The token appears nowhere: not in the error (all of it, nested), not in any log line. */
const expectNoToken = (outcome: { error?: unknown; lines: string[]; result?: unknown }) => {
  const everything = JSON.stringify({
    error: serializeWhole(outcome.error),
    message: (outcome.error as Error | undefined)?.message,
    stack: (outcome.error as Error | undefined)?.stack,
    lines: outcome.lines,
    result: outcome.result,
  });
  expect(everything).not.toContain(TEST_TOKEN);
};

describe("retries", () => {
  it("waits out a 429 with retry-after-ms, then succeeds", async () => {
    local.server.script({ path: CHAT, status: 429, headers: { "retry-after-ms": "200" } });
    const outcome = await run("createChatCompletion", chatParams);
    expect(outcome.error).toBeUndefined();
    expect(outcome.ms).toBeGreaterThanOrEqual(200);
    expect(local.server.requests).toHaveLength(2);
    // Prismatic's debug is on: each attempt is logged, the key nowhere.
    const logged = outcome.lines.join("\n");
    expect(logged.match(/xAI request POST \/chat\/completions/g)).toHaveLength(2);
    expect(logged).toMatch(/xAI answered 429 on POST \/chat\/completions; retry 1 of 3 in 200 ms/);
    expectNoToken(outcome);
  });

  it("logs requests only when Prismatic's debug is on", async () => {
    const { lines, logger } = capturingLogger();
    await harness.action("listModels", { connection }, { logger } as never);
    expect(lines.join("\n")).not.toMatch(/xAI (request|response)/);
  });

  it("recovers from two 503s", async () => {
    const busy = { path: CHAT, status: 503, headers: { "retry-after": "0" } };
    local.server.script(busy, busy);
    const outcome = await run("createChatCompletion", chatParams);
    expect(outcome.error).toBeUndefined();
    expect(outcome.result).toEqual({
      data: expect.objectContaining({ object: "chat.completion" }),
    });
    expect(local.server.requests).toHaveLength(3);
  });

  it("gives up after 4 attempts when xAI stays unavailable, with a clear message", async () => {
    const unavailable = { path: CHAT, status: 503, headers: { "retry-after-ms": "10" } };
    local.server.script(unavailable, unavailable, unavailable, unavailable);
    const outcome = await run("createChatCompletion", chatParams);
    expect(local.server.requests).toHaveLength(4);
    expect(outcome.error?.message).toMatch(
      /^xAI API error 503 \(service unavailable\) on POST \/chat\/completions: .+ \[request id req_\d+\]/,
    );
    expect(outcome.error).toMatchObject({ status: 503, requestId: expect.stringMatching(/^req_/) });
    expectNoToken(outcome);
  });

  it("does not retry a 400 and carries xAI's message, code and body", async () => {
    local.server.script({
      path: CHAT,
      status: 400,
      body: {
        error: {
          message: "temperature is too high",
          type: "invalid_request_error",
          code: "bad_temperature",
        },
      },
    });
    const outcome = await run("createChatCompletion", chatParams);
    expect(local.server.requests).toHaveLength(1);
    expect(outcome.error?.message).toMatch(
      /^xAI API error 400 \(bad request\) on POST \/chat\/completions: temperature is too high/,
    );
    expect(outcome.error).toMatchObject({
      status: 400,
      code: expect.any(String),
      body: expect.anything(),
    });
    expectNoToken(outcome);
  });

  it("retries a connection reset in the middle of a GET's answer", async () => {
    local.server.script({ path: "/v1/models", resetAfterBytes: 20 });
    const outcome = await run("listModels", { connection });
    expect(outcome.error).toBeUndefined();
    expect(local.server.requests).toHaveLength(2);
    expectNoToken(outcome);
  });

  it("never sends a chat POST again once xAI's answer started and broke off (it is paid for)", async () => {
    local.server.script({ path: CHAT, resetAfterBytes: 20 });
    const outcome = await run("createChatCompletion", chatParams);
    expect(local.server.requests).toHaveLength(1);
    expect(outcome.error?.name).toBe("StreamCutOffError");
    expect(outcome.error?.message).toMatch(
      /^xAI's answer to POST \/chat\/completions \(status 200\) was cut off before it was complete/,
    );
    expectNoToken(outcome);
  });

  it("explains an HTML 502 page from a proxy after retrying it", async () => {
    const page = {
      path: "/v1/models",
      status: 502,
      headers: { "Content-Type": "text/html", "retry-after-ms": "5" },
      body: "<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>",
    };
    local.server.script(page, page, page, page);
    const outcome = await run("listModels", { connection });
    expect(local.server.requests).toHaveLength(4);
    expect(outcome.error?.message).toMatch(
      /^xAI API error 502 \(bad gateway\) on GET \/models: .*HTML page.*502 Bad Gateway/,
    );
    expectNoToken(outcome);
  });

  it("fails at once when xAI asks to wait longer than 60 s, saying when to retry", async () => {
    local.server.script({ path: CHAT, status: 429, headers: { "Retry-After": "120" } });
    const outcome = await run("createChatCompletion", chatParams);
    expect(local.server.requests).toHaveLength(1);
    expect(outcome.error?.message).toMatch(
      /429 \(rate limited\).*wait 2 min.*retry after \d{4}-\d\d-\d\dT/,
    );
  });
});

describe("Generate Image, whose large answers are read up to the media limit", () => {
  const image = {
    connection,
    prompt: "A lighthouse",
    additionalFields: '{"response_format": "b64_json"}',
  };

  it("carries xAI's message from an error body", async () => {
    local.server.script({
      path: "/v1/images/generations",
      status: 400,
      body: { code: "bad", error: "Prompt is too long." },
    });
    const outcome = await run("generateImage", image);
    expect(outcome.error?.message).toMatch(
      /^xAI API error 400 \(bad request\) on POST \/images\/generations: Prompt is too long\./,
    );
    expectNoToken(outcome);
  });

  it("fails clearly, without asking again, when the connection drops mid-answer", async () => {
    local.server.script({ path: "/v1/images/generations", resetAfterBytes: 40 });
    const outcome = await run("generateImage", image);
    expect(outcome.error?.message).toMatch(
      /^xAI's answer to POST \/images\/generations \(status 200\) was cut off before it was complete/,
    );
    expect(local.server.requests).toHaveLength(1);
  });

  it("fails clearly when the answer is not JSON", async () => {
    local.server.script({ path: "/v1/images/generations", status: 200, body: '{"data": [' });
    const outcome = await run("generateImage", image);
    expect(outcome.error?.message).toMatch(
      /^xAI answered 200 on POST \/images\/generations with content type .*, but not with the JSON it promises: "\{\\?"data\\?": \["/,
    );
    expect(local.server.requests).toHaveLength(1);
  });
});

describe("credentials", () => {
  it.each([
    [401, {}],
    [403, {}],
    [
      400,
      {
        body: {
          code: "Client specified an invalid argument",
          error: "Incorrect API key provided: te***4a.",
        },
      },
    ],
  ])("%i makes a ConnectionError so Prismatic flags the connection", async (status, extra) => {
    local.server.script({ path: "/v1/models", status, ...extra });
    const outcome = await run("listModels", { connection });
    expect(outcome.error).toMatchObject({ isSpectralError: true, status });
    expect(outcome.error?.message).toMatch(new RegExp(`^xAI API error ${status} `));
    expectNoToken(outcome);
  });
});

describe("deadlines", () => {
  it("a call that never completes fails when its deadline is reached", async () => {
    local.server.script({ path: "/v1/models", hang: true });
    const client = xai(connection, undefined, { deadlineMs: 300 });
    const error = await client.get("/models").then(
      () => undefined,
      (failure: Error) => failure,
    );
    expect(error?.message).toBe(
      "xAI API request on GET /models timed out: the call's 300 ms deadline (retries included) was reached.",
    );
    expect(error).toMatchObject({ code: "DEADLINE_EXCEEDED" });
    expectNoToken({ error, lines: [] });
  });

  it("a stream that stalls past the deadline fails with the deadline, not a cut-off", async () => {
    const firstEvent = {
      id: "x",
      object: "chat.completion.chunk",
      created: 1,
      model: "grok-4.3",
      choices: [{ index: 0, delta: { role: "assistant", content: "Hel" } }],
    };
    const stalling = await listenOnLoopback((request, response) => {
      request.resume();
      response.writeHead(200, { "Content-Type": "text/event-stream" });
      response.write(`data: ${JSON.stringify(firstEvent)}\n\n`);
    });
    process.env.XAI_BASE_URL = stalling.baseUrl;
    try {
      const client = xai(connection, undefined, { deadlineMs: 300 });
      const body = { model: "grok-4.3", messages: [], stream: true };
      const error = await postStreamed(
        client,
        "/chat/completions",
        body,
        new ChatCompletionAssembler(),
      ).then(
        () => undefined,
        (failure: Error) => failure,
      );
      expect(error?.message).toBe(
        "xAI API request on POST /chat/completions timed out: the call's 300 ms deadline (retries included) was reached.",
      );
    } finally {
      process.env.XAI_BASE_URL = local.server.baseUrl;
      await stalling.close();
    }
  });
});

describe("Raw Request only reaches xAI", () => {
  let other: XaiServer;
  beforeAll(async () => {
    other = await startXaiServer();
  });
  afterAll(() => other.close());
  beforeEach(() => other.reset());

  const hostile = () => {
    const host = other.origin.replace("http://", "");
    return [
      `${other.origin}/v1/models`,
      `//${host}/v1/models`,
      `///${host}/v1/models`,
      `http:${host}/v1/models`,
      `\\\\${host}\\v1\\models`,
      `/\\${host}/v1/models`,
      `https://api.x.ai@${host}/v1/models`,
      `https://api.x.ai.${host}/v1/models`,
      `https://api.x.ai:${host.split(":")[1]}/v1/models`,
      `ftp://${host}/models`,
      "javascript:alert(1)",
      "file:///etc/passwd",
      `/models\r\nHost: ${host}`,
      "/../../models",
      "",
    ];
  };

  it("refuses every absolute or tricky URL before anything is sent", async () => {
    for (const url of hostile()) {
      const outcome = await run("rawRequest", { connection, url, method: "GET" });
      expect({ url, message: outcome.error?.message }).toEqual({
        url,
        message: expect.stringMatching(/^URL: enter a path under https:\/\/api\.x\.ai\/v1/),
      });
      expect(outcome.error?.name).toBe("InputError");
      expectNoToken(outcome);
    }
    expect(other.requests).toHaveLength(0);
    expect(local.server.requests).toHaveLength(0);
  });

  it("sends a path to the xAI base URL with the connection's token, whatever Header says", async () => {
    const outcome = await run("rawRequest", {
      connection,
      url: "models?limit=2",
      method: "GET",
      headers: [
        { key: "authorization", value: "Bearer someone-else" },
        { key: "X-Trace", value: "abc" },
      ],
    });
    expect(outcome.error).toBeUndefined();
    const [request] = local.server.requests;
    expect(request.path).toBe("/v1/models");
    expect(request.query).toEqual({ limit: "2" });
    expect(request.headers.authorization).toBe(`Bearer ${TEST_TOKEN}`);
    expect(request.headers["x-trace"]).toBe("abc");
    expect(outcome.result).toEqual({ data: expect.objectContaining({ object: "list" }) });
  });

  it("a failing raw request is described without the token", async () => {
    local.server.script({ path: "/v1/files", status: 404 });
    const outcome = await run("rawRequest", { connection, url: "/files", method: "GET" });
    expect(outcome.error?.message).toMatch(/^xAI API error 404 \(not found\) on GET \/files/);
    expectNoToken(outcome);
  });
});
