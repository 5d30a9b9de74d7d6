import { action, input } from "@prismatic-io/spectral";
import { xai } from "../../http/client";
import * as clean from "../../inputs/clean";
import { connectionInput } from "../../inputs/common";
import { MODEL_CALL_DEADLINE_MS } from "../../limits";
import { xaiOutput } from "../outputs";
import { modelExample } from "./examples";

/**
 * URL resolution turns the segments "." and ".." (even percent-encoded) into another path, and no
 * model has such an id, so they are refused; everything else is sent as one encoded segment.
 */
const modelId = (value: unknown): string => {
  const id = clean.requiredText("Model ID")(value);
  if (/^\.{1,2}$/.test(id)) {
    throw new clean.InputError(
      "Model ID",
      `${JSON.stringify(id)} is not a model id; enter one like grok-4.3.`,
    );
  }
  return id;
};

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
      clean: modelId,
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
