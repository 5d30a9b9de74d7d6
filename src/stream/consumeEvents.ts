import { type ReadSseOptions, readSseEvents, type SseEvent } from "./readSseEvents";
import { type StreamCutOffError, StreamIdleTimeoutError } from "./streamErrors";

export interface EventConsumer {
  /** Handles one event; returns true when it was the stream's end marker. May throw StreamEventError. */
  handle(event: SseEvent): boolean;
  /** The error for a stream that ended, or failed with `cause`, before its end marker. */
  cutOff(cause?: unknown): StreamCutOffError;
}

/**
 * Feeds the body's events to `consumer` until its end marker. A body that ends or fails first
 * (ECONNRESET, "aborted", ...) becomes the consumer's StreamCutOffError; an idle timeout or an abort
 * by the caller's signal is passed on unchanged. The body is released however this ends.
 */
export async function consumeEvents(
  body: AsyncIterable<Uint8Array | string>,
  options: ReadSseOptions,
  consumer: EventConsumer,
): Promise<void> {
  const events = readSseEvents(body, options);
  try {
    for (;;) {
      let next: IteratorResult<SseEvent>;
      try {
        next = await events.next();
      } catch (error) {
        throw isDeliberateStop(error, options.signal) ? error : consumer.cutOff(error);
      }
      if (next.done) throw consumer.cutOff();
      if (consumer.handle(next.value)) return;
    }
  } finally {
    await events.return(undefined);
  }
}

function isDeliberateStop(error: unknown, signal: AbortSignal | undefined): boolean {
  return (
    error instanceof StreamIdleTimeoutError || (signal?.aborted === true && error === signal.reason)
  );
}
