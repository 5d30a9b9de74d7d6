import { action } from "@prismatic-io/spectral";
import * as clean from "../../inputs/clean";
import { additionalFields, connectionInput } from "../../inputs/common";
import { type FileValue, toMediaReference } from "../../inputs/files";
import { returnFileInput } from "../images/results";
import { videoExample } from "./examples";
import { sourceVideo, videoModel, videoPrompt, waitForCompletion } from "./inputs";
import { videoOutput } from "./outputs";
import { runVideo } from "./runVideo";

/**
 * Edit Video: `POST /videos/edits` (`EditVideoRequest`), then polls the job.
 * @see https://docs.x.ai/docs/api-reference#video-edits
 */
export const editVideo = action({
  display: {
    label: "Edit Video",
    description: "Edit a video with a text prompt using xAI's Grok Imagine",
  },
  inputs: {
    connection: connectionInput,
    prompt: videoPrompt(true, "What to change in the video."),
    video: sourceVideo("edit (at most 8.7 s)"),
    model: videoModel,
    waitForCompletion,
    returnFile: returnFileInput("video"),
    additionalFields: additionalFields("video-edits"),
  },
  perform: async (context, params) => {
    const { connection, prompt, video, model, waitForCompletion, returnFile } = params;
    const body = {
      ...clean.withoutEmpty({ prompt, model, video: toMediaReference(video as FileValue) }),
      ...params.additionalFields,
    };
    return runVideo(context, connection, "/videos/edits", body, {
      wait: waitForCompletion,
      returnFile,
    });
  },
  outputSchema: videoOutput,
  performSafety: "notAllowed",
  examplePayload: { data: videoExample },
});
