import { action, input } from "@prismatic-io/spectral";
import { xai } from "../../http/client";
import * as clean from "../../inputs/clean";
import { additionalFields, connectionInput } from "../../inputs/common";
import { GENERATION_DEADLINE_MS, MAX_MEDIA_BODY_BYTES } from "../../limits";
import { xaiOutput } from "../outputs";
import { generatedImageExample } from "./examples";
import { imagesResult, returnFileInput } from "./results";

/**
 * Generate Image: `POST /images/generations`. Returns xAI's `data` array of images, as Prismatic's
 * original component does, or with Return File the images as files. Base64 answers may be large:
 * they are read up to the media body limit.
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
    returnFile: returnFileInput("images"),
  },
  perform: async (context, { connection, prompt, model, n, additionalFields, returnFile }) => {
    const body = { ...clean.withoutEmpty({ prompt, model, n }), ...additionalFields };
    const client = xai(connection, context, { deadlineMs: GENERATION_DEADLINE_MS });
    const answer = await client.post("/images/generations", body, MAX_MEDIA_BODY_BYTES);
    return imagesResult(client, answer, "POST /images/generations", returnFile);
  },
  outputSchema: xaiOutput("GeneratedImageResponse", "data"),
  performSafety: "notAllowed",
  examplePayload: { data: generatedImageExample.data },
});
