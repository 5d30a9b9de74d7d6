import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { errorPlan } from "./plans";
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
export { messageAnswer } from "./messageAnswers";
export { messageStreamEventObjects, messageStreamEvents } from "./messageStream";
export type { MessageResponse, MessageStreamEvent } from "./messageTypes";
export { MODEL_CATALOGUE } from "./models";
export type { RecordedRequest, ScriptedResponse, XaiServer, XaiServerOptions };

const LOOPBACK = "127.0.0.1";

function readBody(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
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

function recordOf(request: IncomingMessage, rawBody: string): RecordedRequest {
  const target = request.url ?? "/";
  const queryStart = target.indexOf("?");
  const url = new URL(target, `http://${LOOPBACK}`);
  return {
    method: request.method ?? "GET",
    path: queryStart === -1 ? target : target.slice(0, queryStart),
    query: Object.fromEntries(url.searchParams),
    headers: request.headers,
    rawBody,
    body: parseJson(rawBody),
  };
}

export async function startXaiServer(options: XaiServerOptions = {}): Promise<XaiServer> {
  const requests: RecordedRequest[] = [];
  const scripts = new ScriptQueue();
  const sockets = new Set<Socket>();
  // Aborted on close() so pending `delayMs` timers never keep the process alive.
  const closing = new AbortController();
  let requestCounter = 0;

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const rawBody = await readBody(request);
    if (rawBody === undefined) return;
    const recorded = recordOf(request, rawBody);
    requests.push(recorded);
    const requestId = `req_${++requestCounter}`;
    const script = scripts.take(recorded.path);
    if (script?.delayMs) await sleep(script.delayMs, undefined, { signal: closing.signal });
    if (script?.hang || response.destroyed) return;
    if (script?.resetBeforeResponse) {
      request.socket.destroy();
      return;
    }
    const normalAnswer = () => answerNormally(recorded, options.acceptedToken);
    const plan: PlannedResponse = script ? scriptedPlan(script, normalAnswer) : normalAnswer();
    plan.headers = { "x-request-id": requestId, ...plan.headers };
    await writePlannedResponse(response, plan, { resetAfterBytes: script?.resetAfterBytes });
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
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${LOOPBACK}:${port}`;

  return {
    baseUrl: `${origin}/v1`,
    origin,
    requests,
    script(...responses: ScriptedResponse[]) {
      scripts.add(responses);
    },
    reset() {
      requests.length = 0;
      scripts.clear();
    },
    close() {
      closing.abort();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}
