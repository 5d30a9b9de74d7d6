import { parseJsonStream } from "./parseJsonStream";
import { ChunkReader } from "./stream/chunkReader";
import { DEFAULT_IDLE_TIMEOUT_MS, type ReadSseOptions } from "./stream/readSseEvents";
import { StreamIdleTimeoutError } from "./stream/streamErrors";

/**
 * Reads a JSON response body as it arrives and parses it without ever holding the whole body as
 * one string (see parseJsonStream), giving up when xAI sends nothing for `idleTimeoutMs` or the
 * call's deadline aborts it. axios' own JSON handling keeps the chunks, their concatenation, the
 * text and the result alive together: about 3.6 times a large image response, this about 2.
 */
export const readJsonBody = async (
  body: AsyncIterable<Uint8Array | string>,
  { idleTimeoutMs = DEFAULT_IDLE_TIMEOUT_MS, signal }: ReadSseOptions = {},
): Promise<unknown> => {
  const reader = new ChunkReader(body, idleTimeoutMs, signal);
  let received = 0;
  async function* chunks(): AsyncGenerator<Buffer> {
    for (let chunk = await reader.next(); chunk !== undefined; chunk = await reader.next()) {
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      received += bytes.length;
      yield bytes;
    }
  }
  try {
    return await parseJsonStream(chunks());
  } catch (error) {
    if (signal?.aborted || error instanceof StreamIdleTimeoutError) throw error;
    const why =
      error instanceof SyntaxError ? "was not valid JSON" : "was cut off before it was complete";
    throw new Error(
      `xAI's response ${why} (${received} bytes arrived): ${(error as Error).message}.`,
    );
  } finally {
    await reader.close();
  }
};
