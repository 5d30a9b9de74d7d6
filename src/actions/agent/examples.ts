/** Example payload of Run Agent: a two-turn run that called one flow. */

export const runAgentExample = {
  text: "Acme Corp (acme@example.com) is on the Pro plan; I opened ticket T-1042 about their late order.",
  steps: [
    {
      turn: 1,
      flow: "Look Up Customer",
      arguments: { email: "acme@example.com" },
      result: { id: "cus_123", name: "Acme Corp", plan: "Pro" },
      ms: 412,
    },
    {
      turn: 1,
      flow: "Open Ticket",
      arguments: { customerId: "cus_123", subject: "Late order" },
      result: { ticket: "T-1042" },
      ms: 655,
    },
  ],
  turns: 2,
  usage: {
    input_tokens: 612,
    input_tokens_details: { cached_tokens: 256 },
    output_tokens: 88,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: 700,
    num_sources_used: 0,
    num_server_side_tools_used: 0,
  },
  responseId: "ad5663da-63e6-86c6-e0be-ff15effa8357",
};
