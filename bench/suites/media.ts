import { VIDEO_POLLING } from "../../src/actions/videos/videoJob";
import { pollUntil } from "../../src/http/poll";
import { runWorker } from "../children";
import { formatBytes, formatMs, type Row } from "../report";
import type { MediaInput, MediaResult } from "../workers/mediaWorker";
import { medianFigure, repeatRuns } from "./repeatRuns";

/**
 * Benchmark 5: Grok Imagine media.
 * - A 50 MiB video returned as a file (Get Video, Return File): peak memory added / file size.
 * - Polling overhead: requests sent (the start POST plus each GET) for a video that takes 60 s,
 *   counted on the component's own schedule (VIDEO_POLLING) with a clock that advances only when
 *   the poller sleeps, so it takes no real minute.
 */
export interface MediaOptions {
  bundle: string;
  baseUrl: string;
  videoBytes: number;
  runs: number;
  /** Length of the simulated video job. */
  jobMs: number;
}

const REQUEST_BUDGET = 12;

export async function requestsForJob(jobMs: number): Promise<number> {
  let now = 0;
  let checks = 0;
  await pollUntil({
    check: async () => {
      checks++;
      return now >= jobMs ? { done: true, value: undefined } : { done: false };
    },
    schedule: VIDEO_POLLING,
    what: "bench job",
    onDeadline: () => new Error("the simulated job passed the video deadline"),
    waitFirst: true,
    clock: {
      now: () => now,
      sleep: async (ms) => {
        now += ms;
      },
    },
  });
  return 1 + checks;
}

export const mediaRows = async (options: MediaOptions): Promise<Row[]> => {
  const { runs, jobMs, ...common } = options;
  let fileBytes = options.videoBytes;
  let source = "";
  const figures = await repeatRuns(["component"], runs, async (_client, measurement) => {
    const input: MediaInput = { ...common, measurement };
    const result = await runWorker<MediaInput, MediaResult>("mediaWorker.ts", input);
    fileBytes = result.fileBytes;
    source = result.source;
    return result;
  });
  const figure = (field: "peakRssAddedBytes" | "peakJsAddedBytes" | "ms") =>
    medianFigure(figures.get("component"), field);
  const label = `Video ${formatBytes(fileBytes)} returned as a file (Get Video${source === "src" ? ", from src/" : ""})`;
  const requests = await requestsForJob(jobMs);
  return [
    {
      benchmark: 5,
      measure: `${label}: peak RSS added / file size`,
      measured: formatBytes(figure("peakRssAddedBytes")),
      baseline: formatBytes(fileBytes),
      ratio: figure("peakRssAddedBytes") / fileBytes,
      goal: { limit: 1.5 },
    },
    {
      benchmark: 5,
      measure: `${label}: peak JS memory added / file size`,
      measured: formatBytes(figure("peakJsAddedBytes")),
      baseline: formatBytes(fileBytes),
      ratio: figure("peakJsAddedBytes") / fileBytes,
    },
    {
      benchmark: 5,
      measure: `${label}: time (${runs} runs)`,
      measured: formatMs(figure("ms")),
      baseline: "",
    },
    {
      benchmark: 5,
      measure: `Video polling: requests sent for a ${jobMs / 1000} s job / budget of ${REQUEST_BUDGET}`,
      measured: `${requests} requests`,
      baseline: `${REQUEST_BUDGET} requests`,
      ratio: requests / REQUEST_BUDGET,
      goal: { limit: 1 },
    },
  ];
};
