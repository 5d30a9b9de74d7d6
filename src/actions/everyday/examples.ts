/** Example payloads of the everyday steps, shaped like the local server's answers (spec/xai-openapi.json). */

export const askGrokExample = {
  text: "The Eiffel Tower is 330 metres tall. Sources: [[1]](https://en.wikipedia.org/wiki/Eiffel_Tower)",
  citations: ["https://en.wikipedia.org/wiki/Eiffel_Tower"],
  model: "grok-4.3",
  usage: {
    input_tokens: 24,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: 17,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: 41,
    num_sources_used: 1,
    num_server_side_tools_used: 1,
    server_side_tool_usage_details: {
      web_search_calls: 1,
      x_search_calls: 0,
      x_posts_fetched: 0,
      x_users_fetched: 0,
      code_interpreter_calls: 0,
      file_search_calls: 0,
      document_search_calls: 0,
      mcp_calls: 0,
      image_generation_calls: 0,
    },
  },
  responseId: "ad5663da-63e6-86c6-e0be-ff15effa8357",
};

export const extractDataExample: Record<string, unknown> = {
  name: "Ada Lovelace",
  email: "ada@example.com",
  total: 42.5,
};

export const classifyTextExample = {
  branch: "Billing",
  data: { category: "Billing", reason: "The customer asks why they were charged twice." },
};

export const embeddingsExample = {
  object: "list",
  model: "grok-embedding-small",
  data: [{ object: "embedding", index: 0, embedding: [0.01567895, 0.063257694, 0.045925662] }],
  usage: { prompt_tokens: 4, total_tokens: 4 },
};

export const tokenizeExample = {
  token_ids: [
    { token_id: 13902, string_token: "Hello", token_bytes: [72, 101, 108, 108, 111] },
    { token_id: 1749, string_token: " world", token_bytes: [32, 119, 111, 114, 108, 100] },
    { token_id: 161, string_token: "!", token_bytes: [33] },
  ],
  count: 3,
};

export const apiKeyInfoExample = {
  redacted_api_key: "xai-...b14o",
  user_id: "59fbe5f2-040b-46d5-8325-868bb8f23eb2",
  name: "My API Key",
  create_time: "2024-01-01T12:55:18.139305Z",
  modify_time: "2024-08-28T17:20:12.343321Z",
  modified_by: "3d38b4dc-4eb7-4785-ae26-c3fa8997ffc7",
  team_id: "5ea6f6bd-7815-4b8a-9135-28b2d7ba6722",
  acls: ["api-key:model:*", "api-key:endpoint:*"],
  api_key_id: "ae1e1841-4326-4b36-a8a9-8a1a7237db11",
  team_blocked: false,
  api_key_blocked: false,
  api_key_disabled: false,
};
