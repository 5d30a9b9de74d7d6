/**
 * Issue 10: what an integration built on Prismatic's own component relies on, through the built
 * bundle (dist/index.js) against the local xAI server. One block per numbered case of the issue.
 */

import Ajv2020 from "ajv/dist/2020";
import { chatAnswer } from "./server/xaiServer";
import { builtComponent, bundleHarness } from "./support/bundle";
import { capturingLogger, testConnection, useLocalXai } from "./support/harness";

const local = useLocalXai();
const harness = bundleHarness();
const connection = testConnection();
const hello = '[{"role": "user", "content": "Hello"}]';
const action = async (key: string, params: Record<string, unknown>) =>
  (await harness.action(key, { connection, ...params })) as { data: unknown };
const failure = (key: string, params: Record<string, unknown>) =>
  action(key, params).then(
    () => {
      throw new Error("expected the step to fail");
    },
    (error: Error & Record<string, unknown>) => error,
  );

describe("0. List Models and Generate Image return xAI's data array, as the original does", () => {
  it("List Models", async () => {
    const result = await action("listModels", {});
    expect(Array.isArray(result.data)).toBe(true);
    expect((result.data as { id: string }[])[0].id).toEqual(expect.any(String));
  });

  it("Generate Image", async () => {
    const result = await action("generateImage", { prompt: "A lighthouse", n: "2" });
    expect(result.data).toHaveLength(2);
    expect((result.data as { url: string }[])[0].url).toEqual(expect.any(String));
  });
});

describe("0. an answer without the promised list fails with one sentence, not a TypeError later", () => {
  it.each([
    [
      "listModels",
      "/v1/models",
      {},
      { data: "grok" },
      'GET /models has no "data" list: {"data":"grok"}',
    ],
    [
      "generateImage",
      "/v1/images/generations",
      { prompt: "A lighthouse" },
      { images: [] },
      'POST /images/generations has no "data" list: {"images":[]}',
    ],
  ])("%s", async (key, path, params, body, said) => {
    local.server.script({ path, body });
    const error = await failure(key, params);
    expect(error.name).toBe("XaiApiError");
    expect(error.message).toBe(`xAI's answer to ${said}.`);
    expect(error.code).toBe("NOT_JSON");
  });
});

describe("1. validation no stricter than xAI's OpenAPI description", () => {
  it.each([
    ['[{"role": "function", "content": "42", "name": "lookup"}]'],
    ['[{"role": "user", "content": "Hi"}, {"role": "assistant"}]'],
    ['[{"role": "user", "content": ""}]'],
  ])("chat accepts %s", async (messages) => {
    await expect(
      action("createChatCompletion", { model: "grok-4.3", messages }),
    ).resolves.toBeDefined();
    expect(local.server.requests).toHaveLength(1);
  });

  it("chat refuses developer, which xAI's Message does not list, before sending", async () => {
    const error = await failure("createChatCompletion", {
      model: "grok-4.3",
      messages: '[{"role": "developer", "content": "Be brief"}]',
    });
    expect(error.message).toMatch(
      /^Messages: message 1 has role "developer"; accepted roles are system, user, assistant, tool, function\./,
    );
    expect(error.name).toBe("InputError");
    expect(local.server.requests).toHaveLength(0);
  });

  it("Create Message accepts the system role (MessageBody.role is any text)", async () => {
    local.server.script({
      path: "/v1/messages",
      status: 200,
      body: { id: "msg_1", type: "message" },
    });
    const result = await action("createMessage", {
      messages: '[{"role": "system", "content": "Be brief"}, {"role": "user", "content": "Hi"}]',
    });
    expect(result.data).toEqual({ id: "msg_1", type: "message" });
  });
});

describe("2. Create Message says what xAI said", () => {
  it("410 Gone → the endpoint was removed; use Create Chat Completion or Create Response", async () => {
    const error = await failure("createMessage", { messages: hello });
    expect(error.message).toMatch(
      /^xAI removed the Anthropic-compatible messages endpoint \(410 Gone on POST \/messages\); use Create Chat Completion or Create Response instead \[request id req_\d+\]\.$/,
    );
    expect(error.status).toBe(410);
  });

  it("404 → xAI's own reason, status and request id", async () => {
    local.server.script({
      path: "/v1/messages",
      status: 404,
      body: { code: "Not found", error: "The model grok-9 does not exist." },
    });
    const error = await failure("createMessage", { messages: hello, model: "grok-9" });
    expect(error.message).toMatch(
      /^xAI API error 404 \(not found\) on POST \/messages: The model grok-9 does not exist\. \[request id req_\d+\]\.$/,
    );
  });
});

describe("3-5. Raw Request sends what builders type", () => {
  it("3. JSON-looking Data is sent as application/json", async () => {
    await action("rawRequest", {
      url: "/chat/completions",
      method: "POST",
      data: `{"model": "grok-4.3", "messages": ${hello}}`,
    });
    const [request] = local.server.requests;
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.body).toEqual({
      model: "grok-4.3",
      messages: [{ role: "user", content: "Hello" }],
    });
  });

  it("3. a typed Content-Type wins", async () => {
    await action("rawRequest", {
      url: "/chat/completions",
      method: "POST",
      data: "{}",
      headers: [{ key: "Content-Type", value: "text/plain" }],
    }).catch(() => undefined);
    expect(local.server.requests[0].headers["content-type"]).toBe("text/plain");
  });

  it("4. /v1/models reaches /v1/models", async () => {
    const result = await action("rawRequest", { url: "/v1/models", method: "GET" });
    expect(local.server.requests[0].path).toBe("/v1/models");
    expect((result.data as { object: string }).object).toBe("list");
  });

  it("4. a URL with spaces and quotes is sent percent-encoded, as axios sent it", async () => {
    await action("rawRequest", { url: '/files?filter=name:"a b"', method: "GET" });
    const [request] = local.server.requests;
    expect(request.path).toBe("/v1/files");
    expect(request.query).toEqual({ filter: 'name:"a b"' });
  });

  it("5. Response Type binary returns the bytes as a Buffer with the content type", async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 251, 252, 255]);
    local.server.script({
      path: "/v1/files/file_1/content",
      status: 200,
      body: bytes.toString("latin1"),
      headers: { "content-type": "application/octet-stream" },
    });
    const result = (await action("rawRequest", {
      url: "/files/file_1/content",
      method: "GET",
      responseType: "binary",
    })) as unknown as { data: Buffer; contentType: string };
    expect(Buffer.isBuffer(result.data)).toBe(true);
    expect(result.contentType).toBe("application/octet-stream");
  });

  it("Data together with Form Data is a named InputError and nothing is sent", async () => {
    const error = await failure("rawRequest", {
      url: "/files",
      method: "post",
      data: '{"a": 1}',
      formData: [{ key: "purpose", value: "assistants" }],
    });
    expect(error.name).toBe("InputError");
    expect(error.message).toBe("Data: use either Data or Form Data / File Data, not both.");
    expect(local.server.requests).toHaveLength(0);
  });

  it("URL errors are named InputErrors and nothing is sent", async () => {
    const error = await failure("rawRequest", {
      url: "https://evil.example/v1/models",
      method: "GET",
    });
    expect(error.name).toBe("InputError");
    expect(error.message).toMatch(/^URL: enter a path under https:\/\/api\.x\.ai\/v1/);
    expect(local.server.requests).toHaveLength(0);
  });
});

describe("6. error names survive bundling", () => {
  it("ConnectionError, XaiApiError, InputError, StreamCutOffError", async () => {
    expect((await failure("listModels", { connection: testConnection(" ") })).name).toBe(
      "ConnectionError",
    );
    const outage = { status: 500, headers: { "retry-after": "0" } };
    local.server.script(outage, outage, outage, outage);
    expect((await failure("getModel", { modelId: "grok-404" })).name).toBe("XaiApiError");
    expect(
      (await failure("createChatCompletion", { model: "grok-4.3", messages: "[]" })).name,
    ).toBe("InputError");
    local.server.script({
      path: "/v1/chat/completions",
      sseChunks: ['data: {"id":"a","choices":[{"index":0,"delta":{"content":"Hi"}}]}\n\n'],
    });
    const cut = await failure("createChatCompletion", {
      model: "grok-4.3",
      messages: hello,
      stream: "true",
    });
    expect(cut.name).toBe("StreamCutOffError");
  });
});

describe("7. Stream on, but xAI answers plain JSON", () => {
  it("returns that JSON", async () => {
    const plain = chatAnswer({ model: "grok-4.3", messages: [{ role: "user", content: "Hello" }] });
    local.server.script({ path: "/v1/chat/completions", body: plain });
    const result = await action("createChatCompletion", {
      model: "grok-4.3",
      messages: hello,
      stream: "true",
    });
    expect(result.data).toEqual(plain);
  });
});

describe("8. pickers check xAI's answer", () => {
  it.each([
    [{ models: "grok" }],
    [{ models: [null] }],
    [{ models: [{ name: "no id" }] }],
    ["<html>oops</html>"],
  ])("fails with one sentence on %j", async (body) => {
    local.server.script({ path: "/v1/language-models", body });
    const error = await harness
      .dataSource("selectLanguageModel", { connection })
      .catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(
      /^xAI( answered 200 on GET \/language-models|'s answer to GET \/language-models has (no|an unexpected item in its) "models" list)/,
    );
  });

  it("takes aliases only when they are a list", async () => {
    local.server.script({
      path: "/v1/language-models",
      body: { models: [{ id: "grok-x", aliases: "grok-y" }] },
    });
    const { result } = await harness.dataSource("selectLanguageModel", { connection });
    expect(result).toEqual([{ key: "grok-x", label: "grok-x — text in" }]);
  });
});

describe("9. numbers and keys", () => {
  it.each([["0x1"], ["1e400"], ["Infinity"], [" "]])(
    "Temperature %j is refused or left out, never guessed",
    async (temperature) => {
      const outcome = await action("createChatCompletion", {
        model: "grok-4.3",
        messages: hello,
        temperature,
      }).catch((e: Error) => e);
      if (temperature.trim() === "")
        expect(local.server.requests[0].body).not.toHaveProperty("temperature");
      else {
        expect((outcome as Error).message).toMatch(
          /^Temperature: must be a number from 0 to 2; got/,
        );
        expect(local.server.requests).toHaveLength(0);
      }
    },
  );

  it("a whole number past 2^53 is refused, not rounded", async () => {
    const error = await failure("createMessage", {
      messages: hello,
      maxTokens: "9007199254740993",
    });
    expect(error.message).toMatch(/^Max Tokens: must be a whole number of at least 1/);
  });

  it("messages nested 5,000 deep get a clear error", async () => {
    const deep = `[{"role": "user", "content": ${"[".repeat(5000)}${"]".repeat(5000)}}]`;
    const error = await failure("createChatCompletion", { model: "grok-4.3", messages: deep });
    expect(error.message).toBe("Messages: nests deeper than the 128 levels xAI accepts.");
  });

  it("an API key typed as a number is used, not reported as empty", async () => {
    await action("listModels", { connection: testConnection(12345678 as unknown as string) });
    expect(local.server.requests[0].headers.authorization).toBe("Bearer 12345678");
  });
});

describe("10. words", () => {
  it("no advice a Prismatic user cannot follow, single punctuation", async () => {
    local.server.script({ status: 401, body: { error: "Incorrect API key provided: te***3d." } });
    const error = await failure("listModels", {});
    expect(error.message).not.toMatch(/XAI_BASE_URL|\.\.|\.;|;\./);
    expect(error.message).toMatch(/; check the API key of the xAI Grok connection/);
  });

  it("a cut-off stream keeps its partial answer in the error", async () => {
    local.server.script({
      path: "/v1/chat/completions",
      sseChunks: [
        `data: {"id":"a","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant","content":"${"x".repeat(800)}"}}]}\n\n`,
      ],
    });
    const error = await failure("createChatCompletion", {
      model: "grok-4.3",
      messages: hello,
      stream: "true",
    });
    expect(error.partial).toMatchObject({ choices: [{ message: { content: "x".repeat(800) } }] });
  });
});

describe("11. Prismatic's own affordances", () => {
  const component = builtComponent() as unknown as {
    actions: Record<
      string,
      {
        performSafety?: string;
        outputSchema?: unknown;
        allowsBranching?: boolean;
        examplePayload?: unknown;
      }
    >;
  };
  const READS = new Set([
    "getModel",
    "listModels",
    "getResponse",
    "getVideo",
    "getFile",
    "listFiles",
    "downloadFile",
    "tokenizeText",
    "getApiKeyInfo",
  ]);

  it.each(Object.keys(component.actions))(
    "%s declares performSafety, an example, and an output schema",
    (key) => {
      const built = component.actions[key];
      // The bundle holds Spectral's server form of `performSafety: "safe" | "notAllowed"`.
      expect(built.performSafety).toBe(READS.has(key) ? "SAFE" : "NOT_ALLOWED");
      expect(built.examplePayload).toBeDefined();
      if (!built.allowsBranching)
        expect(built.outputSchema).toMatchObject({ type: "actionOutput" });
    },
  );

  it.each(Object.keys(component.actions))(
    "%s's example payload is what its output schema describes",
    (key) => {
      const { outputSchema, examplePayload } = component.actions[key] as {
        outputSchema?: { schema?: string }; // the bundle holds it as JSON text
        examplePayload?: { data?: unknown };
      };
      if (!outputSchema?.schema) return; // a branching step declares no schema
      const validate = new Ajv2020({ strict: false, validateFormats: false }).compile(
        JSON.parse(outputSchema.schema),
      );
      const data = examplePayload?.data;
      // A file result's Buffer is described as binary data, not as JSON.
      if (!Buffer.isBuffer(data)) expect(validate(data) ? [] : validate.errors).toEqual([]);
    },
  );
});

describe("12. Raw Request retries as the original's sendRawRequest (Spectral's toAxiosRetryConfig)", () => {
  it("retries a GET's 5xx, waiting 2^(n-1) × Retry Delay, and logs the step's own numbers", async () => {
    const outage = { path: "/v1/models", status: 500 };
    local.server.script(outage, outage);
    const { lines, logger } = capturingLogger();
    const params = {
      connection,
      url: "/models",
      method: "GET",
      maxRetries: "2",
      retryDelayMS: "200",
      useExponentialBackoff: "true",
    };
    const result = await harness.action("rawRequest", params, { logger } as never);
    expect((result as { data: { object: string } }).data.object).toBe("list");
    expect(lines.filter((line) => line.includes("retry"))).toEqual([
      expect.stringMatching(/xAI answered 500 on GET \/models; retry 1 of 2 in 200 ms$/),
      expect.stringMatching(/xAI answered 500 on GET \/models; retry 2 of 2 in 400 ms$/),
    ]);
  });

  it("never sends a POST twice unless Retry On All Errors is on", async () => {
    const outage = { path: "/v1/files", status: 500 };
    local.server.script(outage, outage);
    const params = { url: "/files", method: "POST", data: "{}", maxRetries: "2" };
    expect((await failure("rawRequest", params)).message).toMatch(/500/);
    expect(local.server.requests).toHaveLength(1);
    local.server.reset();
    local.server.script(outage);
    // Retry On All Errors: the 500, then the server's own 4xx to an empty upload, twice more.
    await failure("rawRequest", { ...params, retryAllErrors: "true" });
    expect(local.server.requests).toHaveLength(3);
  });
});
