import type http from "node:http";
import { bundleHarness } from "../support/bundle";
import { listenOnLoopback, type TinyServer } from "../support/tinyServer";

/** Run Agent as it ships: the built bundle, through Spectral's harness. */
export const agent = bundleHarness();

export const MODEL = "grok-4.3";

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON paths of the answers
export type Loose = any;

/** How a flow's webhook answers: data (after a delay), an error status, or a body that never ends. */
export interface FlowBehaviour {
  answer?: unknown;
  delayMs?: number;
  status?: number;
  /** Send the headers, then `chunk` every `everyMs` until the caller hangs up: never finishes. */
  drip?: { chunk: string; everyMs: number };
}

export interface FlowCall {
  body: Loose;
  headers: http.IncomingHttpHeaders;
  arrivedAt: number;
  answeredAt?: number;
  /** For a dripping answer: bytes written, and when the caller hung up. */
  sentBytes?: number;
  closedAt?: number;
}

type Drip = NonNullable<FlowBehaviour["drip"]>;

/** Writes `chunk` every `everyMs` until the connection closes; counts the bytes sent. */
function drip(response: http.ServerResponse, call: FlowCall, { chunk, everyMs }: Drip): void {
  response.writeHead(200, { "content-type": "application/json" });
  response.flushHeaders();
  call.sentBytes = 0;
  const timer = setInterval(() => {
    if (response.destroyed) return;
    response.write(chunk);
    call.sentBytes = (call.sentBytes ?? 0) + Buffer.byteLength(chunk);
  }, everyMs);
  response.on("close", () => {
    clearInterval(timer);
    call.closedAt = Date.now();
  });
}

/** A loopback webhook standing in for one flow's trigger (what Spectral's invokeFlow POSTs to). */
export interface FlowHook {
  url: string;
  calls: FlowCall[];
  behaviour: FlowBehaviour;
  close(): Promise<void>;
}

export async function startFlowHook(behaviour: FlowBehaviour = {}): Promise<FlowHook> {
  const calls: FlowCall[] = [];
  const hook = { calls, behaviour } as FlowHook;
  const server: TinyServer = await listenOnLoopback((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const call: FlowCall = {
        body: text ? JSON.parse(text) : undefined,
        headers: request.headers,
        arrivedAt: Date.now(),
      };
      calls.push(call);
      if (hook.behaviour.drip) return drip(response, call, hook.behaviour.drip);
      const { answer = { ok: true }, delayMs = 0, status = 200 } = hook.behaviour;
      setTimeout(() => {
        call.answeredAt = Date.now();
        response.writeHead(status, { "content-type": "application/json" });
        response.end(JSON.stringify(answer));
      }, delayMs);
    });
  });
  hook.url = `${server.baseUrl.replace(/\/v1$/, "")}/trigger/SW5zdGFuY2VGbG93`;
  hook.close = () => server.close();
  return hook;
}

/** An invoke schema as Prismatic hands it in `context.flowSchemas[flow].invoke`. */
export const invokeSchema = (
  title: string,
  properties: Record<string, { type: string; description: string }>,
  extra: Record<string, unknown> = {},
) => ({
  invoke: {
    title,
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    properties,
    required: Object.keys(properties),
    ...extra,
  },
});
