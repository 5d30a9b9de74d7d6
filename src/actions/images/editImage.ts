import { action, input } from "@prismatic-io/spectral";
import { xai } from "../../http/client";
import * as clean from "../../inputs/clean";
import { additionalFields, connectionInput } from "../../inputs/common";
import { type FileValue, fileInput, toMediaReference } from "../../inputs/files";
import { GENERATION_DEADLINE_MS } from "../../limits";
import { xaiOutput } from "../outputs";
import { generatedImageExample } from "./examples";
import { imageModelInput, numberOfImagesInput } from "./inputs";
import { postImages, returnFileInput } from "./results";

/**
 * Edit Image: `POST /images/edits` (JSON, `EditImageRequest`). The image goes to xAI as a
 * URL, an xAI file id, or (a file from an earlier step, a data: URL) a base64 data URL.
 * @see https://docs.x.ai/docs/api-reference#image-edits
 */
export const editImage = action({
  display: {
    label: "Edit Image",
    description: "Edit an image with a text prompt using xAI's Grok Imagine",
  },
  inputs: {
    connection: connectionInput,
    prompt: input({
      label: "Prompt",
      type: "text",
      required: true,
      comments: "What to change in the image.",
      example: "Give the cat a red hat",
      clean: clean.requiredText("Prompt"),
    }),
    image: fileInput({
      label: "Image",
      kind: "image",
      required: true,
      comments:
        "The image to edit: a file from an earlier step, a URL, a data: URL or an xAI file id. PNG, JPEG or WebP, at most 20 MiB.",
    }),
    model: imageModelInput,
    n: numberOfImagesInput("Number of edited images to generate."),
    returnFile: returnFileInput("images"),
    additionalFields: additionalFields("image-edits"),
  },
  perform: async (
    context,
    { connection, prompt, image, model, n, returnFile, additionalFields },
  ) => {
    const body = {
      ...clean.withoutEmpty({ prompt, model, n }),
      image: toMediaReference(image as FileValue),
      ...additionalFields,
    };
    const client = xai(connection, context, { deadlineMs: GENERATION_DEADLINE_MS });
    return postImages(client, "/images/edits", body, returnFile);
  },
  outputSchema: xaiOutput("GeneratedImageResponse", "data"),
  performSafety: "notAllowed",
  examplePayload: { data: generatedImageExample.data },
});
