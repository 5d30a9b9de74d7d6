/**
 * Chat completion shapes from xAI's OpenAPI spec (ChatResponse, ChatResponseChunk, Usage).
 * `service_tier` and `cost_in_usd_ticks` are left out: live xAI usually omits them.
 * https://docs.x.ai/docs/api-reference#chat-completions
 */

export interface ChatFunctionCall {
  name: string;
  /** JSON text. */
  arguments: string;
}

export interface ChatToolCall {
  id: string;
  type: "function";
  function: ChatFunctionCall;
}

export interface ChatMessage {
  role: "assistant";
  /** Omitted when the model only calls tools. */
  content?: string;
  reasoning_content?: string;
  tool_calls?: ChatToolCall[];
}

export interface ChatChoice {
  index: number;
  message: ChatMessage;
  finish_reason: "stop" | "tool_calls";
}

export interface ChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: {
    text_tokens: number;
    audio_tokens: number;
    image_tokens: number;
    cached_tokens: number;
  };
  completion_tokens_details: {
    reasoning_tokens: number;
    audio_tokens: number;
    accepted_prediction_tokens: number;
    rejected_prediction_tokens: number;
  };
  num_sources_used: number;
}

export interface ChatCompletion {
  id: string;
  object: "chat.completion";
  created: number;
  model: string;
  system_fingerprint: string;
  choices: ChatChoice[];
  usage: ChatUsage;
  citations?: string[];
}

/** Streamed tool-call fragment, OpenAI style: only the first fragment of a call has id/type/name. */
export interface ChatToolCallDelta {
  index: number;
  id?: string;
  type?: "function";
  function: { name?: string; arguments: string };
}

export interface ChatDelta {
  role?: "assistant";
  content?: string;
  reasoning_content?: string;
  tool_calls?: ChatToolCallDelta[];
}

export interface ChatChunkChoice {
  index: number;
  delta: ChatDelta;
  /** Absent (not null) until the choice's last chunk. */
  finish_reason?: "stop" | "tool_calls";
}

export interface ChatCompletionChunk {
  id: string;
  object: "chat.completion.chunk";
  created: number;
  model: string;
  system_fingerprint: string;
  choices: ChatChunkChoice[];
  usage?: ChatUsage;
  citations?: string[];
}
