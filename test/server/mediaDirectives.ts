/**
 * Upper-case keywords in an image or video prompt that steer the fake Grok Imagine, e.g.
 * "a cat POLLS=4 VIDEO_BYTES=52428800". They combine.
 */
export interface MediaDirectives {
  /** `POLLS=<k>`: answer 202 to the first k polls (default 2). */
  polls: number;
  /** `FAIL_VIDEO`: end with status "failed". */
  fail: boolean;
  /** `NEVER_DONE`: stay pending forever. */
  neverDone: boolean;
  /** `MODERATED`: end "done" with `respect_moderation: false` and an empty url. */
  moderated: boolean;
  /** `VIDEO_BYTES=<n>`: size of the video body on the media host. */
  videoBytes: number | undefined;
  /** `URL_TTL_MS=<ms>`: lifetime of the media URLs in the answer. */
  urlTtlMs: number | undefined;
  /** `RETRY_AFTER=<s>`: send this Retry-After with each 202. */
  retryAfter: string | undefined;
}

const DEFAULT_POLLS = 2;

function numberAfter(prompt: string, keyword: string): number | undefined {
  const match = new RegExp(`\\b${keyword}=(\\d+)`).exec(prompt);
  return match ? Number(match[1]) : undefined;
}

export function mediaDirectives(prompt: string): MediaDirectives {
  const retryAfter = numberAfter(prompt, "RETRY_AFTER");
  return {
    polls: numberAfter(prompt, "POLLS") ?? DEFAULT_POLLS,
    fail: prompt.includes("FAIL_VIDEO"),
    neverDone: prompt.includes("NEVER_DONE"),
    moderated: prompt.includes("MODERATED"),
    videoBytes: numberAfter(prompt, "VIDEO_BYTES"),
    urlTtlMs: numberAfter(prompt, "URL_TTL_MS"),
    retryAfter: retryAfter === undefined ? undefined : String(retryAfter),
  };
}
