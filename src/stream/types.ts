/**
 * Shapes of xAI's streamed events and of the whole answers assembled from them, typed after the
 * schemas in xAI's OpenAPI description (ChatResponse, ChatResponseChunk, ChoiceChunk, Delta, ToolCall,
 * Usage, MessageResponse, MessageResponseContent, MessageUsage).
 *
 * Everything that xAI sends is optional here even where the schema marks it required: an assembled
 * answer only holds the fields that actually arrived (live xAI leaves out e.g. `service_tier` and
 * `cost_in_usd_ticks`), and nested objects such as `usage` are passed through as xAI sent them.
 */

export type JsonObject = Record<string, unknown>;

export type ServiceTier = "default" | "priority" | "fast";

export interface PromptUsageDetail {
  text_tokens?: number;
  audio_tokens?: number;
  image_tokens?: number;
  cached_tokens?: number;
}

export interface CompletionUsageDetail {
  reasoning_tokens?: number;
  audio_tokens?: number;
  accepted_prediction_tokens?: number;
  rejected_prediction_tokens?: number;
}

/** Token usage of a chat completion (schema `Usage`). */
export interface Usage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
  prompt_tokens_details?: PromptUsageDetail;
  completion_tokens_details?: CompletionUsageDetail;
  num_sources_used?: number;
  cost_in_usd_ticks?: number;
  server_side_tool_usage_details?: JsonObject | null;
  [field: string]: unknown;
}

/** A file made while answering, e.g. by the code execution tool (schema `OutputFile`). */
export interface OutputFile {
  file_id: string;
  name: string;
}

export interface TopLogProb {
  token: string;
  logprob: number;
  bytes?: number[] | null;
}

export interface TokenLogProb extends TopLogProb {
  top_logprobs: TopLogProb[];
}

/** Log probabilities of a choice (schema `LogProbs`); streamed chunks each carry a slice of `content`. */
export interface LogProbs {
  content?: TokenLogProb[] | null;
  [field: string]: unknown;
}

/** A function the model wants called (schema `Function`); `arguments` is a JSON text. */
export interface ToolCallFunction {
  name?: string;
  arguments?: string;
}

/** A tool call as the non-streamed response lists it (schema `ToolCall`). */
export interface ToolCall {
  id?: string;
  type?: string;
  function?: ToolCallFunction;
  [field: string]: unknown;
}

/** A streamed fragment of a tool call; fragments with the same `index` belong together. */
export interface ToolCallChunk {
  index?: number | null;
  id?: string;
  type?: string | null;
  function?: ToolCallFunction;
}

/** What one chunk adds to a choice (schema `Delta`). */
export interface Delta {
  role?: string | null;
  content?: string | null;
  reasoning_content?: string | null;
  tool_calls?: ToolCallChunk[] | null;
  images?: string[] | null;
  [field: string]: unknown;
}

/** One choice inside a streamed chunk (schema `ChoiceChunk`). */
export interface ChoiceChunk {
  index: number;
  delta: Delta;
  finish_reason?: string | null;
  logprobs?: LogProbs | null;
}

/** One `data:` payload of a streamed chat completion (schema `ChatResponseChunk`). */
export interface ChatCompletionChunk {
  id: string;
  object: "chat.completion.chunk";
  created: number;
  model: string;
  choices: ChoiceChunk[];
  system_fingerprint?: string | null;
  usage?: Usage | null;
  citations?: string[] | null;
  service_tier?: ServiceTier;
  output_files?: OutputFile[] | null;
}

/** The assistant message of one choice (schema `ChoiceMessage`). */
export interface ChatCompletionMessage {
  role: string;
  content?: string | null;
  reasoning_content?: string | null;
  refusal?: string | null;
  tool_calls?: ToolCall[] | null;
  images?: string[];
  [field: string]: unknown;
}

/** One choice of a whole chat completion (schema `Choice`). */
export interface ChatCompletionChoice {
  index: number;
  message: ChatCompletionMessage;
  logprobs?: LogProbs | null;
  finish_reason?: string | null;
}

/** A whole chat completion, as `/v1/chat/completions` returns it without streaming (schema `ChatResponse`). */
export interface ChatCompletion {
  id?: string;
  object: "chat.completion";
  created?: number;
  model?: string;
  choices: ChatCompletionChoice[];
  usage?: Usage | null;
  system_fingerprint?: string | null;
  citations?: string[] | null;
  /** A ServiceTier as xAI names it; kept as a string so a tier added later passes through. */
  service_tier?: string;
  output_files?: OutputFile[] | null;
  [field: string]: unknown;
}

/** Token usage of a message (schema `MessageUsage`). */
export interface MessageUsage {
  input_tokens?: number;
  cache_creation_input_tokens?: number;
  cache_read_input_tokens?: number;
  output_tokens?: number;
  [field: string]: unknown;
}

export interface TextContentBlock {
  type: "text";
  text: string;
  [field: string]: unknown;
}

export interface ThinkingContentBlock {
  type: "thinking";
  thinking: string;
  signature?: string;
  [field: string]: unknown;
}

export interface RedactedThinkingContentBlock {
  type: "redacted_thinking";
  data: string;
  [field: string]: unknown;
}

export interface ToolUseContentBlock {
  type: "tool_use";
  id?: string;
  name?: string;
  /** The tool's input, parsed from the streamed JSON text. */
  input: unknown;
  [field: string]: unknown;
}

/** A block of a message's content (schema `MessageResponseContent`), or a block type xAI adds later. */
export type MessageResponseContent =
  | TextContentBlock
  | ThinkingContentBlock
  | RedactedThinkingContentBlock
  | ToolUseContentBlock
  | { type: string; [field: string]: unknown };

/** A whole message, as `/v1/messages` returns it without streaming (schema `MessageResponse`). */
export interface MessageResponse {
  id?: string;
  type: "message";
  role?: string;
  content: MessageResponseContent[];
  model?: string;
  stop_reason?: string | null;
  stop_sequence?: string | null;
  usage?: MessageUsage;
  [field: string]: unknown;
}
