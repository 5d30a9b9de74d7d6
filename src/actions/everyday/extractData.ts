import { action } from "@prismatic-io/spectral";
import { XaiApiError } from "../../errors/classes";
import { connectionInput } from "../../inputs/common";
import { jsonOutput } from "../outputs";
import { extractDataExample } from "./examples";
import { instructionsInput, optionalLanguageModel, requiredTextInput, schemaInput } from "./inputs";
import { firstSchemaError } from "./schema";
import { runTextStep } from "./textStep";

const TASK =
  "Extract the data that the JSON Schema describes from the user's text. Use only what the text says.";

/**
 * Extract Structured Data: text in, an object that follows the Schema out. The schema is sent as
 * strict structured output, and xAI's answer is checked against it again: an answer that does not
 * validate fails the step and is never returned.
 * @see https://docs.x.ai/docs/guides/structured-outputs
 */
export const extractData = action({
  display: {
    label: "Extract Structured Data",
    description: "Extract the fields of a JSON Schema from text, as an object",
  },
  inputs: {
    connection: connectionInput,
    text: requiredTextInput(
      "Text",
      "The text to read: an email, a document, a transcript, e.g. from an earlier step.",
      "Invoice 1042 from Ada Lovelace (ada@example.com), total due 42.50 EUR.",
    ),
    schema: schemaInput,
    instructions: instructionsInput(
      "Extra guidance for the extraction, e.g. how to write dates or what to do with missing values.",
      "Write dates as YYYY-MM-DD.",
    ),
    model: optionalLanguageModel,
  },
  perform: async (context, { connection, text, schema, instructions, model }) => {
    const { response, client } = await runTextStep(context, connection, {
      model,
      input: text,
      instructions: instructions ? `${TASK}\n\n${instructions}` : TASK,
      jsonSchema: schema,
      // The text may be personal data: nothing here needs the response kept at xAI.
      store: false,
    });
    const answer = response.output_parsed;
    const problem = firstSchemaError(schema, answer);
    if (problem !== undefined) {
      throw await client.failure(
        new XaiApiError(`xAI's answer does not follow the Schema: ${problem}.`, {
          code: "OUTPUT_NOT_VALID",
          method: "POST",
          path: "/responses",
        }),
      );
    }
    return { data: answer as Record<string, unknown> };
  },
  outputSchema: jsonOutput({
    type: "object",
    description: "The extracted object; its fields are those of the Schema input.",
  }),
  performSafety: "notAllowed",
  examplePayload: { data: extractDataExample },
});
