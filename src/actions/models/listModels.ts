import { action } from "@prismatic-io/spectral";
import { xai } from "../../http/client";
import { connectionInput } from "../../inputs/common";
import { MODEL_CALL_DEADLINE_MS } from "../../limits";
import { xaiOutput } from "../outputs";
import { modelExample } from "./examples";

/**
 * List Models: `GET /models`. Returns xAI's `data` array of models, as Prismatic's original does.
 * @see https://docs.x.ai/docs/api-reference#list-models
 */
export const listModels = action({
  display: {
    label: "List Models",
    description: "List all available models from xAI",
  },
  inputs: { connection: connectionInput },
  perform: async (context, { connection }) => {
    const client = xai(connection, context, { deadlineMs: MODEL_CALL_DEADLINE_MS });
    return { data: await client.listIn(await client.get("/models"), "data", "GET /models") };
  },
  outputSchema: xaiOutput("ListModelsResponse", "data"),
  performSafety: "safe",
  examplePayload: { data: [modelExample] },
});
