import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { isBinaryPlan, writeBinaryPlan } from "./binaryWriter";
import { startMediaSide } from "./mediaSide";
import { errorPlan } from "./plans";
import { answerResponsesApi } from "./responseRoutes";
import { ResponseStore } from "./responseStore";
import { type PlannedResponse, writePlannedResponse } from "./responseWriter";
import { answerNormally } from "./routes";
import { ScriptQueue, scriptedPlan } from "./scripts";
import type { RecordedRequest, ScriptedResponse, XaiServer, XaiServerOptions } from "./serverTypes";
import { xaiError } from "./xaiErrors";

/**
 * A local stand-in for xAI's REST API (https://docs.x.ai/docs/api-reference) on 127.0.0.1, for
 * jest tests, `npm run demo` and benchmarks. Plain node:http, no test-framework APIs.
 */

export { chatAnswer } from "./chatAnswers";
export { chatStreamChunks, chatStreamEvents } from "./chatStream";
export type { ChatCompletion, ChatCompletionChunk } from "./chatTypes";
export { imageAnswer } from "./images";
export { mediaBytes } from "./mediaBytes";
export { startMediaHost } from "./mediaHost";
export type { MediaHost, MediaRequest, MediaScript, MediaUrlOptions } from "./mediaTypes";
export { messageAnswer } from "./messageAnswers";
export type { MessageResponse, MessageStreamEvent } from "./messageTypes";
export { MODEL_CATALOGUE } from "./models";
export { responseAnswer } from "./responseAnswers";
export { responseStreamEventObjects, responseStreamEvents } from "./responseStream";
export type { ModelResponse, ResponseStreamEvent } from "./responseTypes";
export type { RecordedRequest, ScriptedResponse, XaiServer, XaiServerOptions };

const LOOPBACK = "127.0.0.1";

function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    // A client that gives up mid-upload gets no answer.
    request.on("error", () => resolve(undefined));
  });
}

function parseJson(rawBody: string): unknown {
  try {
    return JSON.parse(rawBody);
  } catch {
    return undefined;
  }
}

function recordOf(request: IncomingMessage, rawBytes: Buffer): RecordedRequest {
  const rawBody = rawBytes.toString("utf8");
  const target = request.url ?? "/";
  const queryStart = target.indexOf("?");
  const url = new URL(target, `http://${LOOPBACK}`);
  return {
    method: request.method ?? "GET",
    path: queryStart === -1 ? target : target.slice(0, queryStart),
    query: Object.fromEntries(url.searchParams),
    headers: request.headers,
    rawBody,
    rawBytes,
    body: parseJson(rawBody),
  };
}

export async function startXaiServer(options: XaiServerOptions = {}): Promise<XaiServer> {
  const requests: RecordedRequest[] = [];
  const scripts = new ScriptQueue();
  // Images, videos and files: their state and the second loopback server that serves the media.
  const media = await startMediaSide();
  // Stored responses (previous_response_id, background jobs, GET/DELETE /v1/responses/{id}).
  const responses = new ResponseStore();
  const sockets = new Set<Socket>();
  // Aborted on close() so pending `delayMs` timers never keep the process alive.
  const closing = new AbortController();
  let requestCounter = 0;

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const rawBytes = await readBody(request);
    if (rawBytes === undefined) return;
    const recorded = recordOf(request, rawBytes);
    requests.push(recorded);
    const requestId = `req_${++requestCounter}`;
    const script = scripts.take(recorded.path);
    if (script?.delayMs) await sleep(script.delayMs, undefined, { signal: closing.signal });
    if (script?.hang || response.destroyed) return;
    if (script?.resetBeforeResponse) {
      request.socket.destroy();
      return;
    }
    const normalAnswer = () =>
      media.answer(recorded, options.acceptedToken) ??
      answerResponsesApi(recorded, options.acceptedToken, responses) ??
      answerNormally(recorded, options.acceptedToken);
    const plan: PlannedResponse = script ? scriptedPlan(script, normalAnswer) : normalAnswer();
    plan.headers = { "x-request-id": requestId, ...plan.headers };
    const writeOptions = { resetAfterBytes: script?.resetAfterBytes };
    if (isBinaryPlan(plan)) await writeBinaryPlan(response, plan, writeOptions);
    else await writePlannedResponse(response, plan, writeOptions);
  }

  const server = createServer((request, response) => {
    answer(request, response).catch((error: unknown) => {
      if (closing.signal.aborted) return;
      if (response.headersSent) {
        response.destroy();
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      void writePlannedResponse(response, errorPlan(xaiError(500, `Test server bug: ${message}`)));
    });
  });
  server.on("connection", (socket: Socket) => {
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, LOOPBACK, () => {
      server.off("error", reject);
      resolve();
    });
  }).catch(async (error: unknown) => {
    await media.close();
    throw error;
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${LOOPBACK}:${port}`;

  return {
    baseUrl: `${origin}/v1`,
    origin,
    requests,
    media: media.host,
    script(...responses: ScriptedResponse[]) {
      scripts.add(responses);
    },
    reset() {
      requests.length = 0;
      scripts.clear();
      media.reset();
      responses.clear();
    },
    close() {
      closing.abort();
      const apiClosed = new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return Promise.all([apiClosed, media.close()]).then(() => undefined);
    },
  };
}
