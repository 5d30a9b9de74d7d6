import { isDeepStrictEqual } from "node:util";
import { assembleMessageStream } from "../../src/stream/messageStream";
import { StreamCutOffError, StreamEventError } from "../../src/stream/streamErrors";
import type { MessageResponse } from "../../src/stream/types";
import { bodyOf, oneByteChunks, rejectionOf, twoPieces } from "./byteSources";

// A recorded-style Anthropic-compatible stream: thinking, then text with multi-byte characters, then
// a tool call whose JSON input arrives in fragments; message_delta carries the stop reason and usage.
type StreamEvent = { type: string; [field: string]: unknown };
const recordedEvents: StreamEvent[] = [
  {
    type: "message_start",
    message: {
      id: "msg_0b7f3c2e",
      type: "message",
      role: "assistant",
      content: [],
      model: "grok-3",
      stop_reason: null,
      stop_sequence: null,
      usage: {
        input_tokens: 25,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 4,
        output_tokens: 1,
      },
    },
  },
  { type: "ping" },
  {
    type: "content_block_start",
    index: 0,
    content_block: { type: "thinking", thinking: "", signature: "" },
  },
  {
    type: "content_block_delta",
    index: 0,
    delta: { type: "thinking_delta", thinking: "Weather in " },
  },
  {
    type: "content_block_delta",
    index: 0,
    delta: { type: "thinking_delta", thinking: "Zürich → use the tool." },
  },
  {
    type: "content_block_delta",
    index: 0,
    delta: { type: "signature_delta", signature: "c2lnbmF0dXJl" },
  },
  { type: "content_block_stop", index: 0 },
  { type: "content_block_start", index: 1, content_block: { type: "text", text: "" } },
  {
    type: "content_block_delta",
    index: 1,
    delta: { type: "text_delta", text: "Checking Zürich " },
  },
  { type: "ping" },
  { type: "content_block_delta", index: 1, delta: { type: "text_delta", text: "for you ☀️🌧" } },
  { type: "content_block_stop", index: 1 },
  {
    type: "content_block_start",
    index: 2,
    content_block: { type: "tool_use", id: "toolu_01", name: "get_weather", input: {} },
  },
  { type: "content_block_delta", index: 2, delta: { type: "input_json_delta", partial_json: "" } },
  {
    type: "content_block_delta",
    index: 2,
    delta: { type: "input_json_delta", partial_json: '{"city": "Zü' },
  },
  {
    type: "content_block_delta",
    index: 2,
    delta: { type: "input_json_delta", partial_json: 'rich", "days": 3}' },
  },
  { type: "content_block_stop", index: 2 },
  {
    type: "message_delta",
    delta: { stop_reason: "tool_use", stop_sequence: null },
    usage: { output_tokens: 87 },
  },
  { type: "message_stop" },
];

const expectedMessage: MessageResponse = {
  id: "msg_0b7f3c2e",
  type: "message",
  role: "assistant",
  content: [
    { type: "thinking", thinking: "Weather in Zürich → use the tool.", signature: "c2lnbmF0dXJl" },
    { type: "text", text: "Checking Zürich for you ☀️🌧" },
    { type: "tool_use", id: "toolu_01", name: "get_weather", input: { city: "Zürich", days: 3 } },
  ],
  model: "grok-3",
  stop_reason: "tool_use",
  stop_sequence: null,
  usage: {
    input_tokens: 25,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 4,
    output_tokens: 87,
  },
};

/** Events as xAI sends them, with the type in both the `event:` field and the data. */
const sse = (events: StreamEvent[]): string =>
  events.map((e) => `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`).join("");

const recordedText = sse(recordedEvents);

/** The recorded events without the ones `predicate` picks. */
const withoutEvents = (predicate: (event: StreamEvent) => boolean): StreamEvent[] =>
  recordedEvents.filter((event) => !predicate(event));

describe("assembleMessageStream", () => {
  it("returns the message the non-streamed call would return", async () => {
    const message = await assembleMessageStream(bodyOf(recordedText));
    expect(message).toStrictEqual(expectedMessage);
    expect(Object.keys(message)).toEqual([
      "id",
      "type",
      "role",
      "content",
      "model",
      "stop_reason",
      "stop_sequence",
      "usage",
    ]);
  });

  it("gives the identical result however the bytes are split in two", async () => {
    const bytes = Buffer.from(recordedText, "utf8");
    for (let cut = 1; cut < bytes.length; cut++) {
      const message = await assembleMessageStream(twoPieces(bytes, cut));
      if (!isDeepStrictEqual(message, expectedMessage)) {
        expect({ cut, message }).toStrictEqual({ cut, message: expectedMessage });
      }
    }
  });

  it("gives the identical result when every byte arrives on its own, with CRLF", async () => {
    expect(await assembleMessageStream(oneByteChunks(recordedText))).toStrictEqual(expectedMessage);
    const crlf = recordedText.replaceAll("\n", "\r\n");
    expect(await assembleMessageStream(oneByteChunks(crlf))).toStrictEqual(expectedMessage);
  });

  it("takes the event type from the data when there is no `event:` field", async () => {
    const text = recordedEvents.map((e) => `data: ${JSON.stringify(e)}\n\n`).join("");
    expect(await assembleMessageStream(bodyOf(`: ping\n\n${text}`))).toStrictEqual(expectedMessage);
  });

  it("gives a tool call without input fragments the input {}", async () => {
    const events = withoutEvents((e) => e.type === "content_block_delta" && e.index === 2);
    const message = await assembleMessageStream(bodyOf(sse(events)));
    expect(message.content[2]).toStrictEqual({
      type: "tool_use",
      id: "toolu_01",
      name: "get_weather",
      input: {},
    });
  });

  it("reports tool input that is not valid JSON as a malformed stream", async () => {
    const events = recordedEvents.map((e) =>
      e.type === "content_block_delta" && e.index === 2
        ? { ...e, delta: { type: "input_json_delta", partial_json: '{"city": ' } }
        : e,
    );
    const error = await rejectionOf(assembleMessageStream(bodyOf(sse(events))));
    expect(error).toBeInstanceOf(StreamEventError);
    expect((error as Error).message).toBe(
      "xAI's stream was malformed: the input for get_weather is not valid JSON",
    );
  });

  it("throws StreamCutOffError with the partial message when message_stop is missing", async () => {
    const events = withoutEvents((e) => e.type === "message_stop");
    const error = await rejectionOf(assembleMessageStream(bodyOf(sse(events))));
    expect(error).toBeInstanceOf(StreamCutOffError);
    const cutOff = error as StreamCutOffError;
    const thinking = "Weather in Zürich → use the tool.";
    const text = "Checking Zürich for you ☀️🌧";
    const input = '{"city": "Zürich", "days": 3}';
    expect(cutOff.receivedCharacters).toBe(thinking.length + text.length + input.length);
    expect(cutOff.message).toBe(
      `xAI's stream was cut off after ${cutOff.receivedCharacters} characters, before it finished ` +
        `(no message_stop); the answer is incomplete. Received so far: "${text}..."`,
    );
    expect(cutOff.partial).toStrictEqual(expectedMessage);
  });

  it("keeps unparsable tool input as text in the partial message of a cut-off", async () => {
    const cutIndex = recordedEvents.findIndex(
      (e) =>
        e.type === "content_block_delta" &&
        e.index === 2 &&
        e.delta !== undefined &&
        JSON.stringify(e.delta).includes("Zü"),
    );
    const events = recordedEvents.slice(0, cutIndex + 1);
    const error = await rejectionOf(assembleMessageStream(bodyOf(sse(events))));
    expect(error).toBeInstanceOf(StreamCutOffError);
    const partial = (error as StreamCutOffError).partial as MessageResponse;
    expect(partial.content[2]).toStrictEqual({
      type: "tool_use",
      id: "toolu_01",
      name: "get_weather",
      input: '{"city": "Zü',
    });
    expect(partial.stop_reason).toBeNull();
    expect(partial.usage?.output_tokens).toBe(1);
  });

  it("throws StreamCutOffError when the body fails mid-way", async () => {
    async function* resets(): AsyncGenerator<Uint8Array> {
      yield Buffer.from(sse(recordedEvents.slice(0, 9)));
      throw new Error("aborted");
    }
    const error = await rejectionOf(assembleMessageStream(resets()));
    expect(error).toBeInstanceOf(StreamCutOffError);
    expect((error as Error).message).toContain(
      'The connection failed: aborted. Received so far: "Checking Zürich ...',
    );
  });

  it("throws StreamEventError with xAI's message for an error event", async () => {
    const errorEvent = {
      type: "error",
      error: { type: "overloaded_error", message: "Overloaded" },
    };
    const error = await rejectionOf(
      assembleMessageStream(bodyOf(sse([...recordedEvents.slice(0, 4), errorEvent]))),
    );
    expect(error).toBeInstanceOf(StreamEventError);
    expect((error as StreamEventError).message).toBe(
      "xAI reported an error in the stream: Overloaded (overloaded_error)",
    );
    expect((error as StreamEventError).code).toBe("overloaded_error");
    expect((error as StreamEventError).body).toStrictEqual(errorEvent);
  });

  it("reports data that is not JSON as a malformed stream", async () => {
    const text = `${sse(recordedEvents.slice(0, 3))}event: content_block_delta\ndata: {"type":\n\n`;
    await expect(assembleMessageStream(bodyOf(text))).rejects.toThrow(
      /^xAI's stream was malformed: an event's data is not JSON/,
    );
  });
});
