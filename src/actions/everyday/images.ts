/**
 * Ask Grok's Images: a value list of image URLs, `data:` URLs or image files from earlier steps,
 * checked by the shared file input rules (PNG, JPEG or WebP, at most 20 MiB) and sent as
 * Responses `input_image` parts beside the prompt.
 * @see https://docs.x.ai/docs/guides/image-understanding
 */

import { InputError, type JsonObject } from "../../inputs/clean";
import { cleanFiles, toMediaReference } from "../../inputs/files";

const LABEL = "Images";

/** Each image as the URL xAI takes (`https://…` or a base64 `data:` URL); empty entries dropped. */
export function cleanImages(value: unknown): string[] {
  return cleanFiles(
    LABEL,
    "image",
  )(value).map((file, index, files) => {
    const label = files.length > 1 ? `${LABEL} (entry ${index + 1})` : LABEL;
    const reference = toMediaReference(file);
    if (!("url" in reference)) {
      // Responses `input_image` takes `image_url` only; its `file_id` is "only for compatibility".
      throw new InputError(
        label,
        "xAI file ids are not accepted for images here; pass the image file or its URL.",
      );
    }
    return reference.url;
  });
}

/** The Responses `input`: the prompt alone, or one user message with the prompt and its images. */
export function promptWithImages(prompt: string, images: string[]): string | JsonObject[] {
  if (images.length === 0) return prompt;
  return [
    {
      role: "user",
      content: [
        { type: "input_text", text: prompt },
        ...images.map((url) => ({ type: "input_image", image_url: url })),
      ],
    },
  ];
}
