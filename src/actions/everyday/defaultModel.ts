import type { ActionContext, Connection } from "@prismatic-io/spectral";
import { selectLanguageModel } from "../../dataSources/models";
import { XaiApiError } from "../../errors/classes";

/**
 * The model of a text step: the one chosen, or else the first language model the Model picker
 * lists (the picker itself is asked, so the default is exactly what a builder would see first).
 * @see https://docs.x.ai/docs/api-reference#list-language-models
 */
export async function modelOrDefault(
  context: ActionContext,
  connection: Connection,
  model: string | undefined,
): Promise<string> {
  if (model) return model;
  const { result } = await selectLanguageModel.perform(context, { connection });
  const entry = result[0];
  const first = typeof entry === "string" ? entry : entry?.key;
  if (!first) {
    throw new XaiApiError(
      "Model: none chosen, and xAI lists no language model for this API key (GET /language-models). Choose a model.",
      { code: "NO_MODEL", method: "GET", path: "/language-models" },
    );
  }
  return first;
}
