/** Inputs the video steps share. Values of picklists are those of xAI's OpenAPI description. */

import { input } from "@prismatic-io/spectral";
import * as clean from "../../inputs/clean";
import { fileInput } from "../../inputs/files";

export const videoPrompt = (required: boolean, comments: string) =>
  input({
    label: "Prompt",
    type: "text",
    required,
    comments,
    example: "A paper boat drifting down a rainy street, cinematic",
    clean: required ? clean.requiredText("Prompt") : clean.optionalText("Prompt"),
  });

/** The video an edit or an extension starts from ("edit (at most 8.7 s)"). */
export const sourceVideo = (use: string) =>
  fileInput({
    label: "Video",
    kind: "video",
    required: true,
    example: "https://example.com/clip.mp4",
    comments: `The video to ${use}: a file from an earlier step, a URL ending in .mp4, a data: URL or an xAI file id. MP4, at most 50 MiB.`,
  });

export const videoModel = input({
  label: "Model",
  type: "string",
  required: false,
  comments: "Model to be used; xAI's default when empty.",
  example: "grok-imagine-video",
  dataSource: "selectVideoModel",
  clean: clean.optionalText("Model"),
});

export const videoDuration = (min: number, max: number, comments: string) =>
  input({
    label: "Duration",
    type: "string",
    required: false,
    comments,
    example: String(min + 4),
    clean: clean.optionalNumber({ label: "Duration", min, max, integer: true }),
  });

/** `VideoAspectRatio` in xAI's OpenAPI description. */
export const VIDEO_ASPECT_RATIOS = ["1:1", "16:9", "9:16", "4:3", "3:4", "3:2", "2:3"] as const;
/** `VideoResolution` in xAI's OpenAPI description. */
export const VIDEO_RESOLUTIONS = ["480p", "720p", "1080p"] as const;

const picklist = (label: string, values: readonly string[], comments: string) =>
  input({
    label,
    type: "string",
    required: false,
    comments,
    model: values.map((value) => ({ label: value, value })),
    clean: clean.optionalText(label),
  });

export const aspectRatio = picklist(
  "Aspect Ratio",
  VIDEO_ASPECT_RATIOS,
  "Aspect ratio of the video; ignored when an Image gives the first frame.",
);

export const resolution = picklist("Resolution", VIDEO_RESOLUTIONS, "Resolution of the video.");

export const waitForCompletion = input({
  label: "Wait For Completion",
  type: "boolean",
  required: false,
  default: "true",
  comments:
    "When on, the step polls xAI until the video is ready (at most 15 minutes) and returns it. When off, it returns the request_id at once: pass it to Get Video later.",
  clean: clean.booleanValue,
});

export const requestIdInput = input({
  label: "Request ID",
  type: "string",
  required: true,
  comments: "The request_id a video step returned.",
  example: "0f5e1b2c-3d4a-4b5c-8d9e-0a1b2c3d4e5f",
  clean: clean.pathId("Request ID", "0f5e1b2c-3d4a-4b5c-8d9e-0a1b2c3d4e5f"),
});
