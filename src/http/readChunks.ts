/**
 * Reads a response body chunk by chunk within the limits: it fails when no byte arrives for the idle
 * limit, and releases the body (closing the connection) however the reading ends.
 */

import { XaiApiError } from "../errors/classes";
import { formatDuration } from "../errors/text";

export async function* readChunks(
  body: AsyncIterable<Buffer>,
  idleMs: number,
  what: string,
): AsyncGenerator<Buffer> {
  const iterator = body[Symbol.asyncIterator]();
  try {
    for (;;) {
      let timer: NodeJS.Timeout | undefined;
      const idle = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new XaiApiError(
                `${what} stopped: nothing arrived for ${formatDuration(idleMs)} (the idle limit)`,
                { code: "IDLE_TIMEOUT" },
              ),
            ),
          idleMs,
        );
      });
      try {
        const next = await Promise.race([iterator.next(), idle]);
        if (next.done) return;
        yield next.value;
      } finally {
        clearTimeout(timer);
      }
    }
  } finally {
    const destroy = (body as { destroy?: () => void }).destroy;
    if (typeof destroy === "function") destroy.call(body);
    else iterator.return?.().catch(() => undefined);
  }
}
