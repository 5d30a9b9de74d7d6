/** Example payloads shaped like xAI's Responses API answers (spec/xai-openapi.json `ModelResponse`). */

const RESPONSE_ID = "ad5663da-63e6-86c6-e0be-ff15effa8357";
const ANSWER = "101 multiplied by 3 is 303.";

export const modelResponseExample = {
  id: RESPONSE_ID,
  object: "response",
  created_at: 1764000000,
  completed_at: 1764000002,
  status: "completed",
  model: "grok-4.3",
  previous_response_id: null,
  max_output_tokens: null,
  parallel_tool_calls: true,
  tool_choice: "auto",
  tools: [],
  text: { format: { type: "text" } },
  reasoning: null,
  temperature: null,
  top_p: null,
  user: null,
  store: true,
  background: false,
  metadata: {},
  output: [
    {
      type: "message",
      id: `msg_${RESPONSE_ID}`,
      role: "assistant",
      status: "completed",
      content: [{ type: "output_text", text: ANSWER, annotations: [], logprobs: [] }],
    },
  ],
  instructions: null,
  error: null,
  incomplete_details: null,
  service_tier: "default",
  truncation: "disabled",
  top_logprobs: 0,
  presence_penalty: 0,
  frequency_penalty: 0,
  usage: {
    input_tokens: 24,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: 9,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: 33,
    num_sources_used: 0,
    num_server_side_tools_used: 0,
  },
  output_text: ANSWER,
};

export const deleteResponseExample = {
  id: RESPONSE_ID,
  object: "response",
  deleted: true,
};
