import { messageAnswer } from "./server/xaiServer";
import { harness, TEST_TOKEN, testConnection, useLocalXai } from "./support/harness";

const local = useLocalXai();
const connection = testConnection();
const hello = JSON.stringify([{ role: "user", content: "Hello" }]);

const onlyRequest = () => {
  expect(local.server.requests).toHaveLength(1);
  return local.server.requests[0];
};

describe("Create Chat Completion", () => {
  it("sends the typed inputs as numbers and returns xAI's chat.completion", async () => {
    const result = await harness.action("createChatCompletion", {
      connection,
      model: "grok-4.3",
      messages: hello,
      temperature: "0.7",
      topP: "0.9",
    });
    const request = onlyRequest();
    expect(request.method).toBe("POST");
    expect(request.path).toBe("/v1/chat/completions");
    expect(request.headers.authorization).toBe(`Bearer ${TEST_TOKEN}`);
    expect(request.headers["content-type"]).toMatch(/^application\/json/);
    expect(request.body).toEqual({
      model: "grok-4.3",
      messages: [{ role: "user", content: "Hello" }],
      temperature: 0.7,
      top_p: 0.9,
    });
    expect(result).toEqual({ data: expect.objectContaining({ object: "chat.completion" }) });
    const data = (result as { data: { choices: { message: { content: string } }[] } }).data;
    expect(data.choices[0].message.content).toEqual(expect.any(String));
  });

  it("sends the spec's defaults (temperature 1, top_p 1) and never a stream flag when Stream is off", async () => {
    await harness.action("createChatCompletion", {
      connection,
      model: "grok-4.3",
      messages: hello,
    });
    expect(onlyRequest().body).toEqual({
      model: "grok-4.3",
      messages: [{ role: "user", content: "Hello" }],
      temperature: 1,
      top_p: 1,
    });
  });

  it("leaves empty optional inputs out of the body instead of sending null or NaN", async () => {
    await harness.action("createChatCompletion", {
      connection,
      model: "grok-4.3",
      messages: hello,
      temperature: "",
      topP: "",
      additionalFields: "",
    });
    expect(onlyRequest().rawBody).toBe(
      JSON.stringify({ model: "grok-4.3", messages: [{ role: "user", content: "Hello" }] }),
    );
  });

  it("merges Additional Fields into the body after the typed inputs", async () => {
    await harness.action("createChatCompletion", {
      connection,
      model: "grok-4.3",
      messages: hello,
      additionalFields: JSON.stringify({
        reasoning_effort: "low",
        temperature: 0.2,
        max_completion_tokens: 50,
      }),
    });
    expect(onlyRequest().body).toEqual({
      model: "grok-4.3",
      messages: [{ role: "user", content: "Hello" }],
      temperature: 0.2,
      top_p: 1,
      reasoning_effort: "low",
      max_completion_tokens: 50,
    });
  });

  it("accepts messages passed as an array from an earlier step", async () => {
    const messages = [
      { role: "system", content: "Be brief." },
      {
        role: "user",
        content: [
          { type: "text", text: "What is this?" },
          { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } },
        ],
      },
    ];
    await harness.action("createChatCompletion", { connection, model: "grok-4.3", messages });
    expect((onlyRequest().body as { messages: unknown }).messages).toEqual(messages);
  });
});

describe("Create Message", () => {
  // xAI removed /v1/messages (410 Gone); a server that still answers (a proxy, a compatible
  // gateway) is scripted with the answer it used to give.
  const answered = () =>
    local.server.script({
      path: "/v1/messages",
      body: messageAnswer({
        model: "grok-3-fast-latest",
        messages: [{ role: "user", content: "Hello" }],
      }),
    });

  it("posts model, messages and max_tokens (default 100) to /messages", async () => {
    answered();
    const result = await harness.action("createMessage", { connection, messages: hello });
    const request = onlyRequest();
    expect(request.method).toBe("POST");
    expect(request.path).toBe("/v1/messages");
    expect(request.body).toEqual({
      model: "grok-3-fast-latest",
      messages: [{ role: "user", content: "Hello" }],
      max_tokens: 100,
    });
    expect(result).toEqual({
      data: expect.objectContaining({ type: "message", role: "assistant" }),
    });
  });

  it("merges Additional Fields such as system", async () => {
    answered();
    await harness.action("createMessage", {
      connection,
      messages: hello,
      model: "grok-4.3",
      maxTokens: "256",
      additionalFields: '{"system": "Be brief.", "temperature": 0.5}',
    });
    expect(onlyRequest().body).toEqual({
      model: "grok-4.3",
      messages: [{ role: "user", content: "Hello" }],
      max_tokens: 256,
      system: "Be brief.",
      temperature: 0.5,
    });
  });

  it("explains that xAI removed the endpoint on a 410", async () => {
    await expect(harness.action("createMessage", { connection, messages: hello })).rejects.toThrow(
      /^xAI removed the Anthropic-compatible messages endpoint \(410 Gone on POST \/messages\); use Create Chat Completion or Create Response instead \[request id req_/,
    );
  });

  it("reports any other failure, a 404 included, with xAI's own reason", async () => {
    local.server.script({
      path: "/v1/messages",
      status: 404,
      body: {
        code: "Some requested entity was not found",
        error: "The model grok-9 does not exist.",
      },
    });
    await expect(harness.action("createMessage", { connection, messages: hello })).rejects.toThrow(
      /^xAI API error 404 \(not found\) on POST \/messages: The model grok-9 does not exist\. \[request id req_/,
    );
  });
});

describe("Generate Image", () => {
  it("posts prompt, model and n as a number", async () => {
    const result = await harness.action("generateImage", {
      connection,
      prompt: "A lighthouse",
      model: "grok-imagine-image",
      n: "2",
    });
    const request = onlyRequest();
    expect(request.path).toBe("/v1/images/generations");
    expect(request.body).toEqual({ prompt: "A lighthouse", model: "grok-imagine-image", n: 2 });
    // xAI's `data` array of images, as Prismatic's original component returns it.
    expect((result as { data: unknown[] }).data).toHaveLength(2);
  });

  it("leaves out an empty model and n", async () => {
    await harness.action("generateImage", { connection, prompt: "A lighthouse", model: "", n: "" });
    expect(onlyRequest().rawBody).toBe(JSON.stringify({ prompt: "A lighthouse" }));
  });

  it("merges Additional Fields such as response_format", async () => {
    const result = await harness.action("generateImage", {
      connection,
      prompt: "A lighthouse",
      additionalFields: '{"response_format": "b64_json"}',
    });
    expect(onlyRequest().body).toEqual({ prompt: "A lighthouse", response_format: "b64_json" });
    const [image] = (result as { data: { b64_json?: string }[] }).data;
    expect(image.b64_json).toEqual(expect.any(String));
  });
});

describe("Get Model and List Models", () => {
  it("gets one model by id", async () => {
    const result = await harness.action("getModel", { connection, modelId: "grok-3" });
    const request = onlyRequest();
    expect(request.method).toBe("GET");
    expect(request.path).toBe("/v1/models/grok-3");
    expect(result).toEqual({ data: expect.objectContaining({ id: "grok-3", object: "model" }) });
  });

  it.each([
    ["a/b", "/v1/models/a%2Fb"],
    ["grok 4", "/v1/models/grok%204"],
    ["../../chat/completions", "/v1/models/..%2F..%2Fchat%2Fcompletions"],
    ["a?b#c", "/v1/models/a%3Fb%23c"],
  ])("URL-encodes the model id %j into one path segment", async (modelId, path) => {
    await expect(harness.action("getModel", { connection, modelId })).rejects.toThrow(/404/);
    expect(onlyRequest().path).toBe(path);
  });

  it.each([["."], [".."]])(
    "refuses the model id %j, which would resolve to another path",
    async (modelId) => {
      await expect(harness.action("getModel", { connection, modelId })).rejects.toThrow(
        `Model ID: "${modelId}" is not an id; enter one like grok-4.3`,
      );
      expect(local.server.requests).toHaveLength(0);
    },
  );

  it("lists models: xAI's `data` array, as Prismatic's original component returns it", async () => {
    const result = await harness.action("listModels", { connection });
    expect(onlyRequest().path).toBe("/v1/models");
    const { data } = result as { data: { id: string; object: string }[] };
    expect(Array.isArray(data)).toBe(true);
    expect(data).toContainEqual(expect.objectContaining({ id: "grok-3", object: "model" }));
  });
});

describe("connections", () => {
  it("sends each connection's own key, also when calls with different keys interleave", async () => {
    const other = testConnection("other-test-token-1234");
    await Promise.all([
      harness.action("listModels", { connection }),
      harness.action("listModels", { connection: other }),
      harness.action("listModels", { connection }),
    ]);
    const keys = local.server.requests.map((request) => request.headers.authorization).sort();
    expect(keys).toEqual([
      "Bearer other-test-token-1234",
      `Bearer ${TEST_TOKEN}`,
      `Bearer ${TEST_TOKEN}`,
    ]);
  });

  it("follows XAI_BASE_URL when it changes between calls", async () => {
    const previous = process.env.XAI_BASE_URL;
    process.env.XAI_BASE_URL = `${local.server.origin}/v1/`;
    try {
      await harness.action("listModels", { connection });
      process.env.XAI_BASE_URL = `${local.server.origin}/unreachable`;
      await expect(harness.action("listModels", { connection })).rejects.toThrow(/404/);
    } finally {
      process.env.XAI_BASE_URL = previous;
    }
    expect(local.server.requests.map(({ path }) => path)).toEqual([
      "/v1/models",
      "/unreachable/models",
    ]);
  });
});

describe("errors from xAI", () => {
  it("a 4xx reads as one sentence with xAI's own message, and is not retried", async () => {
    local.server.script({
      path: "/v1/chat/completions",
      status: 400,
      body: { code: "Client specified an invalid argument", error: "Model grok-0 does not exist." },
    });
    await expect(
      harness.action("createChatCompletion", { connection, model: "grok-0", messages: hello }),
    ).rejects.toThrow(
      /^xAI API error 400 \(bad request\) on POST \/chat\/completions: Model grok-0 does not exist\. \[request id /,
    );
    expect(local.server.requests).toHaveLength(1);
  });

  it("a wrong connection is a ConnectionError before anything is sent", async () => {
    await expect(
      harness.action("listModels", { connection: testConnection("  ") }),
    ).rejects.toMatchObject({
      isSpectralError: true,
      message: expect.stringMatching(/API Key is empty/),
    });
    expect(local.server.requests).toHaveLength(0);
  });
});
