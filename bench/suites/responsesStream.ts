import { type StreamOptions, streamRows } from "./streams";

/**
 * Benchmark 5: streamed Responses API answers (`POST /responses`, one text delta per word)
 * assembled by Create Response vs the openai SDK's `responses.stream().finalResponse()`.
 * Goals (issue 12): at most 0.5x the SDK's time, at most 1x its peak memory, and linear:
 * the largest stream takes at most 2.2x the time of one half its size.
 */
export const responseStreamRows = (options: StreamOptions) =>
  streamRows(options, {
    benchmark: 5,
    worker: "responseStreamWorker.ts",
    label: "Responses stream",
    unit: "deltas",
    timeLimit: 0.5,
  });
