import { action, input } from "@prismatic-io/spectral";
import { xai } from "../../http/client";
import * as clean from "../../inputs/clean";
import { additionalFields, connectionInput } from "../../inputs/common";
import { GENERATION_DEADLINE_MS } from "../../limits";
import { xaiOutput } from "../outputs";
import { generatedImageExample } from "./examples";
import { imageModelInput, numberOfImagesInput } from "./inputs";
import { postImages, returnFileInput } from "./results";

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
    model: imageModelInput,
    n: numberOfImagesInput("Number of images to generate.", 10),
    additionalFields: additionalFields("image-generations"),
    returnFile: returnFileInput("images"),
  },
  perform: async (context, { connection, prompt, model, n, additionalFields, returnFile }) => {
    const body = { ...clean.withoutEmpty({ prompt, model, n }), ...additionalFields };
    const client = xai(connection, context, { deadlineMs: GENERATION_DEADLINE_MS });
    return postImages(client, "/images/generations", body, returnFile);
  },
  outputSchema: xaiOutput("GeneratedImageResponse", "data"),
  performSafety: "notAllowed",
  examplePayload: { data: generatedImageExample.data },
});
