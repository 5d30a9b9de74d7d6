/**
 * The one server-sent-events reader, for every streamed xAI answer (chat completions, responses).
 * Bytes → events with eventsource-parser (https://html.spec.whatwg.org/multipage/server-sent-events.html),
 * bounded: one event may not exceed MAX_SSE_EVENT_CHARS, keep-alive comments alone do not keep a
 * stream alive past EVENT_IDLE_TIMEOUT_MS, and the whole body is bounded by the client's body limit.
 * @see https://docs.x.ai/docs/guides/streaming-response
 */

import type { Readable } from "node:stream";
import type { AxiosResponse } from "axios";
import { createParser } from "eventsource-parser";
import { StreamCutOffError, XaiApiError } from "../errors/classes";
import { deadlineExceeded, overBodyLimit } from "../errors/describe";
import { readErrorBody, readHeader, xaiErrorIn } from "../errors/errorBody";
import { formatBytes, formatDuration, truncate } from "../errors/text";
import type { Xai } from "../http/client";
import { readBody } from "../http/download";
import { readChunks } from "../http/readChunks";
import { depthOf, isJsonObject } from "../inputs/clean";
import {
  EVENT_IDLE_TIMEOUT_MS,
  IDLE_TIMEOUT_MS,
  MAX_ERROR_BODY_BYTES,
  MAX_JSON_BODY_BYTES,
  MAX_JSON_DEPTH,
  MAX_SSE_EVENT_CHARS,
} from "../limits";

export interface SseEvent {
  event?: string;
  data: string;
}

/** Turns a stream's events into one answer. */
export interface Assembler<T> {
  /**
   * Takes one event; returns true when it completed the answer (the end marker or final snapshot).
   * `redact` cleans what an error quotes of xAI's words before it is shortened.
   */
  take(event: SseEvent, redact?: Redact): boolean;
  /** The whole answer, once `take` returned true. */
  result(): T;
  /** What arrived before a cut: its size in characters, its start, and the answer so far. */
  progress(): { characters: number; text: string; partial: unknown };
  /** What a complete stream ends with, for messages ("[DONE]", "response.completed"). */
  readonly endMarker: string;
}

type Redact = (text: string) => string;
/** How much of xAI's words a stream error quotes. */
const QUOTED_REASON_CHARS = 400;
/** xAI's words for a message: redacted, then shortened, so a secret is never half-quoted. */
const quoted = (text: string, max: number, redact?: Redact): string =>
  truncate(redact ? redact(text) : text, max);

/** Parses an event's data as a JSON object, and fails with xAI's message when it is an error. */
export function eventJson(event: SseEvent, redact?: Redact): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(event.data);
  } catch {
    parsed = event.data;
  }
  const record = isJsonObject(parsed) ? parsed : undefined;
  if (event.event === "error" || record?.type === "error" || (record?.error ?? null) !== null) {
    const xaiError = xaiErrorIn(parsed);
    throw new XaiApiError(
      `xAI reported an error in the stream: ${quoted(xaiError?.message ?? event.data, QUOTED_REASON_CHARS, redact)}`,
      { code: xaiError?.code ?? "STREAM_ERROR", status: xaiError?.status, body: parsed },
    );
  }
  if (!record) {
    throw new XaiApiError(
      `xAI's stream was malformed: an event's data is not a JSON object: ${JSON.stringify(quoted(event.data, 200, redact))}`,
      { code: "STREAM_ERROR" },
    );
  }
  // Deeper than xAI's own JSON: merging it would overflow the stack, and no step could store it.
  // Each level takes two characters ("[" and "]"), so only a long event can be that deep.
  if (event.data.length > 2 * MAX_JSON_DEPTH && depthOf(record) > MAX_JSON_DEPTH) {
    throw new XaiApiError(
      `xAI's stream was malformed: an event nests deeper than ${MAX_JSON_DEPTH} levels`,
      { code: "STREAM_ERROR" },
    );
  }
  return record;
}

/** The events of a `text/event-stream` body as they arrive. */
export async function* readEvents(body: AsyncIterable<Buffer>): AsyncGenerator<SseEvent> {
  const parsed: SseEvent[] = [];
  let overLimit = false;
  let lastEventAt = Date.now();
  let sawEvent = false;
  /** The body's start while no event has come: an error sent as plain JSON is quoted from it. */
  let head = "";
  // eventsource-parser bounds what it holds (an unfinished line plus the event's data so far),
  // in characters; comments between data lines do not reset it.
  const parser = createParser({
    maxBufferSize: MAX_SSE_EVENT_CHARS,
    onEvent: ({ event, data }) => {
      parsed.push(event === undefined ? { data } : { event, data });
    },
    onError: (error) => {
      overLimit ||= (error as { type?: string }).type === "max-buffer-size-exceeded";
    },
  });
  const decoder = new TextDecoder("utf-8");
  for await (const chunk of readChunks(body, IDLE_TIMEOUT_MS, "xAI's stream")) {
    const text = decoder.decode(chunk, { stream: true });
    if (!sawEvent && head.length < MAX_ERROR_BODY_BYTES) head += text;
    parser.feed(text);
    if (overLimit) {
      throw new XaiApiError(
        `xAI's stream sent an event larger than the ${formatBytes(MAX_SSE_EVENT_CHARS)} limit, so reading stopped`,
        { code: "LIMIT_EXCEEDED" },
      );
    }
    if (parsed.length > 0) {
      sawEvent = true;
      lastEventAt = Date.now();
    } else if (Date.now() - lastEventAt > EVENT_IDLE_TIMEOUT_MS) {
      throw new XaiApiError(
        `xAI's stream sent no event for ${formatDuration(EVENT_IDLE_TIMEOUT_MS)} (only keep-alives), so reading stopped`,
        { code: "IDLE_TIMEOUT" },
      );
    }
    yield* parsed.splice(0, parsed.length);
  }
  // A last event whose lines are complete but lack the closing blank line still counts; one cut
  // off mid-line does not (the SSE spec drops it).
  parser.feed(`${decoder.decode()}\n`);
  sawEvent ||= parsed.length > 0;
  yield* parsed.splice(0, parsed.length);
  // No event at all, but xAI's error JSON (a gateway that answers an error with 200).
  const xaiError = sawEvent ? undefined : xaiErrorIn(await readErrorBody(head));
  if (xaiError) {
    throw new XaiApiError(`xAI answered the stream with an error: ${xaiError.message}`, {
      code: xaiError.code ?? "STREAM_ERROR",
      status: xaiError.status,
    });
  }
}

/**
 * POSTs a streamed request and assembles xAI's events into the one object the plain call returns.
 * An answer sent as plain JSON (a proxy, a model that ignores `stream`) is returned as it is. A stream
 * that ends or breaks before its end marker fails as cut off, with what had arrived; it is never
 * retried, since xAI had already accepted (and billed) the generation.
 */
export async function postStreamed<T>(
  xai: Xai,
  path: string,
  body: Record<string, unknown>,
  assembler: Assembler<T>,
): Promise<T | unknown> {
  const response = await xai.request<Readable>({
    method: "POST",
    path,
    body,
    responseType: "stream",
  });
  const contentType = readHeader(response.headers, "content-type") ?? "";
  if (!/text\/event-stream/i.test(contentType)) return wholeAnswer(xai, response, path);
  try {
    for await (const event of readEvents(response.data)) {
      if (assembler.take(event, xai.redact.text)) return assembler.result();
    }
    throw cutOff(xai, path, assembler, undefined);
  } catch (error) {
    // Our own errors (limits, idle, xAI's error events) say what happened; a transport failure is a cut.
    let failure = error instanceof XaiApiError ? error : cutOff(xai, path, assembler, error);
    if (xai.signal.aborted) {
      failure = deadlineExceeded("POST", path, xai.deadlineMs);
    } else if (overBodyLimit(error)) {
      failure = new XaiApiError(
        `xAI's stream on POST ${path} was larger than the ${formatBytes(MAX_JSON_BODY_BYTES)} body limit, so reading stopped`,
        { code: "LIMIT_EXCEEDED" },
      );
    }
    throw await xai.failure(failure);
  }
}

/**
 * An answer sent whole instead of streamed (a proxy, a model that ignores `stream`): read within
 * the JSON body limit, returned as it is, or failed with xAI's error when it is one.
 */
async function wholeAnswer(xai: Xai, response: AxiosResponse<Readable>, path: string) {
  let json: unknown;
  try {
    const whole = await readBody(
      response,
      MAX_JSON_BODY_BYTES,
      `Reading xAI's answer to POST ${path}`,
      "POST",
    );
    json = await readErrorBody(whole.data); // JSON when it parses, else text
  } catch (error) {
    throw await xai.failure(error);
  }
  if (typeof json !== "object" || json === null || depthOf(json) > MAX_JSON_DEPTH) {
    throw await xai.notJson({ ...response, data: json }, "POST", path);
  }
  const xaiError = xaiErrorIn(json);
  if (!xaiError || !("error" in json)) return json;
  const message = `xAI API error on POST ${path}: ${truncate(xaiError.message, 1000)}`;
  throw await xai.failure(new XaiApiError(message, { code: xaiError.code, body: json }));
}

/** How much of a cut-off answer a message quotes (redacted first: a secret is never half-quoted). */
const QUOTED_CHARS = 500;

function cutOff<T>(
  xai: Xai,
  path: string,
  assembler: Assembler<T>,
  cause: unknown,
): StreamCutOffError {
  const { characters, text, partial } = assembler.progress();
  const why = cause instanceof Error ? ` (${cause.message})` : "";
  // Redacted past the quote's end (a secret is far shorter than 20 quotes), then shortened.
  const quoted = truncate(xai.redact.text(text.slice(0, QUOTED_CHARS * 20)), QUOTED_CHARS);
  const received = text ? ` Received so far: "${quoted}"` : " No text had arrived yet.";
  return new StreamCutOffError(
    `xAI's stream on POST ${path} was cut off after ${characters} characters, before ${assembler.endMarker}${why}; the answer is incomplete and was not retried.${received}`,
    { method: "POST", path, partial },
  );
}
