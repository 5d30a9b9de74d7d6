/**
 * Inputs of the everyday steps (Ask Grok, Extract Data, Classify and Branch, embeddings, tokens).
 * Keys are the contract; comments link the xAI docs page each one feeds.
 */

import { input } from "@prismatic-io/spectral";
import * as clean from "../../inputs/clean";
import { cleanImages } from "./images";
import { cleanSchema } from "./schema";

const RESPONSES = "https://docs.x.ai/docs/api-reference#create-new-response";
const SEARCH = "https://docs.x.ai/docs/guides/tools/search-tools";

/** A required text such as the prompt or the text to read. */
export const requiredTextInput = (label: string, comments: string, example: string) =>
  input({
    label,
    type: "text",
    required: true,
    comments,
    example,
    clean: clean.requiredText(label),
  });

/** Model of a text step; empty takes the first language model the picker lists. */
export const optionalLanguageModel = input({
  label: "Model",
  type: "string",
  required: false,
  comments:
    "The language model to use; empty uses the first model the picker lists. See [xAI models](https://docs.x.ai/docs/models).",
  example: "grok-4.3",
  dataSource: "selectLanguageModel",
  clean: clean.optionalText("Model"),
});

export const instructionsInput = (comments: string, example: string) =>
  input({
    label: "Instructions",
    type: "text",
    required: false,
    comments: `${comments} See [xAI API docs](${RESPONSES}).`,
    example,
    clean: clean.optionalText("Instructions"),
  });

export const imagesInput = input({
  label: "Images",
  type: "data",
  collection: "valuelist",
  required: false,
  comments:
    "Images Grok should look at: URLs, data: URLs or image files from earlier steps (PNG, JPEG or WebP, at most 20 MiB each). See [xAI docs](https://docs.x.ai/docs/guides/image-understanding).",
  example: "https://example.com/receipt.jpg",
  clean: cleanImages,
});

const searchToggle = (label: string, comments: string) =>
  input({
    label,
    type: "boolean",
    required: false,
    default: "false",
    comments: `${comments} See [xAI docs](${SEARCH}).`,
    clean: clean.booleanValue,
  });

export const webSearchInput = searchToggle(
  "Web Search",
  "Let Grok search the web; the URLs it cites are returned in citations.",
);
export const xSearchInput = searchToggle(
  "X Search",
  "Let Grok search posts on X; the posts it cites are returned in citations.",
);

export const schemaInput = input({
  label: "Schema",
  type: "code",
  language: "json",
  required: true,
  comments:
    'The JSON Schema of the object to extract, or a list of field names (["name", "email"] or name, email) meaning an object of text fields. See [xAI docs](https://docs.x.ai/docs/guides/structured-outputs).',
  example:
    '{"type": "object", "properties": {"name": {"type": "string"}, "total": {"type": "number"}}, "required": ["name", "total"]}',
  clean: cleanSchema,
});
