/**
 * `npm run demo`: calls all six actions through the built bundle (dist/index.js).
 * Without XAI_API_KEY it starts the local xAI server and uses it; with XAI_API_KEY it calls real
 * xAI, choosing a language and an image model from the component's own pickers.
 */
import { join } from "node:path";
import type { ConnectionDefinition } from "@prismatic-io/spectral";
import type { Component, ConnectionValue } from "@prismatic-io/spectral/dist/serverTypes";
import { createConnection, createHarness } from "@prismatic-io/spectral/dist/testing";
import { startXaiServer, type XaiServer } from "../test/server/xaiServer";

type Harness = ReturnType<typeof createHarness>;
type Params = Record<string, unknown>;

const apiKey = process.env.XAI_API_KEY?.trim();

type Summary = (data: Json) => string;
// biome-ignore lint/suspicious/noExplicitAny: the demo reads xAI's JSON loosely to print it
type Json = any;

const excerpt = (text: unknown, length = 100): string => {
  const flat = String(text ?? "").replace(/\s+/g, " ");
  return JSON.stringify(flat.length > length ? `${flat.slice(0, length)}…` : flat);
};

const step = async (
  label: string,
  run: () => Promise<unknown>,
  summary: Summary,
): Promise<void> => {
  const started = performance.now();
  try {
    const { data } = (await run()) as { data: Json };
    const ms = Math.round(performance.now() - started);
    console.log(`✔ ${label} (${ms} ms)\n    ${summary(data)}`);
  } catch (error) {
    console.log(`✘ ${label}\n    ${(error as Error).message}`);
    process.exitCode = 1;
  }
};

const modelList: Summary = (data) =>
  `${data.data.length} models: ${data.data.map((model: Json) => model.id).join(", ")}`;

const chatAnswer: Summary = (data) =>
  `${data.model} answered ${excerpt(data.choices[0].message.content)} (finish: ${data.choices[0].finish_reason}, ${data.usage?.total_tokens ?? "?"} tokens)`;

/** The first picklist entry whose key matches, else the first entry. */
const pick = async (
  harness: Harness,
  connection: ConnectionValue,
  dataSource: string,
  prefer: RegExp,
) => {
  const { result } = (await harness.dataSource(dataSource, { connection })) as {
    result: { key: string }[];
  };
  return (result.find(({ key }) => prefer.test(key)) ?? result[0])?.key;
};

const main = async (): Promise<void> => {
  const bundle = join(__dirname, "../dist/index.js");
  const component = require(bundle).default as Component;
  const harness = createHarness(component);
  let server: XaiServer | undefined;
  if (apiKey) {
    delete process.env.XAI_BASE_URL;
    console.log("XAI_API_KEY is set: calling real xAI at https://api.x.ai/v1.\n");
  } else {
    server = await startXaiServer();
    process.env.XAI_BASE_URL = server.baseUrl;
    console.log(
      `No XAI_API_KEY: using the local xAI server at ${server.baseUrl} (set XAI_API_KEY to call real xAI).\n`,
    );
  }
  const connection = createConnection({ key: "xaiGrokConnection" } as ConnectionDefinition, {
    token: apiKey ?? "demo-token",
  });
  const call = (action: string, params: Params) => () =>
    harness.action(action, { connection, ...params });
  try {
    const languageModel =
      (await pick(harness, connection, "selectLanguageModel", /^grok-4/)) ?? "grok-4.3";
    const imageModel =
      (await pick(harness, connection, "selectImageModel", /imagine/)) ?? "grok-imagine-image";
    console.log(
      `Models from the pickers: ${languageModel} (chat, messages), ${imageModel} (images)\n`,
    );
    const messages = JSON.stringify([{ role: "user", content: "Say hello in five words." }]);
    await step("List Models", call("listModels", {}), modelList);
    await step(
      "Get Model",
      call("getModel", { modelId: languageModel }),
      (data) =>
        `${data.id} (owned by ${data.owned_by}, aliases: ${data.aliases?.join(", ") || "none"})`,
    );
    await step(
      "Create Chat Completion",
      call("createChatCompletion", { model: languageModel, messages }),
      chatAnswer,
    );
    await step(
      "Create Chat Completion, streamed and assembled",
      call("createChatCompletion", { model: languageModel, messages, stream: "true" }),
      chatAnswer,
    );
    await step(
      "Create Message",
      call("createMessage", { model: languageModel, messages }),
      (data) =>
        `${data.model} answered ${excerpt(data.content.find((block: Json) => block.type === "text")?.text)} (stop: ${data.stop_reason})`,
    );
    await step(
      "Generate Image",
      call("generateImage", {
        prompt: "A lighthouse at dawn, watercolor",
        model: imageModel,
        n: "1",
      }),
      (data) =>
        `${data.data.length} image(s): ${data.data.map((image: Json) => image.url ?? `${image.b64_json?.length} base64 characters`).join(", ")}`,
    );
    await step(
      "Raw Request GET /models",
      call("rawRequest", { url: "/models", method: "GET" }),
      modelList,
    );
  } finally {
    await server?.close();
  }
};

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
