import { createInvokeFlow } from "@prismatic-io/spectral/dist/serverTypes/context";
import { type AgentRun, runAgentLoop } from "../../src/actions/agent/agentLoop";
import { flowTools } from "../../src/actions/agent/flowTools";
import { xai } from "../../src/http/client";
import { testConnection, useLocalXai } from "../support/harness";
import { type FlowHook, invokeSchema, type Loose, MODEL, startFlowHook } from "./support";

/**
 * The loop's time bounds, with short limits: a flow that does not answer in time becomes an error
 * output; the run's one deadline (one client) stops everything, with the steps so far. Flows are
 * invoked through Spectral's own invokeFlow, as in Prismatic.
 */

useLocalXai();
const FLOW = "Slow Flow";
const schemas = { [FLOW]: invokeSchema("A slow flow", {}) };
let hook: FlowHook;

beforeAll(async () => {
  hook = await startFlowHook();
});
afterAll(() => hook.close());

const runWith = (deadlineMs: number, flowTimeoutMs: number) => {
  const lines: string[] = [];
  const context = { webhookUrls: { [FLOW]: hook.url }, webhookApiKeys: {} } as never;
  const run: AgentRun = {
    values: { model: MODEL, prompt: "CHAIN 2" },
    tools: flowTools([FLOW], schemas as never, {}),
    maxTurns: 10,
    client: xai(testConnection(), undefined, { deadlineMs }),
    invoke: createInvokeFlow(context),
    log: (line) => lines.push(line),
    flowTimeoutMs,
  };
  return { lines, result: runAgentLoop(run) };
};

describe("Run Agent loop: time bounds", () => {
  it("tells Grok a flow timed out and carries on", async () => {
    hook.behaviour = { delayMs: 600, answer: { late: true } };
    const { result } = runWith(30_000, 150);
    const data = await result;
    expect(data.turns).toBe(3);
    expect(data.steps.map((step) => step.error)).toEqual([
      'The flow "Slow Flow" failed: it did not answer within 150 ms.',
      'The flow "Slow Flow" failed: it did not answer within 150 ms.',
    ]);
  });

  it("fails at the run's deadline with the steps so far", async () => {
    hook.behaviour = { delayMs: 800, answer: { late: true } };
    const { result } = runWith(400, 30_000);
    const error = (await result.catch((thrown: unknown) => thrown)) as Error & Loose;
    expect(error.name).toBe("XaiApiError");
    expect(error.code).toBe("DEADLINE_EXCEEDED");
    expect(error.partial.turns).toBe(1);
    expect(error.partial.steps).toEqual([
      expect.objectContaining({
        turn: 1,
        flow: FLOW,
        error: expect.stringMatching(/run's deadline was reached/),
      }),
    ]);
  });
});
