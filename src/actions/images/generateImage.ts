import { action, input } from "@prismatic-io/spectral";
import { createXaiClient, GENERATION_DEADLINE_MS } from "../client";
import { generatedImageExample } from "../examples";
import { additionalFields, connectionInput } from "../inputs";
import { postForLargeJson } from "../streaming";
import * as clean from "../validation";

/**
 * Generate Image: `POST /images/generations`.
 * @see https://docs.x.ai/docs/api-reference#image-generations
 */
export const generateImage = action({
  display: {
    label: "Generate Image",
    description: "Generate an image using xAI's image generation API",
  },
  inputs: {
    connection: connectionInput,
    prompt: input({
      label: "Prompt",
      type: "text",
      required: true,
      comments: "The text prompt to generate an image from.",
      example: "A watercolor lighthouse at dawn",
      clean: clean.requiredText("Prompt"),
    }),
    model: input({
      label: "Model",
      type: "string",
      required: false,
      comments: "Model to be used.",
      example: "grok-imagine-image",
      dataSource: "selectImageModel",
      clean: clean.optionalText("Model"),
    }),
    n: input({
      label: "Number of Images",
      type: "string",
      required: false,
      comments: "Number of images to generate.",
      example: "1",
      clean: clean.optionalNumber({ label: "Number of Images", min: 1, max: 10, integer: true }),
    }),
    additionalFields: additionalFields("image-generations"),
  },
  perform: async (context, { connection, prompt, model, n, ...rest }) => {
    const body = { ...clean.withoutEmpty({ prompt, model, n }), ...rest.additionalFields };
    const client = createXaiClient(connection, { deadlineMs: GENERATION_DEADLINE_MS, context });
    return { data: await postForLargeJson(client, "/images/generations", body) };
  },
  examplePayload: { data: generatedImageExample },
});
