import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import type { ChatCompletion, ChatCompletionChunk } from "./server/chatTypes";
import {
  chatAnswer,
  chatStreamEvents,
  MODEL_CATALOGUE,
  messageAnswer,
  startXaiServer,
  type XaiServer,
} from "./server/xaiServer";

const TOKEN = "test-token-abcdefyz";
const AUTH = { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" };

interface Exchange {
  status?: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** Body pieces as the client received them (one per `data` event). */
  chunks: number;
  error?: NodeJS.ErrnoException;
}

/** A plain node:http request (no keep-alive) that never rejects: errors land in `error`. */
function send(
  server: XaiServer,
  path: string,
  init: {
    method?: string;
    headers?: Record<string, string>;
    body?: unknown;
    timeoutMs?: number;
  } = {},
): Promise<Exchange> {
  const body =
    init.body === undefined || typeof init.body === "string"
      ? init.body
      : JSON.stringify(init.body);
  return new Promise((resolve) => {
    const exchange: Exchange = { headers: {}, body: "", chunks: 0 };
    const finish = (error?: NodeJS.ErrnoException) => {
      if (error) exchange.error = error;
      resolve(exchange);
    };
    const request = httpRequest(`${server.origin}${path}`, {
      method: init.method ?? (body === undefined ? "GET" : "POST"),
      headers: init.headers ?? AUTH,
      agent: false,
    });
    if (init.timeoutMs) {
      request.setTimeout(init.timeoutMs, () =>
        request.destroy(Object.assign(new Error("timeout"), { code: "ETIMEDOUT" })),
      );
    }
    request.on("error", finish);
    request.on("response", (response) => {
      exchange.status = response.statusCode;
      exchange.headers = response.headers;
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        exchange.body += chunk;
        exchange.chunks++;
      });
      response.on("error", finish);
      response.on("end", () => finish());
    });
    request.end(body);
  });
}

function json<T = Record<string, unknown>>(exchange: Exchange): T {
  return JSON.parse(exchange.body) as T;
}

/** `data:` payloads of an SSE body (without the [DONE] sentinel). */
function sseData(body: string): string[] {
  return body
    .split("\n\n")
    .filter((event) => event.startsWith("data: ") && event !== "data: [DONE]")
    .map((event) => event.slice("data: ".length));
}

/** A deliberately naive reference assembler for chat completion chunks. */
function assembleChat(chunks: ChatCompletionChunk[]): Record<string, unknown> {
  const first = chunks[0];
  const result: Record<string, unknown> = {
    id: first.id,
    object: "chat.completion",
    created: first.created,
    model: first.model,
    system_fingerprint: first.system_fingerprint,
  };
  type Call = { id?: string; type?: string; function: { name?: string; arguments: string } };
  const choices: { index: number; message: Record<string, unknown>; finish_reason?: string }[] = [];
  for (const chunk of chunks) {
    if (chunk.usage) result.usage = chunk.usage;
    if (chunk.citations) result.citations = chunk.citations;
    for (const { index, delta, finish_reason } of chunk.choices) {
      choices[index] ??= { index, message: {} };
      const choice = choices[index];
      const message = choice.message;
      if (delta.role) message.role = delta.role;
      if (delta.content !== undefined) message.content = `${message.content ?? ""}${delta.content}`;
      if (delta.reasoning_content !== undefined) {
        message.reasoning_content = `${message.reasoning_content ?? ""}${delta.reasoning_content}`;
      }
      for (const fragment of delta.tool_calls ?? []) {
        message.tool_calls ??= [];
        const calls = message.tool_calls as Call[];
        calls[fragment.index] ??= { function: { arguments: "" } };
        const call = calls[fragment.index];
        if (fragment.id) call.id = fragment.id;
        if (fragment.type) call.type = fragment.type;
        if (fragment.function.name) call.function.name = fragment.function.name;
        call.function.arguments += fragment.function.arguments;
      }
      if (finish_reason) choice.finish_reason = finish_reason;
    }
  }
  result.choices = choices;
  return result;
}

function chatRequest(text: string, extra: Record<string, unknown> = {}) {
  return { model: "grok-4-fast-reasoning", messages: [{ role: "user", content: text }], ...extra };
}

function expectKeys(value: unknown, keys: string[]): void {
  expect(Object.keys(value as object)).toEqual(expect.arrayContaining(keys));
}

// Required keys copied from xai-openapi.json (minus `service_tier` and `cost_in_usd_ticks`,
// which live xAI usually omits).
const MODEL_KEYS = ["id", "aliases", "created", "object", "owned_by"];
const LANGUAGE_MODEL_KEYS = [
  ...["id", "fingerprint", "created", "object", "owned_by", "version", "input_modalities"],
  ...["output_modalities", "prompt_text_token_price", "cached_prompt_text_token_price"],
  ...["prompt_image_token_price", "completion_text_token_price", "search_price"],
  ...["prompt_text_token_price_long_context", "cached_prompt_text_token_price_long_context"],
  ...["completion_text_token_price_long_context", "long_context_threshold", "aliases"],
];
const IMAGE_MODEL_KEYS = [
  ...["id", "fingerprint", "max_prompt_length", "created", "object", "owned_by", "version"],
  ...["input_modalities", "output_modalities", "image_price", "aliases"],
];
const CHAT_RESPONSE_KEYS = ["id", "object", "created", "model", "choices"];
const USAGE_KEYS = [
  ...["prompt_tokens", "completion_tokens", "total_tokens", "prompt_tokens_details"],
  ...["completion_tokens_details", "num_sources_used"],
];
const MESSAGE_RESPONSE_KEYS = ["id", "type", "role", "content", "model", "usage"];
const MESSAGE_USAGE_KEYS = [
  ...["input_tokens", "cache_creation_input_tokens", "cache_read_input_tokens", "output_tokens"],
];

let server: XaiServer;

beforeAll(async () => {
  server = await startXaiServer({ acceptedToken: TOKEN });
});

afterAll(() => server.close());

beforeEach(() => server.reset());

describe("authentication", () => {
  it("answers 401 in xAI's error shape without a bearer token", async () => {
    const exchange = await send(server, "/v1/models", { headers: {} });
    expect(exchange.status).toBe(401);
    expectKeys(json(exchange), ["code", "error"]);
  });

  it("answers 400 'Incorrect API key' with a masked key when the token differs", async () => {
    const wrongKey = "wrong-key-0123456789-zq";
    const exchange = await send(server, "/v1/models", {
      headers: { authorization: `Bearer ${wrongKey}` },
    });
    expect(exchange.status).toBe(400);
    expect(json(exchange)).toEqual({
      code: "Client specified an invalid argument",
      error:
        "Incorrect API key provided: wr***zq. You can obtain an API key from https://console.x.ai.",
    });
    expect(exchange.body).not.toContain(wrongKey);
  });

  it("accepts any bearer token when no acceptedToken is configured", async () => {
    const open = await startXaiServer();
    try {
      const exchange = await send(open, "/v1/models", { headers: { authorization: "Bearer x" } });
      expect(exchange.status).toBe(200);
    } finally {
      await open.close();
    }
  });
});

describe("models", () => {
  it("lists every catalogue model, unsorted, with the Model keys and the grok-3-fast-latest alias", async () => {
    const exchange = await send(server, "/v1/models");
    expect(exchange.status).toBe(200);
    expect(exchange.headers["content-type"]).toBe("application/json; charset=utf-8");
    const list = json<{ object: string; data: { id: string; aliases: string[] }[] }>(exchange);
    expect(list.object).toBe("list");
    for (const model of list.data) expectKeys(model, MODEL_KEYS);
    const ids = list.data.map((model) => model.id);
    expect(ids).toHaveLength(MODEL_CATALOGUE.length);
    expect(ids).not.toEqual([...ids].sort());
    expect(list.data.flatMap((model) => model.aliases)).toContain("grok-3-fast-latest");
  });

  it("gets a model by id or alias, decoding the id exactly once", async () => {
    const byAlias = await send(server, "/v1/models/grok-3-fast-latest");
    expect(json(byAlias)).toMatchObject({ id: "grok-3", object: "model" });
    const encoded = await send(server, "/v1/models/grok%2D3");
    expect(json(encoded).id).toBe("grok-3");
    const doubleEncoded = await send(server, "/v1/models/grok%252D3");
    expect(doubleEncoded.status).toBe(404);
  });

  it("answers 404 in xAI's shape for an unknown model and records the raw path", async () => {
    const exchange = await send(server, "/v1/models/a%2Fb");
    expect(exchange.status).toBe(404);
    expect(json(exchange).code).toBe("Some requested entity was not found");
    expect(json<{ error: string }>(exchange).error).toContain("a/b");
    expect(server.requests[0].path).toBe("/v1/models/a%2Fb");
  });

  it("lists language and image generation models from the same catalogue", async () => {
    const language = json<{ models: { id: string }[] }>(await send(server, "/v1/language-models"));
    const image = json<{ models: { id: string }[] }>(
      await send(server, "/v1/image-generation-models"),
    );
    for (const model of language.models) expectKeys(model, LANGUAGE_MODEL_KEYS);
    for (const model of image.models) expectKeys(model, IMAGE_MODEL_KEYS);
    const listed = json<{ data: { id: string }[] }>(await send(server, "/v1/models")).data;
    expect([...language.models, ...image.models].map((model) => model.id).sort()).toEqual(
      listed.map((model) => model.id).sort(),
    );
    expect(image.models.map((model) => model.id)).toEqual(
      expect.arrayContaining(["grok-imagine-image", "grok-2-image-1212"]),
    );
  });
});

describe("chat completions", () => {
  it("answers with the ChatResponse shape and mentions the last user message", async () => {
    const request = chatRequest("What is the capital of France?");
    const exchange = await send(server, "/v1/chat/completions", { body: request });
    const answer = json<ChatCompletion>(exchange);
    expect(answer).toEqual(chatAnswer(request));
    expectKeys(answer, [...CHAT_RESPONSE_KEYS, "system_fingerprint", "usage"]);
    expect(answer).not.toHaveProperty("service_tier");
    expect(answer.object).toBe("chat.completion");
    expect(answer.model).toBe("grok-4-fast-reasoning");
    expectKeys(answer.usage, USAGE_KEYS);
    expect(answer.usage).not.toHaveProperty("cost_in_usd_ticks");
    expect(answer.choices[0]).toMatchObject({ index: 0, finish_reason: "stop" });
    expect(answer.choices[0].message.content).toContain("What is the capital of France?");
  });

  it("combines the reason, tools and cite variants", async () => {
    const answer = chatAnswer(chatRequest("Please REASON, use tools and cite sources"));
    const { message, finish_reason } = answer.choices[0];
    expect(message.reasoning_content).toEqual(expect.any(String));
    expect("content" in message).toBe(false);
    expect(finish_reason).toBe("tool_calls");
    expect(message.tool_calls).toHaveLength(2);
    for (const call of message.tool_calls ?? []) {
      expect(call).toMatchObject({ id: expect.any(String), type: "function" });
      expect(JSON.parse(call.function.arguments)).toEqual(expect.any(Object));
    }
    expect(answer.citations?.length).toBeGreaterThan(0);
    expect(answer.usage.completion_tokens_details.reasoning_tokens).toBeGreaterThan(0);
  });

  it("gives n different choices and N-word answers for long:<N>", () => {
    const two = chatAnswer(chatRequest("hello", { n: 2 }));
    expect(two.choices.map((choice) => choice.index)).toEqual([0, 1]);
    expect(two.choices[0].message.content).not.toBe(two.choices[1].message.content);
    const long = chatAnswer(chatRequest("long:1234"));
    expect(long.choices[0].message.content?.split(" ")).toHaveLength(1234);
  });

  it.each([
    ["text", chatRequest("hello there")],
    ["reasoning", chatRequest("reason about it")],
    ["tools", chatRequest("call tools")],
    [
      "n=2 with usage and citations",
      chatRequest("cite please", { n: 2, stream_options: { include_usage: true } }),
    ],
    ["reasoning + tools + n=2", chatRequest("reason then tools", { n: 2 })],
  ])("streams %s chunks that assemble to chatAnswer", async (_name, request) => {
    const streamed = { ...request, stream: true };
    const exchange = await send(server, "/v1/chat/completions", { body: streamed });
    expect(exchange.status).toBe(200);
    expect(exchange.headers["content-type"]).toMatch(/^text\/event-stream/);
    expect(exchange.body).toBe(chatStreamEvents(streamed).join(""));
    expect(exchange.body.endsWith("data: [DONE]\n\n")).toBe(true);
    expect(exchange.chunks).toBeGreaterThan(3);

    const chunks = sseData(exchange.body).map((data) => JSON.parse(data) as ChatCompletionChunk);
    const expected: Record<string, unknown> = { ...chatAnswer(streamed) };
    const includeUsage = "stream_options" in request;
    if (!includeUsage) delete expected.usage;
    expect(assembleChat(chunks)).toEqual(expected);

    for (const chunk of chunks) {
      expect(chunk).toMatchObject({ object: "chat.completion.chunk", id: expected.id });
      expectKeys(chunk, ["created", "model", "system_fingerprint"]);
    }
    const choiceChunks = chunks.filter((chunk) => chunk.choices.length > 0);
    for (const index of [0, 1].slice(0, (request as { n?: number }).n ?? 1)) {
      const own = choiceChunks.filter((chunk) => chunk.choices[0].index === index);
      expect(own[0].choices[0].delta.role).toBe("assistant");
      expect(own.length).toBeGreaterThan(3);
      expect(own.slice(0, -1).every((chunk) => !("finish_reason" in chunk.choices[0]))).toBe(true);
      expect(own[own.length - 1].choices[0].finish_reason).toEqual(expect.any(String));
    }
    const last = chunks[chunks.length - 1];
    if (includeUsage) expect(last).toMatchObject({ choices: [], usage: expected.usage });
    else expect(chunks.some((chunk) => chunk.usage)).toBe(false);
  });

  it("streams tool calls OpenAI-style: id and name only on each call's first fragment, interleaved", () => {
    const chunks = chatStreamEvents(chatRequest("tools", { stream: true }))
      .slice(0, -1)
      .map((event) => JSON.parse(event.slice("data: ".length)) as ChatCompletionChunk);
    const fragments = chunks.flatMap((chunk) => chunk.choices[0].delta.tool_calls ?? []);
    const order = fragments.map((fragment) => fragment.index);
    expect(order.slice(0, 4)).toEqual([0, 1, 0, 1]);
    for (const index of [0, 1]) {
      const own = fragments.filter((fragment) => fragment.index === index);
      expect(own[0]).toMatchObject({ id: expect.any(String), type: "function" });
      expect(own[0].function.name).toEqual(expect.any(String));
      expect(own.slice(1).every((fragment) => !fragment.id && !fragment.function.name)).toBe(true);
    }
  });

  it.each([
    ["missing model", 422, { messages: [{ role: "user", content: "hi" }] }],
    ["missing messages", 422, { model: "grok-3" }],
    ["malformed JSON", 400, "{not json"],
  ])("rejects %s with %d in xAI's error shape", async (_name, status, body) => {
    const exchange = await send(server, "/v1/chat/completions", { body });
    expect(exchange.status).toBe(status);
    expectKeys(json(exchange), ["code", "error"]);
  });

  it("answers 404 in xAI's shape for an unknown path", async () => {
    const exchange = await send(server, "/v1/does-not-exist");
    expect(exchange.status).toBe(404);
    expect(json(exchange).code).toBe("Some requested entity was not found");
  });
});

describe("messages (Anthropic-compatible, removed by xAI)", () => {
  const request = {
    model: "grok-3-fast-latest",
    max_tokens: 100,
    messages: [{ role: "user", content: "reason, then use tools" }],
  };

  it("answers 410 Gone in xAI's error shape, as xAI does since 2026-02-20", async () => {
    const exchange = await send(server, "/v1/messages", { body: request });
    expect(exchange.status).toBe(410);
    expectKeys(json(exchange), ["code", "error"]);
    expect(json<{ error: string }>(exchange).error).toMatch(/removed/);
  });

  it("still builds the MessageResponse shape for tests that script it, thinking first and tool_use last", () => {
    const answer = messageAnswer(request);
    expectKeys(answer, [...MESSAGE_RESPONSE_KEYS, "stop_reason", "stop_sequence"]);
    expectKeys(answer.usage, MESSAGE_USAGE_KEYS);
    expect(answer.content.map((block) => block.type)).toEqual(["thinking", "text", "tool_use"]);
    expect(answer.stop_reason).toBe("tool_use");
    const plain = messageAnswer({ ...request, messages: [{ role: "user", content: "hi" }] });
    expect(plain.content).toEqual([{ type: "text", text: expect.stringContaining("hi") }]);
    expect(plain.stop_reason).toBe("end_turn");
  });
});

describe("image generations", () => {
  it("returns n url images by default", async () => {
    const exchange = await send(server, "/v1/images/generations", {
      body: { prompt: "a cat", n: 3 },
    });
    const { data } = json<{ data: { url: string; mime_type: string }[] }>(exchange);
    expect(data).toHaveLength(3);
    for (const image of data) {
      expect(image).toEqual({ url: expect.any(String), mime_type: "image/png" });
      expect(image.url.startsWith(`${server.media.origin}/`)).toBe(true);
    }
    expect(new Set(data.map((image) => image.url)).size).toBe(3);
  });

  it("returns b64_json images of the size asked for with size:<chars>", async () => {
    const exchange = await send(server, "/v1/images/generations", {
      body: { prompt: "a cat size:4000", response_format: "b64_json", n: 2 },
    });
    const { data } = json<{ data: { b64_json: string; url?: string }[] }>(exchange);
    expect(data.map((image) => image.b64_json.length)).toEqual([4000, 4000]);
    expect(data[0]).not.toHaveProperty("url");
    expect(Buffer.from(data[0].b64_json, "base64").subarray(1, 4).toString()).toBe("PNG");
  });

  it("rejects a missing prompt with 422 and n outside 1..10 with 400", async () => {
    const noPrompt = await send(server, "/v1/images/generations", { body: { n: 1 } });
    expect(noPrompt.status).toBe(422);
    const tooMany = await send(server, "/v1/images/generations", { body: { prompt: "x", n: 11 } });
    expect(tooMany.status).toBe(400);
    expectKeys(json(tooMany), ["code", "error"]);
  });
});

describe("scripted responses", () => {
  it("answers with the scripted status and headers, with xAI's error body, then behaves normally", async () => {
    server.script({ path: "/v1/models", status: 429, headers: { "Retry-After": "2" } });
    const limited = await send(server, "/v1/models");
    expect(limited.status).toBe(429);
    expect(limited.headers["retry-after"]).toBe("2");
    expect(json(limited).code).toBe("Some resource has been exhausted");
    expect((await send(server, "/v1/models")).status).toBe(200);
  });

  it("applies scripts FIFO to matching paths only and sends string bodies as is", async () => {
    server.script(
      { path: "/v1/chat/completions", status: 502, body: "<html>Bad gateway</html>" },
      { path: "/v1/chat/completions", status: 500 },
    );
    expect((await send(server, "/v1/models")).status).toBe(200);
    const first = await send(server, "/v1/chat/completions", { body: chatRequest("hi") });
    expect(first).toMatchObject({ status: 502, body: "<html>Bad gateway</html>" });
    expect(first.headers["content-type"]).toMatch(/^text\/html/);
    expect((await send(server, "/v1/chat/completions", { body: chatRequest("hi") })).status).toBe(
      500,
    );
    expect((await send(server, "/v1/chat/completions", { body: chatRequest("hi") })).status).toBe(
      200,
    );
  });

  it("sends sseChunks as separate writes", async () => {
    const sseChunks = ['data: {"a":', "1}\n\n", "data: [DONE]\n\n"];
    server.script({ sseChunks });
    const exchange = await send(server, "/v1/chat/completions", { body: chatRequest("hi") });
    expect(exchange.body).toBe(sseChunks.join(""));
    // Loopback may coalesce writes under load, but never into a single read for 1 ms gaps.
    expect(exchange.chunks).toBeGreaterThanOrEqual(2);
  });

  it("delays the normal answer by delayMs", async () => {
    server.script({ delayMs: 150 });
    const started = Date.now();
    const exchange = await send(server, "/v1/models");
    expect(exchange.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("hangs without answering (the client times out) and records the request", async () => {
    server.script({ hang: true });
    const exchange = await send(server, "/v1/models", { timeoutMs: 150 });
    expect(exchange.status).toBeUndefined();
    expect(exchange.error?.code).toBe("ETIMEDOUT");
    expect(server.requests).toHaveLength(1);
  });

  it("resets the connection before answering", async () => {
    server.script({ resetBeforeResponse: true });
    const exchange = await send(server, "/v1/chat/completions", { body: chatRequest("hi") });
    expect(exchange.status).toBeUndefined();
    expect(exchange.error?.code).toBe("ECONNRESET");
    expect(server.requests).toHaveLength(1);
  });

  it("cuts a normal streamed answer after resetAfterBytes body bytes", async () => {
    const request = chatRequest("hello", { stream: true });
    server.script({ resetAfterBytes: 300 });
    const exchange = await send(server, "/v1/chat/completions", { body: request });
    expect(exchange.status).toBe(200);
    expect(exchange.body).toBe(chatStreamEvents(request).join("").slice(0, 300));
    expect(exchange.error).toBeDefined();
  });
});

describe("request recording", () => {
  it("records method, raw path, query, headers and bodies in order, with x-request-id on every answer", async () => {
    const first = await send(server, "/v1/models?limit=2&order=desc");
    const second = await send(server, "/v1/chat/completions", { body: "{broken" });
    const third = await send(server, "/v1/chat/completions", { body: chatRequest("hi") });
    const ids = [first, second, third].map((exchange) => exchange.headers["x-request-id"]);
    expect(ids.every((id) => /^req_\d+$/.test(String(id)))).toBe(true);
    expect(new Set(ids).size).toBe(3);

    expect(server.requests.map(({ method, path }) => `${method} ${path}`)).toEqual([
      "GET /v1/models",
      "POST /v1/chat/completions",
      "POST /v1/chat/completions",
    ]);
    expect(server.requests[0].query).toEqual({ limit: "2", order: "desc" });
    expect(server.requests[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(server.requests[1]).toMatchObject({ rawBody: "{broken", body: undefined });
    expect(server.requests[2].body).toEqual(chatRequest("hi"));
    server.reset();
    expect(server.requests).toHaveLength(0);
  });
});
