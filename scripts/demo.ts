/**
 * `npm run demo`: calls every action through the built bundle (dist/index.js), one line each.
 * Without XAI_API_KEY it starts the local xAI server and uses it; with XAI_API_KEY it calls real
 * xAI, choosing the models from the component's own pickers and keeping paid calls small.
 * Exits with 1 when an action fails unexpectedly or is not run at all.
 */
import { join } from "node:path";
import type { ConnectionDefinition } from "@prismatic-io/spectral";
import type { Component, ConnectionValue } from "@prismatic-io/spectral/dist/serverTypes";
import { createConnection, createHarness } from "@prismatic-io/spectral/dist/testing";
import { startXaiServer, type XaiServer } from "../test/server/xaiServer";
import { agentSteps } from "./demo/agent";
import { chatSteps } from "./demo/chat";
import type { Demo, Models } from "./demo/context";
import { everydaySteps } from "./demo/everyday";
import { fileSteps } from "./demo/files";
import { mediaSteps } from "./demo/media";
import { responseSteps } from "./demo/responses";
import { ran } from "./demo/step";

type Harness = ReturnType<typeof createHarness>;

const quiet = () => undefined;
/** Steps log their progress (video polls, agent turns); the demo prints one line per action. */
const logger = {
  metric: quiet,
  trace: quiet,
  debug: quiet,
  info: quiet,
  log: quiet,
  warn: quiet,
  error: quiet,
};

const apiKey = process.env.XAI_API_KEY?.trim();

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

const pickModels = async (harness: Harness, connection: ConnectionValue): Promise<Models> => ({
  language: (await pick(harness, connection, "selectLanguageModel", /^grok-4/)) ?? "grok-4.3",
  image: (await pick(harness, connection, "selectImageModel", /imagine/)) ?? "grok-imagine-image",
  video: (await pick(harness, connection, "selectVideoModel", /imagine/)) ?? "grok-imagine-video",
  embedding:
    (await pick(harness, connection, "selectEmbeddingModel", /embedding/)) ??
    "grok-embedding-small",
});

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
  try {
    const models = await pickModels(harness, connection);
    console.log(
      `Models from the pickers: ${models.language} (text), ${models.image} (images), ${models.video} (videos), ${models.embedding} (embeddings)\n`,
    );
    const demo: Demo = {
      local: !apiKey,
      models,
      call: (action, params, context) => () =>
        harness.action(action, { connection, ...params }, { logger, ...context }),
      directive: (text) => (apiKey ? "" : text),
    };
    for (const group of [
      chatSteps,
      responseSteps,
      everydaySteps,
      fileSteps,
      mediaSteps,
      agentSteps,
    ]) {
      await group(demo);
    }
    const missed = Object.keys(component.actions).filter((key) => !ran.has(key));
    if (missed.length > 0) {
      console.log(`✘ Not run by the demo: ${missed.join(", ")}`);
      process.exitCode = 1;
    }
    const total = Object.keys(component.actions).length;
    console.log(
      `\n${ran.size} of ${total} actions run; ${process.exitCode ? "some failed (exit code 1)" : "no unexpected failures"}.`,
    );
  } finally {
    await server?.close();
  }
};

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
