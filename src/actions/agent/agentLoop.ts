/**
 * Run Agent's loop on the Responses API: send the prompt with the tools; while the answer holds
 * `function_call` items, run the called flows (one turn's calls concurrently) and send their
 * outputs back with `previous_response_id` (stored responses); stop at an answer without calls.
 * Bounds: Max Turns model calls, MAX_FLOW_CALLS_PER_TURN calls per answer, and the client's one
 * deadline for the whole run. Past a bound the step fails with what was done so far as `partial`.
 * @see https://docs.x.ai/docs/guides/function-calling
 * @see https://docs.x.ai/docs/api-reference#create-new-response
 */

import { XaiApiError } from "../../errors/classes";
import { formatDuration, truncate } from "../../errors/text";
import type { Xai } from "../../http/client";
import { isJsonObject, type JsonObject } from "../../inputs/clean";
import { MAX_FLOW_CALLS_PER_TURN } from "../../limits";
import { parsedOutput } from "../responses/outputText";
import { buildResponseRequest, type ResponseValues, runResponse } from "../responses/request";
import {
  type AgentStep,
  type FunctionCall,
  type InvokeFlow,
  resultBudget,
  runFlowCall,
} from "./flowCalls";
import type { FlowTool } from "./flowTools";
import { addUsage } from "./usage";

/** The Responses inputs an agent run uses; the loop owns input, chaining, store and tools. */
export type AgentValues = Pick<
  ResponseValues,
  | "model"
  | "instructions"
  | "webSearch"
  | "xSearch"
  | "codeExecution"
  | "jsonSchema"
  | "additionalFields"
> & { prompt: string };

export interface AgentRun {
  values: AgentValues;
  tools: readonly FlowTool[];
  maxTurns: number;
  /** One client for the whole run, so its deadline covers every turn and flow call. */
  client: Xai;
  invoke: InvokeFlow;
  /** One line per turn (through `Xai.log`, at info level). */
  log: (line: string) => void;
  flowTimeoutMs?: number;
}

export interface AgentResult {
  text: string;
  output_parsed?: unknown;
  steps: AgentStep[];
  turns: number;
  usage: JsonObject;
  responseId: string | null;
}

/** The request of one turn: the first carries the prompt and instructions, later ones the outputs. */
function turnBody(
  run: AgentRun,
  input: string | JsonObject[],
  previousResponseId: string | null,
): JsonObject {
  const { prompt: _prompt, ...values } = run.values;
  const first = previousResponseId === null;
  const { body } = buildResponseRequest({
    ...values,
    input,
    instructions: first ? values.instructions : undefined,
    functionTools: run.tools.map((tool) => tool.tool),
  });
  // Additional Fields are merged last; the loop still needs a stored, chained, finished answer,
  // and xAI refuses instructions together with previous_response_id.
  const { stream: _s, background: _b, instructions, previous_response_id: _p, ...rest } = body;
  return {
    ...rest,
    ...(first ? { instructions } : { previous_response_id: previousResponseId }),
    store: true,
  };
}

/** One model call; the answer with `output_text` (parsed against the schema only at the end). */
const postTurn = (client: Xai, body: JsonObject): Promise<JsonObject> =>
  runResponse(client, body, { stream: false, parse: false });

function functionCallsIn(answer: JsonObject): FunctionCall[] {
  const output = Array.isArray(answer.output) ? answer.output : [];
  return output.filter(isJsonObject).flatMap((item) =>
    item.type === "function_call"
      ? [
          {
            // xAI's FunctionToolCall requires call_id: an output can only be matched to it.
            callId: typeof item.call_id === "string" ? item.call_id : "",
            name: String(item.name ?? ""),
            arguments: typeof item.arguments === "string" ? item.arguments : "",
          },
        ]
      : [],
  );
}

/** One call per call_id: a repeated item is the same call, run once and answered once. */
function uniqueCalls(calls: readonly FunctionCall[]): FunctionCall[] {
  const seen = new Set<string>();
  return calls.filter((call) => {
    if (seen.has(call.callId)) return false;
    seen.add(call.callId);
    return true;
  });
}

/** A call without a call_id could run, but its output could never be matched to it: none is run. */
function requireCallIds(calls: readonly FunctionCall[], turn: number, made: number): void {
  const unanswerable = calls.find((call) => call.callId === "");
  if (!unanswerable) return;
  throw new XaiApiError(
    `xAI's answer asks to call ${truncate(unanswerable.name, 100) || "a function"} without a call_id, so its result could not be sent back; none of turn ${turn}'s flow calls was run. The ${made} flow call(s) made before are in "partial".`,
    { code: "NOT_JSON" },
  );
}

/** Server-side tools xAI ran in this turn (web_search, x_search, code_interpreter, …). */
function serverToolsIn(answer: JsonObject): string[] {
  const output = Array.isArray(answer.output) ? answer.output : [];
  return output
    .filter(isJsonObject)
    .map((item) => String(item.type ?? ""))
    .filter((type) => type.endsWith("_call") && type !== "function_call")
    .map((type) => type.replace(/_call$/, ""));
}

const names = (calls: readonly FunctionCall[]): string => calls.map((call) => call.name).join(", ");

function turnLine(turn: number, answer: JsonObject, calls: FunctionCall[], ms: number): string {
  const server = serverToolsIn(answer);
  const used = [
    calls.length > 0 ? `called ${names(calls)}` : "answered",
    server.length > 0 ? `xAI tools: ${server.join(", ")}` : "",
  ].filter(Boolean);
  return `Run Agent turn ${turn}: ${used.join("; ")} (${formatDuration(ms)})`;
}

const limitReached = (message: string): XaiApiError =>
  new XaiApiError(message, { code: "LIMIT_EXCEEDED" });

/** Runs the loop; any failure carries `partial: {steps, turns, usage, responseId}`. */
export async function runAgentLoop(run: AgentRun): Promise<AgentResult> {
  const { client, maxTurns } = run;
  const done: Omit<AgentResult, "text"> = { steps: [], turns: 0, usage: {}, responseId: null };
  let input: string | JsonObject[] = run.values.prompt;
  const keep = resultBudget();
  try {
    for (let turn = 1; ; turn += 1) {
      const started = Date.now();
      const answer = await postTurn(client, turnBody(run, input, done.responseId));
      done.turns = turn;
      done.usage = addUsage(done.usage, answer.usage);
      done.responseId = typeof answer.id === "string" ? answer.id : null;
      const calls = uniqueCalls(functionCallsIn(answer));
      if (calls.length === 0) {
        run.log(turnLine(turn, answer, calls, Date.now() - started));
        const text = typeof answer.output_text === "string" ? answer.output_text : "";
        const parsed =
          run.values.jsonSchema !== undefined ? { output_parsed: parsedOutput(answer, text) } : {};
        return { text, ...parsed, ...done };
      }
      if (turn >= maxTurns) {
        run.log(`${turnLine(turn, answer, calls, Date.now() - started)}; not run: Max Turns`);
        throw limitReached(
          `Run Agent reached Max Turns (${maxTurns}) and Grok still asked to call ${truncate(names(calls), 300)}; those calls were not run. Raise Max Turns, or narrow the prompt. The ${done.steps.length} flow call(s) made are in "partial".`,
        );
      }
      if (calls.length > MAX_FLOW_CALLS_PER_TURN) {
        run.log(`${turnLine(turn, answer, calls, Date.now() - started)}; not run: too many`);
        throw limitReached(
          `Grok asked for ${calls.length} flow calls in turn ${turn}; Run Agent runs at most ${MAX_FLOW_CALLS_PER_TURN} per turn, so none of them was run. The ${done.steps.length} flow call(s) made before are in "partial".`,
        );
      }
      if (done.responseId === null) {
        throw new XaiApiError(
          "xAI's answer has no response id, so the flow results cannot be sent back.",
          {
            code: "NOT_JSON",
          },
        );
      }
      requireCallIds(calls, turn, done.steps.length);
      const { redact } = client;
      const ran = await Promise.all(
        calls.map((call) =>
          runFlowCall(call, {
            turn,
            tools: run.tools,
            invoke: run.invoke,
            signal: client.signal,
            redact,
            timeoutMs: run.flowTimeoutMs,
          }),
        ),
      );
      const outcomes = ran.map(keep);
      for (const { step } of outcomes) {
        done.steps.push(step);
        client.debug(
          () =>
            `Run Agent turn ${turn}: ${step.flow} ${JSON.stringify(step.arguments)} → ${truncate(JSON.stringify(step.error ?? step.result ?? null) ?? "", 2000)}`,
        );
      }
      run.log(turnLine(turn, answer, calls, Date.now() - started));
      input = outcomes.map((outcome) => outcome.output);
    }
  } catch (error) {
    const failure = await client.failure(error);
    if ((failure as { partial?: unknown }).partial === undefined) {
      Object.assign(failure, { partial: client.redact.deep(done) });
    }
    throw failure;
  }
}
