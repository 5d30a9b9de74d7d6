import { action } from "@prismatic-io/spectral";
import type { JsonSchema } from "@prismatic-io/spectral/dist/types/jsonforms/JsonSchema";
import { connectionInput } from "../../inputs/common";
import schemas from "../outputSchemas.json";
import { jsonOutput } from "../outputs";
import { citationsOf } from "./citations";
import { askGrokExample } from "./examples";
import { promptWithImages } from "./images";
import {
  imagesInput,
  instructionsInput,
  optionalLanguageModel,
  requiredTextInput,
  webSearchInput,
  xSearchInput,
} from "./inputs";
import { runTextStep } from "./textStep";

/**
 * Ask Grok: one prompt (with images, web or X search if wanted) in, the answer as plain text out.
 * Runs on the Responses API through Create Response's request code.
 * @see https://docs.x.ai/docs/api-reference#create-new-response
 */
export const askGrok = action({
  display: {
    label: "Ask Grok",
    description: "Ask Grok a question and get the answer as text, with the sources it cites",
  },
  inputs: {
    connection: connectionInput,
    prompt: requiredTextInput(
      "Prompt",
      "What to ask Grok. Map text from earlier steps into it.",
      "Summarize this support ticket in two sentences: …",
    ),
    instructions: instructionsInput(
      "How Grok should answer (the system prompt): tone, length, format, language.",
      "Answer in one short paragraph, in plain text.",
    ),
    model: optionalLanguageModel,
    images: imagesInput,
    webSearch: webSearchInput,
    xSearch: xSearchInput,
  },
  perform: async (
    context,
    { connection, prompt, instructions, model, images, webSearch, xSearch },
  ) => {
    const { response } = await runTextStep(context, connection, {
      model,
      input: promptWithImages(prompt, images),
      instructions,
      webSearch,
      xSearch,
    });
    return {
      data: {
        text: response.output_text,
        citations: citationsOf(response),
        model: typeof response.model === "string" ? response.model : "",
        usage: response.usage ?? null,
        responseId: typeof response.id === "string" ? response.id : "",
      },
    };
  },
  outputSchema: jsonOutput({
    type: "object",
    required: ["text", "citations", "model", "usage", "responseId"],
    properties: {
      text: { type: "string", description: "The answer as plain text." },
      citations: {
        type: "array",
        items: { type: "string" },
        description: "The URLs Grok cited (empty when none).",
      },
      model: { type: "string" },
      usage: schemas.ModelResponse.properties.usage,
      responseId: { type: "string", description: "The response's ID at xAI." },
    },
  } as JsonSchema),
  performSafety: "notAllowed",
  examplePayload: { data: askGrokExample },
});
