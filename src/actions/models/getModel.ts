import { action, input } from "@prismatic-io/spectral";
import { xai } from "../../http/client";
import * as clean from "../../inputs/clean";
import { connectionInput } from "../../inputs/common";
import { MODEL_CALL_DEADLINE_MS } from "../../limits";
import { xaiOutput } from "../outputs";
import { modelExample } from "./examples";

/**
 * Get Model: `GET /models/{model_id}`.
 * @see https://docs.x.ai/docs/api-reference#get-model
 */
export const getModel = action({
  display: {
    label: "Get Model",
    description: "Get details about a specific model",
  },
  inputs: {
    connection: connectionInput,
    modelId: input({
      label: "Model ID",
      type: "string",
      required: true,
      comments: "The ID of the model to retrieve.",
      example: "grok-4.3",
      dataSource: "selectModel",
      clean: clean.pathId("Model ID", "grok-4.3"),
    }),
  },
  perform: async (context, { connection, modelId }) => {
    const client = xai(connection, context, { deadlineMs: MODEL_CALL_DEADLINE_MS });
    return { data: await client.get(`/models/${encodeURIComponent(modelId)}`) };
  },
  outputSchema: xaiOutput("Model"),
  performSafety: "safe",
  examplePayload: { data: modelExample },
});
