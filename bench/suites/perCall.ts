import { runWorker } from "../children";
import { formatMs, type Row } from "../report";
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
  warmupRounds: number;
  rounds: number;
}

export const perCallRows = async (options: PerCallOptions): Promise<Row[]> => {
  const { processes, ...input } = options;
  const results: PerCallResult[] = [];
  for (let index = 0; index < processes; index++) {
    results.push(await runWorker<PerCallInput, PerCallResult>("perCallWorker.ts", input));
  }
  const ms = (client: PerCallClient) => median(results.map((result) => result[client].medianMs));
  const calls = results.reduce((sum, result) => sum + result.component.calls, 0);
  const row = (
    measure: string,
    subject: PerCallClient,
    baseline: PerCallClient,
    limit?: number,
  ): Row => ({
    benchmark: 2,
    measure,
    measured: formatMs(ms(subject)),
    baseline: formatMs(ms(baseline)),
    ratio: ms(subject) / ms(baseline),
    goal: limit === undefined ? undefined : { limit },
  });
  return [
    // The goal is on the bundle's own perform, as Prismatic calls it.
    row(
      `Chat call, bundle perform vs axios (${calls} calls each)`,
      "componentPerform",
      "axios",
      1.2,
    ),
    row("Chat call, bundle perform vs openai SDK", "componentPerform", "openai", 0.8),
    row("Chat call, bundle perform vs http.request (floor)", "componentPerform", "http"),
    // Spectral's test harness adds a jest-mock logger per call, which Prismatic's runtime does not.
    row("Chat call via Spectral's test harness vs axios", "component", "axios"),
    row("axios vs http.request", "axios", "http"),
    row("openai SDK vs http.request", "openai", "http"),
  ];
};
