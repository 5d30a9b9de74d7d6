import { action, input } from "@prismatic-io/spectral";
import { xai } from "../../http/client";
import { InputError } from "../../inputs/clean";
import { connectionInput } from "../../inputs/common";
import { MODEL_CALL_DEADLINE_MS } from "../../limits";
import { xaiOutputWith } from "../outputs";
import { modelOrDefault } from "./defaultModel";
import { tokenizeExample } from "./examples";
import { optionalLanguageModel } from "./inputs";

/** The text exactly as given: leading and trailing spaces are tokens too. */
const untrimmedText = (value: unknown): string => {
  if (typeof value !== "string" || value === "") {
    throw new InputError("Text", "is required: enter the text to tokenize.");
  }
  return value;
};

/**
 * Tokenize Text: `POST /tokenize-text`, the model's tokens for a text, plus their `count`. Costs
 * nothing and changes nothing at xAI (its answer carries no usage), so the designer may run it.
 * @see https://docs.x.ai/docs/api-reference#tokenize-text
 */
export const tokenizeText = action({
  display: {
    label: "Tokenize Text",
    description: "Split a text into a model's tokens and count them",
  },
  inputs: {
    connection: connectionInput,
    text: input({
      label: "Text",
      type: "text",
      required: true,
      comments: "The text to tokenize, exactly as given (spaces count).",
      example: "Hello world!",
      clean: untrimmedText,
    }),
    model: optionalLanguageModel,
  },
  perform: async (context, { connection, text, model }) => {
    const chosen = await modelOrDefault(context, connection, model);
    const client = xai(connection, context, { deadlineMs: MODEL_CALL_DEADLINE_MS });
    const answer = await client.post<Record<string, unknown>>("/tokenize-text", {
      text,
      model: chosen,
    });
    const tokens = await client.listIn(answer, "token_ids", "POST /tokenize-text");
    return { data: { ...answer, count: tokens.length } };
  },
  outputSchema: xaiOutputWith("TokenizeResponse", {
    count: { type: "integer", description: "How many tokens the text has." },
  }),
  performSafety: "safe",
  examplePayload: { data: tokenizeExample },
});
