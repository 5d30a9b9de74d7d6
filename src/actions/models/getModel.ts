import { action, input } from "@prismatic-io/spectral";
import { createXaiClient, MODEL_CALL_DEADLINE_MS } from "../client";
import { modelExample } from "../examples";
import { connectionInput } from "../inputs";
import * as clean from "../validation";

/** The model id as one percent-encoded path segment (`/`, spaces, `?` and `#` included). */
const modelPath = (modelId: string): string => `/models/${encodeURIComponent(modelId)}`;

/**
 * URL resolution turns the segments "." and ".." (even percent-encoded) into another path, and no
 * model has such an id, so they are refused instead of sent.
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
    const client = createXaiClient(connection, { deadlineMs: MODEL_CALL_DEADLINE_MS, context });
    const { data } = await client.get(modelPath(modelId));
    return { data };
  },
  examplePayload: { data: modelExample },
});
