import { questionHash } from "./ids";
import type { MessageContentBlock, MessageResponse } from "./messageTypes";
import { isRecord, quoteForAnswer, readConversation, variantsOf } from "./promptReading";
import { countWords, fillerText } from "./textPieces";

function requestedModel(request: unknown): string {
  return isRecord(request) && typeof request.model === "string" ? request.model : "";
}

/** Tokens a content block costs, for `usage.output_tokens`. */
function outputTokensOf(block: MessageContentBlock): number {
  switch (block.type) {
    case "text":
      return countWords(block.text);
    case "thinking":
      return countWords(block.thinking);
    case "tool_use":
      return Math.ceil((block.name.length + JSON.stringify(block.input).length) / 4);
  }
}

/**
 * The deterministic non-streamed answer to a `POST /v1/messages` body. Keywords in the last user
 * message: "reason" adds a leading thinking block, "tools" adds a tool_use block (stop_reason
 * "tool_use"), "long:<N>" makes the text N words.
 */
export function messageAnswer(request: unknown): MessageResponse {
  const requestHash = questionHash(request);
  const conversation = readConversation(request);
  const variants = variantsOf(conversation.lastUserText);
  const quoted = quoteForAnswer(conversation.lastUserText);
  const content: MessageContentBlock[] = [];
  if (variants.reasoning) {
    content.push({
      type: "thinking",
      thinking: `The user wrote "${quoted}". A short, friendly answer fits.`,
      signature: Buffer.from(`signature:${requestHash.slice(0, 32)}`).toString("base64"),
    });
  }
  content.push({
    type: "text",
    text:
      variants.longWordCount !== undefined
        ? fillerText(variants.longWordCount)
        : `Hello! You said: "${quoted}". This is a deterministic message from the local xAI test server.`,
  });
  if (variants.toolCalls) {
    content.push({
      type: "tool_use",
      id: `toolu_${requestHash.slice(0, 24)}`,
      name: "get_weather",
      input: { location: "Paris, France", unit: "celsius" },
    });
  }
  return {
    id: `msg_${requestHash.slice(24, 48)}`,
    type: "message",
    role: "assistant",
    content,
    model: requestedModel(request),
    stop_reason: variants.toolCalls ? "tool_use" : "end_turn",
    stop_sequence: null,
    usage: {
      input_tokens: countWords(conversation.allText) + 3 * conversation.messageCount,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      output_tokens: content.reduce((sum, block) => sum + outputTokensOf(block), 0),
    },
  };
}
