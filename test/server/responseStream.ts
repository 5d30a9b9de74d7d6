import { composeResponse, NO_HISTORY, pendingView, type ResponseHistory } from "./responseAnswers";
import type {
  FunctionCallItem,
  ModelResponse,
  OutputItem,
  OutputMessage,
  ResponseStreamEvent,
  ServerToolCallItem,
} from "./responseTypes";
import { splitIntoFixedPieces, splitIntoWordPieces } from "./textPieces";

/**
 * The streamed form of a response, event for event as OpenAI's Responses streaming (which xAI
 * follows): `event: <type>` + `data: {"type", "sequence_number", ...}`. Assembled (e.g. by the
 * openai SDK's ResponseStream) the events give exactly the non-streamed response.
 * https://docs.x.ai/docs/guides/streaming-response
 */

/** Function-call arguments are streamed in fragments of this many characters. */
const ARGUMENT_PIECE_LENGTH = 8;

/** An event before it is numbered. */
interface EventBody {
  type: string;
  [field: string]: unknown;
}

/** The phases OpenAI reports between a server-side call's `added` and `done` events. */
const TOOL_PHASES: Record<ServerToolCallItem["type"], string[]> = {
  web_search_call: ["in_progress", "searching", "completed"],
  x_search_call: ["in_progress", "searching", "completed"],
  file_search_call: ["in_progress", "searching", "completed"],
  code_interpreter_call: ["in_progress", "interpreting", "completed"],
  mcp_call: ["in_progress", "completed"],
};

function messageEvents(item: OutputMessage, outputIndex: number): EventBody[] {
  const base = { item_id: item.id, output_index: outputIndex };
  const events: EventBody[] = [
    {
      type: "response.output_item.added",
      output_index: outputIndex,
      item: { ...item, status: "in_progress", content: [] },
    },
  ];
  item.content.forEach((part, contentIndex) => {
    const at = { ...base, content_index: contentIndex };
    const emptyPart = { ...part, text: "", annotations: [] };
    events.push({ type: "response.content_part.added", ...at, part: emptyPart });
    for (const delta of splitIntoWordPieces(part.text)) {
      events.push({ type: "response.output_text.delta", ...at, delta, logprobs: [] });
    }
    part.annotations.forEach((annotation, annotationIndex) => {
      events.push({
        type: "response.output_text.annotation.added",
        ...at,
        annotation_index: annotationIndex,
        annotation,
      });
    });
    events.push({ type: "response.output_text.done", ...at, text: part.text, logprobs: [] });
    events.push({ type: "response.content_part.done", ...at, part });
  });
  events.push({ type: "response.output_item.done", output_index: outputIndex, item });
  return events;
}

function functionCallEvents(item: FunctionCallItem, outputIndex: number): EventBody[] {
  const base = { item_id: item.call_id, output_index: outputIndex };
  const events: EventBody[] = [
    {
      type: "response.output_item.added",
      output_index: outputIndex,
      item: { ...item, arguments: "", status: "in_progress" },
    },
  ];
  for (const delta of splitIntoFixedPieces(item.arguments, ARGUMENT_PIECE_LENGTH)) {
    events.push({ type: "response.function_call_arguments.delta", ...base, delta });
  }
  events.push({
    type: "response.function_call_arguments.done",
    ...base,
    name: item.name,
    arguments: item.arguments,
  });
  events.push({ type: "response.output_item.done", output_index: outputIndex, item });
  return events;
}

function serverToolEvents(item: ServerToolCallItem, outputIndex: number): EventBody[] {
  const base = { item_id: item.id, output_index: outputIndex };
  return [
    {
      type: "response.output_item.added",
      output_index: outputIndex,
      item: { ...item, status: "in_progress" },
    },
    ...TOOL_PHASES[item.type].map((phase) => ({ type: `response.${item.type}.${phase}`, ...base })),
    { type: "response.output_item.done", output_index: outputIndex, item },
  ];
}

function itemEvents(item: OutputItem, outputIndex: number): EventBody[] {
  if (item.type === "message") return messageEvents(item, outputIndex);
  if (item.type === "function_call") return functionCallEvents(item, outputIndex);
  return serverToolEvents(item, outputIndex);
}

const FINAL_EVENT: Record<string, string> = {
  completed: "response.completed",
  incomplete: "response.incomplete",
  failed: "response.failed",
};

/** An `error` event replaces the second half of the stream (FAIL_STREAM). */
function breakMidway(events: EventBody[]): EventBody[] {
  const kept = events.slice(0, Math.max(2, Math.floor(events.length / 2)));
  kept.push({
    type: "error",
    code: "server_error",
    message: "The stream was interrupted by the local xAI test server (FAIL_STREAM).",
    param: null,
  });
  return kept;
}

/** The event objects for `response` (finished), before SSE framing. */
export function streamEventsOf(
  response: ModelResponse,
  failStream: boolean,
): ResponseStreamEvent[] {
  let events: EventBody[] = [
    { type: "response.created", response: pendingView(response, "in_progress") },
    { type: "response.in_progress", response: pendingView(response, "in_progress") },
  ];
  response.output.forEach((item, index) => {
    events.push(...itemEvents(item, index));
  });
  events.push({ type: FINAL_EVENT[response.status] ?? "response.completed", response });
  if (failStream) events = breakMidway(events);
  return events.map((event, index) => ({ ...event, sequence_number: index }));
}

/** The event objects of a streamed `POST /v1/responses` (before SSE framing). */
export function responseStreamEventObjects(
  body: unknown,
  history: ResponseHistory = NO_HISTORY,
): ResponseStreamEvent[] {
  const { response, failStream } = composeResponse(body, history);
  return streamEventsOf(response, failStream);
}

export function sseFrame(event: ResponseStreamEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** The raw SSE events (`event: <type>\ndata: <JSON>\n\n`) of a streamed `POST /v1/responses`. */
export function responseStreamEvents(
  body: unknown,
  history: ResponseHistory = NO_HISTORY,
): string[] {
  return responseStreamEventObjects(body, history).map(sseFrame);
}
