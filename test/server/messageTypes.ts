/**
 * Shapes of xAI's Anthropic-compatible `/v1/messages` endpoint (MessageResponse in the OpenAPI
 * spec; streaming events follow Anthropic's format).
 * https://docs.x.ai/docs/api-reference#messages-anthropic-compatible
 */

export interface MessageTextBlock {
  type: "text";
  text: string;
}

export interface MessageThinkingBlock {
  type: "thinking";
  thinking: string;
  signature: string;
}

export interface MessageToolUseBlock {
  type: "tool_use";
  id: string;
  name: string;
  input: Record<string, unknown>;
}

export type MessageContentBlock = MessageTextBlock | MessageThinkingBlock | MessageToolUseBlock;

export interface MessageUsage {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  output_tokens: number;
}

export type MessageStopReason = "end_turn" | "tool_use";

export interface MessageResponse {
  id: string;
  type: "message";
  role: "assistant";
  content: MessageContentBlock[];
  model: string;
  stop_reason: MessageStopReason | null;
  stop_sequence: string | null;
  usage: MessageUsage;
}

/** Anthropic streaming events: https://docs.anthropic.com/en/docs/build-with-claude/streaming */
export type MessageStreamEvent =
  | { type: "message_start"; message: MessageResponse }
  | {
      type: "content_block_start";
      index: number;
      content_block:
        | { type: "text"; text: "" }
        | { type: "thinking"; thinking: "" }
        | { type: "tool_use"; id: string; name: string; input: Record<string, never> };
    }
  | { type: "ping" }
  | {
      type: "content_block_delta";
      index: number;
      delta:
        | { type: "text_delta"; text: string }
        | { type: "thinking_delta"; thinking: string }
        | { type: "signature_delta"; signature: string }
        | { type: "input_json_delta"; partial_json: string };
    }
  | { type: "content_block_stop"; index: number }
  | {
      type: "message_delta";
      delta: { stop_reason: MessageStopReason; stop_sequence: null };
      usage: { output_tokens: number };
    }
  | { type: "message_stop" };
