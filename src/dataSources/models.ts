import type { Connection } from "@prismatic-io/spectral";
import { dataSource, type Element } from "@prismatic-io/spectral";
import { createXaiClient, MODEL_CALL_DEADLINE_MS, type XaiCallContext } from "./client";
import { connectionInput } from "./inputs";

interface ModelEntry {
  id: string;
  aliases?: string[];
  input_modalities?: string[];
  output_modalities?: string[];
}

const byKey = (a: Element, b: Element): number => a.key.localeCompare(b.key, "en");

/**
 * One picklist entry per id and alias, sorted, each alias listed once, labelled with what the
 * model accepts so a person can choose (e.g. `grok-4.3 — text, image in`).
 */
const toModelChoices = (models: ModelEntry[], describe: (model: ModelEntry) => string) => {
  const choices = new Map<string, Element>();
  for (const model of models) {
    const what = describe(model);
    choices.set(model.id, { key: model.id, label: `${model.id} — ${what}` });
    for (const alias of model.aliases ?? []) {
      if (!choices.has(alias)) {
        choices.set(alias, { key: alias, label: `${alias} — alias of ${model.id}, ${what}` });
      }
    }
  }
  return [...choices.values()].sort(byKey);
};

const modalities = (list: string[] | undefined): string =>
  list?.length ? list.join(", ") : "text";

const fetchModels = async <T>(
  connection: Connection,
  context: XaiCallContext,
  path: string,
): Promise<T> => {
  const client = createXaiClient(connection, { deadlineMs: MODEL_CALL_DEADLINE_MS, context });
  const { data } = await client.get<T>(path);
  return data;
};

/**
 * All models (`GET /models`), for Get Model: ids sorted, each labelled with its id.
 * @see https://docs.x.ai/docs/api-reference#list-models
 */
export const selectModel = dataSource({
  display: { label: "Select Model", description: "Select an xAI model" },
  dataSourceType: "picklist",
  inputs: { connection: connectionInput },
  perform: async (context, { connection }) => {
    const { data } = await fetchModels<{ data: ModelEntry[] }>(connection, context, "/models");
    const ids = [...new Set(data.map(({ id }) => id))].sort((a, b) => a.localeCompare(b, "en"));
    return { result: ids.map((id) => ({ key: id, label: id })) };
  },
  examplePayload: {
    result: [
      { key: "grok-3", label: "grok-3" },
      { key: "grok-4.3", label: "grok-4.3" },
      { key: "grok-imagine-image", label: "grok-imagine-image" },
    ],
  },
});

interface ModelPickerSpec {
  label: string;
  description: string;
  /** An xAI endpoint that answers `{ models: [...] }`. */
  path: string;
  /** What a model takes and gives, for its label. */
  describe: (model: ModelEntry) => string;
  example: Element[];
}

const modelPicker = ({ label, description, path, describe, example }: ModelPickerSpec) =>
  dataSource({
    display: { label, description },
    dataSourceType: "picklist",
    inputs: { connection: connectionInput },
    perform: async (context, { connection }) => {
      const { models } = await fetchModels<{ models: ModelEntry[] }>(connection, context, path);
      return { result: toModelChoices(models, describe) };
    },
    examplePayload: { result: example },
  });

/**
 * Language models (`GET /language-models`), for the chat and message Model inputs.
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
 * Image generation models (`GET /image-generation-models`), for Generate Image.
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
