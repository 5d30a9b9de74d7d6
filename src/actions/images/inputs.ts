import { input } from "@prismatic-io/spectral";
import * as clean from "../../inputs/clean";

/** Inputs shared by Generate Image and Edit Image. */

export const imageModelInput = input({
  label: "Model",
  type: "string",
  required: false,
  comments: "Model to be used.",
  example: "grok-imagine-image",
  dataSource: "selectImageModel",
  clean: clean.optionalText("Model"),
});

/**
 * Number of Images (`n`): at least 1, and at most `max` where xAI's OpenAPI description sets one
 * (10 for generation; `EditImageRequest.n` has none).
 */
export const numberOfImagesInput = (comments: string, max?: number) =>
  input({
    label: "Number of Images",
    type: "string",
    required: false,
    comments,
    example: "1",
    clean: clean.optionalNumber({ label: "Number of Images", min: 1, max, integer: true }),
  });
