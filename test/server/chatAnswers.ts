import type { ChatChoice, ChatCompletion, ChatMessage, ChatToolCall, ChatUsage } from "./chatTypes";
import { FIXED_CREATED, questionHash, stableHash, systemFingerprint, uuidFromHash } from "./ids";
import {
  type AnswerVariants,
  isRecord,
  quoteForAnswer,
  readConversation,
  variantsOf,
} from "./promptReading";
import { countWords, fillerText } from "./textPieces";

/** Citations returned when the last user message contains "cite". */
const CHAT_CITATIONS = [
  "https://docs.x.ai/docs/models",
  "https://x.ai/news/grok-4",
  "https://en.wikipedia.org/wiki/Grok_(chatbot)",
];

/** Image parts are billed as a fixed number of image tokens in this fake. */
const TOKENS_PER_IMAGE = 256;

/** `n` from the request when it is a positive integer (validation rejects other values first). */
function requestedChoiceCount(request: unknown): number {
  const n = isRecord(request) ? request.n : undefined;
  return typeof n === "number" && Number.isInteger(n) && n >= 1 ? n : 1;
}

function requestedModel(request: unknown): string {
  return isRecord(request) && typeof request.model === "string" ? request.model : "";
}

function answerText(lastUserText: string, variants: AnswerVariants, choiceIndex: number): string {
  if (variants.longWordCount !== undefined) return fillerText(variants.longWordCount, choiceIndex);
  const quoted = quoteForAnswer(lastUserText);
  const prefix = choiceIndex === 0 ? "Hello!" : `Alternative answer ${choiceIndex + 1}:`;
  return `${prefix} You said: "${quoted}". This is a deterministic answer from the local xAI test server.`;
}

function reasoningText(lastUserText: string, choiceIndex: number): string {
  return `The user wrote "${quoteForAnswer(lastUserText)}". I should answer briefly and clearly (choice ${choiceIndex + 1}).`;
}

function toolCalls(requestHash: string, choiceIndex: number): ChatToolCall[] {
  const callId = (call: number) =>
    `call_${stableHash(`${requestHash}:${choiceIndex}:${call}`).slice(0, 24)}`;
  return [
    {
      id: callId(0),
      type: "function",
      function: {
        name: "get_weather",
        arguments: JSON.stringify({ location: "Paris, France", unit: "celsius" }),
      },
    },
    {
      id: callId(1),
      type: "function",
      function: { name: "get_time", arguments: JSON.stringify({ timezone: "Europe/Paris" }) },
    },
  ];
}

function buildMessage(
  lastUserText: string,
  variants: AnswerVariants,
  requestHash: string,
  choiceIndex: number,
): ChatMessage {
  const message: ChatMessage = { role: "assistant" };
  if (variants.reasoning) message.reasoning_content = reasoningText(lastUserText, choiceIndex);
  if (variants.toolCalls) {
    // A tool-calling answer has no content (xAI sends null; this fake omits the key).
    message.tool_calls = toolCalls(requestHash, choiceIndex);
  } else {
    message.content = answerText(lastUserText, variants, choiceIndex);
  }
  return message;
}

function toolCallTokens(calls: ChatToolCall[] | undefined): number {
  let tokens = 0;
  for (const call of calls ?? []) {
    tokens += Math.ceil((call.function.name.length + call.function.arguments.length) / 4);
  }
  return tokens;
}

function buildUsage(request: unknown, choices: ChatChoice[], sourcesUsed: number): ChatUsage {
  const conversation = readConversation(request);
  const textTokens = countWords(conversation.allText) + 3 * conversation.messageCount;
  const imageTokens = TOKENS_PER_IMAGE * conversation.imageCount;
  let completionTokens = 0;
  let reasoningTokens = 0;
  for (const { message } of choices) {
    completionTokens += countWords(message.content ?? "") + toolCallTokens(message.tool_calls);
    reasoningTokens += countWords(message.reasoning_content ?? "");
  }
  const promptTokens = textTokens + imageTokens;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    // xAI counts reasoning tokens in the total but not in completion_tokens.
    total_tokens: promptTokens + completionTokens + reasoningTokens,
    prompt_tokens_details: {
      text_tokens: textTokens,
      audio_tokens: 0,
      image_tokens: imageTokens,
      cached_tokens: 0,
    },
    completion_tokens_details: {
      reasoning_tokens: reasoningTokens,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
    num_sources_used: sourcesUsed,
  };
}

/**
 * The deterministic non-streamed answer to a `POST /v1/chat/completions` body.
 * Keywords in the last user message pick variants: "reason" (reasoning_content), "tools" (two
 * parallel tool calls, no content), "cite" (top-level citations), "long:<N>" (N-word content).
 */
export function chatAnswer(request: unknown): ChatCompletion {
  const requestHash = questionHash(request);
  const model = requestedModel(request);
  const { lastUserText } = readConversation(request);
  const variants = variantsOf(lastUserText);
  const choices: ChatChoice[] = [];
  for (let index = 0; index < requestedChoiceCount(request); index++) {
    const message = buildMessage(lastUserText, variants, requestHash, index);
    choices.push({ index, message, finish_reason: message.tool_calls ? "tool_calls" : "stop" });
  }
  const citations = variants.citations ? [...CHAT_CITATIONS] : undefined;
  const completion: ChatCompletion = {
    id: uuidFromHash(requestHash),
    object: "chat.completion",
    created: FIXED_CREATED,
    model,
    system_fingerprint: systemFingerprint(model),
    choices,
    usage: buildUsage(request, choices, citations?.length ?? 0),
  };
  if (citations) completion.citations = citations;
  return completion;
}
