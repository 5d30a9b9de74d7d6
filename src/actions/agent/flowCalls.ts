/**
 * One function call of Grok's answer, carried out: the arguments parsed, the flow invoked through
 * `context.invokeFlow` (Spectral POSTs them to the flow's webhook URL and returns its synchronous
 * answer), and the outcome turned into a `function_call_output` item for the next turn. Nothing here
 * throws: a flow that fails, times out or is unknown, and arguments that are not a JSON object,
 * become an error output Grok can read and act on.
 * @see https://docs.x.ai/docs/guides/function-calling
 */

import type { AxiosRequestConfig } from "axios";
import { isAxiosError } from "axios";
import { overBodyLimit } from "../../errors/describe";
import type { Redactor } from "../../errors/redact";
import { formatBytes, formatDuration, truncate } from "../../errors/text";
import { depthOf, isJsonObject, type JsonObject } from "../../inputs/clean";
import {
  FLOW_CALL_TIMEOUT_MS,
  MAX_FLOW_RESULT_BYTES,
  MAX_FLOW_RESULTS_PER_RUN_BYTES,
  MAX_JSON_DEPTH,
} from "../../limits";
import type { FlowTool } from "./flowTools";

/** `context.invokeFlow` as this action uses it. */
export type InvokeFlow = (
  flowName: string,
  data?: Record<string, unknown>,
  config?: AxiosRequestConfig,
) => Promise<{ data: unknown }>;

/** A `function_call` item of xAI's answer. */
export interface FunctionCall {
  callId: string;
  name: string;
  arguments: string;
}

/** What the step returns for each flow call. */
export interface AgentStep {
  turn: number;
  /** The flow invoked (for a function that matches no flow, the name Grok called). */
  flow: string;
  /** The parsed arguments, or the text Grok sent when it is not a JSON object. */
  arguments: unknown;
  result?: unknown;
  error?: string;
  ms: number;
}

export interface CallOutcome {
  step: AgentStep;
  /** The `function_call_output` input item sent back to xAI. */
  output: JsonObject;
}

export interface CallSettings {
  turn: number;
  tools: readonly FlowTool[];
  invoke: InvokeFlow;
  /** The run's deadline signal: no flow call outlives the run. */
  signal: AbortSignal;
  /** Redacts the run's secrets (API key, webhook URLs and keys) from results and error texts. */
  redact: Redactor;
  timeoutMs?: number;
}

type Parsed = { ok: true; value: JsonObject } | { ok: false; problem: string };

function parseArguments(text: string): Parsed {
  if (text.trim() === "") return { ok: true, value: {} };
  try {
    const value: unknown = JSON.parse(text);
    // Deeper than xAI's own JSON: no step could store it, and no flow needs it.
    if (depthOf(value) > MAX_JSON_DEPTH) {
      return { ok: false, problem: `they nest deeper than the ${MAX_JSON_DEPTH} levels allowed` };
    }
    if (isJsonObject(value)) return { ok: true, value };
    const kind = Array.isArray(value) ? "an array" : value === null ? "null" : `a ${typeof value}`;
    return { ok: false, problem: `they are ${kind}, not a JSON object` };
  } catch (error) {
    return { ok: false, problem: `they are not valid JSON (${(error as Error).message})` };
  }
}

/** The two ends a flow call can be stopped by: the run's deadline, and its own time limit. */
interface Stops {
  run: AbortSignal;
  call: AbortSignal;
  timeoutMs: number;
}

/** Why a flow call failed, in words for the model (and the step's `error`). */
function failureOf(error: unknown, stops: Stops): string {
  if (stops.run.aborted) return "it was stopped because the run's deadline was reached";
  if (stops.call.aborted) {
    return `it took longer than the ${formatDuration(stops.timeoutMs)} limit for one flow call, so it was stopped`;
  }
  if (isAxiosError(error)) {
    if (overBodyLimit(error)) {
      return `its answer was larger than the ${formatBytes(MAX_FLOW_RESULT_BYTES)} limit for a flow's answer`;
    }
    const status = error.response?.status;
    if (status !== undefined) {
      const data: unknown = error.response?.data;
      const body = typeof data === "string" ? data : (JSON.stringify(data) ?? "");
      return `its webhook answered ${status}${body.trim() ? `: ${truncate(body.trim(), 500)}` : ""}`;
    }
    return `its webhook could not be reached (${error.code ?? error.message})`;
  }
  return error instanceof Error ? error.message : String(error);
}

const outputItem = (call: FunctionCall, output: unknown): JsonObject => ({
  type: "function_call_output",
  call_id: call.callId,
  output: JSON.stringify(output ?? null),
});

/** Runs one call; always resolves, with the step and the output item for Grok. */
export async function runFlowCall(
  call: FunctionCall,
  settings: CallSettings,
): Promise<CallOutcome> {
  const started = Date.now();
  const { turn, tools, redact } = settings;
  const tool = tools.find((candidate) => candidate.name === call.name);
  const failed = (flow: string, args: unknown, message: string): CallOutcome => {
    const error = redact.text(message);
    return {
      step: { turn, flow, arguments: args, error, ms: Date.now() - started },
      output: outputItem(call, { error }),
    };
  };
  if (!tool) {
    const offered = tools.map((candidate) => candidate.name).join(", ") || "none";
    return failed(
      call.name,
      call.arguments,
      `There is no function "${call.name}". The functions offered are: ${offered}.`,
    );
  }
  const parsed = parseArguments(call.arguments);
  if (!parsed.ok) {
    return failed(
      tool.flow,
      call.arguments,
      `The arguments for ${tool.name} were not used: ${parsed.problem}. Call ${tool.name} again with a JSON object that follows its parameters.`,
    );
  }
  const timeoutMs = settings.timeoutMs ?? FLOW_CALL_TIMEOUT_MS;
  // axios' `timeout` only bounds the wait between bytes: a webhook dripping its answer would
  // outlive it. This signal bounds the whole call, headers and body.
  const stops = { run: settings.signal, call: AbortSignal.timeout(timeoutMs), timeoutMs };
  try {
    const response = await settings.invoke(tool.flow, parsed.value, {
      signal: AbortSignal.any([stops.run, stops.call]),
      maxContentLength: MAX_FLOW_RESULT_BYTES,
      maxRedirects: 0,
    });
    // A flow may echo what it received (its webhook key, a header): the run's secrets are cut out
    // before the result goes to xAI or into the step's result.
    const result = redact.deep(response.data);
    return {
      step: { turn, flow: tool.flow, arguments: parsed.value, result, ms: Date.now() - started },
      output: outputItem(call, result),
    };
  } catch (error) {
    const why = failureOf(error, stops);
    return failed(tool.flow, parsed.value, `The flow "${tool.flow}" failed: ${why}.`);
  }
}

/**
 * The run's budget for flow answers: every kept answer stays in `steps` until the run ends, so past
 * MAX_FLOW_RESULTS_PER_RUN_BYTES (counted as sent to xAI) an answer is dropped and Grok is told
 * why. Calls are counted in the order Grok asked for them, so the outcome does not depend on timing.
 */
export function resultBudget(limit = MAX_FLOW_RESULTS_PER_RUN_BYTES) {
  let used = 0;
  return (outcome: CallOutcome): CallOutcome => {
    const { step, output } = outcome;
    if (step.result === undefined) return outcome;
    const bytes = Buffer.byteLength(String(output.output));
    if (used + bytes <= limit) {
      used += bytes;
      return outcome;
    }
    const error = `The flow "${step.flow}" ran, but its answer (${formatBytes(bytes)}) was not kept: it would take the flow answers of this run past the ${formatBytes(limit)} limit for one run (${formatBytes(limit - used)} left).`;
    const { result: _dropped, ...rest } = step;
    return { step: { ...rest, error }, output: { ...output, output: JSON.stringify({ error }) } };
  };
}
