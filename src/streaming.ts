import type { XaiClient } from "./client";
import { deadlineExceeded, isTimeoutReason } from "./errors";
import { readJsonBody } from "./jsonBody";
import { assembleChatStream } from "./stream/chatStream";
import { assembleMessageStream } from "./stream/messageStream";
import type { ReadSseOptions } from "./stream/readSseEvents";
import type { JsonObject } from "./stream/types";

type BodyReader<T> = (body: AsyncIterable<Uint8Array>, options: ReadSseOptions) => Promise<T>;

/**
 * POSTs `body` and reads xAI's response body with `read` as it arrives, instead of letting axios
 * buffer it whole. The call's deadline still applies while the body streams in.
 */
const postAndRead = async <T>(
  client: XaiClient,
  path: string,
  body: JsonObject,
  read: BodyReader<T>,
  accept: string,
): Promise<T> => {
  const response = await client.post(path, body, {
    responseType: "stream",
    headers: { Accept: accept },
  });
  const signal = response.config.signal as AbortSignal | undefined;
  try {
    // The readers give up when xAI sends no byte for 120 s (DEFAULT_IDLE_TIMEOUT_MS).
    return await read(response.data, { signal });
  } catch (error) {
    // The call's deadline ran out while the body was still arriving.
    if (signal?.aborted && isTimeoutReason(signal.reason)) {
      throw deadlineExceeded("POST", path, response.config.xaiCall?.deadlineMs);
    }
    throw error;
  }
};

/** A large JSON answer (such as base64 images), parsed with about half of axios' peak memory. */
export const postForLargeJson = (client: XaiClient, path: string, body: JsonObject) =>
  postAndRead(client, path, body, readJsonBody, "application/json");

const assemblers: Record<"chat" | "message", BodyReader<unknown>> = {
  chat: assembleChatStream,
  message: assembleMessageStream,
};

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
  return postAndRead(client, path, streamedBody, assemblers[kind], "text/event-stream");
};
