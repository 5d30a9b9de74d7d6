import { action, input } from "@prismatic-io/spectral";
import { truncate } from "../../errors/text";
import { isJsonObject } from "../../inputs/clean";
import { connectionInput } from "../../inputs/common";
import {
  classificationSchema,
  classificationTask,
  cleanCategories,
  matchCategory,
  OTHER,
} from "./categories";
import { classifyTextExample } from "./examples";
import { instructionsInput, optionalLanguageModel, requiredTextInput } from "./inputs";
import { runTextStep } from "./textStep";

/**
 * Classify and Branch: Grok puts the text in one of the categories and the flow continues on the
 * branch of that name; an answer outside the list takes the Other branch. No outputSchema:
 * Prismatic rejects it on an action with dynamic branches.
 * @see https://docs.x.ai/docs/guides/structured-outputs
 * @see https://prismatic.io/docs/custom-connectors/branching/
 */
export const classifyText = action({
  display: {
    label: "Classify and Branch",
    description: "Classify text into one of your categories and branch on the category",
  },
  inputs: {
    connection: connectionInput,
    text: requiredTextInput(
      "Text",
      "The text to classify, e.g. an email body or a ticket from an earlier step.",
      "I was charged twice for my subscription this month.",
    ),
    categories: input({
      label: "Categories",
      type: "string",
      collection: "valuelist",
      required: true,
      comments:
        "The categories, one per entry (2 to 50); each is a branch of this step. An answer outside the list takes the Other branch.",
      example: "Billing",
      clean: cleanCategories,
    }),
    instructions: instructionsInput(
      "What each category means, or how to decide between them.",
      "Billing: charges, invoices and refunds. Technical: errors and outages.",
    ),
    model: optionalLanguageModel,
  },
  allowsBranching: true,
  dynamicBranchInput: "categories",
  staticBranchNames: [OTHER],
  perform: async (context, { connection, text, categories, instructions, model }) => {
    const task = classificationTask(categories);
    const { response, client } = await runTextStep(context, connection, {
      model,
      input: text,
      instructions: instructions ? `${task}\n\n${instructions}` : task,
      jsonSchema: classificationSchema(categories),
      // The text may be personal data: nothing here needs the response kept at xAI.
      store: false,
    });
    const answer = isJsonObject(response.output_parsed) ? response.output_parsed : {};
    const reason = typeof answer.reason === "string" ? answer.reason : "";
    const category = matchCategory(categories, answer.category);
    if (category === undefined) {
      const said =
        answer.category === undefined
          ? "with no category"
          : `${truncate(JSON.stringify(answer.category), 200)}, which is not one of the categories`;
      client.log("warn", `Classify and Branch: Grok answered ${said}; taking the ${OTHER} branch.`);
    }
    const branch = category ?? OTHER;
    return { branch, data: { category: branch, reason } };
  },
  performSafety: "notAllowed",
  examplePayload: classifyTextExample,
});
