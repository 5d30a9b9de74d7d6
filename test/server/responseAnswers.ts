import { FIXED_CREATED, questionHash, stableHash, uuidFromHash } from "./ids";
import { isRecord } from "./promptReading";
import {
  answerText,
  type CallPlan,
  firstWords,
  plannedCalls,
  textFormat,
  withCitations,
} from "./responseContent";
import { readDirectives } from "./responseDirectives";
import {
  type ConversationItem,
  conversationImages,
  conversationText,
  currentTurn,
  outputAsConversation,
  readInput,
} from "./responseInput";
import type {
  FunctionCallItem,
  ModelResponse,
  OutputItem,
  OutputMessage,
  ResponseUsage,
  UrlCitation,
} from "./responseTypes";
import { runServerTools, type ServerToolRun } from "./serverTools";
import { countWords } from "./textPieces";

/**
 * The deterministic answer to a `POST /v1/responses` body (the prompt grammar is described in
 * responseDirectives.ts). https://docs.x.ai/docs/api-reference#create-new-response
 */

/** What came before a request that names a previous_response_id. */
export interface ResponseHistory {
  /** The conversation up to and including the previous response's output. */
  items: ConversationItem[];
  /** The chain's instructions (a request with previous_response_id may not set its own). */
  instructions: string | null;
}

export const NO_HISTORY: ResponseHistory = { items: [], instructions: null };

export interface ComposedResponse {
  /** The finished response: status completed, incomplete or failed. */
  response: ModelResponse;
  /** History, this input and this output: what a follow-up request continues. */
  conversation: ConversationItem[];
  /** The prompt asked for a stream that breaks (FAIL_STREAM). */
  failStream: boolean;
}

/** Image parts are billed as a fixed number of image tokens in this fake. */
const TOKENS_PER_IMAGE = 256;
const COMPLETED_AFTER_SECONDS = 1;

function tokensOf(items: ConversationItem[], instructions: string | null): number {
  const text = `${instructions ?? ""}\n${conversationText(items)}`;
  return countWords(text) + 3 * items.length + TOKENS_PER_IMAGE * conversationImages(items);
}

function outputTokens(output: OutputItem[]): number {
  let tokens = 0;
  for (const item of output) {
    if (item.type === "message") tokens += countWords(item.content[0]?.text ?? "");
    if (item.type === "function_call") {
      tokens += Math.ceil((item.name.length + item.arguments.length) / 4);
    }
  }
  return tokens;
}

function usageOf(
  history: ResponseHistory,
  conversation: ConversationItem[],
  instructions: string | null,
  output: OutputItem[],
  tools: ServerToolRun,
): ResponseUsage {
  const input = tokensOf(conversation, instructions);
  const produced = outputTokens(output);
  const usage: ResponseUsage = {
    input_tokens: input,
    // The previous turns come from xAI's prompt cache.
    input_tokens_details: {
      cached_tokens: history.items.length ? tokensOf(history.items, null) : 0,
    },
    output_tokens: produced,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: input + produced,
    num_sources_used: tools.citations.length,
    num_server_side_tools_used: tools.items.length,
  };
  if (tools.items.length > 0) usage.server_side_tool_usage_details = tools.usage;
  return usage;
}

function numberOrNull(value: unknown): number | null {
  return typeof value === "number" ? value : null;
}

function stringOrNull(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

/** The request settings a response echoes back. */
function echoedSettings(body: Record<string, unknown>) {
  return {
    model: typeof body.model === "string" ? body.model : "",
    previous_response_id: stringOrNull(body.previous_response_id),
    max_output_tokens: numberOrNull(body.max_output_tokens),
    parallel_tool_calls: body.parallel_tool_calls !== false,
    tool_choice: body.tool_choice ?? "auto",
    tools: Array.isArray(body.tools) ? body.tools : [],
    text: { format: textFormat(body) },
    reasoning: isRecord(body.reasoning) ? body.reasoning : null,
    temperature: numberOrNull(body.temperature),
    top_p: numberOrNull(body.top_p),
    user: stringOrNull(body.user),
    store: body.store !== false,
    background: body.background === true,
    metadata: isRecord(body.metadata) ? body.metadata : {},
  };
}

function messageItem(id: string, text: string, annotations: UrlCitation[], incomplete: boolean) {
  const message: OutputMessage = {
    type: "message",
    id: `msg_${id}`,
    role: "assistant",
    status: incomplete ? "incomplete" : "completed",
    content: [{ type: "output_text", text, annotations, logprobs: [] }],
  };
  return message;
}

function callItems(calls: CallPlan[], requestHash: string): FunctionCallItem[] {
  return calls.map((call, index) => ({
    type: "function_call",
    call_id: `call_${stableHash(`${requestHash}:call:${index}`).slice(0, 24)}`,
    name: call.name,
    arguments: call.arguments,
    status: "completed",
  }));
}

/** The finished answer to `body` after `history`. */
export function composeResponse(
  body: unknown,
  history: ResponseHistory = NO_HISTORY,
): ComposedResponse {
  const request = isRecord(body) ? body : {};
  const requestHash = questionHash(request);
  const id = uuidFromHash(requestHash);
  const conversation = [...history.items, ...readInput(request.input)];
  const instructions = stringOrNull(request.instructions) ?? history.instructions;
  const turn = currentTurn(conversation);
  const directives = readDirectives(turn.userText);
  const toolsOn = request.tool_choice !== "none";
  const tools = runServerTools(toolsOn ? request.tools : [], turn.userText, requestHash);
  const calls = plannedCalls(request, turn, directives);

  let output: OutputItem[] = [...tools.items];
  let incomplete = false;
  if (calls.length > 0) {
    output.push(...callItems(calls, requestHash));
  } else {
    const full = answerText(request, turn, directives);
    const limit = numberOrNull(request.max_output_tokens) ?? Number.POSITIVE_INFINITY;
    const wordLimit = directives.incomplete ? Math.max(1, Math.floor(countWords(full) / 2)) : limit;
    incomplete = countWords(full) > wordLimit;
    const plain = textFormat(request).type === "text" && !incomplete;
    const { text, annotations } = plain
      ? withCitations(full, tools.citations)
      : { text: incomplete ? firstWords(full, wordLimit) : full, annotations: [] };
    output.push(messageItem(id, text, annotations, incomplete));
  }
  if (directives.failResponse) output = [];

  const status = directives.failResponse ? "failed" : incomplete ? "incomplete" : "completed";
  const response: ModelResponse = {
    id,
    object: "response",
    created_at: FIXED_CREATED,
    completed_at: status === "completed" ? FIXED_CREATED + COMPLETED_AFTER_SECONDS : null,
    status,
    ...echoedSettings(request),
    output,
    instructions,
    error: directives.failResponse
      ? {
          code: "server_error",
          message: "The model failed to generate a response (FAIL_RESPONSE).",
        }
      : null,
    incomplete_details: incomplete ? { reason: "max_output_tokens" } : null,
    service_tier: "default",
    truncation: "disabled",
    top_logprobs: 0,
    presence_penalty: 0,
    frequency_penalty: 0,
    usage: usageOf(history, conversation, instructions, output, tools),
  };
  if (tools.citations.length > 0) response.citations = [...tools.citations];
  return {
    response,
    conversation: [...conversation, ...outputAsConversation(output)],
    failStream: directives.failStream,
  };
}

/** How a response looks before it has run (background jobs, stream start). */
export function pendingView(
  response: ModelResponse,
  status: "queued" | "in_progress",
): ModelResponse {
  const { citations: _citations, ...rest } = response;
  return {
    ...rest,
    status,
    output: [],
    usage: null,
    completed_at: null,
    error: null,
    incomplete_details: null,
  };
}

/**
 * The JSON body xAI answers `POST /v1/responses` with (not streamed): the finished response, or
 * its queued form when `background` is true. `history` stands for a previous_response_id chain.
 */
export function responseAnswer(
  body: unknown,
  history: ResponseHistory = NO_HISTORY,
): ModelResponse {
  const { response } = composeResponse(body, history);
  return response.background ? pendingView(response, "queued") : response;
}
