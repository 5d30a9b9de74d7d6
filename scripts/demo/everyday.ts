/** The everyday steps: ask, extract, classify, embed, tokenize, API key info. */
import type { Demo } from "./context";
import { excerpt, step } from "./step";

const schema = JSON.stringify({
  type: "object",
  properties: { name: { type: "string" }, email: { type: "string" }, total: { type: "number" } },
  required: ["name", "email", "total"],
});

export async function everydaySteps({ call, models }: Demo): Promise<void> {
  await step(
    "Ask Grok",
    "askGrok",
    call("askGrok", { prompt: "What is the capital of France? One word.", model: models.language }),
    (data) =>
      `${data.model} answered ${excerpt(data.text)} (${data.citations?.length ?? 0} citations)`,
  );
  await step(
    "Extract Structured Data",
    "extractData",
    call("extractData", {
      text: "Order from Ada Lovelace <ada@example.com>, total 42.50 EUR.",
      schema,
      model: models.language,
    }),
    (data) => JSON.stringify(data),
  );
  await step(
    "Classify and Branch",
    "classifyText",
    call("classifyText", {
      text: "I was charged twice for my subscription this month.",
      categories: ["Billing", "Technical"],
      model: models.language,
    }),
    (data, result) => `branch ${JSON.stringify(result.branch)}: ${excerpt(data.reason, 80)}`,
  );
  await step(
    "Create Embeddings",
    "createEmbeddings",
    call("createEmbeddings", { input: '["hello", "world"]', model: models.embedding }),
    (data) =>
      `${data.data.length} vectors of ${data.data[0]?.embedding?.length} numbers from ${data.model}`,
  );
  await step(
    "Tokenize Text",
    "tokenizeText",
    call("tokenizeText", { text: "Hello world!", model: models.language }),
    (data) =>
      `${data.token_ids.length} tokens: ${data.token_ids.map((token: { string_token: string }) => JSON.stringify(token.string_token)).join(" ")}`,
  );
  await step(
    "Get API Key Info",
    "getApiKeyInfo",
    call("getApiKeyInfo", {}),
    (data) =>
      `${data.redacted_api_key} "${data.name}" (${data.acls?.length ?? 0} ACLs, blocked: ${data.api_key_blocked || data.team_blocked}, disabled: ${data.api_key_disabled})`,
  );
}
