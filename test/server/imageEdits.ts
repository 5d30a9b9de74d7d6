import { validateImageRequest } from "./images";
import { checkMediaInput, type InputContext } from "./mediaInputs";
import { type XaiError, xaiError } from "./xaiErrors";

/**
 * Validates `EditImageRequest` (`POST /v1/images/edits`, JSON only per the OpenAPI description):
 * `prompt`, and exactly one of `image` or `images`, each an `ImageUrl`.
 * https://docs.x.ai/docs/api-reference#image-edits
 */
export function validateImageEdit(
  body: Record<string, unknown>,
  context: InputContext,
): XaiError | undefined {
  const common = validateImageRequest(body);
  if (common) return common;
  const hasImage = body.image !== undefined && body.image !== null;
  const images = body.images;
  const hasImages = images !== undefined && images !== null;
  if (hasImage && hasImages) {
    return xaiError(400, "Invalid request: image and images are mutually exclusive.");
  }
  if (hasImage) return checkMediaInput("image", body.image, "image", context);
  if (!hasImages) return xaiError(400, "Invalid request: an image or images to edit is required.");
  if (!Array.isArray(images) || images.length === 0) {
    return xaiError(400, "Invalid request: images must be a non-empty list of images.");
  }
  for (const [index, image] of images.entries()) {
    const error = checkMediaInput(`images[${index}]`, image, "image", context);
    if (error) return error;
  }
  return undefined;
}
