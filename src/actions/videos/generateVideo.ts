import { action } from "@prismatic-io/spectral";
import { InputError } from "../../errors/classes";
import * as clean from "../../inputs/clean";
import { additionalFields, connectionInput } from "../../inputs/common";
import { type FileValue, fileInput, toMediaReference } from "../../inputs/files";
import { returnFileInput } from "../images/results";
import { videoExample } from "./examples";
import {
  aspectRatio,
  resolution,
  videoDuration,
  videoModel,
  videoPrompt,
  waitForCompletion,
} from "./inputs";
import { videoOutput } from "./outputs";
import { runVideo } from "./runVideo";

/**
 * Generate Video: `POST /videos/generations` (`GenerateVideoRequest`), then polls the job.
 * @see https://docs.x.ai/docs/api-reference#video-generations
 */
export const generateVideo = action({
  display: {
    label: "Generate Video",
    description: "Generate a video from a prompt, or animate an image, with xAI's Grok Imagine",
  },
  inputs: {
    connection: connectionInput,
    prompt: videoPrompt(
      false,
      "What the video shows. Required unless an Image is given (then it animates the image).",
    ),
    model: videoModel,
    image: fileInput({
      label: "Image",
      kind: "image",
      required: false,
      comments:
        "Optional first frame: a file from an earlier step, a URL, a data: URL or an xAI file id (PNG, JPEG or WebP, at most 20 MiB).",
    }),
    duration: videoDuration(1, 15, "Length of the video in seconds, 1 to 15 (xAI's default: 8)."),
    aspectRatio,
    resolution,
    waitForCompletion,
    returnFile: returnFileInput("video"),
    additionalFields: additionalFields("video-generations"),
  },
  perform: async (context, params) => {
    const { connection, prompt, model, image, duration, waitForCompletion, returnFile } = params;
    if (prompt === undefined && image === undefined) {
      throw new InputError("Prompt", "is required unless an Image is given.");
    }
    const body = {
      ...clean.withoutEmpty({
        prompt,
        model,
        image: image ? toMediaReference(image as FileValue) : undefined,
        duration,
        aspect_ratio: params.aspectRatio,
        resolution: params.resolution,
      }),
      ...params.additionalFields,
    };
    return runVideo(context, connection, "/videos/generations", body, {
      wait: waitForCompletion,
      returnFile,
    });
  },
  outputSchema: videoOutput,
  performSafety: "notAllowed",
  examplePayload: { data: videoExample },
});
