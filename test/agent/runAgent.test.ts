import { builtComponent } from "../support/bundle";
import { capturingLogger, serializeWhole, testConnection, useLocalXai } from "../support/harness";
import { shapeOf } from "../support/shape";
import {
  agent,
  type FlowBehaviour,
  type FlowHook,
  invokeSchema,
  type Loose,
  MODEL,
  startFlowHook,
} from "./support";

const local = useLocalXai();
const connection = testConnection();

const LOOK_UP = "Look Up Customer";
const OPEN_TICKET = "Open Ticket";
const FLOW_API_KEY = "flow-api-key-5e4d3c2b1a";

const flowSchemas = {
  [LOOK_UP]: invokeSchema("Find a customer by email", {
    email: { type: "string", description: "The customer's email" },
  }),
  [OPEN_TICKET]: invokeSchema(
    "",
    {
      customerId: { type: "string", description: "The customer's ID" },
      subject: { type: "string", description: "What the ticket is about" },
    },
    { $comment: "Opens a support ticket" },
  ),
};

const hooks: Record<string, FlowHook> = {};

beforeAll(async () => {
  hooks[LOOK_UP] = await startFlowHook();
  hooks[OPEN_TICKET] = await startFlowHook();
});
beforeEach(() => {
  for (const hook of Object.values(hooks)) {
    hook.calls.length = 0;
    hook.behaviour = {};
  }
});
afterAll(async () => {
  await Promise.all(Object.values(hooks).map((hook) => hook.close()));
});

const behave = (flow: string, behaviour: FlowBehaviour) => {
  hooks[flow].behaviour = behaviour;
};

/** The platform's part: invoke schemas, webhook URLs and keys of the instance's flows. */
const platform = () => ({
  flowSchemas,
  webhookUrls: { [LOOK_UP]: hooks[LOOK_UP].url, [OPEN_TICKET]: hooks[OPEN_TICKET].url },
  webhookApiKeys: { [LOOK_UP]: [FLOW_API_KEY] },
});

const run = async (params: Record<string, unknown>, context: Record<string, unknown> = {}) => {
  const { lines, logger } = capturingLogger();
  const result = (await agent.action(
    "runAgent",
    { connection, model: MODEL, flows: [LOOK_UP, OPEN_TICKET], ...params },
    { ...platform(), logger, ...context } as never,
  )) as { data: Loose };
  return { data: result.data, lines };
};

const failure = async (params: Record<string, unknown>, context: Record<string, unknown> = {}) => {
  try {
    await run(params, context);
  } catch (error) {
    return error as Error & { code?: string; partial?: Loose };
  }
  throw new Error("expected the step to fail");
};

/** The JSON bodies of the POST /v1/responses requests, in order. */
const sentBodies = (): Loose[] =>
  local.server.requests
    .filter((request) => request.path === "/v1/responses" && request.method === "POST")
    .map((request) => request.body);

const call = (name: string, args: unknown) => `CALL ${name} ${JSON.stringify(args)}`;

/** xAI's answer with these output items, for the one next POST /v1/responses (status completed). */
const scriptAnswer = (id: string, output: unknown[]) =>
  local.server.script({
    path: "/v1/responses",
    body: {
      id,
      object: "response",
      status: "completed",
      model: MODEL,
      output,
      usage: { input_tokens: 10, output_tokens: 5, total_tokens: 15 },
    },
  });

const functionCall = (fields: Record<string, unknown>) => ({
  type: "function_call",
  name: "look_up_customer",
  arguments: '{"email":"a@b.c"}',
  status: "completed",
  ...fields,
});

describe("Run Agent: the loop", () => {
  it("calls one flow, sends its result back, and returns Grok's answer with the step", async () => {
    behave(LOOK_UP, { answer: { id: "cus_123", plan: "Pro" } });
    const { data, lines } = await run({
      prompt: call("look_up_customer", { email: "acme@example.com" }),
      instructions: "Use the CRM.",
    });

    expect(hooks[LOOK_UP].calls).toHaveLength(1);
    expect(hooks[LOOK_UP].calls[0].body).toEqual({ email: "acme@example.com" });
    // Spectral's real invokeFlow: the flow's API key and the cross-flow headers.
    expect(hooks[LOOK_UP].calls[0].headers["api-key"]).toBe(FLOW_API_KEY);
    expect(hooks[LOOK_UP].calls[0].headers["prismatic-invoke-type"]).toBe("Cross Flow");

    const [first, second] = sentBodies();
    expect(sentBodies()).toHaveLength(2);
    expect(first).toMatchObject({ model: MODEL, instructions: "Use the CRM.", store: true });
    expect(first).not.toHaveProperty("previous_response_id");
    expect(first.tools).toEqual([
      {
        type: "function",
        name: "look_up_customer",
        description: "Find a customer by email",
        parameters: flowSchemas[LOOK_UP].invoke,
      },
      {
        type: "function",
        name: "open_ticket",
        description: "Opens a support ticket",
        parameters: flowSchemas[OPEN_TICKET].invoke,
      },
    ]);
    // Instructions only on the first request (xAI refuses them with previous_response_id); tools on every one.
    expect(second).not.toHaveProperty("instructions");
    expect(second.tools).toEqual(first.tools);
    expect(second.store).toBe(true);
    expect(second.input).toEqual([
      {
        type: "function_call_output",
        call_id: expect.any(String),
        output: JSON.stringify({ id: "cus_123", plan: "Pro" }),
      },
    ]);

    expect(data.turns).toBe(2);
    expect(data.text).toContain("look_up_customer");
    expect(data.text).toContain('{"id":"cus_123","plan":"Pro"}');
    expect(second.previous_response_id).toBeTruthy();
    expect(data.responseId).toEqual(expect.any(String));
    expect(data.responseId).not.toBe(second.previous_response_id);
    expect(data.steps).toEqual([
      {
        turn: 1,
        flow: LOOK_UP,
        arguments: { email: "acme@example.com" },
        result: { id: "cus_123", plan: "Pro" },
        ms: expect.any(Number),
      },
    ]);
    expect(data).not.toHaveProperty("output_parsed");
    expect(data.usage.total_tokens).toBe(data.usage.input_tokens + data.usage.output_tokens);
    expect(data.usage.input_tokens).toBeGreaterThan(0);

    // One line per turn, with the tools called; no arguments or results (debug is off).
    const turnLines = lines.filter((line) => line.startsWith("Run Agent turn"));
    expect(turnLines).toHaveLength(2);
    expect(turnLines[0]).toMatch(/^Run Agent turn 1: called look_up_customer \(\d+ ms\)$/);
    expect(turnLines[1]).toMatch(/^Run Agent turn 2: answered \(\d+ ms\)$/);
    expect(lines.join("\n")).not.toContain("acme@example.com");
    expect(lines.join("\n")).not.toContain("cus_123");
  });

  it("returns what its example payload shows", async () => {
    behave(LOOK_UP, { answer: { id: "cus_1", name: "Acme", plan: "pro" } });
    const { data } = await run({ prompt: call("look_up_customer", { email: "a@b.c" }) });
    const example = builtComponent().actions.runAgent.examplePayload as { data: unknown };
    expect(shapeOf(example.data)).toEqual(shapeOf(data));
  });

  it("sums usage over the turns", async () => {
    const { data } = await run({ prompt: call("look_up_customer", { email: "a@b.c" }) });
    const stored = await Promise.all(
      [sentBodies()[1].previous_response_id, data.responseId].map(async (id) => {
        const response = await fetch(`${local.server.baseUrl}/responses/${id}`, {
          headers: { authorization: `Bearer ${connection.fields.token}` },
        });
        return ((await response.json()) as Loose).usage;
      }),
    );
    expect(data.usage.input_tokens).toBe(stored[0].input_tokens + stored[1].input_tokens);
    expect(data.usage.output_tokens).toBe(stored[0].output_tokens + stored[1].output_tokens);
    expect(data.usage.input_tokens_details.cached_tokens).toBe(
      stored[0].input_tokens_details.cached_tokens + stored[1].input_tokens_details.cached_tokens,
    );
  });

  it("runs two flows called in the same turn concurrently", async () => {
    behave(LOOK_UP, { answer: { id: "cus_1" }, delayMs: 400 });
    behave(OPEN_TICKET, { answer: { ticket: "T-1" }, delayMs: 400 });
    const started = Date.now();
    const { data, lines } = await run({
      prompt: [
        call("look_up_customer", { email: "a@b.c" }),
        call("open_ticket", { customerId: "cus_1", subject: "Late" }),
      ].join("\n"),
    });
    const [lookUp] = hooks[LOOK_UP].calls;
    const [ticket] = hooks[OPEN_TICKET].calls;
    // Each arrived before the other was answered.
    expect(ticket.arrivedAt).toBeLessThan(lookUp.answeredAt as number);
    expect(lookUp.arrivedAt).toBeLessThan(ticket.answeredAt as number);
    expect(Date.now() - started).toBeLessThan(800 + 700);
    expect(data.steps.map((step: Loose) => [step.turn, step.flow, step.result])).toEqual([
      [1, LOOK_UP, { id: "cus_1" }],
      [1, OPEN_TICKET, { ticket: "T-1" }],
    ]);
    expect(data.steps[0].ms).toBeGreaterThanOrEqual(390);
    expect(sentBodies()[1].input).toHaveLength(2);
    expect(data.text).toContain("Received 2 tool result(s)");
    expect(lines[0]).toMatch(/^Run Agent turn 1: called look_up_customer, open_ticket \(/);
  });

  it("follows a chain of three turns (previous_response_id each time)", async () => {
    behave(LOOK_UP, { answer: { found: true } });
    const { data, lines } = await run({ prompt: "CHAIN 2 look them up", instructions: "Go." });
    expect(data.turns).toBe(3);
    expect(data.steps.map((step: Loose) => [step.turn, step.flow])).toEqual([
      [1, LOOK_UP],
      [2, LOOK_UP],
    ]);
    expect(hooks[LOOK_UP].calls).toHaveLength(2);
    const bodies = sentBodies();
    expect(bodies).toHaveLength(3);
    expect(bodies.map((body) => "instructions" in body)).toEqual([true, false, false]);
    expect(bodies[2].previous_response_id).not.toBe(bodies[1].previous_response_id);
    expect(bodies.every((body) => body.tools.length === 2)).toBe(true);
    expect(lines.filter((line) => line.startsWith("Run Agent turn"))).toHaveLength(3);
  });
});

describe("Run Agent: what goes back to Grok as an error", () => {
  it("tells Grok a flow failed (webhook 500) and returns its answer", async () => {
    behave(LOOK_UP, { status: 500, answer: { error: "CRM is down" } });
    const { data } = await run({ prompt: call("look_up_customer", { email: "a@b.c" }) });
    expect(data.steps).toHaveLength(1);
    expect(data.steps[0]).not.toHaveProperty("result");
    expect(data.steps[0].error).toMatch(
      /^The flow "Look Up Customer" failed: its webhook answered 500/,
    );
    expect(data.steps[0].error).toContain("CRM is down");
    const output = JSON.parse(sentBodies()[1].input[0].output);
    expect(output).toEqual({ error: data.steps[0].error });
    expect(data.text).toContain("CRM is down");
    // The webhook URL and the flow's API key are never shown.
    const whole = JSON.stringify(data);
    expect(whole).not.toContain(hooks[LOOK_UP].url);
    expect(whole).not.toContain(FLOW_API_KEY);
  });

  it("cuts the run's secrets out of a flow's result before Grok or the step sees it", async () => {
    behave(LOOK_UP, {
      answer: { echoed: { "api-key": FLOW_API_KEY }, note: `key ${FLOW_API_KEY}` },
    });
    const { data } = await run({ prompt: call("look_up_customer", { email: "a@b.c" }) });
    expect(data.steps[0].result).toEqual({
      echoed: { "api-key": "[REDACTED]" },
      note: "key [REDACTED]",
    });
    expect(JSON.stringify(sentBodies())).not.toContain(FLOW_API_KEY);
    expect(JSON.stringify(data)).not.toContain(FLOW_API_KEY);
  });

  it("cuts a webhook's path and id out of a flow's result, but never a plain word", async () => {
    const { pathname } = new URL(hooks[LOOK_UP].url);
    const id = pathname.split("/").pop() as string;
    behave(LOOK_UP, {
      answer: { path: pathname, id, note: `the trigger at /trigger/ fired (${id.length} chars)` },
    });
    const { data } = await run({ prompt: call("look_up_customer", { email: "a@b.c" }) });
    expect(data.steps[0].result).toEqual({
      path: "[REDACTED]",
      id: "[REDACTED]",
      note: `the trigger at /trigger/ fired (${id.length} chars)`,
    });
    expect(JSON.stringify(sentBodies())).not.toContain(id);
    expect(JSON.stringify(data)).not.toContain(id);
  });

  it("stops reading a flow's answer past 1 MiB and tells Grok it was too large", async () => {
    // An answer that never ends: reading must stop at the limit, not at the run's deadline.
    behave(LOOK_UP, { drip: { chunk: `{"rows":"${"x".repeat(256 * 1024)}`, everyMs: 1 } });
    const rows = "x".repeat(1024 * 1024 - 100);
    behave(OPEN_TICKET, { answer: { rows } });
    const { data } = await run({
      prompt: [
        call("look_up_customer", { email: "a@b.c" }),
        call("open_ticket", { customerId: "c", subject: "s" }),
      ].join("\n"),
    });
    const [dripped] = hooks[LOOK_UP].calls;
    expect(dripped.closedAt).toEqual(expect.any(Number));
    expect(dripped.sentBytes).toBeLessThan(8 * 1024 * 1024);
    expect(data.steps[0]).not.toHaveProperty("result");
    expect(data.steps[0].error).toBe(
      `The flow "Look Up Customer" failed: its answer was larger than the 1 MiB limit for a flow's answer.`,
    );
    // An answer just under the limit is kept whole.
    expect(data.steps[1].result).toEqual({ rows });
    const outputs = sentBodies()[1].input.map((item: Loose) => JSON.parse(item.output));
    expect(outputs).toEqual([{ error: data.steps[0].error }, { rows }]);
    expect(data.turns).toBe(2);
  });

  it("keeps at most 8 MiB of flow answers in one run and tells Grok when one is dropped", async () => {
    const rows = "x".repeat(950 * 1024);
    behave(LOOK_UP, { answer: { rows } });
    const { data } = await run({ prompt: "CHAIN 9" });
    expect(hooks[LOOK_UP].calls).toHaveLength(9);
    expect(data.turns).toBe(10);
    // Eight answers of 950 KiB fit in 8 MiB; the ninth would not.
    expect(data.steps.slice(0, 8).map((step: Loose) => step.result)).toEqual(
      Array.from({ length: 8 }, () => ({ rows })),
    );
    const last = data.steps[8];
    expect(last).not.toHaveProperty("result");
    expect(last.error).toBe(
      'The flow "Look Up Customer" ran, but its answer (950 KiB) was not kept: it would take the flow answers of this run past the 8 MiB limit for one run (591.9 KiB left).',
    );
    expect(JSON.parse(sentBodies()[9].input[0].output)).toEqual({ error: last.error });
  });

  it("tells Grok a flow's webhook could not be reached", async () => {
    const { data } = await run(
      { prompt: call("look_up_customer", { email: "a@b.c" }) },
      {
        webhookUrls: {
          [LOOK_UP]: "http://127.0.0.1:1/trigger/gone",
          [OPEN_TICKET]: "http://127.0.0.1:1/trigger/gone-too",
        },
      },
    );
    expect(data.steps[0].error).toMatch(/could not be reached \(ECONNREFUSED\)/);
    expect(data.turns).toBe(2);
  });

  it("answers a call to a flow that was not offered with an error, running nothing", async () => {
    const { data } = await run({ prompt: call("delete_everything", { really: true }) });
    expect(hooks[LOOK_UP].calls).toHaveLength(0);
    expect(hooks[OPEN_TICKET].calls).toHaveLength(0);
    expect(data.steps).toEqual([
      {
        turn: 1,
        flow: "delete_everything",
        arguments: '{"really":true}',
        error:
          'There is no function "delete_everything". The functions offered are: look_up_customer, open_ticket.',
        ms: expect.any(Number),
      },
    ]);
    expect(data.text).toContain("There is no function");
  });

  it("answers arguments that are not a JSON object with an error, running nothing", async () => {
    const { data } = await run({
      prompt: ["CALL_RAW look_up_customer email=a@b.c", call("open_ticket", [1, 2])].join("\n"),
    });
    expect(hooks[LOOK_UP].calls).toHaveLength(0);
    expect(hooks[OPEN_TICKET].calls).toHaveLength(0);
    expect(data.steps.map((step: Loose) => [step.flow, step.arguments])).toEqual([
      [LOOK_UP, "email=a@b.c"],
      [OPEN_TICKET, "[1,2]"],
    ]);
    expect(data.steps[0].error).toMatch(/not valid JSON/);
    expect(data.steps[1].error).toMatch(/they are an array, not a JSON object/);
    expect(data.text).toContain("Received 2 tool result(s)");
  });

  it("answers arguments nested deeper than 128 levels with an error, and the run goes on", async () => {
    const nested = (levels: number) => `${'{"a":'.repeat(levels)}1${"}".repeat(levels)}`;
    const { data } = await run({
      prompt: [
        `CALL_RAW look_up_customer ${nested(128)}`,
        `CALL_RAW look_up_customer ${nested(200_001)}`,
      ].join("\n"),
    });
    // 128 levels is the limit (xAI's own), so that call runs; the deeper one does not. (Counts
    // and types are compared, so a failure never prints a 200,001-level value.)
    expect(hooks[LOOK_UP].calls.length).toBe(1);
    expect(typeof data.steps[1].arguments).toBe("string");
    expect(data.steps[1].arguments === nested(200_001)).toBe(true);
    expect("result" in data.steps[0]).toBe(true);
    expect(data.steps[1].error).toBe(
      "The arguments for look_up_customer were not used: they nest deeper than the 128 levels allowed. Call look_up_customer again with a JSON object that follows its parameters.",
    );
    expect(data.turns).toBe(2);
    expect(() => JSON.stringify(data)).not.toThrow();
  });
});

describe("Run Agent: Grok's function calls", () => {
  it("runs a call that xAI's answer repeats with the same call_id once, and answers it once", async () => {
    behave(LOOK_UP, { answer: { id: "cus_1" } });
    scriptAnswer("resp_dup", [
      functionCall({ id: "fc_1", call_id: "call_same" }),
      functionCall({ id: "fc_2", call_id: "call_same" }),
    ]);
    scriptAnswer("resp_done", [
      { type: "message", role: "assistant", content: [{ type: "output_text", text: "Done." }] },
    ]);
    const { data } = await run({ prompt: "Look them up" });
    expect(hooks[LOOK_UP].calls).toHaveLength(1);
    expect(sentBodies()[1].input).toEqual([
      { type: "function_call_output", call_id: "call_same", output: '{"id":"cus_1"}' },
    ]);
    expect(data.steps).toHaveLength(1);
    expect(data.text).toBe("Done.");
  });

  it("fails, running no flow, when xAI's answer has a function call without a call_id", async () => {
    scriptAnswer("resp_noid", [
      functionCall({ id: "fc_1", call_id: "call_ok" }),
      functionCall({ id: "fc_2" }),
    ]);
    const error = await failure({ prompt: "Look them up" });
    expect(error.name).toBe("XaiApiError");
    expect(error.code).toBe("NOT_JSON");
    expect(error.message).toMatch(
      /^xAI's answer asks to call look_up_customer without a call_id, so its result could not be sent back; none of turn 1's flow calls was run\./,
    );
    expect(hooks[LOOK_UP].calls).toHaveLength(0);
    expect(sentBodies()).toHaveLength(1);
    expect(error.partial).toMatchObject({ steps: [], turns: 1, responseId: "resp_noid" });
  });
});

describe("Run Agent: bounds", () => {
  it("fails at Max Turns with the steps so far, without running the last turn's calls", async () => {
    behave(LOOK_UP, { answer: { n: 1 } });
    const error = await failure({ prompt: "CHAIN 5", maxTurns: "3" });
    expect(error.name).toBe("XaiApiError");
    expect(error.code).toBe("LIMIT_EXCEEDED");
    expect(error.message).toMatch(/reached Max Turns \(3\).*look_up_customer/);
    expect(sentBodies()).toHaveLength(3);
    expect(hooks[LOOK_UP].calls).toHaveLength(2);
    expect(error.partial.turns).toBe(3);
    expect(error.partial.steps.map((step: Loose) => step.turn)).toEqual([1, 2]);
    expect(error.partial.usage.total_tokens).toBeGreaterThan(0);
    expect(error.partial.responseId).toEqual(expect.any(String));
  });

  it("makes one model call with Max Turns 1 and refuses Max Turns outside 1–50", async () => {
    const { data } = await run({ prompt: "Hello", maxTurns: "1" });
    expect(data.turns).toBe(1);
    expect(data.steps).toEqual([]);
    for (const maxTurns of ["0", "51", "2.5", "many"]) {
      const error = await failure({ prompt: "Hello", maxTurns });
      expect(error.message).toMatch(/^Max Turns: must be/);
    }
  });

  it("fails when Grok asks for more than 20 flow calls in one turn, running none", async () => {
    const prompt = Array.from({ length: 21 }, (_, n) => call("look_up_customer", { n })).join("\n");
    const error = await failure({ prompt });
    expect(error.code).toBe("LIMIT_EXCEEDED");
    expect(error.message).toMatch(/asked for 21 flow calls in turn 1.*at most 20/);
    expect(hooks[LOOK_UP].calls).toHaveLength(0);
    expect(error.partial).toMatchObject({ steps: [], turns: 1 });
  });

  it("keeps the loop's own fields whatever Additional Fields say", async () => {
    const { data } = await run({
      prompt: call("look_up_customer", { email: "a@b.c" }),
      instructions: "Be brief.",
      additionalFields: {
        previous_response_id: "nope",
        store: false,
        stream: true,
        background: true,
        max_output_tokens: 500,
      },
    });
    const [first, second] = sentBodies();
    expect(first).not.toHaveProperty("previous_response_id");
    for (const body of [first, second]) {
      expect(body).toMatchObject({ store: true, max_output_tokens: 500 });
      expect(body).not.toHaveProperty("stream");
      expect(body).not.toHaveProperty("background");
    }
    expect(second.previous_response_id).not.toBe("nope");
    expect(data.turns).toBe(2);
  });
});

describe("Run Agent: with xAI's tools and structured output", () => {
  it("offers web and X search together with the flows", async () => {
    const { data, lines } = await run({
      prompt: call("look_up_customer", { email: "a@b.c" }),
      webSearch: "true",
      xSearch: "true",
    });
    for (const body of sentBodies()) {
      expect(body.tools.map((tool: Loose) => tool.type)).toEqual([
        "web_search",
        "x_search",
        "function",
        "function",
      ]);
    }
    expect(data.steps).toHaveLength(1);
    expect(lines[0]).toMatch(/called look_up_customer; xAI tools: web_search, x_search/);
    expect(data.usage.num_server_side_tools_used).toBeGreaterThan(0);
  });

  it("returns a JSON Schema final answer as output_parsed", async () => {
    const schema = {
      type: "object",
      properties: { plan: { type: "string" }, open: { type: "boolean" } },
      required: ["plan", "open"],
      additionalProperties: false,
    };
    const { data } = await run({
      prompt: call("look_up_customer", { email: "a@b.c" }),
      jsonSchema: JSON.stringify(schema),
    });
    for (const body of sentBodies()) expect(body.text.format.schema).toEqual(schema);
    expect(data.steps).toHaveLength(1);
    expect(data.output_parsed).toEqual(JSON.parse(data.text));
    expect(Object.keys(data.output_parsed).sort()).toEqual(["open", "plan"]);
  });
});

describe("Run Agent: inputs", () => {
  it("refuses a flow missing from context.flowSchemas before anything is sent", async () => {
    const error = await failure({ flows: [LOOK_UP, "Send Invoice"], prompt: "Hi" });
    expect(error.name).toBe("InputError");
    expect(error.message).toMatch(/^Flows: the flow "Send Invoice" has no invoke schema/);
    expect(local.server.requests).toHaveLength(0);
  });

  it("refuses a flow with an invoke schema but no webhook URL before anything is sent", async () => {
    const error = await failure(
      { prompt: call("open_ticket", { customerId: "c", subject: "s" }) },
      { webhookUrls: { [LOOK_UP]: hooks[LOOK_UP].url } },
    );
    expect(error.name).toBe("InputError");
    expect(error.message).toBe(
      'Flows: the flow "Open Ticket" has no usable webhook URL in this instance, so Grok\'s calls could not reach it. Deploy the instance again, or remove the flow from Flows.',
    );
    expect(local.server.requests).toHaveLength(0);
    expect(hooks[LOOK_UP].calls).toHaveLength(0);
  });

  it("refuses a description for a flow not in Flows", async () => {
    const error = await failure({
      flows: [LOOK_UP],
      flowDescriptions: [{ key: "Look Up Custmer", value: "typo" }],
      prompt: "Hi",
    });
    expect(error.message).toMatch(/^Flow Descriptions: "Look Up Custmer" is not one of the flows/);
    expect(local.server.requests).toHaveLength(0);
  });

  it("uses Flow Descriptions over the schema's title, and unique snake_case names", async () => {
    const schemas = {
      "Look Up Customer": flowSchemas[LOOK_UP],
      "look-up customer": invokeSchema("Same name, other flow", {}),
    };
    await run(
      {
        flows: ["Look Up Customer", "look-up customer"],
        flowDescriptions: [{ key: "Look Up Customer", value: "Finds a CRM customer by email." }],
        prompt: "Hi",
      },
      {
        flowSchemas: schemas,
        webhookUrls: {
          "Look Up Customer": hooks[LOOK_UP].url,
          "look-up customer": hooks[OPEN_TICKET].url,
        },
      },
    );
    const tools = sentBodies()[0].tools;
    expect(tools.map((tool: Loose) => [tool.name, tool.description])).toEqual([
      ["look_up_customer", "Finds a CRM customer by email."],
      ["look_up_customer_2", "Same name, other flow"],
    ]);
  });

  it("runs with no flows at all (a plain answer) and never leaks the API key", async () => {
    const { data } = await run({ flows: [], prompt: "Hello" });
    expect(sentBodies()[0]).not.toHaveProperty("tools");
    expect(data.turns).toBe(1);
    expect(data.text).toContain("Hello");
    const error = await failure({ prompt: "CHAIN 3", maxTurns: "2" });
    expect(JSON.stringify(serializeWhole(error))).not.toContain(connection.fields.token as string);
  });
});
