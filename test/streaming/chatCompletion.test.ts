import { isDeepStrictEqual } from "node:util";
import { StreamCutOffError, XaiApiError } from "../../src/errors/classes";
import { xai } from "../../src/http/client";
import { ChatCompletionAssembler } from "../../src/streaming/chatCompletion";
import { postStreamed, readEvents } from "../../src/streaming/sse";
import { testConnection } from "../support/harness";
import { useReplyingServer } from "../support/tinyServer";
import { bodyOf, oneByteChunks, rejectionOf, twoPieces } from "./byteSources";

type Message = {
  role: string;
  content?: string;
  reasoning_content?: string;
  tool_calls?: unknown[];
};
type ChatCompletion = {
  choices: { index: number; message: Message; finish_reason?: string | null }[];
  usage?: unknown;
  [field: string]: unknown;
};

/** Feeds the SSE events of `body` to the chat assembler, as Create Chat Completion does. */
async function assembleChatStream(body: AsyncIterable<Buffer>): Promise<ChatCompletion> {
  const assembler = new ChatCompletionAssembler();
  for await (const event of readEvents(body)) {
    if (assembler.take(event)) return assembler.result() as ChatCompletion;
  }
  throw new Error("the stream ended before data: [DONE]");
}

/** Answers every request with `server.reply`. */
const server = useReplyingServer();

/** Streams `text` from the loopback server, then ends (or resets) the response. */
const serve = (text: string, ending: "end" | "reset" = "end") => {
  server.reply = (res) => {
    res.writeHead(200, { "content-type": "text/event-stream" });
    res.write(text, () => {
      if (ending === "end") res.end();
      else setTimeout(() => res.socket?.destroy(), 10);
    });
  };
};

/** Create Chat Completion's streamed request through the component's client. */
const postChat = () =>
  postStreamed(
    xai(testConnection(), undefined, { deadlineMs: 10_000 }),
    "/chat/completions",
    { stream: true },
    new ChatCompletionAssembler(),
  );

// A recorded-style xAI stream: n=2; choice 0 reasons then answers (with multi-byte characters),
// choice 1 makes two tool calls whose fragments interleave; a last chunk with `"choices": []` has usage.
const header = {
  id: "c7a1e7d2-5b8f-4f0e-9d61-3a2f0c1b9e44",
  object: "chat.completion.chunk",
  created: 1752000000,
  model: "grok-4-0709",
  system_fingerprint: "fp_3a7c1e",
};
const usage = {
  prompt_tokens: 31,
  completion_tokens: 58,
  total_tokens: 89,
  prompt_tokens_details: { text_tokens: 31, audio_tokens: 0, image_tokens: 0, cached_tokens: 6 },
  completion_tokens_details: {
    reasoning_tokens: 20,
    audio_tokens: 0,
    accepted_prediction_tokens: 0,
    rejected_prediction_tokens: 0,
  },
  num_sources_used: 0,
};
const choiceDelta = (index: number, delta: object, extra: object = {}) => ({
  index,
  delta,
  ...extra,
});
const chunk = (choices: object[], extra: object = {}) => ({ ...header, choices, ...extra });
const recordedChunks = [
  chunk([
    choiceDelta(0, { role: "assistant", content: "" }),
    choiceDelta(1, { role: "assistant", content: "" }),
  ]),
  chunk([choiceDelta(0, { reasoning_content: "The user wants " })]),
  chunk([
    choiceDelta(1, {
      tool_calls: [
        {
          index: 0,
          id: "call_weather",
          type: "function",
          function: { name: "get_weather", arguments: "" },
        },
      ],
    }),
  ]),
  chunk([choiceDelta(0, { reasoning_content: "a café tip ☕." })], { usage: null }),
  chunk([
    choiceDelta(1, {
      tool_calls: [
        {
          index: 1,
          id: "call_time",
          type: "function",
          function: { name: "get_time", arguments: '{"zone":' },
        },
      ],
    }),
  ]),
  chunk([
    choiceDelta(1, { tool_calls: [{ index: 0, function: { arguments: '{"city":"Zürich' } }] }),
  ]),
  chunk([choiceDelta(0, { content: "Try Café " })]),
  chunk([choiceDelta(1, { tool_calls: [{ index: 1, function: { arguments: '"CET"}' } }] })]),
  chunk([choiceDelta(0, { content: "Zoë — it's great 🎉" })]),
  chunk([choiceDelta(1, { tool_calls: [{ index: 0, function: { arguments: '"}' } }] })]),
  chunk([choiceDelta(0, { content: "!" }, { finish_reason: "stop" })]),
  chunk([choiceDelta(1, {}, { finish_reason: "tool_calls" })]),
  chunk([], { usage, citations: ["https://example.com/zurich-cafes"] }),
];

// What the same request returns without streaming, written out by hand.
const expectedCompletion: ChatCompletion = {
  id: "c7a1e7d2-5b8f-4f0e-9d61-3a2f0c1b9e44",
  object: "chat.completion",
  created: 1752000000,
  model: "grok-4-0709",
  choices: [
    {
      index: 0,
      message: {
        role: "assistant",
        content: "Try Café Zoë — it's great 🎉!",
        reasoning_content: "The user wants a café tip ☕.",
      },
      finish_reason: "stop",
    },
    {
      index: 1,
      message: {
        role: "assistant",
        tool_calls: [
          {
            id: "call_weather",
            type: "function",
            function: { name: "get_weather", arguments: '{"city":"Zürich"}' },
          },
          {
            id: "call_time",
            type: "function",
            function: { name: "get_time", arguments: '{"zone":"CET"}' },
          },
        ],
      },
      finish_reason: "tool_calls",
    },
  ],
  usage,
  system_fingerprint: "fp_3a7c1e",
  citations: ["https://example.com/zurich-cafes"],
};

const sse = (chunks: object[], end = "data: [DONE]\n\n"): string =>
  chunks.map((c) => `data: ${JSON.stringify(c)}\n\n`).join("") + end;

const recordedText = sse(recordedChunks);

describe("assembleChatStream", () => {
  it("returns the chat.completion the non-streamed call would return", async () => {
    const completion = await assembleChatStream(bodyOf(recordedText));
    expect(completion).toStrictEqual(expectedCompletion);
  });

  it("orders keys like the non-streamed response", async () => {
    const completion = await assembleChatStream(bodyOf(recordedText));
    expect(Object.keys(completion)).toEqual([
      "id",
      "object",
      "created",
      "model",
      "choices",
      "usage",
      "system_fingerprint",
      "citations",
    ]);
    expect(Object.keys(completion.choices[0])).toEqual(["index", "message", "finish_reason"]);
    expect(Object.keys(completion.choices[0].message)).toEqual([
      "role",
      "content",
      "reasoning_content",
    ]);
    expect(Object.keys(completion.choices[1].message)).toEqual(["role", "tool_calls"]);
  });

  it("gives the identical result however the bytes are split in two", async () => {
    const bytes = Buffer.from(recordedText, "utf8");
    for (let cut = 1; cut < bytes.length; cut++) {
      const completion = await assembleChatStream(twoPieces(bytes, cut));
      if (!isDeepStrictEqual(completion, expectedCompletion)) {
        // Report the first split that differs with a readable diff.
        expect({ cut, completion }).toStrictEqual({ cut, completion: expectedCompletion });
      }
    }
  });

  it("gives the identical result when every byte arrives on its own", async () => {
    expect(await assembleChatStream(oneByteChunks(recordedText))).toStrictEqual(expectedCompletion);
  });

  it("reads CRLF line endings, keep-alive comments and event/id fields", async () => {
    const decorated = recordedChunks
      .map((c, i) => `: ping\r\nid: ${i}\r\nevent: message\r\ndata: ${JSON.stringify(c)}\r\n\r\n`)
      .join("");
    const text = `: connected\r\n\r\n${decorated}: ping\r\n\r\ndata: [DONE]\r\n\r\n`;
    expect(await assembleChatStream(oneByteChunks(text))).toStrictEqual(expectedCompletion);
    expect(await assembleChatStream(bodyOf(text))).toStrictEqual(expectedCompletion);
  });

  it("leaves out fields that never arrived and merges logprobs only when sent", async () => {
    const plain = [
      chunk([choiceDelta(0, { role: "assistant", content: "Hi" })]),
      chunk([choiceDelta(0, { content: " there" }, { finish_reason: "stop" })]),
    ];
    const completion = await assembleChatStream(bodyOf(sse(plain)));
    expect(completion).toStrictEqual({
      id: header.id,
      object: "chat.completion",
      created: header.created,
      model: header.model,
      choices: [
        { index: 0, message: { role: "assistant", content: "Hi there" }, finish_reason: "stop" },
      ],
      system_fingerprint: header.system_fingerprint,
    });

    const token = (t: string) => ({ token: t, logprob: -0.1, top_logprobs: [] });
    const withLogprobs = [
      chunk([
        choiceDelta(
          0,
          { role: "assistant", content: "Hi" },
          { logprobs: { content: [token("Hi")] } },
        ),
      ]),
      chunk([
        choiceDelta(
          0,
          { content: "!" },
          { logprobs: { content: [token("!")] }, finish_reason: "stop" },
        ),
      ]),
    ];
    const scored = await assembleChatStream(bodyOf(sse(withLogprobs)));
    expect(scored.choices[0]).toStrictEqual({
      index: 0,
      message: { role: "assistant", content: "Hi!" },
      logprobs: { content: [token("Hi"), token("!")] },
      finish_reason: "stop",
    });
  });

  it("keeps an empty answer's content when no tool call stands for it", async () => {
    const empty = [
      chunk([choiceDelta(0, { role: "assistant", content: "" }, { finish_reason: "length" })]),
    ];
    const completion = await assembleChatStream(bodyOf(sse(empty)));
    expect(completion.choices[0].message).toStrictEqual({ role: "assistant", content: "" });
  });

  it("carries other top-level fields; the last non-null value wins", async () => {
    const chunks = [
      chunk([choiceDelta(0, { role: "assistant", content: "Done" })], {
        usage: null,
        service_tier: "default",
      }),
      chunk([choiceDelta(0, {}, { finish_reason: "stop" })], { citations: ["https://a.example"] }),
      chunk([], {
        usage,
        citations: ["https://a.example", "https://b.example"],
        output_files: [{ file_id: "file_1", name: "plot.png" }],
      }),
    ];
    const completion = await assembleChatStream(bodyOf(sse(chunks)));
    expect(completion.usage).toStrictEqual(usage);
    expect(completion.service_tier).toBe("default");
    expect(completion.citations).toStrictEqual(["https://a.example", "https://b.example"]);
    expect(completion.output_files).toStrictEqual([{ file_id: "file_1", name: "plot.png" }]);
  });

  it("merges tool calls that arrive whole, without an index, in separate chunks", async () => {
    const chunks = [
      chunk([
        choiceDelta(0, {
          role: "assistant",
          tool_calls: [
            { id: "call_1", type: "function", function: { name: "a", arguments: "{}" } },
          ],
        }),
      ]),
      chunk([
        choiceDelta(
          0,
          {
            tool_calls: [
              { id: "call_2", type: "function", function: { name: "b", arguments: '{"x":1}' } },
            ],
          },
          { finish_reason: "tool_calls" },
        ),
      ]),
    ];
    const completion = await assembleChatStream(bodyOf(sse(chunks)));
    expect(completion.choices[0].message.tool_calls).toStrictEqual([
      { id: "call_1", type: "function", function: { name: "a", arguments: "{}" } },
      { id: "call_2", type: "function", function: { name: "b", arguments: '{"x":1}' } },
    ]);
  });

  it("assembles 20,000 tool calls that arrive by id, each in its own chunk, in order", async () => {
    const calls = Array.from({ length: 20_000 }, (_, i) => ({
      id: `call_${i}`,
      type: "function",
      function: { name: "f", arguments: `{"i":${i}}` },
    }));
    const chunks = calls.map((call) => chunk([choiceDelta(0, { tool_calls: [call] })]));
    // Found by id in a map: scanning the calls so far for each fragment was quadratic.
    const completion = await assembleChatStream(bodyOf(sse(chunks)));
    expect(completion.choices[0].message.tool_calls).toStrictEqual(calls);
  });

  it("fails as cut off, with the received text and the partial answer, when the stream ends before [DONE]", async () => {
    serve(sse(recordedChunks.slice(0, 9), ""));
    const error = await rejectionOf(postChat());
    expect(error).toBeInstanceOf(StreamCutOffError);
    const cutOff = error as StreamCutOffError;
    const reasoning = "The user wants a café tip ☕.";
    const content = "Try Café Zoë — it's great 🎉";
    const args = '{"city":"Zürich{"zone":"CET"}';
    const characters = reasoning.length + content.length + args.length;
    expect(cutOff.message).toBe(
      `xAI's stream on POST /chat/completions was cut off after ${characters} characters, before ` +
        `data: [DONE]; the answer is incomplete and was not retried. Received so far: "${content}".`,
    );
    const partial = cutOff.partial as ChatCompletion;
    expect(partial.choices[0].message).toStrictEqual({
      role: "assistant",
      content,
      reasoning_content: reasoning,
    });
    expect(partial.choices[0]).not.toHaveProperty("finish_reason");
    // Usage came only as the null of an early chunk; the final usage chunk never arrived.
    expect(partial.usage).toBeNull();
  });

  it("says so when the stream is cut off before any text", async () => {
    serve(sse(recordedChunks.slice(0, 1), ""));
    const error = await rejectionOf(postChat());
    expect((error as Error).message).toBe(
      "xAI's stream on POST /chat/completions was cut off after 0 characters, before data: [DONE]; " +
        "the answer is incomplete and was not retried. No text had arrived yet.",
    );
    expect((error as StreamCutOffError).partial).toStrictEqual({
      id: header.id,
      object: "chat.completion",
      created: header.created,
      model: header.model,
      choices: [
        { index: 0, message: { role: "assistant", content: "" } },
        { index: 1, message: { role: "assistant", content: "" } },
      ],
      system_fingerprint: header.system_fingerprint,
    });
  });

  it("fails as cut off when everything but [DONE] arrived", async () => {
    serve(sse(recordedChunks, ""));
    await expect(postChat()).rejects.toThrow(StreamCutOffError);
  });

  it("fails as cut off when the connection drops mid-way", async () => {
    serve(sse(recordedChunks.slice(0, 7), ""), "reset");
    const error = await rejectionOf(postChat());
    expect(error).toBeInstanceOf(StreamCutOffError);
    expect((error as Error).message).toContain("cut off after");
    expect((error as Error).message).toContain('Received so far: "Try Café ');
  });

  it("quotes only the first 500 characters of a long cut-off answer", async () => {
    const long = `${"a".repeat(498)}🎉${"b".repeat(2000)}`;
    serve(sse([chunk([choiceDelta(0, { role: "assistant", content: long })])], ""));
    const error = await rejectionOf(postChat());
    expect((error as Error).message).toContain(`cut off after ${long.length} characters`);
    // The emoji straddles character 500 and is not split in half.
    expect((error as Error).message).toMatch(/Received so far: "a{498}…"\.$/);
  });

  it("fails with xAI's message, code, status and body for an error event", async () => {
    const errorEvent = {
      error: {
        message: "Service temporarily overloaded",
        type: "server_error",
        code: "overloaded",
        status: 503,
      },
    };
    serve(sse([recordedChunks[0], errorEvent]));
    const error = await rejectionOf(postChat());
    expect(error).toBeInstanceOf(XaiApiError);
    expect(error).not.toBeInstanceOf(StreamCutOffError);
    const streamError = error as XaiApiError;
    expect(streamError.message).toBe(
      "xAI reported an error in the stream: Service temporarily overloaded.",
    );
    expect(streamError.code).toBe("overloaded");
    expect(streamError.body).toStrictEqual(errorEvent);
  });

  it("quotes at most 400 characters of a huge error event", async () => {
    serve(sse([{ error: { message: `overloaded ${"x".repeat(1_000_000)}` } }]));
    const error = await rejectionOf(postChat());
    expect((error as Error).message).toMatch(
      /^xAI reported an error in the stream: overloaded x+…$/,
    );
    expect((error as Error).message.length).toBeLessThan(500);
  });

  it("reads the flat error shape and an `event: error` event", async () => {
    serve(sse([{ error: "Rate limit reached", code: "rate_limited" }]));
    await expect(postChat()).rejects.toMatchObject({
      message: "xAI reported an error in the stream: Rate limit reached.",
      code: "rate_limited",
    });
    serve("event: error\ndata: upstream went away\n\n");
    await expect(postChat()).rejects.toThrow(
      "xAI reported an error in the stream: upstream went away.",
    );
  });

  it("reports data that is not JSON as a malformed stream", async () => {
    serve(
      `data: ${JSON.stringify(recordedChunks[0])}\n\ndata: {"id": "x", choices\n\ndata: [DONE]\n\n`,
    );
    const error = await rejectionOf(postChat());
    expect(error).toBeInstanceOf(XaiApiError);
    expect((error as Error).message).toMatch(
      /^xAI's stream was malformed: an event's data is not a JSON object/,
    );
    serve("data: 42\n\ndata: [DONE]\n\n");
    await expect(postChat()).rejects.toThrow("malformed");
  });

  it("reports a stream with [DONE] but no chunk as malformed rather than an empty answer", async () => {
    serve("data: [DONE]\n\n");
    await expect(postChat()).rejects.toThrow("finished without sending any part of the answer");
  });

  it("returns a plain JSON answer as it is when xAI answers a streamed request without a stream", async () => {
    server.reply = (res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(expectedCompletion));
    };
    expect(await postChat()).toStrictEqual(expectedCompletion);
  });

  it("returns a large plain JSON answer whole, read within the body limit", async () => {
    const long: ChatCompletion = JSON.parse(JSON.stringify(expectedCompletion));
    long.choices[0].message.content = "x".repeat(300_000);
    server.reply = (res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(long));
    };
    expect(await postChat()).toStrictEqual(long);
  });

  it("refuses a plain JSON answer larger than the body limit without reading it", async () => {
    server.reply = (res) => {
      const size = 65 * 1024 * 1024;
      res.writeHead(200, { "content-type": "application/json", "content-length": size });
      res.write("{", () => setTimeout(() => res.socket?.destroy(), 50));
    };
    await expect(postChat()).rejects.toMatchObject({
      code: "LIMIT_EXCEEDED",
      message:
        "Reading xAI's answer to POST /chat/completions was refused: it is 65 MiB, larger than the 64 MiB limit.",
    });
  });

  it("fails with xAI's error when the plain JSON answer is an error", async () => {
    server.reply = (res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"code":"bad","error":"Model is busy"}');
    };
    await expect(postChat()).rejects.toThrow("Model is busy");
  });

  it("returns the assembled answer through the client, however it is sent", async () => {
    serve(recordedText);
    expect(await postChat()).toStrictEqual(expectedCompletion);
  });

  it("assembles a long stream of 20,000 chunks completely", async () => {
    const count = 20_000;
    async function* many(): AsyncGenerator<Buffer> {
      yield Buffer.from(
        `data: ${JSON.stringify(chunk([choiceDelta(0, { role: "assistant" })]))}\n\n`,
      );
      for (let i = 0; i < count; i++) {
        yield Buffer.from(
          `data: ${JSON.stringify(chunk([choiceDelta(0, { content: "wörd " })]))}\n\n`,
        );
      }
      yield Buffer.from("data: [DONE]\n\n");
    }
    const completion = await assembleChatStream(many());
    expect(completion.choices[0].message.content).toBe("wörd ".repeat(count));
  });
});
