import Ajv2020 from "ajv/dist/2020";
import OpenAI from "openai";
import type { ModelResponse } from "./server/responseTypes";
import {
  responseAnswer,
  responseStreamEventObjects,
  responseStreamEvents,
  startXaiServer,
  type XaiServer,
} from "./server/xaiServer";
import { requestBodyErrors, responseBodyErrors } from "./support/openapi";

const TOKEN = "xai-test-key-0123456789wxyz";
const HEADERS = { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" };
const MODEL = "grok-4.3";

let server: XaiServer;

beforeAll(async () => {
  server = await startXaiServer();
});

afterEach(() => server.reset());

afterAll(() => server.close());

interface Answer {
  status: number;
  contentType: string;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: test assertions read arbitrary JSON paths
  json: any;
}

async function call(method: string, path: string, body?: unknown): Promise<Answer> {
  const response = await fetch(`${server.origin}${path}`, {
    method,
    headers: HEADERS,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const contentType = response.headers.get("content-type") ?? "";
  const json = contentType.includes("json") ? JSON.parse(text) : undefined;
  return { status: response.status, contentType, text, json };
}

const create = (body: unknown) => call("POST", "/v1/responses", body);

function client(): OpenAI {
  return new OpenAI({ baseURL: server.baseUrl, apiKey: "x", maxRetries: 0 });
}

/** The SDK adds parsing helpers (`output_parsed`, `parsed`, `parsed_arguments`) to what it assembles. */
function withoutSdkFields(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (key, field) =>
    ["output_parsed", "parsed", "parsed_arguments", "output_text"].includes(key)
      ? undefined
      : field,
  );
}

function expectValidResponse(body: unknown, path = "/v1/responses", method = "POST"): void {
  expect(responseBodyErrors(method, path, 200, body)).toEqual([]);
}

/** Parses raw SSE text into [event name, data] pairs. */
function sseEvents(text: string): { event: string; data: Record<string, unknown> }[] {
  return text
    .split("\n\n")
    .filter((block) => block.trim() !== "")
    .map((block) => {
      const lines = block.split("\n");
      const event = lines.find((line) => line.startsWith("event: "))?.slice(7) ?? "";
      const data = lines.find((line) => line.startsWith("data: "))?.slice(6) ?? "null";
      return { event, data: JSON.parse(data) };
    });
}

async function streamed(body: Record<string, unknown>) {
  return client()
    .responses.stream(body as unknown as Parameters<OpenAI["responses"]["stream"]>[0])
    .finalResponse();
}

const WEATHER_TOOL = {
  type: "function",
  name: "get_weather",
  description: "Current weather for a city",
  parameters: {
    type: "object",
    properties: { city: { type: "string" }, unit: { type: "string", enum: ["c", "f"] } },
    required: ["city"],
  },
};

describe("POST /v1/responses", () => {
  it("answers a string input with one message, as the OpenAPI description says", async () => {
    const body = { model: MODEL, input: "What is 101*3?" };
    expect(requestBodyErrors("POST", "/v1/responses", body)).toEqual([]);
    const answer = await create(body);
    expect(answer.status).toBe(200);
    expectValidResponse(answer.json);
    expect(answer.json).toEqual(responseAnswer(body));
    const response: ModelResponse = answer.json;
    expect(response).toMatchObject({ object: "response", status: "completed", model: MODEL });
    expect(response.output).toHaveLength(1);
    expect(response.output[0]).toMatchObject({ type: "message", role: "assistant" });
    const message = response.output[0];
    if (message.type !== "message") throw new Error("expected a message");
    expect(message.content[0].text).toContain('You said: "What is 101*3?"');
    expect(response.usage?.output_tokens).toBeGreaterThan(0);
    expect(response.usage?.total_tokens).toBe(
      (response.usage?.input_tokens ?? 0) + (response.usage?.output_tokens ?? 0),
    );
  });

  it("reads message items with input_text and input_image parts and instructions", async () => {
    const body = {
      model: MODEL,
      instructions: "Be brief.",
      input: [
        {
          role: "user",
          content: [
            { type: "input_text", text: "Describe this picture" },
            { type: "input_image", image_url: "https://example.com/a.png" },
          ],
        },
      ],
    };
    expect(requestBodyErrors("POST", "/v1/responses", body)).toEqual([]);
    const answer = await create(body);
    expectValidResponse(answer.json);
    expect(answer.json.instructions).toBe("Be brief.");
    expect(answer.json.usage.input_tokens).toBeGreaterThan(256);
    expect(answer.json.output[0].content[0].text).toContain("Describe this picture");
  });

  it("streams OpenAI-style typed events that the openai SDK assembles into the JSON answer", async () => {
    const body = { model: MODEL, input: "Tell me something long:40" };
    const json = (await create(body)).json;
    const raw = await create({ ...body, stream: true });
    expect(raw.contentType).toContain("text/event-stream");
    const events = sseEvents(raw.text);
    expect(raw.text).toBe(responseStreamEvents({ ...body, stream: true }).join(""));
    events.forEach(({ event, data }, index) => {
      expect(data.type).toBe(event);
      expect(data.sequence_number).toBe(index);
    });
    const types = events.map(({ event }) => event);
    expect(types.slice(0, 4)).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.content_part.added",
    ]);
    expect(types.filter((type) => type === "response.output_text.delta").length).toBe(40);
    expect(types.slice(-4)).toEqual([
      "response.output_text.done",
      "response.content_part.done",
      "response.output_item.done",
      "response.completed",
    ]);
    expect(events.at(-1)?.data.response).toEqual(json);
    expectValidResponse(events[0].data.response);
    expect(withoutSdkFields(await streamed(body))).toEqual(json);
  });

  it("runs server-side tools first: call items, url_citation annotations and citations", async () => {
    const body = {
      model: MODEL,
      input: "Latest news about Grok",
      tools: [
        { type: "web_search" },
        { type: "x_search" },
        { type: "code_interpreter" },
        { type: "file_search", vector_store_ids: ["collection_1"] },
        { type: "mcp", server_label: "docs", server_url: "https://mcp.example.com" },
      ],
    };
    expect(requestBodyErrors("POST", "/v1/responses", body)).toEqual([]);
    const answer = await create(body);
    expectValidResponse(answer.json);
    const types = answer.json.output.map((item: { type: string }) => item.type);
    expect(types).toEqual([
      "web_search_call",
      "x_search_call",
      "code_interpreter_call",
      "file_search_call",
      "mcp_call",
      "message",
    ]);
    const { text, annotations } = answer.json.output[5].content[0];
    expect(answer.json.citations.length).toBeGreaterThan(1);
    expect(annotations.map((a: { url: string }) => a.url)).toEqual(answer.json.citations);
    for (const annotation of annotations) {
      expect(annotation.type).toBe("url_citation");
      expect(text.slice(annotation.start_index, annotation.end_index)).toContain(annotation.url);
    }
    expect(answer.json.usage.num_server_side_tools_used).toBe(5);
    expect(answer.json.usage.server_side_tool_usage_details.web_search_calls).toBe(1);
    expect(withoutSdkFields(await streamed(body))).toEqual(answer.json);
  });

  it("answers CALL / CALL_RAW directives with function_call items when function tools are offered", async () => {
    const input = 'Use tools.\nCALL get_weather {"city": "Paris"}\nCALL_RAW get_weather not json';
    const body = { model: MODEL, input, tools: [WEATHER_TOOL] };
    const answer = await create(body);
    expectValidResponse(answer.json);
    expect(answer.json.output).toHaveLength(2);
    expect(answer.json.output[0]).toMatchObject({
      type: "function_call",
      name: "get_weather",
      arguments: '{"city":"Paris"}',
    });
    expect(answer.json.output[1].arguments).toBe("not json");
    expect(answer.json.output[0].call_id).not.toBe(answer.json.output[1].call_id);
    expect(withoutSdkFields(await streamed(body))).toEqual(answer.json);
    // Without function tools the directive is just text.
    const plain = await create({ model: MODEL, input });
    expect(plain.json.output[0].type).toBe("message");
  });

  it("quotes every function_call_output sent back (stateless and with previous_response_id)", async () => {
    const first = await create({
      model: MODEL,
      input: 'CALL get_weather {"city": "Oslo"}',
      tools: [WEATHER_TOOL],
    });
    const callId = first.json.output[0].call_id;
    const output = { type: "function_call_output", call_id: callId, output: '{"temp": -3}' };
    const chained = await create({
      model: MODEL,
      previous_response_id: first.json.id,
      input: [output],
      tools: [WEATHER_TOOL],
    });
    expectValidResponse(chained.json);
    expect(chained.json.previous_response_id).toBe(first.json.id);
    expect(chained.json.output[0].content[0].text).toContain(
      `get_weather (${callId}) returned: {"temp": -3}`,
    );
    const stateless = await create({
      model: MODEL,
      input: [
        { role: "user", content: 'CALL get_weather {"city": "Oslo"}' },
        first.json.output[0],
        output,
      ],
      tools: [WEATHER_TOOL],
    });
    expect(stateless.json.output[0].content[0].text).toContain('returned: {"temp": -3}');
  });

  it("keeps calling the first tool for CHAIN <n>, across a previous_response_id chain", async () => {
    let response = (
      await create({ model: MODEL, input: "Look it up. CHAIN 3", tools: [WEATHER_TOOL] })
    ).json;
    const callIds: string[] = [];
    while (response.output[0].type === "function_call") {
      expect(response.output[0].name).toBe("get_weather");
      expect(JSON.parse(response.output[0].arguments)).toHaveProperty("city");
      callIds.push(response.output[0].call_id);
      const result = `result ${callIds.length}`;
      response = (
        await create({
          model: MODEL,
          previous_response_id: response.id,
          input: [
            { type: "function_call_output", call_id: response.output[0].call_id, output: result },
          ],
          tools: [WEATHER_TOOL],
        })
      ).json;
      expect(callIds.length).toBeLessThanOrEqual(3);
    }
    expect(new Set(callIds).size).toBe(3);
    const text = response.output[0].content[0].text;
    for (const n of [1, 2, 3]) expect(text).toContain(`result ${n}`);
  });

  it("produces JSON that conforms to text.format's json_schema, or breaks it for NONCONFORMING", async () => {
    const schema = {
      type: "object",
      properties: {
        category: { type: "string", enum: ["billing", "technical", "other"] },
        summary: { type: "string", maxLength: 30 },
        score: { type: "number", minimum: 0, maximum: 1 },
        urgent: { type: "boolean" },
        tags: { type: "array", items: { type: "string" } },
        contact: { $ref: "#/$defs/contact" },
      },
      required: ["category", "summary", "score", "urgent", "tags", "contact"],
      additionalProperties: false,
      $defs: {
        contact: {
          type: "object",
          properties: { email: { type: "string", format: "email" }, age: { type: "integer" } },
          required: ["email"],
        },
      },
    };
    const format = { type: "json_schema", name: "ticket", schema, strict: true };
    const validate = new Ajv2020({ strict: false, validateFormats: false }).compile(schema);
    const body = { model: MODEL, input: "My app crashes: a technical problem", text: { format } };
    expect(requestBodyErrors("POST", "/v1/responses", body)).toEqual([]);
    const answer = await create(body);
    expectValidResponse(answer.json);
    const value = JSON.parse(answer.json.output[0].content[0].text);
    expect(validate(value)).toBe(true);
    expect(value.category).toBe("technical");
    expect(value.tags).toHaveLength(1);
    const first = JSON.parse(
      (await create({ ...body, input: "Classify this" })).json.output[0].content[0].text,
    );
    expect(first.category).toBe("billing");
    const broken = await create({ ...body, input: "NONCONFORMING please" });
    expect(validate(JSON.parse(broken.json.output[0].content[0].text))).toBe(false);
    expect(withoutSdkFields(await streamed(body))).toEqual(answer.json);
  });

  it("reports a background response as queued, in_progress, then completed on successive GETs", async () => {
    const body = { model: MODEL, input: "Take your time", background: true };
    const queued = await create(body);
    expectValidResponse(queued.json);
    expect(queued.json).toMatchObject({ status: "queued", background: true, output: [] });
    const path = `/v1/responses/${queued.json.id}`;
    const statuses: string[] = [];
    let last: Answer | undefined;
    for (let poll = 0; poll < 4; poll++) {
      last = await call("GET", path);
      expectValidResponse(last.json, "/v1/responses/{response_id}", "GET");
      statuses.push(last.json.status);
    }
    expect(statuses).toEqual(["queued", "in_progress", "completed", "completed"]);
    expect(last?.json.output[0].content[0].text).toContain("Take your time");
    expect(last?.json.usage.output_tokens).toBeGreaterThan(0);
  });

  it("stores responses for GET and DELETE, and 404s like xAI for unknown ids", async () => {
    const created = (await create({ model: MODEL, input: "Remember me" })).json;
    const path = `/v1/responses/${created.id}`;
    expect((await call("GET", path)).json).toEqual(created);
    const deleted = await call("DELETE", path);
    expect(deleted.status).toBe(200);
    expect(deleted.json).toEqual({ id: created.id, object: "response", deleted: true });
    expect(responseBodyErrors("DELETE", "/v1/responses/{response_id}", 200, deleted.json)).toEqual(
      [],
    );
    for (const method of ["GET", "DELETE"]) {
      const missing = await call(method, path);
      expect(missing.status).toBe(404);
      expect(missing.json).toEqual({
        code: "Some requested entity was not found",
        error: expect.stringContaining(created.id),
      });
    }
    const unstored = (await create({ model: MODEL, input: "Forget me", store: false })).json;
    expect(unstored.store).toBe(false);
    expect((await call("GET", `/v1/responses/${unstored.id}`)).status).toBe(404);
    const unknown = await create({ model: MODEL, input: "Hi", previous_response_id: "nope" });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error).toContain("nope");
  });

  it("continues a conversation with previous_response_id, keeping the instructions", async () => {
    const first = (await create({ model: MODEL, instructions: "Speak like a pirate", input: "Hi" }))
      .json;
    const second = await create({
      model: MODEL,
      previous_response_id: first.id,
      input: "And then?",
    });
    expectValidResponse(second.json);
    expect(second.json.instructions).toBe("Speak like a pirate");
    expect(second.json.usage.input_tokens_details.cached_tokens).toBeGreaterThan(0);
    const both = await create({
      model: MODEL,
      previous_response_id: first.id,
      instructions: "Other",
      input: "x",
    });
    expect(both.status).toBe(400);
    expect(both.json.code).toBe("Client specified an invalid argument");
    expect(both.json.error).toContain("previous_response_id");
  });

  it("validates like xAI: missing fields, bad JSON, wrong method, missing key", async () => {
    const noModel = await create({ input: "Hi" });
    expect(noModel.status).toBe(422);
    expect(noModel.json.error).toContain("missing field `model`");
    const noInput = await create({ model: MODEL });
    expect(noInput.status).toBe(422);
    expect(noInput.json.error).toContain("missing field `input`");
    expect((await create({ model: MODEL, input: [] })).status).toBe(400);
    const badJson = await fetch(`${server.baseUrl}/responses`, {
      method: "POST",
      headers: HEADERS,
      body: "{",
    });
    expect(badJson.status).toBe(400);
    expect((await call("GET", "/v1/responses")).status).toBe(405);
    const anonymous = await fetch(`${server.baseUrl}/responses`, { method: "POST", body: "{}" });
    expect(anonymous.status).toBe(401);
  });

  it("ends with response.incomplete for INCOMPLETE and max_output_tokens", async () => {
    const body = { model: MODEL, input: "Write a lot INCOMPLETE" };
    const answer = await create(body);
    expectValidResponse(answer.json);
    expect(answer.json).toMatchObject({
      status: "incomplete",
      incomplete_details: { reason: "max_output_tokens" },
      completed_at: null,
    });
    const events = responseStreamEventObjects(body);
    expect(events.at(-1)).toMatchObject({ type: "response.incomplete", response: answer.json });
    // The SDK only takes the final snapshot from response.completed; its assembled text matches.
    const sdk = await streamed(body);
    expect(sdk.output[0]).toMatchObject({
      content: [{ text: answer.json.output[0].content[0].text }],
    });
    const capped = await create({ model: MODEL, input: "long:50", max_output_tokens: 3 });
    expect(capped.json.status).toBe("incomplete");
    expect(capped.json.output[0].content[0].text.split(" ")).toHaveLength(3);
  });

  it("breaks the stream with an error event for FAIL_STREAM, and fails for FAIL_RESPONSE", async () => {
    const raw = await create({ model: MODEL, input: "long:30 FAIL_STREAM", stream: true });
    const events = sseEvents(raw.text);
    const last = events.at(-1);
    expect(last?.event).toBe("error");
    expect(last?.data).toMatchObject({ type: "error", code: "server_error" });
    expect(typeof last?.data.message).toBe("string");
    expect(events.some(({ event }) => event === "response.output_text.delta")).toBe(true);
    expect(events.some(({ event }) => event === "response.completed")).toBe(false);
    // The openai SDK rejects with the error event itself.
    await expect(streamed({ model: MODEL, input: "FAIL_STREAM" })).rejects.toMatchObject({
      type: "error",
      code: "server_error",
    });

    const failed = await create({ model: MODEL, input: "FAIL_RESPONSE" });
    expectValidResponse(failed.json);
    expect(failed.json).toMatchObject({ status: "failed", error: { code: "server_error" } });
    const failedEvents = sseEvents(
      (await create({ model: MODEL, input: "FAIL_RESPONSE", stream: true })).text,
    );
    expect(failedEvents.at(-1)?.event).toBe("response.failed");
  });
});

describe("embeddings, tokenizer and API key", () => {
  const norm = (vector: number[]) => Math.hypot(...vector);

  it("embeds strings into deterministic unit vectors, honouring dimensions and base64", async () => {
    const body = { model: "v1", input: "query: grok" };
    expect(
      requestBodyErrors("POST", "/v1/embeddings", { ...body, input: { String: "x" } }),
    ).toEqual([]);
    const single = await call("POST", "/v1/embeddings", body);
    expect(single.status).toBe(200);
    expect(responseBodyErrors("POST", "/v1/embeddings", 200, single.json)).toEqual([]);
    expect(single.json).toMatchObject({ object: "list", model: "v1", data: [{ index: 0 }] });
    const vector: number[] = single.json.data[0].embedding;
    expect(vector).toHaveLength(1024);
    expect(norm(vector)).toBeCloseTo(1, 5);
    expect((await call("POST", "/v1/embeddings", body)).json).toEqual(single.json);

    const many = await call("POST", "/v1/embeddings", {
      model: "grok-embedding-small",
      input: ["a", "b", "a"],
      dimensions: 8,
    });
    const vectors: number[][] = many.json.data.map(
      (entry: { embedding: number[] }) => entry.embedding,
    );
    expect(vectors.map((entry) => entry.length)).toEqual([8, 8, 8]);
    expect(vectors[0]).toEqual(vectors[2]);
    expect(vectors[0]).not.toEqual(vectors[1]);
    expect(norm(vectors[1])).toBeCloseTo(1, 5);
    expect(many.json.usage).toEqual({ prompt_tokens: 3, total_tokens: 3 });

    const encoded = await call("POST", "/v1/embeddings", {
      ...body,
      dimensions: 4,
      encoding_format: "base64",
    });
    const bytes = Buffer.from(encoded.json.data[0].embedding, "base64");
    const floats = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
    expect([...floats].map((value) => Number(value.toFixed(6)))).toEqual(
      (await call("POST", "/v1/embeddings", { ...body, dimensions: 4 })).json.data[0].embedding.map(
        (value: number) => Number(value.toFixed(6)),
      ),
    );
    expect(floats).toHaveLength(4);
  });

  it("rejects bad embedding requests like xAI", async () => {
    expect((await call("POST", "/v1/embeddings", { input: "x" })).status).toBe(422);
    expect((await call("POST", "/v1/embeddings", { model: "v1" })).status).toBe(422);
    expect((await call("POST", "/v1/embeddings", { model: "v1", input: [] })).status).toBe(400);
    const tooBig = await call("POST", "/v1/embeddings", {
      model: "v1",
      input: "x",
      dimensions: 5000,
    });
    expect(tooBig.status).toBe(400);
    const unknown = await call("POST", "/v1/embeddings", { model: "nope", input: "x" });
    expect(unknown.status).toBe(404);
    expect(unknown.json.code).toBe("Some requested entity was not found");
  });

  it("lists embedding models and finds one by id or alias", async () => {
    const list = await call("GET", "/v1/embedding-models");
    expect(responseBodyErrors("GET", "/v1/embedding-models", 200, list.json)).toEqual([]);
    expect(list.json.models.map((model: { id: string }) => model.id)).toEqual([
      "v1",
      "grok-embedding-small",
    ]);
    const one = await call("GET", "/v1/embedding-models/grok-embedding-small-latest");
    expect(responseBodyErrors("GET", "/v1/embedding-models/{model_id}", 200, one.json)).toEqual([]);
    expect(one.json.id).toBe("grok-embedding-small");
    expect((await call("GET", "/v1/embedding-models/nope")).status).toBe(404);
  });

  it("tokenizes text into tokens that concatenate back to it", async () => {
    const body = { text: "Hello world!", model: MODEL };
    expect(requestBodyErrors("POST", "/v1/tokenize-text", body)).toEqual([]);
    const answer = await call("POST", "/v1/tokenize-text", body);
    expect(responseBodyErrors("POST", "/v1/tokenize-text", 200, answer.json)).toEqual([]);
    const tokens = answer.json.token_ids;
    expect(tokens.map((token: { string_token: string }) => token.string_token)).toEqual([
      "Hello",
      " world",
      "!",
    ]);
    expect(tokens[1].token_bytes).toEqual([32, 119, 111, 114, 108, 100]);
    const again = await call("POST", "/v1/tokenize-text", {
      text: "Hello   wörld \n",
      model: MODEL,
    });
    const joined = again.json.token_ids.map(
      (token: { string_token: string }) => token.string_token,
    );
    expect(joined.join("")).toBe("Hello   wörld \n");
    expect((await call("POST", "/v1/tokenize-text", { model: MODEL })).status).toBe(422);
  });

  it("describes the API key, echoing its first and last 4 characters", async () => {
    const answer = await call("GET", "/v1/api-key");
    expect(answer.status).toBe(200);
    expect(responseBodyErrors("GET", "/v1/api-key", 200, answer.json)).toEqual([]);
    expect(answer.json).toMatchObject({
      redacted_api_key: `${TOKEN.slice(0, 4)}...${TOKEN.slice(-4)}`,
      api_key_blocked: false,
      api_key_disabled: false,
      team_blocked: false,
    });
    expect(answer.json.acls.length).toBeGreaterThan(0);
    expect((await call("POST", "/v1/api-key", {})).status).toBe(405);
  });
});
