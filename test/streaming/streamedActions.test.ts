import { harness, testConnection, useLocalXai } from "../support/harness";

const local = useLocalXai();
const connection = testConnection();
const CHAT = "/v1/chat/completions";

const chat = (text: string, params: Record<string, unknown> = {}) => ({
  connection,
  model: "grok-4.3",
  messages: JSON.stringify([{ role: "user", content: text }]),
  ...params,
});

const dataOf = async (action: string, params: Record<string, unknown>) =>
  ((await harness.action(action, params)) as { data: unknown }).data;

describe("Create Chat Completion with Stream on", () => {
  it("asks for a stream with usage and returns one chat.completion", async () => {
    const data = await dataOf("createChatCompletion", chat("Hello", { stream: "true" }));
    expect(local.server.requests[0].body).toEqual({
      model: "grok-4.3",
      messages: [{ role: "user", content: "Hello" }],
      temperature: 1,
      top_p: 1,
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(data).toMatchObject({
      object: "chat.completion",
      usage: { total_tokens: expect.any(Number) },
    });
  });

  it.each([
    ["text", "Hello there", {}],
    ["reasoning", "Please reason about this", {}],
    ["two parallel tool calls", "Use your tools", {}],
    ["reasoning, tools and citations", "reason with tools and cite sources", {}],
    ["n: 2", "Two answers please", { additionalFields: '{"n": 2}' }],
  ])("returns exactly what the non-streamed call returns: %s", async (_case, text, extra) => {
    const plain = await dataOf("createChatCompletion", chat(text, extra));
    const streamed = await dataOf("createChatCompletion", chat(text, { ...extra, stream: "true" }));
    expect(streamed).toEqual(plain);
  });

  it("gives the same answer however the stream is split across network writes", async () => {
    const events = [
      { choices: [{ index: 0, delta: { role: "assistant", content: "Olá, " } }] },
      { choices: [{ index: 0, delta: { content: "café ☕" }, finish_reason: "stop" }] },
      { choices: [], usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 } },
    ].map(
      (event) =>
        `data: ${JSON.stringify({ id: "c1", object: "chat.completion.chunk", created: 1, model: "grok-4.3", ...event })}\n\n`,
    );
    const recorded = `${events.join("")}data: [DONE]\n\n`;
    local.server.script({ path: CHAT, sseChunks: [recorded] });
    const whole = await dataOf("createChatCompletion", chat("Hi", { stream: "true" }));
    expect(whole).toMatchObject({ choices: [{ message: { content: "Olá, café ☕" } }] });
    for (let cut = 1; cut < recorded.length; cut++) {
      local.server.script({ path: CHAT, sseChunks: [recorded.slice(0, cut), recorded.slice(cut)] });
      const split = await dataOf("createChatCompletion", chat("Hi", { stream: "true" }));
      if (JSON.stringify(split) !== JSON.stringify(whole)) {
        expect({ cut, split }).toEqual({ cut, split: whole });
      }
    }
  });

  it("fails when the connection drops mid-stream, with how much arrived, and never returns it as complete or sends it again", async () => {
    local.server.script({ path: CHAT, resetAfterBytes: 900 });
    await expect(
      harness.action("createChatCompletion", chat("Hello there", { stream: "true" })),
    ).rejects.toThrow(
      /stream on POST \/chat\/completions was cut off after \d+ characters.*Received so far: "Hello!/s,
    );
    // xAI had accepted (and billed) the generation: it is never sent again.
    expect(local.server.requests).toHaveLength(1);
  });

  it("fails when the stream ends without [DONE]", async () => {
    local.server.script({
      path: CHAT,
      sseChunks: [
        'data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"Partial"}}]}\n\n',
      ],
    });
    await expect(
      harness.action("createChatCompletion", chat("Hi", { stream: "true" })),
    ).rejects.toThrow(/cut off after 7 characters.*"Partial/s);
    expect(local.server.requests).toHaveLength(1);
  });

  it("fails with xAI's message when the stream carries an error event", async () => {
    local.server.script({
      path: CHAT,
      sseChunks: [
        'data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"Hi"}}]}\n\n',
        'data: {"code":"Internal error","error":"The model is overloaded, try again later."}\n\n',
      ],
    });
    await expect(
      harness.action("createChatCompletion", chat("Hi", { stream: "true" })),
    ).rejects.toThrow(/The model is overloaded, try again later\./);
  });
});
