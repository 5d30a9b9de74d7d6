import { modalities, modelPicker } from "./models";

/**
 * Embedding models (`GET /embedding-models`), for Create Embeddings.
 * @see https://docs.x.ai/docs/api-reference#list-embedding-models
 */
export const selectEmbeddingModel = modelPicker({
  label: "Select Embedding Model",
  description: "Select an xAI embedding model",
  path: "/embedding-models",
  describe: (model) => `${modalities(model.input_modalities)} in`,
  example: [
    { key: "grok-embedding-small", label: "grok-embedding-small — text in" },
    {
      key: "grok-embedding-small-latest",
      label: "grok-embedding-small-latest — alias of grok-embedding-small, text in",
    },
    { key: "v1", label: "v1 — text in" },
  ],
});
