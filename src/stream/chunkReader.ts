import { StreamIdleTimeoutError } from "./streamErrors";

/**
 * Reads a response body chunk by chunk, giving up when nothing arrives for `idleTimeoutMs` or when
 * `signal` aborts. Giving up destroys the body (an axios stream is a Node Readable, and destroying it
 * closes the connection) so a stalled xAI response does not hold a socket open.
 */
export class ChunkReader<Chunk> {
  private readonly iterator: AsyncIterator<Chunk>;
  /** The body has ended, failed, or been given up on: nothing more will be read from it. */
  private finished = false;
  /** Rejects the `next()` that is waiting for the body, if one is. */
  private interruptWaiting: ((error: unknown) => void) | undefined;
  private readonly onAbort = (): void => this.giveUp(this.signal?.reason);

  constructor(
    private readonly body: AsyncIterable<Chunk>,
    private readonly idleTimeoutMs: number,
    private readonly signal?: AbortSignal,
  ) {
    this.iterator = body[Symbol.asyncIterator]();
    signal?.addEventListener("abort", this.onAbort, { once: true });
  }

  /** The next chunk, or undefined once the body has ended. */
  next(): Promise<Chunk | undefined> {
    if (this.signal?.aborted) {
      this.giveUp(this.signal.reason);
      return Promise.reject(this.signal.reason);
    }
    return new Promise<Chunk | undefined>((resolve, reject) => {
      // One timer per wait: the clock only runs while waiting on xAI, not while the caller works.
      const timer = setTimeout(
        () => this.giveUp(new StreamIdleTimeoutError(this.idleTimeoutMs)),
        this.idleTimeoutMs,
      );
      const settle = (): void => {
        clearTimeout(timer);
        this.interruptWaiting = undefined;
      };
      this.interruptWaiting = (error) => {
        settle();
        reject(error);
      };
      // A late answer after an interrupt settles an already-rejected promise, which is a no-op.
      this.iterator.next().then(
        (result) => {
          settle();
          if (result.done) this.finished = true;
          resolve(result.done ? undefined : result.value);
        },
        (error: unknown) => {
          settle();
          this.finished = true;
          reject(error);
        },
      );
    });
  }

  /** Stop reading: release the body (if it is not done yet) and the abort listener. */
  async close(): Promise<void> {
    this.signal?.removeEventListener("abort", this.onAbort);
    if (this.finished) return;
    this.finished = true;
    try {
      // Ends the body's iteration early; for a Node Readable this destroys the stream.
      await this.iterator.return?.();
    } catch {
      // The caller is done with the body; a failure while releasing it changes nothing for them.
    }
  }

  private giveUp(error: unknown): void {
    this.signal?.removeEventListener("abort", this.onAbort);
    // Reject the waiting read first, so the caller sees this error rather than the body's own
    // reaction to being destroyed.
    this.interruptWaiting?.(error);
    if (!this.finished) {
      this.finished = true;
      this.destroyBody();
    }
  }

  private destroyBody(): void {
    if (hasDestroy(this.body)) {
      this.body.destroy();
      return;
    }
    // A plain async iterator cannot be cancelled while a read is pending: ask it to finish once it can.
    this.iterator.return?.().catch(() => undefined);
  }
}

function hasDestroy(value: object): value is { destroy(): void } {
  return "destroy" in value && typeof value.destroy === "function";
}
