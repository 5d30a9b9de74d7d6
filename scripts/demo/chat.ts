/** Models, chat, messages and the raw request. */
import type { Demo } from "./context";
import { excerpt, type Json, type Summary, step } from "./step";

/** List Models returns the list itself; Raw Request returns xAI's `{ data: [...] }`. */
const modelList: Summary = (data) => {
  const list: Json[] = Array.isArray(data) ? data : data.data;
  return `${list.length} models: ${list.map((model) => model.id).join(", ")}`;
};

const chatAnswer: Summary = (data) =>
  `${data.model} answered ${excerpt(data.choices[0].message.content)} (finish: ${data.choices[0].finish_reason}, ${data.usage?.total_tokens ?? "?"} tokens)`;

export async function chatSteps({ call, models }: Demo): Promise<void> {
  const messages = JSON.stringify([{ role: "user", content: "Say hello in five words." }]);
  await step("List Models", "listModels", call("listModels", {}), modelList);
  await step(
    "Get Model",
    "getModel",
    call("getModel", { modelId: models.language }),
    (data) =>
      `${data.id} (owned by ${data.owned_by}, aliases: ${data.aliases?.join(", ") || "none"})`,
  );
  await step(
    "Create Chat Completion",
    "createChatCompletion",
    call("createChatCompletion", { model: models.language, messages }),
    chatAnswer,
  );
  await step(
    "Create Chat Completion, streamed and assembled",
    "createChatCompletion",
    call("createChatCompletion", { model: models.language, messages, stream: "true" }),
    chatAnswer,
  );
  await step(
    "Create Message",
    "createMessage",
    call("createMessage", { model: models.language, messages, maxTokens: "50" }),
    (data) =>
      `${data.model} answered ${excerpt(data.content.find((block: Json) => block.type === "text")?.text)} (stop: ${data.stop_reason})`,
    // xAI removed POST /v1/messages (410 Gone, and so does the local server); the step says so.
    { expected: (error) => /\b410\b/.test(error.message) },
  );
  await step(
    "Raw Request GET /models",
    "rawRequest",
    call("rawRequest", { url: "/models", method: "GET" }),
    modelList,
  );
}
