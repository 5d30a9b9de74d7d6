import { action, input } from "@prismatic-io/spectral";
import { xai } from "../../http/client";
import * as clean from "../../inputs/clean";
import { connectionInput } from "../../inputs/common";
import { GENERATION_DEADLINE_MS } from "../../limits";
import { xaiOutput } from "../outputs";
import { cleanEmbeddingInput } from "./embeddingInput";
import { embeddingsExample } from "./examples";

/**
 * Create Embeddings: `POST /embeddings`, one vector per text (or list of token IDs), in input order.
 * @see https://docs.x.ai/docs/api-reference#create-embeddings
 */
export const createEmbeddings = action({
  display: {
    label: "Create Embeddings",
    description: "Turn texts into embedding vectors for search, clustering or deduplication",
  },
  inputs: {
    connection: connectionInput,
    input: input({
      label: "Input",
      type: "code",
      language: "json",
      required: true,
      comments:
        "A text, or a JSON array of up to 128 texts (e.g. from an earlier step) to embed at once. Token IDs from an earlier step (an array of whole numbers, or up to 128 such arrays) are sent as they are. See [xAI API docs](https://docs.x.ai/docs/api-reference#create-embeddings).",
      example: '["The quick brown fox", "A lazy dog"]',
      clean: cleanEmbeddingInput,
    }),
    model: input({
      label: "Model",
      type: "string",
      required: true,
      comments: "The embedding model. See [xAI models](https://docs.x.ai/docs/models).",
      example: "grok-embedding-small",
      dataSource: "selectEmbeddingModel",
      clean: clean.requiredText("Model"),
    }),
    dimensions: input({
      label: "Dimensions",
      type: "string",
      required: false,
      comments:
        "How many numbers each vector has; empty uses the model's full size. See [xAI API docs](https://docs.x.ai/docs/api-reference#create-embeddings).",
      example: "256",
      clean: clean.optionalNumber({ label: "Dimensions", min: 1, integer: true }),
    }),
  },
  perform: async (context, { connection, input, model, dimensions }) => {
    const client = xai(connection, context, { deadlineMs: GENERATION_DEADLINE_MS });
    const body = clean.withoutEmpty({ model, input, dimensions, encoding_format: "float" });
    return { data: await client.post("/embeddings", body) };
  },
  outputSchema: xaiOutput("EmbeddingResponse"),
  performSafety: "notAllowed",
  examplePayload: { data: embeddingsExample },
});
