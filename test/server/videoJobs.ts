import { stableHash, uuidFromHash } from "./ids";
import { DEFAULT_VIDEO_BYTES, MAX_MEDIA_BYTES } from "./mediaBytes";
import { type MediaDirectives, mediaDirectives } from "./mediaDirectives";
import type { MediaHost } from "./mediaTypes";
import { jsonPlan } from "./plans";
import type { PlannedResponse } from "./responseWriter";
import type { VideoOrder } from "./videoRequests";

/**
 * Deferred video jobs: `GET /v1/videos/{request_id}` answers 202 `{status: "pending", progress}`
 * for the first k polls (POLLS=<k> in the prompt, default 2), then 200 with `VideoResponse`.
 * https://docs.x.ai/docs/api-reference#get-video-generation-result
 */

/** `VideoResponse` (`status` is "pending", "done" or "failed"). */
export interface VideoResponse {
  status: "pending" | "done" | "failed";
  progress?: number;
  model?: string;
  video?: { url: string; duration: number; respect_moderation: boolean };
  error?: { code: string; message: string };
  usage?: { cost_in_usd_ticks: number };
}

interface VideoJob {
  id: string;
  order: VideoOrder;
  directives: MediaDirectives;
  polls: number;
  /** Made on the first "done" poll, so its expiry counts from completion; then reused. */
  url?: string;
}

/** $0.05 per generated second, in USD ticks (1 cent = 100,000,000 ticks). */
const TICKS_PER_SECOND = 5 * 100_000_000;

export class VideoJobs {
  private readonly jobs = new Map<string, VideoJob>();
  private started = 0;

  constructor(private readonly media: MediaHost) {}

  /** Records a job and returns its request_id (a UUID, like xAI's). */
  start(order: VideoOrder): string {
    const id = uuidFromHash(stableHash(`video:${++this.started}:${JSON.stringify(order)}`));
    this.jobs.set(id, { id, order, directives: mediaDirectives(order.prompt), polls: 0 });
    return id;
  }

  /** The answer to one poll, or undefined for an unknown request_id. */
  poll(id: string): PlannedResponse | undefined {
    const job = this.jobs.get(id);
    if (!job) return undefined;
    job.polls++;
    const { directives } = job;
    if (directives.neverDone || job.polls <= directives.polls) {
      const progress = Math.min(
        99,
        Math.floor((100 * (job.polls - 1)) / Math.max(1, directives.polls)),
      );
      const plan = jsonPlan(202, { status: "pending", progress } satisfies VideoResponse);
      if (directives.retryAfter) plan.headers["retry-after"] = directives.retryAfter;
      return plan;
    }
    return jsonPlan(200, this.finished(job));
  }

  private finished(job: VideoJob): VideoResponse {
    const { order, directives } = job;
    if (directives.fail) {
      return {
        status: "failed",
        error: {
          code: "internal_error",
          message: "Video generation failed: the prompt asked for FAIL_VIDEO.",
        },
      };
    }
    job.url ??= directives.moderated
      ? ""
      : this.media.videoUrl(`xai-video-${job.id}`, {
          bytes: Math.min(directives.videoBytes ?? DEFAULT_VIDEO_BYTES, MAX_MEDIA_BYTES),
          ttlMs: directives.urlTtlMs,
        });
    return {
      status: "done",
      video: { url: job.url, duration: order.duration, respect_moderation: !directives.moderated },
      model: order.model,
      progress: 100,
      usage: { cost_in_usd_ticks: order.duration * TICKS_PER_SECOND },
    };
  }

  clear(): void {
    this.jobs.clear();
  }
}
