import { createParser, type EventSourceMessage } from "eventsource-parser";
import { ChunkReader } from "./chunkReader";

/** One server-sent event. `event` and `id` are present only when the server sent those fields. */
export interface SseEvent {
  event?: string;
  data: string;
  id?: string;
}

export interface ReadSseOptions {
  /** Give up when no byte arrives for this long (keep-alive comments count). Default 120000 (2 min). */
  idleTimeoutMs?: number;
  /** Stop reading when this aborts; the read then fails with the signal's reason. */
  signal?: AbortSignal;
}

export const DEFAULT_IDLE_TIMEOUT_MS = 120_000;

/**
 * Parses a `text/event-stream` body into events as the bytes arrive.
 * Parsing follows https://html.spec.whatwg.org/multipage/server-sent-events.html via eventsource-parser,
 * so events may be split at any byte, lines may end in LF, CR or CRLF, and comment lines (": ping"
 * keep-alives) are skipped.
 *
 * Throws StreamIdleTimeoutError when no byte arrives for `idleTimeoutMs`, the signal's reason when it
 * aborts, and the body's own error when the body fails. In those cases, and when the caller stops
 * early, the body is released.
 */
export async function* readSseEvents(
  body: AsyncIterable<Uint8Array | string>,
  options: ReadSseOptions = {},
): AsyncGenerator<SseEvent> {
  const parsed: SseEvent[] = [];
  const parser = createParser({
    onEvent: (message) => parsed.push(toSseEvent(message)),
    // Keep-alive comments carry nothing; their bytes have already reset the idle timer.
    onComment: () => undefined,
  });
  // `stream: true` keeps a multi-byte character split across chunks for the next decode.
  const decoder = new TextDecoder("utf-8");
  const reader = new ChunkReader(
    body,
    options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
    options.signal,
  );
  try {
    for (let chunk = await reader.next(); chunk !== undefined; chunk = await reader.next()) {
      parser.feed(typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true }));
      yield* takeAll(parsed);
    }
    // At the end of the body, a last event whose lines are complete but which lacks the blank line
    // that ends an event still counts; an event cut off mid-line is dropped, as the SSE spec says.
    parser.feed(`${decoder.decode()}\n`);
    yield* takeAll(parsed);
  } finally {
    await reader.close();
  }
}

function toSseEvent(message: EventSourceMessage): SseEvent {
  const event: SseEvent = { data: message.data };
  if (message.event !== undefined) event.event = message.event;
  if (message.id !== undefined) event.id = message.id;
  return event;
}

/** Empties `queue` and returns what it held. */
function takeAll(queue: SseEvent[]): SseEvent[] {
  return queue.splice(0, queue.length);
}
