import { action } from "@prismatic-io/spectral";
import { xai } from "../../http/client";
import { connectionInput } from "../../inputs/common";
import { VIDEO_DEADLINE_MS } from "../../limits";
import { returnFileInput } from "../images/results";
import { xaiOutput } from "../outputs";
import { videoExample } from "./examples";
import { requestIdInput, waitForCompletion } from "./inputs";
import { checkVideo, videoResult, waitForVideo } from "./videoJob";

/**
 * Get Video: `GET /videos/{request_id}`; with Wait For Completion, polls until the video is done.
 * Without it, returns the current VideoResponse (`status` "pending" with `progress`, or "done").
 * @see https://docs.x.ai/docs/api-reference#get-video-generation-result
 */
export const getVideo = action({
  display: {
    label: "Get Video",
    description: "Get (or wait for) a video that Generate, Edit or Extend Video started",
  },
  inputs: {
    connection: connectionInput,
    requestId: requestIdInput,
    waitForCompletion,
    returnFile: returnFileInput("video"),
  },
  perform: async (context, { connection, requestId, waitForCompletion, returnFile }) => {
    const client = xai(connection, context, { deadlineMs: VIDEO_DEADLINE_MS });
    const video = waitForCompletion
      ? await waitForVideo(client, requestId, { log: (line) => client.log("info", line) })
      : (await checkVideo(client, requestId)).value;
    return videoResult(client, requestId, video, returnFile);
  },
  outputSchema: xaiOutput("VideoResponse"),
  performSafety: "safe",
  examplePayload: { data: videoExample },
});
