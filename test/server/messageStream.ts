import { messageAnswer } from "./messageAnswers";
import type { MessageContentBlock, MessageStreamEvent } from "./messageTypes";
import { splitIntoFixedPieces, splitIntoWordPieces } from "./textPieces";

/** Tool input JSON is streamed in `input_json_delta` fragments of this many characters. */
const JSON_PIECE_LENGTH = 8;

function blockEvents(block: MessageContentBlock, index: number): MessageStreamEvent[] {
  const events: MessageStreamEvent[] = [];
  switch (block.type) {
    case "text":
      events.push({
        type: "content_block_start",
        index,
        content_block: { type: "text", text: "" },
      });
      for (const text of splitIntoWordPieces(block.text)) {
        events.push({ type: "content_block_delta", index, delta: { type: "text_delta", text } });
      }
      break;
    case "thinking":
      events.push({
        type: "content_block_start",
        index,
        content_block: { type: "thinking", thinking: "" },
      });
      for (const thinking of splitIntoWordPieces(block.thinking)) {
        events.push({
          type: "content_block_delta",
          index,
          delta: { type: "thinking_delta", thinking },
        });
      }
      events.push({
        type: "content_block_delta",
        index,
        delta: { type: "signature_delta", signature: block.signature },
      });
      break;
    case "tool_use":
      events.push({
        type: "content_block_start",
        index,
        content_block: { type: "tool_use", id: block.id, name: block.name, input: {} },
      });
      for (const partial_json of splitIntoFixedPieces(
        JSON.stringify(block.input),
        JSON_PIECE_LENGTH,
      )) {
        events.push({
          type: "content_block_delta",
          index,
          delta: { type: "input_json_delta", partial_json },
        });
      }
      break;
  }
  events.push({ type: "content_block_stop", index });
  return events;
}

/** The streamed form of messageAnswer(request) as Anthropic event objects. */
export function messageStreamEventObjects(request: unknown): MessageStreamEvent[] {
  const answer = messageAnswer(request);
  const events: MessageStreamEvent[] = [
    {
      type: "message_start",
      message: {
        ...answer,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { ...answer.usage, output_tokens: 1 },
      },
    },
  ];
  answer.content.forEach((block, index) => {
    const perBlock = blockEvents(block, index);
    events.push(...perBlock.slice(0, 1));
    // Anthropic sends a ping right after the first content_block_start.
    if (index === 0) events.push({ type: "ping" });
    events.push(...perBlock.slice(1));
  });
  events.push(
    {
      type: "message_delta",
      delta: { stop_reason: answer.stop_reason ?? "end_turn", stop_sequence: null },
      usage: { output_tokens: answer.usage.output_tokens },
    },
    { type: "message_stop" },
  );
  return events;
}

/**
 * Raw SSE events (`event: <type>\ndata: <json>\n\n`) for a streamed `/v1/messages` answer;
 * assembled, they give exactly messageAnswer(request).
 */
export function messageStreamEvents(request: unknown): string[] {
  return messageStreamEventObjects(request).map(
    (event) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`,
  );
}
