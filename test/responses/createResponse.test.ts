import { capturingLogger, serializeWhole, testConnection, useLocalXai } from "../support/harness";
import { type Loose, MODEL, responses, run } from "./support";

const local = useLocalXai();
const connection = testConnection();

const create = (params: Record<string, unknown>) =>
  run("createResponse", { connection, model: MODEL, input: "Hello", ...params });

/** The JSON body of the last request the local server received. */
const sentBody = (): Loose => local.server.requests[local.server.requests.length - 1]?.body;

const rejection = async (promise: Promise<unknown>): Promise<Error> => {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the step to fail");
};

describe("Create Response: request body", () => {
  it("sends only model, input and store when nothing else is set, and adds output_text", async () => {
    const data = await create({});
    expect(sentBody()).toEqual({ model: MODEL, input: "Hello", store: true });
    expect(data.object).toBe("response");
    expect(data.status).toBe("completed");
    expect(data.output_text).toBe(data.output[0].content[0].text);
    expect(data.output_text).toContain("Hello");
    expect(data).not.toHaveProperty("output_parsed");
  });

  it("sends a JSON array input (typed or from an earlier step) as input items, image parts included", async () => {
    const items = [
      {
        role: "user",
        content: [
          { type: "input_text", text: "What is this?" },
          { type: "input_image", image_url: "https://example.com/cat.png" },
        ],
      },
    ];
    await create({ input: JSON.stringify(items) });
    expect(sentBody().input).toEqual(items);
    await create({ input: items });
    expect(sentBody().input).toEqual(items);
    // Text that merely starts with a bracket stays a prompt.
    await create({ input: "[Draft] a haiku" });
    expect(sentBody().input).toBe("[Draft] a haiku");
  });

  it("sends typed text as the prompt unless it is a JSON array of input items", async () => {
    // A placeholder in brackets is not JSON, and JSON data mapped in is not input items.
    for (const prompt of [
      "[{name}] is the placeholder; fill it in",
      '[{"id":1,"total":5}]',
      "[]",
      '[{"role": "user", "content": "hi"}, {"id": 2}]',
    ]) {
      await create({ input: prompt });
      expect(sentBody().input).toBe(prompt);
    }
    const items = [
      { role: "user", content: "Hi" },
      { type: "function_call_output", call_id: "c1", output: "{}" },
    ];
    await create({ input: `  ${JSON.stringify(items)}` });
    expect(sentBody().input).toEqual(items);
  });

  it("refuses typed items whose JSON is broken, with the position, before sending", async () => {
    const error = await rejection(create({ input: '[{"role": "user", "content": "Hi"}' }));
    expect(error.name).toBe("InputError");
    expect(error.message).toMatch(/^Input: is not valid JSON: .*position 34\b/);
    expect(local.server.requests).toHaveLength(0);
  });

  it("sends instructions, previous_response_id, reasoning, numbers, store, stream and background", async () => {
    await create({
      instructions: "Be brief.",
      reasoningEffort: "high",
      maxOutputTokens: "300",
      temperature: "0.2",
      topP: "0.9",
      store: "false",
    });
    expect(sentBody()).toEqual({
      model: MODEL,
      input: "Hello",
      instructions: "Be brief.",
      reasoning: { effort: "high" },
      max_output_tokens: 300,
      temperature: 0.2,
      top_p: 0.9,
      store: false,
    });
    const first = await create({});
    const second = await create({ previousResponseId: first.id, input: "And again?" });
    expect(sentBody()).toEqual({
      model: MODEL,
      input: "And again?",
      previous_response_id: first.id,
      store: true,
    });
    expect(second.previous_response_id).toBe(first.id);
    const queued = await create({ background: "true" });
    expect(sentBody().background).toBe(true);
    expect(queued.status).toBe("queued");
    await create({ stream: "true" });
    expect(sentBody().stream).toBe(true);
  });

  it("sends every tool in its xAI shape, and no tools key when none is on", async () => {
    const mcp = [
      {
        server_url: "https://mcp.example.com/mcp",
        server_label: "docs",
        allowed_tools: ["search"],
        headers: { "X-Team": "blue" },
      },
    ];
    const fn = {
      type: "function",
      name: "get_weather",
      parameters: { type: "object", properties: { city: { type: "string" } } },
    };
    const data = await create({
      webSearch: "true",
      webSearchAllowedDomains: ["wikipedia.org", " x.ai "],
      xSearch: "true",
      xSearchExcludedHandles: ["@spam", "bots"],
      xSearchFromDate: "2026-01-01",
      xSearchToDate: "2026-02-28",
      codeExecution: "true",
      collectionIds: ["collection_1", "collection_2"],
      mcpServers: JSON.stringify(mcp),
      functionTools: JSON.stringify([fn]),
    });
    expect(sentBody().tools).toEqual([
      { type: "web_search", allowed_domains: ["wikipedia.org", "x.ai"] },
      {
        type: "x_search",
        excluded_x_handles: ["spam", "bots"],
        from_date: "2026-01-01",
        to_date: "2026-02-28",
      },
      { type: "code_interpreter" },
      { type: "file_search", vector_store_ids: ["collection_1", "collection_2"] },
      { ...mcp[0], type: "mcp" },
      fn,
    ]);
    // Server-side tool calls and citations stay in output as xAI sent them.
    const types = data.output.map((item: Loose) => item.type);
    expect(types).toEqual(
      expect.arrayContaining(["web_search_call", "x_search_call", "code_interpreter_call"]),
    );
    expect(data.citations.length).toBeGreaterThan(0);

    await create({ webSearch: "true", webSearchExcludedDomains: ["example.com"] });
    expect(sentBody().tools).toEqual([{ type: "web_search", excluded_domains: ["example.com"] }]);
    await create({ xSearch: "true", xSearchAllowedHandles: ["xai"] });
    expect(sentBody().tools).toEqual([{ type: "x_search", allowed_x_handles: ["xai"] }]);
    // Nothing on means no tools key.
    await create({ webSearchAllowedDomains: [], xSearchAllowedHandles: [] });
    expect(sentBody()).not.toHaveProperty("tools");
  });

  it("sends a JSON Schema as text.format and returns the answer parsed as output_parsed", async () => {
    const schema = {
      type: "object",
      properties: { name: { type: "string" }, score: { type: "number" } },
      required: ["name", "score"],
    };
    const data = await create({ jsonSchema: JSON.stringify(schema) });
    expect(sentBody().text).toEqual({
      format: { type: "json_schema", name: "output", schema, strict: true },
    });
    expect(data.output_parsed).toEqual(JSON.parse(data.output_text));
    expect(typeof data.output_parsed.name).toBe("string");
    expect(typeof data.output_parsed.score).toBe("number");
  });

  it("sends a boolean JSON Schema (true or false, typed or from an earlier step) as it is", async () => {
    const data = await create({ jsonSchema: " true " });
    expect(sentBody().text).toEqual({
      format: { type: "json_schema", name: "output", schema: true, strict: true },
    });
    expect(data.output_parsed).toEqual(JSON.parse(data.output_text));
    await create({ jsonSchema: false });
    expect(sentBody().text.format.schema).toBe(false);
  });

  it("fails a JSON Schema answer that did not complete, with xAI's status and what arrived", async () => {
    const error = await rejection(
      create({ input: "FAIL_RESPONSE please", jsonSchema: '{"type": "object"}' }),
    );
    expect(error.name).toBe("XaiApiError");
    expect(error.message).toMatch(/response \S+ ended with status "failed" \(The model failed/);
    expect(error.message).toMatch(/No text was received\.$/);
  });

  it("fails a JSON Schema answer that is not JSON, quoting what arrived", async () => {
    const answer = {
      id: "r1",
      object: "response",
      status: "completed",
      output: [
        { type: "message", role: "assistant", content: [{ type: "output_text", text: "Sure! {" }] },
      ],
    };
    local.server.script({ path: "/v1/responses", body: answer });
    const error = await rejection(create({ jsonSchema: '{"type": "object"}' }));
    expect(error.message).toMatch(
      /^xAI's answer is not the JSON the JSON Schema asks for \(.+\)\. Received: "Sure! \{"\.$/,
    );
  });

  it("returns a response that did not complete as xAI sent it when no JSON Schema is set", async () => {
    const data = await create({ input: "INCOMPLETE please" });
    expect(data.status).toBe("incomplete");
    expect(data.incomplete_details).toEqual({ reason: "max_output_tokens" });
    expect(data.output_text).toBe(data.output[0].content[0].text);
  });

  it("merges Additional Fields last", async () => {
    await create({ additionalFields: '{"store": false, "parallel_tool_calls": false}' });
    expect(sentBody()).toEqual({
      model: MODEL,
      input: "Hello",
      store: false,
      parallel_tool_calls: false,
    });
  });

  it("returns xAI's 404 for an unknown previous response as the component's error", async () => {
    const error = await rejection(create({ previousResponseId: "nope" }));
    expect(error.message).toMatch(/^xAI API error 404 \(not found\) on POST \/responses: /);
  });
});

describe("Create Response: refused before sending", () => {
  const refusals: [string, Record<string, unknown>, RegExp][] = [
    [
      "allowed and excluded domains",
      {
        webSearch: "true",
        webSearchAllowedDomains: ["a.com"],
        webSearchExcludedDomains: ["b.com"],
      },
      /^Web Search Allowed Domains: cannot be used together with Web Search Excluded Domains/,
    ],
    [
      "more than 5 domains",
      { webSearch: "true", webSearchExcludedDomains: ["a", "b", "c", "d", "e", "f"] },
      /^Web Search Excluded Domains: has 6 entries; xAI accepts at most 5/,
    ],
    [
      "allowed and excluded handles",
      { xSearch: "true", xSearchAllowedHandles: ["a"], xSearchExcludedHandles: ["b"] },
      /^X Search Allowed Handles: cannot be used together with X Search Excluded Handles/,
    ],
    [
      "a day that does not exist",
      { xSearch: "true", xSearchFromDate: "2026-02-30" },
      /^X Search From Date: must be a day as YYYY-MM-DD.*"2026-02-30"/,
    ],
    [
      "a date in another format",
      { xSearch: "true", xSearchToDate: "31/01/2026" },
      /^X Search To Date: must be a day as YYYY-MM-DD/,
    ],
    [
      "a from date after the to date",
      { xSearch: "true", xSearchFromDate: "2026-03-01", xSearchToDate: "2026-02-01" },
      /^X Search From Date: \(2026-03-01\) is after X Search To Date/,
    ],
    [
      "a JSON Schema that is not an object",
      { jsonSchema: '["type", "object"]' },
      /^JSON Schema: must be a JSON Schema object.*got an array/,
    ],
    [
      "an MCP entry without server_url",
      { mcpServers: '[{"server_label": "docs"}]' },
      /^MCP Servers: entry 1 needs "server_url" as text/,
    ],
    [
      "an MCP entry without server_label",
      { mcpServers: '[{"server_url": "https://mcp.example.com"}, {"server_url": "https://b"}]' },
      /^MCP Servers: entry 1 needs "server_label" as text/,
    ],
    [
      "Instructions with Previous Response ID",
      { instructions: "Be brief.", previousResponseId: "resp_1" },
      /^Instructions: cannot be used with Previous Response ID; the previous response's instructions apply/,
    ],
    [
      "Web Search Allowed Domains with Web Search off",
      { webSearchAllowedDomains: ["x.ai"] },
      /^Web Search Allowed Domains: applies only with Web Search on; turn on Web Search or clear it\.$/,
    ],
    [
      "Web Search Excluded Domains with Web Search off",
      { webSearch: "false", webSearchExcludedDomains: ["x.ai"] },
      /^Web Search Excluded Domains: applies only with Web Search on/,
    ],
    [
      "X Search Allowed Handles with X Search off",
      { webSearch: "true", xSearchAllowedHandles: ["xai"] },
      /^X Search Allowed Handles: applies only with X Search on; turn on X Search or clear it\.$/,
    ],
    [
      "X Search Excluded Handles with X Search off",
      { xSearchExcludedHandles: ["spam"] },
      /^X Search Excluded Handles: applies only with X Search on/,
    ],
    [
      "X Search From Date with X Search off",
      { xSearchFromDate: "2026-01-01" },
      /^X Search From Date: applies only with X Search on/,
    ],
    [
      "X Search To Date with X Search off",
      { xSearchToDate: "2026-01-31" },
      /^X Search To Date: applies only with X Search on/,
    ],
    ["an empty input", { input: "  " }, /^Input: is required/],
    ["an empty input array", { input: [] }, /^Input: must be text or a non-empty JSON array/],
    ["broken input JSON", { input: '[{"role": ' }, /^Input: is not valid JSON/],
    [
      "function tools that are not a list",
      { functionTools: "{}" },
      /^Function Tools: must be a JSON array/,
    ],
    ["a temperature above 2", { temperature: "3" }, /^Temperature: must be a number from 0 to 2/],
    [
      "more than 10 collections",
      { collectionIds: Array.from({ length: 11 }, (_, i) => `c${i}`) },
      /^Collection IDs: has 11 entries; xAI accepts at most 10/,
    ],
  ];

  it.each(refusals)("refuses %s, naming the input", async (_name, params, message) => {
    const error = await rejection(create(params));
    expect(error.name).toBe("InputError");
    expect(error.message).toMatch(message);
    expect(local.server.requests).toHaveLength(0);
  });
});

describe("Create Response: MCP credentials stay secret", () => {
  const SECRET = "mcp-secret-5f4e3d2c1b0a9988";
  const HEADER_SECRET = "hdr-secret-77aa66bb55cc44dd";
  const servers = (extra: object = {}) =>
    JSON.stringify([
      {
        server_url: "https://mcp.example.com/mcp",
        server_label: "docs",
        authorization: `Bearer ${SECRET}`,
        headers: { "X-Api-Key": HEADER_SECRET },
        ...extra,
      },
    ]);

  const outcome = async (params: Record<string, unknown>) => {
    const { lines, logger } = capturingLogger();
    let error: unknown;
    let result: unknown;
    try {
      result = await responses.action(
        "createResponse",
        { connection, model: MODEL, input: "Hello", ...params },
        { logger, globalDebug: true } as never,
      );
    } catch (thrown) {
      error = thrown;
    }
    const everything = JSON.stringify({
      error: serializeWhole(error),
      message: (error as Error | undefined)?.message,
      stack: (error as Error | undefined)?.stack,
      lines,
      result,
    });
    return { error: error as Error | undefined, lines, everything };
  };

  it("is sent to xAI, but never logged, echoed in the result, or shown in an error", async () => {
    const ok = await outcome({ mcpServers: servers() });
    expect(ok.error).toBeUndefined();
    expect(local.server.requests[0]?.rawBody).toContain(SECRET);
    expect(ok.lines.some((line) => line.includes("xAI request POST"))).toBe(true);
    expect(ok.everything).not.toContain(SECRET);
    expect(ok.everything).not.toContain(HEADER_SECRET);

    local.server.script({
      path: "/v1/responses",
      status: 400,
      body: { error: `bad ${SECRET}`, code: "x" },
    });
    const failed = await outcome({ mcpServers: servers() });
    expect(failed.error?.message).toMatch(/^xAI API error 400/);
    expect(failed.everything).not.toContain(SECRET);

    const refused = await outcome({ mcpServers: servers({ server_label: "" }) });
    expect(refused.error?.message).toMatch(/^MCP Servers: entry 1 needs "server_label"/);
    expect(refused.everything).not.toContain(SECRET);

    const broken = await outcome({ mcpServers: `[{"authorization": "${SECRET}" oops}]` });
    expect(broken.error?.message).toMatch(/^MCP Servers: is not valid JSON \(at position \d+/);
    expect(broken.everything).not.toContain(SECRET);

    const notList = await outcome({ mcpServers: JSON.stringify(SECRET) });
    expect(notList.error?.message).toMatch(/^MCP Servers: must be a JSON array.*got a string/);
    expect(notList.everything).not.toContain(SECRET);
  });

  it("is not shown by Get Response either, which cannot know it: xAI's echo of the tools reveals it", async () => {
    const created = (await responses.action("createResponse", {
      connection,
      model: MODEL,
      input: "Hello",
      mcpServers: servers(),
    })) as { data: { id: string } };
    const fetched = await responses.action("getResponse", {
      connection,
      responseId: created.data.id,
    });
    const whole = JSON.stringify(fetched);
    expect(whole).toContain('"server_label":"docs"');
    expect(whole).not.toContain(SECRET);
    expect(whole).not.toContain(HEADER_SECRET);
  });
});
