import type { XaiClient } from "./client";
import { deadlineExceeded, isTimeoutReason } from "./errors";
import { assembleChatStream } from "./stream/chatStream";
import { assembleMessageStream } from "./stream/messageStream";
import type { JsonObject } from "./validation";

/** A streamed call fails when xAI sends no byte for this long (proxies cut idle connections). */
export const STREAM_IDLE_TIMEOUT_MS = 120 * 1000;

const assemblers = { chat: assembleChatStream, message: assembleMessageStream };

/**
 * POSTs `body`; when it asks for a stream, reads xAI's server-sent events as they arrive and
 * returns the one object the non-streamed call would have returned. A Prismatic step hands a
 * single result to the next step, and streaming keeps long answers alive through idle proxies.
 * @see https://docs.x.ai/docs/guides/streaming-response
 */
export const postMaybeStreamed = async (
  client: XaiClient,
  path: string,
  body: JsonObject,
  kind: keyof typeof assemblers,
): Promise<unknown> => {
  if (body.stream !== true) {
    const { data } = await client.post(path, body);
    return data;
  }
  const streamedBody =
    kind === "chat" && body.stream_options === undefined
      ? { ...body, stream_options: { include_usage: true } }
      : body;
  const response = await client.post(path, streamedBody, {
    responseType: "stream",
    headers: { Accept: "text/event-stream" },
  });
  const signal = response.config.signal as AbortSignal | undefined;
  try {
    return await assemblers[kind](response.data, { idleTimeoutMs: STREAM_IDLE_TIMEOUT_MS, signal });
  } catch (error) {
    // The call's deadline ran out while the answer was still streaming.
    if (signal?.aborted && isTimeoutReason(signal.reason)) {
      throw deadlineExceeded("POST", path, response.config.xaiCall?.deadlineMs);
    }
    throw error;
  }
};
