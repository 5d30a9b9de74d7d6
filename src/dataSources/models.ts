import { dataSource, type Element } from "@prismatic-io/spectral";
import { type CallContext, xai } from "../http/client";
import { isJsonObject, type JsonObject } from "../inputs/clean";
import { connectionInput } from "../inputs/common";
import { MODEL_CALL_DEADLINE_MS } from "../limits";

interface ModelEntry {
  id: string;
  aliases: string[];
  input_modalities: string[];
  output_modalities: string[];
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];

/** "text, image", or `fallback` when xAI lists none. */
const modalities = (list: string[], fallback = "text"): string =>
  list.length ? list.join(", ") : fallback;

/** The models of one of xAI's model lists (`{data: [...]}` or `{models: [...]}`), each with an id. */
async function fetchModels(
  connection: Parameters<typeof xai>[0],
  context: CallContext,
  path: string,
  field: "data" | "models",
): Promise<ModelEntry[]> {
  const client = xai(connection, context, { deadlineMs: MODEL_CALL_DEADLINE_MS });
  const hasId = (model: unknown) => isJsonObject(model) && typeof model.id === "string";
  const list = await client.listIn<JsonObject>(await client.get(path), field, `GET ${path}`, hasId);
  return list.map((model) => ({
    id: model.id as string,
    aliases: strings(model.aliases),
    input_modalities: strings(model.input_modalities),
    output_modalities: strings(model.output_modalities),
  }));
}

/**
 * One entry per id and alias, sorted, labelled with what the model takes (`grok-4.3 — text, image
 * in`); without `describe`, ids only, labelled with themselves.
 */
function toChoices(models: ModelEntry[], describe?: (model: ModelEntry) => string): Element[] {
  const choices = new Map<string, Element>();
  for (const model of models) {
    if (!describe) {
      choices.set(model.id, { key: model.id, label: model.id });
      continue;
    }
    const what = describe(model);
    choices.set(model.id, { key: model.id, label: `${model.id} — ${what}` });
    for (const alias of model.aliases) {
      if (!choices.has(alias)) {
        choices.set(alias, { key: alias, label: `${alias} — alias of ${model.id}, ${what}` });
      }
    }
  }
  return [...choices.values()].sort((a, b) => a.key.localeCompare(b.key, "en"));
}

interface PickerSpec {
  label: string;
  description: string;
  /** An xAI endpoint answering `{ models: [...] }` (or `{ data: [...] }`, with `field`). */
  path: string;
  field?: "data" | "models";
  describe?: (model: ModelEntry) => string;
  example: Element[];
}

/** A picker over one of xAI's model lists. */
export const modelPicker = ({ label, description, path, field, describe, example }: PickerSpec) =>
  dataSource({
    display: { label, description },
    dataSourceType: "picklist",
    inputs: { connection: connectionInput },
    perform: async (context, { connection }) => ({
      result: toChoices(await fetchModels(connection, context, path, field ?? "models"), describe),
    }),
    examplePayload: { result: example },
  });

/**
 * All models (`GET /models`), for Get Model.
 * @see https://docs.x.ai/docs/api-reference#list-models
 */
export const selectModel = modelPicker({
  label: "Select Model",
  description: "Select a model from the list of models",
  path: "/models",
  field: "data",
  example: [
    { key: "grok-3", label: "grok-3" },
    { key: "grok-4.3", label: "grok-4.3" },
    { key: "grok-imagine-image", label: "grok-imagine-image" },
  ],
});

/**
 * Language models (`GET /language-models`), for every Model input of a text step.
 * @see https://docs.x.ai/docs/api-reference#list-language-models
 */
export const selectLanguageModel = modelPicker({
  label: "Select Language Model",
  description: "Select an xAI language model for chat and messages",
  path: "/language-models",
  describe: (model) => `${modalities(model.input_modalities)} in`,
  example: [
    { key: "grok-3", label: "grok-3 — text in" },
    { key: "grok-3-latest", label: "grok-3-latest — alias of grok-3, text in" },
    { key: "grok-4.3", label: "grok-4.3 — text, image in" },
  ],
});

/**
 * Image generation models (`GET /image-generation-models`), for the image steps.
 * @see https://docs.x.ai/docs/api-reference#list-image-generation-models
 */
export const selectImageModel = modelPicker({
  label: "Select Image Model",
  description: "Select an xAI image generation model",
  path: "/image-generation-models",
  describe: (model) =>
    `${modalities(model.input_modalities)} in, ${modalities(model.output_modalities)} out`,
  example: [{ key: "grok-imagine-image", label: "grok-imagine-image — text in, image out" }],
});

/**
 * Video generation models (`GET /video-generation-models`), for the video steps.
 * @see https://docs.x.ai/docs/api-reference#list-video-generation-models
 */
export const selectVideoModel = modelPicker({
  label: "Select Video Model",
  description: "Select an xAI video generation model",
  path: "/video-generation-models",
  describe: (model) =>
    `${modalities(model.input_modalities)} in, ${modalities(model.output_modalities, "video")} out`,
  example: [
    { key: "grok-imagine-video", label: "grok-imagine-video — text, image, video in, video out" },
  ],
});

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
