import { type ActionContext, flow } from "@prismatic-io/spectral";
import xaiGrok from "xai-grok";
import { XAI_CONNECTION } from "./configPages";

/** What the flow is invoked with: `{"question": "..."}` (any other body asks a default question). */
const questionOf = (body: unknown): string => {
  const question = (body as { question?: unknown } | null)?.question;
  return typeof question === "string" && question.trim() ? question : "What is Grok?";
};

/**
 * Calls the component's actions in-process: `xaiGrok.actions.<key>.perform(context, inputs)`
 * with typed inputs; the component's code comes from the package (dist/index.js).
 */
export const askGrokFlow = flow({
  name: "Ask Grok",
  stableKey: "ask-grok",
  description: "Answers a question posted to the flow's webhook with xAI Grok",
  onExecution: async (context, params) => {
    const connection = context.configVars[XAI_CONNECTION];
    const question = questionOf(params.onTrigger.results.body.data);
    // The flow's context is a Spectral ActionContext whose logger has extra methods.
    const actionContext: ActionContext = context;
    const chat = await xaiGrok.actions.createChatCompletion.perform(actionContext, {
      connection,
      model: "grok-4",
      messages: [{ role: "user", content: question }],
      temperature: 0.2,
    });
    const answer = await xaiGrok.actions.askGrok.perform(actionContext, {
      connection,
      prompt: question,
    });
    return { data: { question, chat: chat.data, answer: answer.data.text } };
  },
});

export default [askGrokFlow];
