/** Run Agent: Grok calls the integration's "Look Up Customer" flow (a loopback webhook here). */
import type { Demo } from "./context";
import { flowSchemas, LOOK_UP_CUSTOMER, startFlowHook } from "./flowHook";
import { excerpt, type Json, step } from "./step";

export async function agentSteps({ call, local, models }: Demo): Promise<void> {
  const hook = await startFlowHook();
  const question = "Which plan is the customer ada@example.com on?";
  // Locally the server's prompt grammar makes the fake Grok call the flow; real Grok decides.
  const prompt = local
    ? `${question}\nCALL look_up_customer {"email": "ada@example.com"}`
    : `${question} Look the customer up, then answer in one sentence.`;
  try {
    await step(
      "Run Agent",
      "runAgent",
      call(
        "runAgent",
        {
          model: models.language,
          prompt,
          instructions: "Answer questions about customers with the CRM flow.",
          flows: [LOOK_UP_CUSTOMER],
          maxTurns: "3",
        },
        { flowSchemas, webhookUrls: { [LOOK_UP_CUSTOMER]: hook.url } },
      ),
      (data) =>
        `${data.turns} turns, flows called: ${data.steps.map((s: Json) => `${s.flow}(${JSON.stringify(s.arguments)})${s.error ? " failed" : ""}`).join(", ") || "none"}; answered ${excerpt(data.text, 80)}`,
    );
  } finally {
    await hook.close();
  }
}
