/** How much of the received text a cut-off message quotes. */
export const PREVIEW_CHARACTERS = 500;

export interface StreamCutOffDetails {
  /** Characters of answer text (content, reasoning, tool input) received before the cut. */
  receivedCharacters: number;
  /** The start of the received text; only its first ~500 characters are quoted. */
  receivedTextStart: string;
  /** What was assembled so far, shaped like the whole answer. */
  partial: unknown;
  /** The marker that ends a complete stream, e.g. "[DONE]" or "message_stop". */
  endMarker: string;
  /** The transport error that ended the stream, if it did not simply end. */
  cause?: unknown;
}

/**
 * The stream ended (or its connection failed) before xAI's end marker, so the answer is incomplete.
 * The component never returns a truncated answer as if it were whole; `partial` keeps what arrived.
 */
export class StreamCutOffError extends Error {
  override readonly name = "StreamCutOffError";
  readonly receivedCharacters: number;
  readonly partial: unknown;

  constructor(details: StreamCutOffDetails) {
    const reason =
      details.cause === undefined ? "" : ` The connection failed: ${describe(details.cause)}.`;
    const received =
      details.receivedTextStart === ""
        ? "No text had arrived yet."
        : `Received so far: "${previewOf(details.receivedTextStart)}..."`;
    super(
      `xAI's stream was cut off after ${details.receivedCharacters} characters, before it finished ` +
        `(no ${details.endMarker}); the answer is incomplete.${reason} ${received}`,
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.receivedCharacters = details.receivedCharacters;
    this.partial = details.partial;
  }
}

export interface StreamEventErrorDetails {
  status?: number;
  code?: string;
  /** The event's data as xAI sent it (parsed JSON, or the raw text when it was not JSON). */
  body: unknown;
  cause?: unknown;
}

/** xAI put an error into the stream, or sent something that is not a readable stream event. */
export class StreamEventError extends Error {
  override readonly name = "StreamEventError";
  readonly status?: number;
  readonly code?: string;
  readonly body: unknown;

  constructor(message: string, details: StreamEventErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    if (details.status !== undefined) this.status = details.status;
    if (details.code !== undefined) this.code = details.code;
    this.body = details.body;
  }
}

/** No byte of the stream arrived for the idle timeout. */
export class StreamIdleTimeoutError extends Error {
  override readonly name = "StreamIdleTimeoutError";
  readonly idleTimeoutMs: number;

  constructor(idleTimeoutMs: number) {
    super(
      `xAI sent nothing for ${formatDuration(idleTimeoutMs)} while streaming the answer, so the ` +
        "component stopped waiting; the answer is incomplete. Try again, or turn Stream off.",
    );
    this.idleTimeoutMs = idleTimeoutMs;
  }
}

/** The first ~500 characters, without leaving half of a surrogate pair (an emoji) at the end. */
function previewOf(text: string): string {
  const head = text.slice(0, PREVIEW_CHARACTERS);
  const lastCode = head.charCodeAt(head.length - 1);
  return lastCode >= 0xd800 && lastCode <= 0xdbff ? head.slice(0, -1) : head;
}

function describe(cause: unknown): string {
  if (cause instanceof Error) {
    const code = "code" in cause && typeof cause.code === "string" ? cause.code : undefined;
    return code && !cause.message.includes(code) ? `${cause.message} (${code})` : cause.message;
  }
  return String(cause);
}

function formatDuration(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}
