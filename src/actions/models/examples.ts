/** Example payloads shaped like xAI's answers (spec/xai-openapi.json); a test checks each against the local server. */

export const modelExample = {
  id: "grok-4.3",
  created: 1772323200,
  object: "model",
  owned_by: "xai",
  aliases: ["grok-4.3-latest", "grok-latest"],
  context_length: 1000000,
  prompt_text_token_price: 20000,
  cached_prompt_text_token_price: 5000,
  prompt_image_token_price: 20000,
  completion_text_token_price: 100000,
  prompt_text_token_price_long_context: 40000,
  cached_prompt_text_token_price_long_context: 10000,
  completion_text_token_price_long_context: 200000,
  long_context_threshold: 200000,
  capabilities: { reasoning_effort: ["low", "medium", "high"], default_reasoning_effort: "medium" },
};
