/**
 * Every limit the component applies, in one place (README, "Limits"). Past a size or time limit the
 * step fails at once with an error naming the limit and what had arrived; the worker lives on.
 */

const MiB = 1024 * 1024;
const MINUTE = 60_000;

/** Largest JSON answer read (after gzip/deflate/br decompression). */
export const MAX_JSON_BODY_BYTES = 64 * MiB;
/** Largest image answer with base64 data, and largest media download (after decompression). */
export const MAX_MEDIA_BODY_BYTES = 256 * MiB;
/**
 * Largest single server-sent event (or unfinished line) of a stream, in characters (as
 * eventsource-parser counts what it holds). A whole stream is bounded by the JSON limit.
 */
export const MAX_SSE_EVENT_CHARS = 8 * MiB;
/** Deepest JSON read or sent (xAI's own parser stops at 128 levels, serde_json's limit). */
export const MAX_JSON_DEPTH = 128;
/** The most files List Files (Fetch All) or a picker gathers. */
export const MAX_LISTED_FILES = 10_000;
/** Choices and tool calls one streamed chat answer may hold: each costs memory beyond its bytes. */
export const MAX_STREAM_PARTS = 100_000;
/** How much of a failed response's streamed body is read to describe it, and for how long. */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;
export const ERROR_BODY_TIMEOUT_MS = 5000;
/** A stream or download fails when no byte arrives for this long. */
export const IDLE_TIMEOUT_MS = 2 * MINUTE;
/** A stream fails when no event arrives for this long: keep-alive comments alone do not count. */
export const EVENT_IDLE_TIMEOUT_MS = 10 * MINUTE;

/** Deadlines for a whole call, retries and polling included. */
export const GENERATION_DEADLINE_MS = 10 * MINUTE;
export const MODEL_CALL_DEADLINE_MS = 30_000;
export const RAW_REQUEST_DEADLINE_MS = 10 * MINUTE;
export const VIDEO_DEADLINE_MS = 15 * MINUTE;

/** Retries of transient failures (429, 5xx, network) and the longest server-asked wait honoured. */
export const MAX_RETRIES = 3;
export const MAX_RETRY_AFTER_MS = MINUTE;

/** Run Agent: flow calls one answer may ask for, and how long one flow call may take (Prismatic ends
 * a synchronous cross-flow invocation after 30 s; the margin covers the webhook's own latency). */
export const MAX_FLOW_CALLS_PER_TURN = 20;
export const FLOW_CALL_TIMEOUT_MS = 60_000;
/**
 * Run Agent: the largest answer read from one flow. 1 MiB of JSON is about 250,000 tokens, already
 * a whole context window of most Grok models, so a larger answer could not be used anyway; and
 * with 20 calls at once the flows' answers in memory stay near 20 MiB.
 */
export const MAX_FLOW_RESULT_BYTES = 1 * MiB;
/**
 * Run Agent: the flow answers kept in one run, together (they are all in the step's `steps`).
 * About 2 million tokens, the largest Grok context window; without it 50 turns of 20 calls could
 * keep 1,000 MiB. An answer past it is not kept, and Grok is told so.
 */
export const MAX_FLOW_RESULTS_PER_RUN_BYTES = 8 * MiB;
