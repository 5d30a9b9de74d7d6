import { harness, testConnection, useLocalXai } from "./support/harness";
import { requestBodyErrors } from "./support/openapi";

const local = useLocalXai();
const connection = testConnection();
const conversation = JSON.stringify([
  { role: "system", content: "Be brief." },
  {
    role: "user",
    content: [
      { type: "text", text: "What is in this picture?" },
      { type: "image_url", image_url: { url: "https://example.com/a.png" } },
    ],
  },
  {
    role: "assistant",
    content: null,
    tool_calls: [{ id: "call_1", type: "function", function: { name: "look", arguments: "{}" } }],
  },
  { role: "tool", tool_call_id: "call_1", content: "a lighthouse" },
]);

const CALLS: [string, Record<string, unknown>][] = [
  ["createChatCompletion", { model: "grok-4.3", messages: '[{"role": "user", "content": "Hi"}]' }],
  [
    "createChatCompletion",
    {
      model: "grok-4.3",
      messages: conversation,
      temperature: "0.2",
      topP: "0.5",
      additionalFields: '{"reasoning_effort": "low", "max_completion_tokens": 100, "n": 2}',
    },
  ],
  [
    "createChatCompletion",
    {
      model: "grok-4.3",
      messages: '[{"role": "user", "content": "Hi"}]',
      stream: "true",
      temperature: "",
      topP: "",
    },
  ],
  ["createMessage", { messages: '[{"role": "user", "content": "Hi"}]' }],
  [
    "createMessage",
    {
      messages: '[{"role": "user", "content": "Hi"}]',
      maxTokens: "500",
      additionalFields: '{"system": "Be brief.", "stream": true}',
    },
  ],
  ["generateImage", { prompt: "A lighthouse" }],
  [
    "generateImage",
    {
      prompt: "A lighthouse",
      model: "grok-imagine-image",
      n: "3",
      additionalFields: '{"response_format": "b64_json"}',
    },
  ],
];

describe("every request body the actions send validates against xAI's OpenAPI description", () => {
  it.each(CALLS)("%s %j", async (action, params) => {
    // xAI removed /v1/messages (410 Gone): the body sent is still checked against its schema.
    await harness.action(action, { connection, ...params }).catch((error: unknown) => {
      if (action !== "createMessage") throw error;
    });
    const [request] = local.server.requests;
    expect(requestBodyErrors(request.method, request.path, request.body)).toEqual([]);
  });

  it("the validator does reject a body that breaks the schema", () => {
    expect(
      requestBodyErrors("POST", "/v1/chat/completions", {
        model: "grok-4.3",
        messages: [],
        temperature: "hot",
      }),
    ).not.toEqual([]);
  });
});
