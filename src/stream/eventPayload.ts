import { isJsonObject, numberField, stringField } from "./jsonValues";
import type { SseEvent } from "./readSseEvents";
import { StreamEventError } from "./streamErrors";
import type { JsonObject } from "./types";

const QUOTED_DATA_CHARACTERS = 200;

/**
 * The JSON object in an event's data. Anything else means the stream is not what xAI documents, and
 * guessing at it could hand back a wrong answer, so it is reported instead.
 */
export function parseEventData(event: SseEvent): JsonObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(event.data);
  } catch (error) {
    if (event.event === "error") throw streamErrorFromText(event.data);
    throw malformedStreamError(
      `an event's data is not JSON: ${quote(event.data)}`,
      event.data,
      error,
    );
  }
  if (!isJsonObject(parsed)) {
    throw malformedStreamError(
      `an event's data is not a JSON object: ${quote(event.data)}`,
      parsed,
    );
  }
  return parsed;
}

/**
 * A StreamEventError when the payload is an error xAI sent inside the stream (`{"error": {...}}`,
 * `{"error": "message", "code": "..."}`, or any data of an `event: error`), else undefined.
 */
export function errorInPayload(
  payload: JsonObject,
  eventName?: string,
): StreamEventError | undefined {
  const error = payload.error;
  if (error === undefined || error === null) {
    if (eventName !== "error") return undefined;
    const message = stringField(payload, "message") ?? JSON.stringify(payload);
    return new StreamEventError(`xAI reported an error in the stream: ${message}`, {
      body: payload,
    });
  }

  const details = isJsonObject(error) ? error : {};
  const message =
    (typeof error === "string" ? error : undefined) ??
    stringField(details, "message") ??
    stringField(details, "type") ??
    stringField(payload, "message") ??
    JSON.stringify(error);
  const code =
    stringField(details, "code") ??
    stringField(payload, "code") ??
    (isJsonObject(error) ? stringField(details, "type") : undefined);
  const status =
    numberField(details, "status") ??
    numberField(payload, "status") ??
    numberField(details, "code") ??
    numberField(payload, "code");

  const codeSuffix = code !== undefined && code !== message ? ` (${code})` : "";
  return new StreamEventError(`xAI reported an error in the stream: ${message}${codeSuffix}`, {
    ...(status === undefined ? {} : { status }),
    ...(code === undefined ? {} : { code }),
    body: payload,
  });
}

export function malformedStreamError(
  detail: string,
  body: unknown,
  cause?: unknown,
): StreamEventError {
  return new StreamEventError(`xAI's stream was malformed: ${detail}`, { body, cause });
}

/** An `event: error` whose data is plain text rather than JSON. */
function streamErrorFromText(text: string): StreamEventError {
  return new StreamEventError(`xAI reported an error in the stream: ${text}`, { body: text });
}

function quote(text: string): string {
  const shown =
    text.length > QUOTED_DATA_CHARACTERS ? `${text.slice(0, QUOTED_DATA_CHARACTERS)}...` : text;
  return JSON.stringify(shown);
}
