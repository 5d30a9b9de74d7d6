import { request } from "node:http";
import axios from "axios";
import { median, msSince } from "../stats";
import { JSON_HEADERS, loadComponent, openAiClient } from "./clients";
import { cyclicContext, prismaticContext } from "./contexts";
import { readInput, runWorkerMain } from "./workerIo";

/**
 * Per-call overhead: one small, non-streamed chat completion, timed through the component (with an
 * empty context and with a Prismatic-like context holding a large executionState) and through three
 * baselines against the same server, interleaved so drift hits all alike. Every client is warmed up
 * with `warmupRounds` calls before `rounds` measured calls.
 */

export interface PerCallInput {
  bundle: string;
  baseUrl: string;
  warmupRounds: number;
  rounds: number;
  /** Entries of the large context's executionState. */
  executionStateEntries: number;
}

export type PerCallClient =
  | "component"
  | "componentPerform"
  | "componentPerformLargeContext"
  | "axios"
  | "openai"
  | "http";
export type PerCallResult = Record<PerCallClient, { medianMs: number; calls: number }> & {
  /** One call with a context that contains itself: its time, or why it failed. */
  cyclicContext: { ms?: number; error?: string };
};

const MODEL = "grok-4.3";
const MESSAGES = [{ role: "user" as const, content: "hi" }];
/** The action's inputs, as Prismatic passes them (strings). */
const INPUTS = { model: MODEL, messages: JSON.stringify(MESSAGES) };
/** What the component sends for these inputs (its Temperature and Top P default to 1). */
const BODY = { model: MODEL, messages: MESSAGES, temperature: 1, top_p: 1 };

interface ChatAnswer {
  choices: { message: { content?: string | null } }[];
}

/** Node's bare http.request with the keep-alive global agent: the floor for one call. */
const postWithHttp = (url: string, body: string): Promise<ChatAnswer> =>
  new Promise((resolve, reject) => {
    const headers = { ...JSON_HEADERS, "Content-Length": String(Buffer.byteLength(body)) };
    const outgoing = request(url, { method: "POST", headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", reject);
      response.on("end", () => {
        resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")) as ChatAnswer);
      });
    });
    outgoing.on("error", reject);
    outgoing.end(body);
  });

/** One call with a cyclic context (axios used to overflow the stack deep-merging it). */
const cyclicCall = async (
  component: ReturnType<typeof loadComponent>,
): Promise<PerCallResult["cyclicContext"]> => {
  const start = process.hrtime.bigint();
  try {
    const result = await component.perform("createChatCompletion", INPUTS, cyclicContext());
    const answer = result?.data as ChatAnswer;
    if (!answer.choices[0]?.message.content) return { error: "no answer text" };
    return { ms: msSince(start) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
};

const main = async (): Promise<PerCallResult> => {
  const { bundle, baseUrl, warmupRounds, rounds, executionStateEntries } =
    readInput<PerCallInput>();
  const component = loadComponent(bundle, baseUrl);
  const openai = openAiClient(baseUrl);
  const url = `${baseUrl}/chat/completions`;
  const emptyContext = {};
  const largeContext = prismaticContext(executionStateEntries);

  const calls: Record<PerCallClient, () => Promise<ChatAnswer>> = {
    component: async () =>
      (await component.action("createChatCompletion", INPUTS))?.data as ChatAnswer,
    componentPerform: async () =>
      (await component.perform("createChatCompletion", INPUTS, emptyContext))?.data as ChatAnswer,
    componentPerformLargeContext: async () =>
      (await component.perform("createChatCompletion", INPUTS, largeContext))?.data as ChatAnswer,
    axios: async () => (await axios.post<ChatAnswer>(url, BODY, { headers: JSON_HEADERS })).data,
    openai: () => openai.chat.completions.create(BODY),
    http: () => postWithHttp(url, JSON.stringify(BODY)),
  };
  const clients = Object.keys(calls) as PerCallClient[];
  const timings = Object.fromEntries(clients.map((client) => [client, [] as number[]]));

  for (let round = 0; round < warmupRounds + rounds; round++) {
    // Rotate the order so no client always runs right after another one.
    for (let step = 0; step < clients.length; step++) {
      const client = clients[(round + step) % clients.length];
      const start = process.hrtime.bigint();
      const answer = await calls[client]();
      const elapsed = msSince(start);
      if (!answer.choices[0]?.message.content) throw new Error(`${client}: no answer text`);
      if (round >= warmupRounds) timings[client].push(elapsed);
    }
  }
  const summary = (client: PerCallClient) => ({
    medianMs: median(timings[client]),
    calls: timings[client].length,
  });
  return {
    ...(Object.fromEntries(clients.map((client) => [client, summary(client)])) as Record<
      PerCallClient,
      { medianMs: number; calls: number }
    >),
    cyclicContext: await cyclicCall(component),
  };
};

runWorkerMain(main);
