import { Readable } from "node:stream";
import OpenAI from "openai";
import { ResponseAssembler } from "../../src/streaming/response";
import { readEvents } from "../../src/streaming/sse";
import { responseAnswer, responseStreamEvents } from "../server/xaiServer";
import { TEST_TOKEN, testConnection, useLocalXai } from "../support/harness";
import { type Loose, MODEL, run } from "./support";

const local = useLocalXai();
const connection = testConnection();

const create = (params: Record<string, unknown>) =>
  run("createResponse", { connection, model: MODEL, input: "Hello", ...params });

/** What the component adds to xAI's response. */
const withoutAdded = ({ output_text: _text, output_parsed: _parsed, ...rest }: Loose) => rest;

/** The openai SDK adds parsing helpers to what it assembles. */
const withoutSdkFields = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value), (key, field) =>
    ["output_parsed", "parsed", "parsed_arguments", "output_text"].includes(key)
      ? undefined
      : field,
  );

const rejection = async (promise: Promise<unknown>): Promise<Loose> => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the step to fail");
};

/** Assembles `bytes` arriving in two network chunks split at byte `cut`. */
async function assembleSplit(bytes: Buffer, cut: number): Promise<unknown> {
  const assembler = new ResponseAssembler();
  const body = Readable.from([bytes.subarray(0, cut), bytes.subarray(cut)]);
  for await (const event of readEvents(body)) {
    if (assembler.take(event)) return assembler.result();
  }
  throw new Error(`no final snapshot with the cut at byte ${cut}`);
}

// The inputs of a search answer: server-side tool calls, citations, multi-byte text.
const SEARCH_INPUTS = {
  input: "Café ☕ news 🎉",
  webSearch: "true",
  xSearch: "true",
  codeExecution: "true",
};
const SEARCH_BODY = {
  model: MODEL,
  input: SEARCH_INPUTS.input,
  tools: [{ type: "web_search" }, { type: "x_search" }, { type: "code_interpreter" }],
  store: true,
};

describe("Create Response with Stream on", () => {
  it("returns what the plain call returns, and what the openai SDK assembles from the same bytes", async () => {
    const plain = await create(SEARCH_INPUTS);
    const streamed = await create({ ...SEARCH_INPUTS, stream: "true" });
    expect(local.server.requests[1]?.body).toEqual({ ...SEARCH_BODY, stream: true });
    expect(streamed).toEqual(plain);
    expect(withoutAdded(streamed)).toEqual(responseAnswer(SEARCH_BODY));
    expect(streamed.output.map((item: Loose) => item.type)).toEqual([
      "web_search_call",
      "x_search_call",
      "code_interpreter_call",
      "message",
    ]);
    expect(streamed.output[3].content[0].annotations.length).toBeGreaterThan(0);

    // The same bytes, served to the openai SDK by the same local server.
    local.server.script({ path: "/v1/responses", sseChunks: responseStreamEvents(SEARCH_BODY) });
    const openai = new OpenAI({ apiKey: TEST_TOKEN, baseURL: local.server.baseUrl, maxRetries: 0 });
    const oracle = await openai.responses.stream(SEARCH_BODY as never).finalResponse();
    expect(withoutAdded(streamed)).toEqual(withoutSdkFields(oracle));
  });

  it('honours "stream" in Additional Fields like the Stream input, either way', async () => {
    const plain = await create({});
    const streamed = await create({ additionalFields: '{"stream": true}' });
    expect(local.server.requests[1]?.body).toMatchObject({ stream: true });
    expect(streamed).toEqual(plain);
    // Merged last, "stream": false turns the Stream input off.
    expect(await create({ stream: "true", additionalFields: '{"stream": false}' })).toEqual(plain);
    expect(local.server.requests[2]?.body).toMatchObject({ stream: false });
  });

  it("assembles function calls and JSON Schema answers like the plain call", async () => {
    const tools = '[{"type": "function", "name": "lookup", "parameters": {"type": "object"}}]';
    const calls = { input: 'CALL lookup {"q": "a long argument string"}', functionTools: tools };
    expect(await create({ ...calls, stream: "true" })).toEqual(await create(calls));
    const schema = {
      jsonSchema:
        '{"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}',
    };
    const parsed = await create({ ...schema, stream: "true" });
    expect(parsed).toEqual(await create(schema));
    expect(typeof parsed.output_parsed.city).toBe("string");
  });

  it("assembles the same response wherever the bytes are split", async () => {
    const body = { model: MODEL, input: "Zoë's café ☕ — déjà vu 🎉", store: true };
    const bytes = Buffer.from(responseStreamEvents(body).join(""), "utf8");
    const expected = responseAnswer(body);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const assembled = await assembleSplit(bytes, cut);
      if (JSON.stringify(assembled) !== JSON.stringify(expected)) {
        expect({ cut, assembled }).toEqual({ cut, assembled: expected });
      }
    }
  });

  it("reads text deltas with escapes exactly, whatever their layout, for a cut-off's text", async () => {
    const pieces = ['say "hi" ', "back\\slash \\n ", "tab\t ☕ \u00e9 ", "end"];
    const frames = pieces.map((delta, index) => {
      const event =
        index === 2
          ? { item_id: "msg_1", delta, type: "response.output_text.delta" }
          : { type: "response.output_text.delta", item_id: "msg_1", output_index: 0, delta };
      return `event: response.output_text.delta\ndata: ${JSON.stringify(event)}\n\n`;
    });
    const assembler = new ResponseAssembler();
    for await (const event of readEvents(Readable.from([Buffer.from(frames.join(""))]))) {
      expect(assembler.take(event)).toBe(false);
    }
    const { characters, text, partial } = assembler.progress() as Loose;
    expect(text).toBe(pieces.join(""));
    expect(characters).toBe(pieces.join("").length);
    expect(partial.output[0].content[0].text).toBe(pieces.join(""));
  });

  it("returns an incomplete or failed response as its final snapshot says", async () => {
    const incomplete = await create({ input: "INCOMPLETE", stream: "true" });
    expect(incomplete).toEqual(await create({ input: "INCOMPLETE" }));
    expect(incomplete.status).toBe("incomplete");
    const failed = await create({ input: "FAIL_RESPONSE", stream: "true" });
    expect(failed.status).toBe("failed");
    expect(failed).toEqual(await create({ input: "FAIL_RESPONSE" }));
  });

  it("fails a stream cut off before its final snapshot, with how much text arrived", async () => {
    const events = responseStreamEvents({ model: MODEL, input: "long:40", store: true });
    const beforeEnd = events.filter((event) => !event.startsWith("event: response.completed"));
    const deltas = events.filter((event) => event.includes("response.output_text.delta"));
    local.server.script({ path: "/v1/responses", sseChunks: beforeEnd.slice(0, 2 + 3 + 20) });
    const error = await rejection(create({ input: "long:40", stream: "true" }));
    expect(error.name).toBe("StreamCutOffError");
    expect(error.message).toMatch(
      /^xAI's stream on POST \/responses was cut off after \d+ characters, before response\.completed; the answer is incomplete and was not retried\. Received so far: "/,
    );
    expect(deltas.length).toBe(40);
    const partial = error.partial;
    expect(partial.status).toBe("incomplete");
    expect(partial.output[0].status).toBe("incomplete");
    expect(error.message).toContain(partial.output[0].content[0].text);

    // A `[DONE]` without the final snapshot is a cut too; so is a broken connection.
    local.server.script({ path: "/v1/responses", sseChunks: [...beforeEnd, "data: [DONE]\n\n"] });
    const done = await rejection(create({ input: "long:40", stream: "true" }));
    expect(done.name).toBe("StreamCutOffError");
    expect(done.partial.output[0].status).toBe("completed");
    local.server.script({ path: "/v1/responses", resetAfterBytes: 3000 });
    const reset = await rejection(create({ input: "long:40", stream: "true" }));
    expect(reset.name).toBe("StreamCutOffError");
    // Never retried: xAI had accepted the generation.
    expect(local.server.requests.filter((request) => request.method === "POST")).toHaveLength(3);
  });

  it("fails with xAI's message when the stream sends an error event", async () => {
    const error = await rejection(create({ input: "FAIL_STREAM", stream: "true" }));
    expect(error.name).toBe("XaiApiError");
    expect(error.message).toBe(
      "xAI reported an error in the stream: The stream was interrupted by the local xAI test server (FAIL_STREAM).",
    );
    expect(error.code).toBe("server_error");
  });

  it("returns a plain JSON answer to a streamed request as it is", async () => {
    local.server.script({ path: "/v1/responses", body: responseAnswer(SEARCH_BODY) });
    const data = await create({ ...SEARCH_INPUTS, stream: "true" });
    expect(withoutAdded(data)).toEqual(responseAnswer(SEARCH_BODY));
    expect(data.output_text).toBe(data.output[3].content[0].text);
  });
});
