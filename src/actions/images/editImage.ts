import { action, input } from "@prismatic-io/spectral";
import { xai } from "../../http/client";
import * as clean from "../../inputs/clean";
import { additionalFields, connectionInput } from "../../inputs/common";
import { cleanFiles, type FileValue, fileInput, toMediaReference } from "../../inputs/files";
import { GENERATION_DEADLINE_MS } from "../../limits";
import { xaiOutput } from "../outputs";
import { generatedImageExample } from "./examples";
import { imageModelInput, numberOfImagesInput } from "./inputs";
import { postImages, returnFileInput } from "./results";

/** One image, or several for multi-reference editing (`images`); at least one. */
function images(value: unknown): FileValue[] {
  const files = cleanFiles("Image", "image")(value);
  if (files.length > 0) return files;
  throw new clean.InputError("Image", "is required: pass a file from an earlier step or a URL.");
}

/**
 * Edit Image: `POST /images/edits` (JSON, `EditImageRequest`). Each image goes to xAI as a URL,
 * an xAI file id, or (a file from an earlier step, a data: URL) a base64 data URL: one as `image`,
 * several as `images`.
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
    image: {
      ...fileInput({
        label: "Image",
        kind: "image",
        required: true,
        comments:
          "The image to edit: a file from an earlier step, a URL, a data: URL or an xAI file id. PNG, JPEG or WebP, at most 20 MiB each. Several (an array from an earlier step, or a JSON array of URLs) are edited together: refer to them as <IMAGE_0>, <IMAGE_1>, … in the prompt.",
      }),
      clean: images,
    },
    model: imageModelInput,
    n: numberOfImagesInput("Number of edited images to generate."),
    returnFile: returnFileInput("images"),
    additionalFields: additionalFields("image-edits"),
  },
  perform: async (
    context,
    { connection, prompt, image, model, n, returnFile, additionalFields },
  ) => {
    const references = image.map(toMediaReference);
    const body = {
      ...clean.withoutEmpty({ prompt, model, n }),
      // `image` and `images` are mutually exclusive (EditImageRequest).
      ...(references.length === 1 ? { image: references[0] } : { images: references }),
      ...additionalFields,
    };
    const client = xai(connection, context, { deadlineMs: GENERATION_DEADLINE_MS });
    return postImages(client, "/images/edits", body, returnFile);
  },
  outputSchema: xaiOutput("GeneratedImageResponse", "data"),
  performSafety: "notAllowed",
  examplePayload: { data: generatedImageExample.data },
});
