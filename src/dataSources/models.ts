import { dataSource, type Element } from "@prismatic-io/spectral";
import { XaiApiError } from "../errors/classes";
import { truncate } from "../errors/text";
import { type CallContext, xai } from "../http/client";
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

/**
 * The models of one of xAI's model lists (`{data: [...]}` or `{models: [...]}`), checked: an answer
 * that is not a list of models with ids fails with one clear sentence instead of a TypeError.
 */
async function fetchModels(
  connection: Parameters<typeof xai>[0],
  context: CallContext,
  path: string,
  field: "data" | "models",
): Promise<ModelEntry[]> {
  const client = xai(connection, context, { deadlineMs: MODEL_CALL_DEADLINE_MS });
  const answer = await client.get(path);
  const list = (answer as Record<string, unknown>)[field];
  const valid =
    Array.isArray(list) &&
    list.every((model) => typeof (model as { id?: unknown } | null)?.id === "string");
  if (!valid) {
    throw await client.failure(
      new XaiApiError(
        `xAI's answer to GET ${path} is not a list of models: ${truncate(JSON.stringify(answer), 200)}`,
        { code: "NOT_JSON", method: "GET", path },
      ),
    );
  }
  return (list as Record<string, unknown>[]).map((model) => ({
    id: model.id as string,
    aliases: strings(model.aliases),
    input_modalities: strings(model.input_modalities),
    output_modalities: strings(model.output_modalities),
  }));
}

const byKey = (a: Element, b: Element): number => a.key.localeCompare(b.key, "en");
const modalities = (list: string[]): string => (list.length ? list.join(", ") : "text");

/** One entry per id and alias, sorted, labelled with what the model takes (`grok-4.3 — text, image in`). */
function toChoices(models: ModelEntry[], describe: (model: ModelEntry) => string): Element[] {
  const choices = new Map<string, Element>();
  for (const model of models) {
    const what = describe(model);
    choices.set(model.id, { key: model.id, label: `${model.id} — ${what}` });
    for (const alias of model.aliases) {
      if (!choices.has(alias)) {
        choices.set(alias, { key: alias, label: `${alias} — alias of ${model.id}, ${what}` });
      }
    }
  }
  return [...choices.values()].sort(byKey);
}

/**
 * All models (`GET /models`), for Get Model.
 * @see https://docs.x.ai/docs/api-reference#list-models
 */
export const selectModel = dataSource({
  display: { label: "Select Model", description: "Select an xAI model" },
  dataSourceType: "picklist",
  inputs: { connection: connectionInput },
  perform: async (context, { connection }) => {
    const models = await fetchModels(connection, context, "/models", "data");
    const ids = [...new Set(models.map(({ id }) => id))].sort((a, b) => a.localeCompare(b, "en"));
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

interface PickerSpec {
  label: string;
  description: string;
  /** An xAI endpoint answering `{ models: [...] }`. */
  path: string;
  describe: (model: ModelEntry) => string;
  example: Element[];
}

/** A picker over one of xAI's per-kind model lists. */
export const modelPicker = ({ label, description, path, describe, example }: PickerSpec) =>
  dataSource({
    display: { label, description },
    dataSourceType: "picklist",
    inputs: { connection: connectionInput },
    perform: async (context, { connection }) => ({
      result: toChoices(await fetchModels(connection, context, path, "models"), describe),
    }),
    examplePayload: { result: example },
  });

const inOut = (model: ModelEntry) =>
  `${modalities(model.input_modalities)} in, ${modalities(model.output_modalities)} out`;

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
  describe: inOut,
  example: [{ key: "grok-imagine-image", label: "grok-imagine-image — text in, image out" }],
});
