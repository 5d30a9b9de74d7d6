/**
 * The chat stream assembler against an independent one: openai-node's ChatCompletionStream, fed the
 * same bytes by the local xAI server. Only the SDK's own additions are set aside: its parse helpers,
 * and the nulls it writes for fields that never arrived (xAI's plain answer leaves them out).
 */

import { Readable } from "node:stream";
import OpenAI from "openai";
import { ChatCompletionAssembler } from "../../src/streaming/chatCompletion";
import { readEvents } from "../../src/streaming/sse";
import { chatAnswer, chatStreamEvents } from "../server/xaiServer";
import { TEST_TOKEN, useLocalXai } from "../support/harness";

const local = useLocalXai();

const NEVER_SENT = new Set(["content", "refusal", "logprobs"]);
const withoutSdkAdditions = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value), (key, field) =>
    key === "parsed" || key === "parsed_arguments" || (NEVER_SENT.has(key) && field === null)
      ? undefined
      : field,
  );

async function assemble(events: string[]): Promise<unknown> {
  const assembler = new ChatCompletionAssembler();
  for await (const event of readEvents(Readable.from([Buffer.from(events.join(""))]))) {
    if (assembler.take(event)) return assembler.result();
  }
  throw new Error("no [DONE]");
}

/** What openai-node's ChatCompletionStream assembles from `events`, served by the local server. */
async function sdkAssembles(body: object, events: string[]) {
  local.server.script({ path: "/v1/chat/completions", sseChunks: events });
  const openai = new OpenAI({ apiKey: TEST_TOKEN, baseURL: local.server.baseUrl, maxRetries: 0 });
  return openai.chat.completions.stream(body as never).finalChatCompletion();
}

const tools = [{ type: "function", function: { name: "lookup", parameters: { type: "object" } } }];
const request = (content: string, extra: Record<string, unknown> = {}) => ({
  model: "grok-4.3",
  messages: [{ role: "user", content }],
  stream: true,
  ...extra,
});

describe("a streamed chat completion assembles as openai-node assembles it", () => {
  it.each([
    ["text with multi-byte characters", request("Hello café ☕ 🎉")],
    ["two choices and usage", request("Hello", { n: 2, stream_options: { include_usage: true } })],
    ["parallel tool calls in two choices", request("use tools", { n: 2, tools })],
  ])("%s", async (_what, body) => {
    const events = chatStreamEvents(body);
    const oracle = await sdkAssembles(body, events);
    expect(await assemble(events)).toEqual(withoutSdkAdditions(oracle));
  });

  it("joins reasoning_content, which the SDK does not know (it keeps the last piece)", async () => {
    const body = request("please reason");
    const events = chatStreamEvents(body);
    const oracle = await sdkAssembles(body, events);
    const whole = chatAnswer(body).choices[0]?.message.reasoning_content;
    const sdkMessage = oracle.choices[0]?.message as { reasoning_content?: string } | undefined;
    const sdkReasoning = sdkMessage?.reasoning_content;
    expect(whole?.endsWith(sdkReasoning ?? "")).toBe(true);
    expect(sdkReasoning).not.toBe(whole);
    const ours = (await assemble(events)) as { choices: { message: unknown }[] };
    expect(ours.choices[0]?.message).toEqual(
      withoutSdkAdditions({ ...sdkMessage, reasoning_content: whole }),
    );
  });
});
