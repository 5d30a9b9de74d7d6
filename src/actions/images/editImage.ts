import { action, input } from "@prismatic-io/spectral";
import { xai } from "../../http/client";
import * as clean from "../../inputs/clean";
import { additionalFields, connectionInput } from "../../inputs/common";
import { type FileValue, fileInput, toMediaReference } from "../../inputs/files";
import { GENERATION_DEADLINE_MS, MAX_MEDIA_BODY_BYTES } from "../../limits";
import { xaiOutput } from "../outputs";
import { generatedImageExample } from "./examples";
import { imagesResult, returnFileInput } from "./results";

/**
 * Edit Image: `POST /images/edits` (JSON, `EditImageRequest`). The image goes to xAI as an https
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
        "The image to edit: a file from an earlier step, an https URL, a data: URL or an xAI file id. PNG, JPEG or WebP, at most 20 MiB.",
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
      comments: "Number of edited images to generate.",
      example: "1",
      clean: clean.optionalNumber({ label: "Number of Images", min: 1, max: 10, integer: true }),
    }),
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
    const answer = await client.post("/images/edits", body, MAX_MEDIA_BODY_BYTES);
    return imagesResult(client, answer, "POST /images/edits", returnFile);
  },
  outputSchema: xaiOutput("GeneratedImageResponse", "data"),
  performSafety: "notAllowed",
  examplePayload: { data: generatedImageExample.data },
});
