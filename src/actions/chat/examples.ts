/** Example payloads shaped like xAI's answers (spec/xai-openapi.json); a test checks each against the local server. */

export const chatCompletionExample = {
  id: "a3d1008e-4544-40d4-d075-11527e794e4a",
  object: "chat.completion",
  created: 1764000000,
  model: "grok-4.3",
  choices: [
    {
      index: 0,
      message: {
        role: "assistant",
        content: "Hello! How can I help you today?",
      },
      finish_reason: "stop",
    },
  ],
  usage: {
    prompt_tokens: 12,
    completion_tokens: 9,
    total_tokens: 21,
    prompt_tokens_details: { text_tokens: 12, audio_tokens: 0, image_tokens: 0, cached_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
    num_sources_used: 0,
  },
  system_fingerprint: "fp_3a7881249c",
};

export const messageExample = {
  id: "msg_01a2b3c4d5e6f7a8b9c0d1e2",
  type: "message",
  role: "assistant",
  content: [{ type: "text", text: "Hello! How can I help you today?" }],
  model: "grok-3-fast-latest",
  stop_reason: "end_turn",
  stop_sequence: null,
  usage: {
    input_tokens: 12,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    output_tokens: 9,
  },
};
