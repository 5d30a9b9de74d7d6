import { runWorker } from "../children";
import { formatUs, type Row } from "../report";
import { median } from "../stats";
import type { PerCallClient, PerCallInput, PerCallResult } from "../workers/perCallWorker";

/**
 * Benchmark 2: latency of one small non-streamed chat completion. Each worker process
 * interleaves every client; the figure per client is the median over processes of each
 * process's median.
 */
export interface PerCallOptions {
  bundle: string;
  baseUrl: string;
  processes: number;
  /** Warm-up calls per client and process before any is timed (the team's standard asks ≥ 3,000). */
  warmupRounds: number;
  rounds: number;
  executionStateEntries: number;
}

const count = (value: number) => value.toLocaleString("en-US");

export const perCallRows = async (options: PerCallOptions): Promise<Row[]> => {
  const { processes, ...input } = options;
  const results: PerCallResult[] = [];
  for (let index = 0; index < processes; index++) {
    results.push(await runWorker<PerCallInput, PerCallResult>("perCallWorker.ts", input));
  }
  const ms = (client: PerCallClient) => median(results.map((result) => result[client].medianMs));
  const row = (
    measure: string,
    subject: PerCallClient,
    baseline: PerCallClient,
    limit?: number,
  ): Row => ({
    benchmark: 2,
    measure,
    measured: formatUs(ms(subject)),
    baseline: formatUs(ms(baseline)),
    ratio: ms(subject) / ms(baseline),
    goal: limit === undefined ? undefined : { limit },
  });
  const cyclic = results.map((result) => result.cyclicContext);
  const cyclicFailure = cyclic.find((result) => result.error !== undefined)?.error;
  const warmup = `${processes} process${processes === 1 ? "" : "es"} x ${count(options.warmupRounds)} warm-up + ${count(options.rounds)} timed calls per client`;
  return [
    // The goals are on the bundle's own perform, as Prismatic calls it.
    row(`Chat call, bundle perform vs axios (${warmup})`, "componentPerform", "axios", 1.2),
    row("Chat call, bundle perform vs openai SDK", "componentPerform", "openai", 0.8),
    row("Chat call, bundle perform vs http.request (floor)", "componentPerform", "http"),
    row(
      `Chat call, bundle perform: Prismatic-like context with a ${count(options.executionStateEntries)}-entry executionState vs an empty context`,
      "componentPerformLargeContext",
      "componentPerform",
      1.1,
    ),
    {
      benchmark: 2,
      measure: `Chat call, bundle perform with a cyclic context (one call per process, ${processes} in all)`,
      measured:
        cyclicFailure ??
        `answered (${cyclic.map((result) => formatUs(result.ms ?? 0)).join(", ")})`,
      baseline: "",
      check: { goal: "answers", passed: cyclicFailure === undefined },
    },
    // Spectral's test harness adds a jest-mock logger per call, which Prismatic's runtime does not.
    row("Chat call via Spectral's test harness vs axios", "component", "axios"),
    row("axios vs http.request", "axios", "http"),
    row("openai SDK vs http.request", "openai", "http"),
  ];
};
