import { action } from "@prismatic-io/spectral";
import { createXaiClient, MODEL_CALL_DEADLINE_MS } from "../client";
import { listModelsExample } from "../examples";
import { connectionInput } from "../inputs";

/**
 * List Models: `GET /models`.
 * @see https://docs.x.ai/docs/api-reference#list-models
 */
export const listModels = action({
  display: {
    label: "List Models",
    description: "List all available models from xAI",
  },
  inputs: { connection: connectionInput },
  perform: async (context, { connection }) => {
    const client = createXaiClient(connection, { deadlineMs: MODEL_CALL_DEADLINE_MS, context });
    const { data } = await client.get("/models");
    return { data };
  },
  examplePayload: { data: listModelsExample },
});
