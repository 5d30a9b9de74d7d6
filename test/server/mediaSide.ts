import { FileStore } from "./fileStore";
import { startMediaHost } from "./mediaHost";
import { answerMedia } from "./mediaRoutes";
import type { MediaHost } from "./mediaTypes";
import type { PlannedResponse } from "./responseWriter";
import type { RecordedRequest } from "./serverTypes";
import { VideoJobs } from "./videoJobs";

/** The stateful part of the fake API (files, video jobs) and the media host it links to. */
export interface MediaSide {
  host: MediaHost;
  /** The answer for a media or files route; undefined for any other route. */
  answer(request: RecordedRequest, acceptedToken: string | undefined): PlannedResponse | undefined;
  /** Forgets files, video jobs and the media host's requests and scripts. */
  reset(): void;
  close(): Promise<void>;
}

export async function startMediaSide(): Promise<MediaSide> {
  const host = await startMediaHost();
  const context = { host, files: new FileStore(), videos: new VideoJobs(host) };
  return {
    host,
    answer: (request, acceptedToken) => answerMedia(request, acceptedToken, context),
    reset() {
      context.files.clear();
      context.videos.clear();
      host.reset();
    },
    close: () => host.close(),
  };
}
