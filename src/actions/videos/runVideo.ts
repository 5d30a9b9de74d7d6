import type { Connection } from "@prismatic-io/spectral";
import { type CallContext, xai } from "../../http/client";
import { VIDEO_DEADLINE_MS } from "../../limits";
import { startVideo, videoResult, waitForVideo } from "./videoJob";

/**
 * Starts a video job; without waiting returns `{ request_id }`, else polls until done and returns
 * the VideoResponse or, with Return File, the video.
 */
export async function runVideo(
  context: CallContext,
  connection: Connection,
  path: string,
  body: Record<string, unknown>,
  options: { wait: boolean; returnFile: boolean },
) {
  const client = xai(connection, context, { deadlineMs: VIDEO_DEADLINE_MS });
  const started = await startVideo(client, path, body);
  if (!options.wait) return { data: started };
  const video = await waitForVideo(client, started.request_id, {
    waitFirst: true,
    log: (line) => client.log("info", line),
  });
  return videoResult(client, started.request_id, video, options.returnFile);
}
