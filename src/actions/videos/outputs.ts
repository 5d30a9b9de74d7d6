import type { JsonSchema } from "@prismatic-io/spectral/dist/types/jsonforms/JsonSchema";
import schemas from "../outputSchemas.json";
import { jsonOutput } from "../outputs";

/**
 * A video step's `data`: xAI's `VideoResponse` when it waited (the default), or its
 * `StartDeferredResponse` (`{ request_id }`) when Wait For Completion is off. With Return File the
 * step returns the video's bytes instead (content type video/mp4).
 */
export const videoOutput = jsonOutput({
  anyOf: [schemas.VideoResponse, schemas.StartDeferredResponse],
} as JsonSchema);
