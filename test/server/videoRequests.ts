import { checkMediaInput, type InputContext } from "./mediaInputs";
import { findVideoGenerationModel } from "./models";
import { invalidTypeError, missingFieldError, type XaiError, xaiError } from "./xaiErrors";

/**
 * Validates `GenerateVideoRequest`, `EditVideoRequest` and `ExtendVideoRequest`.
 * https://docs.x.ai/docs/api-reference#video-generations
 */

export type VideoOperation = "generation" | "edit" | "extension";

/** What a valid video request asks for. */
export interface VideoOrder {
  operation: VideoOperation;
  model: string;
  prompt: string;
  /** Seconds of video produced. */
  duration: number;
}

const DEFAULT_MODEL = "grok-imagine-video";
/** [min, max, default] seconds; an edit keeps its input's length (we say 8). */
const DURATIONS: Record<VideoOperation, [number, number, number]> = {
  generation: [1, 15, 8],
  edit: [8, 8, 8],
  extension: [2, 10, 6],
};
const ASPECT_RATIOS = ["1:1", "16:9", "9:16", "4:3", "3:4", "3:2", "2:3"];
const RESOLUTIONS = ["480p", "720p", "1080p"];
const MAX_KEYFRAMES = 4;

function present(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function unknownVariant(field: string, value: unknown, variants: string[]): XaiError {
  return xaiError(
    422,
    `Failed to deserialize the JSON body into the target type: ${field}: unknown variant \`${String(value)}\`, expected one of ${variants.map((v) => `\`${v}\``).join(", ")}`,
  );
}

/** Duration as xAI reads it: a number or a numeric string ("8"), `seconds` as an alias. */
function readDuration(body: Record<string, unknown>, operation: VideoOperation) {
  const [min, max, fallback] = DURATIONS[operation];
  if (operation === "edit") return fallback;
  const raw = body.duration ?? (operation === "generation" ? body.seconds : undefined);
  if (!present(raw)) return fallback;
  const value = typeof raw === "string" && /^\d+$/.test(raw.trim()) ? Number(raw) : raw;
  if (typeof value !== "number" || !Number.isInteger(value)) {
    return invalidTypeError("duration", "an integer");
  }
  if (value < min || value > max) {
    return xaiError(
      400,
      `Invalid request: duration must be between ${min} and ${max} seconds, got ${value}.`,
    );
  }
  return value;
}

function checkOptions(body: Record<string, unknown>): XaiError | undefined {
  if (present(body.aspect_ratio) && !ASPECT_RATIOS.includes(String(body.aspect_ratio))) {
    return unknownVariant("aspect_ratio", body.aspect_ratio, ASPECT_RATIOS);
  }
  if (present(body.resolution) && !RESOLUTIONS.includes(String(body.resolution))) {
    return unknownVariant("resolution", body.resolution, RESOLUTIONS);
  }
  if (Array.isArray(body.keyframes) && body.keyframes.length > MAX_KEYFRAMES) {
    return xaiError(400, `Invalid request: at most ${MAX_KEYFRAMES} keyframes are allowed.`);
  }
  return undefined;
}

function checkInputs(
  body: Record<string, unknown>,
  operation: VideoOperation,
  context: InputContext,
): XaiError | undefined {
  if (operation !== "generation") {
    if (!present(body.video)) return missingFieldError("video");
    return checkMediaInput("video", body.video, "video", context);
  }
  if (present(body.image)) {
    const error = checkMediaInput("image", body.image, "image", context);
    if (error) return error;
  }
  const references = body.reference_images;
  if (present(references) && !Array.isArray(references)) {
    return invalidTypeError("reference_images", "a sequence");
  }
  for (const [index, reference] of (Array.isArray(references) ? references : []).entries()) {
    const error = checkMediaInput(`reference_images[${index}]`, reference, "image", context);
    if (error) return error;
  }
  return undefined;
}

function checkPrompt(body: Record<string, unknown>, operation: VideoOperation) {
  if (present(body.prompt) && typeof body.prompt !== "string") {
    return invalidTypeError("prompt", "a string");
  }
  const prompt = typeof body.prompt === "string" ? body.prompt : "";
  // The schema leaves prompt optional only for image-to-video.
  if (operation !== "generation" && !present(body.prompt)) return missingFieldError("prompt");
  if (prompt.trim() === "" && !(operation === "generation" && present(body.image))) {
    return xaiError(400, "Invalid request: prompt must not be empty.");
  }
  return prompt;
}

export function readVideoRequest(
  operation: VideoOperation,
  body: Record<string, unknown>,
  context: InputContext,
): VideoOrder | XaiError {
  const prompt = checkPrompt(body, operation);
  if (typeof prompt !== "string") return prompt;
  if (present(body.model) && typeof body.model !== "string") {
    return invalidTypeError("model", "a string");
  }
  const model = typeof body.model === "string" ? body.model : DEFAULT_MODEL;
  const found = findVideoGenerationModel(model);
  if (!found) {
    return xaiError(
      404,
      `The model ${model} does not exist or your team does not have access to it.`,
    );
  }
  const error = checkInputs(body, operation, context) ?? checkOptions(body);
  if (error) return error;
  const duration = readDuration(body, operation);
  if (typeof duration !== "number") return duration;
  return { operation, model: found.id, prompt, duration };
}
