import { chatAnswer } from "./chatAnswers";
import type {
  ChatChunkChoice,
  ChatCompletion,
  ChatCompletionChunk,
  ChatDelta,
  ChatMessage,
  ChatToolCall,
  ChatToolCallDelta,
} from "./chatTypes";
import { isRecord } from "./promptReading";
import { splitIntoFixedPieces, splitIntoWordPieces } from "./textPieces";

/** Tool-call arguments are streamed in fragments of this many characters. */
const ARGUMENT_PIECE_LENGTH = 6;

const SSE_DONE_EVENT = "data: [DONE]\n\n";

function includeUsage(request: unknown): boolean {
  if (!isRecord(request) || !isRecord(request.stream_options)) return false;
  return request.stream_options.include_usage === true;
}

/**
 * OpenAI-style fragments for one call: the first carries index, id, type, name and the first
 * piece of arguments (or ""); later ones only index + the next arguments piece.
 */
function toolCallFragments(call: ChatToolCall, index: number, firstPiece: boolean) {
  const pieces = splitIntoFixedPieces(call.function.arguments, ARGUMENT_PIECE_LENGTH);
  const head = firstPiece ? (pieces.shift() ?? "") : "";
  const fragments: ChatToolCallDelta[] = [
    {
      index,
      id: call.id,
      type: call.type,
      function: { name: call.function.name, arguments: head },
    },
  ];
  for (const piece of pieces) fragments.push({ index, function: { arguments: piece } });
  return fragments;
}

/** Alternates the fragments of all calls so a client must merge them by index. */
function interleavedToolDeltas(calls: ChatToolCall[]): ChatDelta[] {
  const perCall = calls.map((call, index) => toolCallFragments(call, index, index % 2 === 1));
  const deltas: ChatDelta[] = [];
  const longest = Math.max(0, ...perCall.map((fragments) => fragments.length));
  for (let step = 0; step < longest; step++) {
    for (const fragments of perCall) {
      const fragment = fragments[step];
      if (fragment) deltas.push({ tool_calls: [fragment] });
    }
  }
  return deltas;
}

/** The ordered deltas of one choice; assembled, they rebuild `message`. */
function messageDeltas(message: ChatMessage): ChatDelta[] {
  const deltas: ChatDelta[] = [];
  if (message.reasoning_content !== undefined) {
    for (const piece of splitIntoWordPieces(message.reasoning_content)) {
      deltas.push({ reasoning_content: piece });
    }
  }
  if (message.content !== undefined) {
    const pieces = splitIntoWordPieces(message.content);
    if (pieces.length === 0) deltas.push({ content: "" });
    for (const piece of pieces) deltas.push({ content: piece });
  }
  if (message.tool_calls) deltas.push(...interleavedToolDeltas(message.tool_calls));
  if (deltas.length === 0) deltas.push({});
  deltas[0] = { role: "assistant", ...deltas[0] };
  return deltas;
}

function chunkOf(answer: ChatCompletion, choices: ChatChunkChoice[]): ChatCompletionChunk {
  return {
    id: answer.id,
    object: "chat.completion.chunk",
    created: answer.created,
    model: answer.model,
    system_fingerprint: answer.system_fingerprint,
    choices,
  };
}

/** The streamed form of chatAnswer(request) as chunk objects (before SSE framing). */
export function chatStreamChunks(request: unknown): ChatCompletionChunk[] {
  const answer = chatAnswer(request);
  const perChoice = answer.choices.map((choice) => messageDeltas(choice.message));
  const chunks: ChatCompletionChunk[] = [];
  const longest = Math.max(...perChoice.map((deltas) => deltas.length));
  // Choices are interleaved round-robin, one choice per chunk, as xAI does for n > 1.
  for (let step = 0; step < longest; step++) {
    answer.choices.forEach((choice, choiceIndex) => {
      const deltas = perChoice[choiceIndex];
      if (step >= deltas.length) return;
      const chunkChoice: ChatChunkChoice = { index: choice.index, delta: deltas[step] };
      if (step === deltas.length - 1) chunkChoice.finish_reason = choice.finish_reason;
      chunks.push(chunkOf(answer, [chunkChoice]));
    });
  }
  if (includeUsage(request)) chunks.push({ ...chunkOf(answer, []), usage: answer.usage });
  // Citations only arrive on the very last chunk.
  if (answer.citations) chunks[chunks.length - 1].citations = answer.citations;
  return chunks;
}

/**
 * The raw SSE events (`data: <chunk JSON>\n\n` ... `data: [DONE]\n\n`) for a streamed chat
 * completion. Assembled, they give exactly chatAnswer(request), except that `usage` is only sent
 * when `stream_options.include_usage` is true.
 */
export function chatStreamEvents(request: unknown): string[] {
  const events = chatStreamChunks(request).map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`);
  events.push(SSE_DONE_EVENT);
  return events;
}
