/**
 * xAI's deferred videos: start (`POST /videos/...` answers `{ request_id }`), then poll
 * `GET /videos/{request_id}` (202 while pending) until `status` is "done", "failed" or "expired".
 * @see https://docs.x.ai/docs/guides/video-generations
 */

import { XaiApiError } from "../../errors/classes";
import { xaiErrorIn } from "../../errors/errorBody";
import { formatDuration, truncate } from "../../errors/text";
import type { Xai } from "../../http/client";
import { download } from "../../http/download";
import { type PollClock, type PollSchedule, pollUntil } from "../../http/poll";
import { VIDEO_DEADLINE_MS } from "../../limits";
import { type FileResult, fileResult } from "../files/fileResult";

/** The parts of `VideoResponse` read here; the rest is passed on untouched. */
export interface VideoResponse {
  status: string;
  progress?: number | null;
  video?: { url?: string | null; respect_moderation?: boolean } | null;
  error?: { code?: string; message?: string } | null;
  [field: string]: unknown;
}

/** 2 s, then ×1.5 up to 15 s, for at most 15 minutes: about 9 checks for a 60 s video. */
export const VIDEO_POLLING: PollSchedule = {
  startMs: 2000,
  maxMs: 15_000,
  factor: 1.5,
  deadlineMs: VIDEO_DEADLINE_MS,
};

export const videoPath = (requestId: string): string => `/videos/${encodeURIComponent(requestId)}`;

/** Starts a video job and returns xAI's `{ request_id }`. */
export async function startVideo(
  client: Xai,
  path: string,
  body: Record<string, unknown>,
): Promise<{ request_id: string }> {
  const answer = await client.post<{ request_id?: unknown }>(path, body);
  if (typeof answer.request_id === "string" && answer.request_id !== "") {
    return answer as { request_id: string };
  }
  throw await client.failure(
    new XaiApiError(
      `xAI's answer to POST ${path} has no request_id: ${truncate(JSON.stringify(answer), 200)}`,
      {
        code: "NOT_JSON",
        method: "POST",
        path,
      },
    ),
  );
}

/** A "failed" or "expired" video, with xAI's reason and the request id. */
function finishedBadly(requestId: string, video: VideoResponse): XaiApiError {
  const said = xaiErrorIn(video);
  const reason = said?.message ?? `xAI reports status "${video.status}"`;
  const code = said?.code ?? video.status.toUpperCase();
  return new XaiApiError(
    `Video ${requestId} ${video.status === "expired" ? "expired" : "failed"} (${code}): ${reason}`,
    {
      code,
      requestId,
      method: "GET",
      path: videoPath(requestId),
      body: video,
    },
  );
}

/** One check of a video: done (its VideoResponse), still pending (with the answer's headers), or an error. */
export async function checkVideo(client: Xai, requestId: string) {
  const response = await client.jsonResponse<VideoResponse>({
    method: "GET",
    path: videoPath(requestId),
  });
  const video = response.data;
  if (typeof video.status !== "string") {
    throw await client.notJson(response, "GET", videoPath(requestId));
  }
  if (video.status === "done") return { done: true as const, value: video };
  if (video.status === "failed" || video.status === "expired") {
    throw await client.failure(finishedBadly(requestId, video));
  }
  const note = typeof video.progress === "number" ? `progress ${video.progress} %` : video.status;
  return { done: false as const, headers: response.headers, note, value: video };
}

export interface WaitOptions {
  /** The default is VIDEO_POLLING; tests pass a short one. */
  schedule?: PollSchedule;
  /** Wait before the first check (a job just started). */
  waitFirst?: boolean;
  log?: (line: string) => void;
  clock?: PollClock;
}

function notReady(requestId: string, elapsedMs: number, deadlineMs: number): XaiApiError {
  return new XaiApiError(
    `Video ${requestId} was not ready after ${formatDuration(elapsedMs)} (the ${formatDuration(deadlineMs)} deadline); xAI may still finish it: run Get Video with request id ${requestId} to pick it up`,
    { code: "DEADLINE_EXCEEDED", requestId, method: "GET", path: videoPath(requestId) },
  );
}

/** Polls until the video is done; fails with xAI's reason, or past the deadline with the request id. */
export async function waitForVideo(
  client: Xai,
  requestId: string,
  options: WaitOptions = {},
): Promise<VideoResponse> {
  const schedule = options.schedule ?? VIDEO_POLLING;
  const started = Date.now();
  // The call's own deadline also bounds polling; whichever comes first ends it.
  const deadlineMs = Math.min(schedule.deadlineMs, client.deadlineAt - started);
  const deadline = (elapsed: number) => notReady(requestId, elapsed, schedule.deadlineMs);
  try {
    return await pollUntil({
      check: () => checkVideo(client, requestId),
      schedule: { ...schedule, deadlineMs },
      what: `Video ${requestId}`,
      onDeadline: deadline,
      waitFirst: options.waitFirst,
      signal: client.signal,
      log: options.log,
      clock: options.clock,
    });
  } catch (error) {
    // The call's deadline cut a check or a wait short: say so with the request id.
    const code = (error as { code?: string; name?: string }).code;
    if (code === "DEADLINE_EXCEEDED" || (error as Error).name === "AbortError") {
      throw await client.failure(deadline(Date.now() - started));
    }
    throw error;
  }
}

/** A done video as the step's result: xAI's VideoResponse, or the video as a file. */
export async function videoResult(
  client: Xai,
  requestId: string,
  video: VideoResponse,
  returnFile: boolean,
): Promise<{ data: VideoResponse } | FileResult> {
  if (!returnFile || video.status !== "done") return { data: video };
  const url = video.video?.url;
  if (typeof url !== "string" || url === "") {
    const why =
      video.video?.respect_moderation === false ? " (it did not pass xAI's moderation)" : "";
    throw await client.failure(
      new XaiApiError(`Video ${requestId} is done but xAI gave no URL to download${why}`, {
        code: "NO_MEDIA",
        requestId,
      }),
    );
  }
  return fileResult([await download(client, url, { what: "the video", media: "video" })]);
}
