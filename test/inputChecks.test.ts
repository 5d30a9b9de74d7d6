import { messageAnswer } from "./server/xaiServer";
import { harness, testConnection, useLocalXai } from "./support/harness";

const local = useLocalXai();
const connection = testConnection();
const hello = '[{"role": "user", "content": "Hello"}]';

/** Every refused input names itself, says what is accepted, and nothing reaches xAI. */
const expectRefused = async (
  action: string,
  params: Record<string, unknown>,
  message: RegExp,
): Promise<void> => {
  await expect(harness.action(action, { connection, ...params })).rejects.toThrow(message);
  expect(local.server.requests).toHaveLength(0);
};

const chat = (params: Record<string, unknown>) => ({
  model: "grok-4.3",
  messages: hello,
  ...params,
});

describe("Messages", () => {
  it.each([
    ['[{"role": "user", "content": "Hi"}', /^Messages: is not valid JSON: .*position \d+/],
    ["", /^Messages: is required/],
    ["[]", /^Messages: must be a non-empty JSON array .* got an empty array/],
    [
      '{"role": "user", "content": "Hi"}',
      /^Messages: must be a non-empty JSON array .* got an object\./,
    ],
    ['["Hi"]', /^Messages: message 1 must be an object/],
    [
      '[{"role": "robot", "content": "Hi"}]',
      /^Messages: message 1 has role "robot"; accepted roles are system, user, assistant, tool, function\./,
    ],
    ['[{"content": "Hi"}]', /^Messages: message 1 has role null/],
    [
      '[{"role": "user", "content": "Hi"}, {"role": "user"}]',
      /^Messages: message 2 \(user\) needs "content" as text or an array of content parts, got none\./,
    ],
    [
      '[{"role": "system", "content": 42}]',
      /^Messages: message 1 \(system\) needs "content" as text or an array of content parts, got a number\./,
    ],
    ['[{"role": "tool", "content": null}]', /^Messages: message 1 \(tool\) needs "content"/],
  ])("chat refuses %s", async (messages, message) => {
    await expectRefused("createChatCompletion", chat({ messages }), message);
  });

  it("chat accepts an assistant message with tool calls and no content, and image parts untouched", async () => {
    const messages = [
      {
        role: "user",
        content: [
          { type: "image_url", image_url: { url: "https://example.com/a.png", detail: "high" } },
          { type: "text", text: "What is this?" },
        ],
      },
      {
        role: "assistant",
        content: null,
        tool_calls: [
          { id: "call_1", type: "function", function: { name: "look", arguments: "{}" } },
        ],
      },
      { role: "tool", tool_call_id: "call_1", content: "a lighthouse" },
    ];
    await harness.action("createChatCompletion", {
      connection,
      ...chat({ messages: JSON.stringify(messages) }),
    });
    expect((local.server.requests[0].body as { messages: unknown }).messages).toEqual(messages);
  });

  it("chat accepts content as any text (even empty) or any array, and an assistant without content", async () => {
    // xAI's OpenAPI `Message`: content is a string or an array; the assistant's may be left out.
    const messages = [
      { role: "system", content: "" },
      { role: "user", content: "  " },
      { role: "user", content: [] },
      { role: "assistant" },
      { role: "function", name: "look", content: "a lighthouse" },
    ];
    await harness.action("createChatCompletion", {
      connection,
      ...chat({ messages: JSON.stringify(messages) }),
    });
    expect((local.server.requests[0].body as { messages: unknown }).messages).toEqual(messages);
  });

  it("the messages API accepts any role text (xAI's MessageBody.role) but not a role that is not text", async () => {
    const messages = [{ role: "system", content: "Be brief." }];
    await expect(
      harness.action("createMessage", { connection, messages: JSON.stringify(messages) }),
    ).rejects.toThrow(/410/);
    expect((local.server.requests[0].body as { messages: unknown }).messages).toEqual(messages);
    local.server.reset();
    await expectRefused(
      "createMessage",
      { messages: '[{"role": 5, "content": "Hi"}]' },
      /^Messages: message 1 has role 5; the role must be text\./,
    );
  });

  it("the messages API passes image blocks through untouched", async () => {
    const messages = [
      {
        role: "user",
        content: [
          {
            type: "image",
            source: { type: "base64", media_type: "image/png", data: "iVBORw0KGgo=" },
          },
          { type: "text", text: "Describe" },
        ],
      },
    ];
    local.server.script({ path: "/v1/messages", body: messageAnswer({ messages }) });
    await harness.action("createMessage", { connection, messages: JSON.stringify(messages) });
    expect((local.server.requests[0].body as { messages: unknown }).messages).toEqual(messages);
  });
});

describe("Additional Fields", () => {
  it.each([
    ["[1, 2]", /^Additional Fields: must be a JSON object .* got an array/],
    ['"low"', /^Additional Fields: must be a JSON object .* got the text "low"/],
    ["42", /^Additional Fields: must be a JSON object .* got a number/],
    ["{reasoning_effort: low}", /^Additional Fields: is not valid JSON: .*position \d+/],
  ])("refuses %s", async (additionalFields, message) => {
    await expectRefused("createChatCompletion", chat({ additionalFields }), message);
  });
});

describe("numbers", () => {
  it.each([
    [{ temperature: "2.5" }, /^Temperature: must be a number from 0 to 2; got "2.5"\./],
    [{ temperature: "-0.1" }, /^Temperature: must be a number from 0 to 2/],
    [{ temperature: "warm" }, /^Temperature: must be a number from 0 to 2; got "warm"\./],
    [{ topP: "0" }, /^Top P: must be a number above 0 and at most 1; got "0"\./],
    [{ topP: "1.5" }, /^Top P: must be a number above 0 and at most 1/],
  ])("chat refuses %j", async (params, message) => {
    await expectRefused("createChatCompletion", chat(params), message);
  });

  it("refuses a huge value that is almost a number at once, quoting only its start", async () => {
    const temperature = `${"1".repeat(300_000)}x`;
    await expectRefused(
      "createChatCompletion",
      chat({ temperature }),
      /^Temperature: must be a number from 0 to 2; got "1{119}…"\.$/,
    );
  });

  it("accepts numbers given as text at the edges of their ranges", async () => {
    await harness.action("createChatCompletion", {
      connection,
      ...chat({ temperature: "0", topP: "1" }),
    });
    expect(local.server.requests[0].body).toMatchObject({ temperature: 0, top_p: 1 });
  });

  it.each([["0"], ["1.5"], ["many"], [""]])("Max Tokens refuses %j", async (maxTokens) => {
    await expectRefused(
      "createMessage",
      { messages: hello, maxTokens },
      /^Max Tokens: (must be|is required).*a whole number of at least 1/,
    );
  });

  it.each([["0"], ["11"], ["2.5"]])("Number of Images refuses %j", async (n) => {
    await expectRefused(
      "generateImage",
      { prompt: "A lighthouse", n },
      /^Number of Images: must be a whole number from 1 to 10/,
    );
  });

  it("Edit Image's Number of Images has no upper limit, as EditImageRequest.n has none", async () => {
    await expectRefused(
      "editImage",
      { prompt: "Make it blue", image: "https://example.com/cat.png", n: "0" },
      /^Number of Images: must be a whole number of at least 1; got "0"\.$/,
    );
    local.server.script({ path: "/v1/images/edits", body: { data: [] } });
    await harness.action("editImage", {
      connection,
      prompt: "Make it blue",
      image: "https://example.com/cat.png",
      n: "12",
    });
    expect(local.server.requests[0]?.body).toMatchObject({ n: 12 });
  });
});

describe("required text", () => {
  it("Prompt must not be empty", async () => {
    await expectRefused(
      "generateImage",
      { prompt: "   " },
      /^Prompt: is required and must not be empty\./,
    );
  });

  it("Model must not be empty", async () => {
    await expectRefused(
      "createChatCompletion",
      chat({ model: "" }),
      /^Model: is required and must not be empty\./,
    );
  });

  it("Model ID must not be empty", async () => {
    await expectRefused(
      "getModel",
      { modelId: "" },
      /^Model ID: is required and must not be empty\./,
    );
  });
});

describe("ids sent as a path segment", () => {
  // URL resolution would send "/files/.." to "/", another endpoint, with the API key.
  it.each([
    ["getFile", "fileId", "File ID", "."],
    ["deleteFile", "fileId", "File ID", ".."],
    ["downloadFile", "fileId", "File ID", ".."],
    ["getResponse", "responseId", "Response ID", ".."],
    ["deleteResponse", "responseId", "Response ID", "."],
    ["getVideo", "requestId", "Request ID", ".."],
    ["getModel", "modelId", "Model ID", ".."],
  ])("%s refuses the %s %j", async (action, key, label, id) => {
    await expectRefused(
      action,
      { [key]: id },
      new RegExp(`^${label}: "${id.replace(/\./g, "\\.")}" is not an id; enter one like `),
    );
  });
});
