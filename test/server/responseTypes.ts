/**
 * Responses API shapes: `ModelResponse` from xAI's OpenAPI description, with the output items and
 * streaming events named as in OpenAI's Responses API (xAI's stream is compatible with it).
 * https://docs.x.ai/docs/api-reference#create-new-response
 */

export interface UrlCitation {
  type: "url_citation";
  url: string;
  title: string;
  start_index: number;
  end_index: number;
}

export interface OutputText {
  type: "output_text";
  text: string;
  annotations: UrlCitation[];
  /** xAI's example sends null, but its schema (and OpenAI) say an array. */
  logprobs: never[];
}

export type ItemStatus = "in_progress" | "completed" | "incomplete";

export interface OutputMessage {
  type: "message";
  id: string;
  role: "assistant";
  status: ItemStatus;
  content: OutputText[];
}

/**
 * No `id`: in xAI's OpenAPI description a function_call with an `id` also matches
 * `CustomToolCall`, so `ModelOutput`'s oneOf would reject it. Stream events use `call_id` as item_id.
 */
export interface FunctionCallItem {
  type: "function_call";
  call_id: string;
  name: string;
  /** JSON text (or anything, for CALL_RAW). */
  arguments: string;
  status: ItemStatus;
}

interface SearchAction {
  type: "search";
  query: string;
  sources: { type: "url"; url: string }[];
}

export interface WebSearchCallItem {
  type: "web_search_call" | "x_search_call";
  id: string;
  status: ItemStatus;
  action: SearchAction;
}

export interface CodeInterpreterCallItem {
  type: "code_interpreter_call";
  id: string;
  status: ItemStatus;
  code: string;
  container_id: string;
  outputs: { type: "logs"; logs: string }[];
}

export interface FileSearchCallItem {
  type: "file_search_call";
  id: string;
  status: ItemStatus;
  queries: string[];
  results: { file_id: string; filename: string; score: number; text: string }[];
}

export interface McpCallItem {
  type: "mcp_call";
  id: string;
  status: ItemStatus;
  server_label: string;
  name: string;
  arguments: string;
  output: string;
}

export type ServerToolCallItem =
  | WebSearchCallItem
  | CodeInterpreterCallItem
  | FileSearchCallItem
  | McpCallItem;

export type OutputItem = OutputMessage | FunctionCallItem | ServerToolCallItem;

export interface ServerSideToolUsageDetails {
  web_search_calls: number;
  x_search_calls: number;
  x_posts_fetched: number;
  x_users_fetched: number;
  code_interpreter_calls: number;
  file_search_calls: number;
  mcp_calls: number;
  document_search_calls: number;
  image_generation_calls: number;
}

export interface ResponseUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
  num_sources_used: number;
  num_server_side_tools_used: number;
  server_side_tool_usage_details?: ServerSideToolUsageDetails;
}

export type ResponseStatus = "queued" | "in_progress" | "completed" | "incomplete" | "failed";

export interface ModelResponse {
  id: string;
  object: "response";
  created_at: number;
  completed_at: number | null;
  status: ResponseStatus;
  model: string;
  output: OutputItem[];
  instructions: string | null;
  previous_response_id: string | null;
  error: { code: string; message: string } | null;
  incomplete_details: { reason: "max_output_tokens" } | null;
  max_output_tokens: number | null;
  parallel_tool_calls: boolean;
  tool_choice: unknown;
  tools: unknown[];
  text: { format: unknown };
  reasoning: unknown;
  temperature: number | null;
  top_p: number | null;
  user: string | null;
  store: boolean;
  background: boolean;
  metadata: unknown;
  service_tier: "default";
  truncation: "disabled";
  top_logprobs: number;
  presence_penalty: number;
  frequency_penalty: number;
  usage: ResponseUsage | null;
  /** xAI's addition: the URLs the answer cites (only when a search tool ran). */
  citations?: string[];
}

/** One SSE event's data: `type` and `sequence_number` plus the event's own fields. */
export interface ResponseStreamEvent {
  type: string;
  sequence_number: number;
  [field: string]: unknown;
}
