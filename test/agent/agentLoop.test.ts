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

/** Both turns' flow calls stopped at the flow call limit, as Grok and `steps` are told. */
const timedOutTwice = (limitMs: number): string[] =>
  Array(2).fill(
    `The flow "Slow Flow" failed: it took longer than the ${limitMs} ms limit for one flow call, so it was stopped.`,
  );

describe("Run Agent loop: time bounds", () => {
  it("tells Grok a flow timed out and carries on", async () => {
    hook.behaviour = { delayMs: 600, answer: { late: true } };
    const { result } = runWith(30_000, 150);
    const data = await result;
    expect(data.turns).toBe(3);
    expect(data.steps.map((step) => step.error)).toEqual(timedOutTwice(150));
  });

  it("stops a flow that sent its headers but drips its answer, at the flow call limit", async () => {
    // One byte every 20 ms never trips an idle timeout; the whole call must still end at 300 ms.
    hook.calls.length = 0;
    hook.behaviour = { drip: { chunk: " ", everyMs: 20 } };
    const { result } = runWith(5000, 300);
    const data = await result;
    expect(data.turns).toBe(3);
    expect(data.steps.map((step) => step.error)).toEqual(timedOutTwice(300));
    expect(hook.calls).toHaveLength(2);
    for (const call of hook.calls) {
      expect((call.closedAt as number) - call.arrivedAt).toBeLessThan(1500);
    }
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
