import { action } from "@prismatic-io/spectral";
import * as clean from "../../inputs/clean";
import { additionalFields, connectionInput } from "../../inputs/common";
import { type FileValue, toMediaReference } from "../../inputs/files";
import { returnFileInput } from "../images/results";
import { videoExample } from "./examples";
import { sourceVideo, videoDuration, videoModel, videoPrompt, waitForCompletion } from "./inputs";
import { videoOutput } from "./outputs";
import { runVideo } from "./runVideo";

/**
 * Extend Video: `POST /videos/extensions` (`ExtendVideoRequest`), then polls the job.
 * @see https://docs.x.ai/docs/api-reference#video-extensions
 */
export const extendVideo = action({
  display: {
    label: "Extend Video",
    description: "Continue a video from its last frame with xAI's Grok Imagine",
  },
  inputs: {
    connection: connectionInput,
    prompt: videoPrompt(true, "What happens next in the video."),
    video: sourceVideo("extend (2 to 15 s long)"),
    duration: videoDuration(
      2,
      10,
      "Length of the extension in seconds, 2 to 10 (xAI's default: 6).",
    ),
    model: videoModel,
    waitForCompletion,
    returnFile: returnFileInput("video"),
    additionalFields: additionalFields("video-extensions"),
  },
  perform: async (context, params) => {
    const { connection, prompt, video, duration, model, waitForCompletion, returnFile } = params;
    const body = {
      ...clean.withoutEmpty({
        prompt,
        model,
        duration,
        video: toMediaReference(video as FileValue),
      }),
      ...params.additionalFields,
    };
    return runVideo(context, connection, "/videos/extensions", body, {
      wait: waitForCompletion,
      returnFile,
    });
  },
  outputSchema: videoOutput,
  performSafety: "notAllowed",
  examplePayload: { data: videoExample },
});
