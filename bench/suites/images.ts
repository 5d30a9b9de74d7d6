import { runWorker } from "../children";
import { formatBytes, formatMs, type Row } from "../report";
import type { ImageClient, ImageInput, ImageResult } from "../workers/imageWorker";
import type { Figures } from "../workers/measureRun";
import { medianFigure, repeatRuns } from "./repeatRuns";

/**
 * Benchmark 4: Generate Image with large base64 images vs a plain axios call. The component no
 * longer parses large answers itself (a streaming parser saved about 8 % of JS heap for 333 lines,
 * see BENCHMARKS.md): it IS axios with `responseType: "json"` plus the 256 MiB media body limit, so
 * the goals ask it to cost no more than the plain axios call it is built on.
 */
export interface ImageOptions {
  bundle: string;
  baseUrl: string;
  n: number;
  b64Chars: number;
  runs: number;
}

const CLIENTS: ImageClient[] = ["component", "axios"];

export const imageRows = async (options: ImageOptions): Promise<Row[]> => {
  const { runs, ...common } = options;
  let responseBytes = 0;
  const figures = await repeatRuns(CLIENTS, runs, async (client, measurement) => {
    const input: ImageInput = { ...common, client, measurement };
    const result = await runWorker<ImageInput, ImageResult>("imageWorker.ts", input);
    responseBytes = result.responseBytes;
    return result;
  });
  const figure = (client: ImageClient, field: keyof Figures) =>
    medianFigure(figures.get(client), field);
  const label = `Generate Image, n=${options.n} x ${formatBytes(options.b64Chars)} b64_json`;
  const memoryName = (field: keyof Figures) =>
    field === "peakRssAddedBytes" ? "peak RSS added" : "peak JS memory added";
  const format = (field: keyof Figures) =>
    field === "ms" || field === "cpuMs" ? formatMs : formatBytes;
  const versusAxios = (measure: string, field: keyof Figures, goal?: Row["goal"]): Row => ({
    benchmark: 4,
    measure: `${label}: component (axios + 256 MiB limit) vs plain axios, ${measure}`,
    measured: format(field)(figure("component", field)),
    baseline: format(field)(figure("axios", field)),
    ratio: figure("component", field) / figure("axios", field),
    goal,
  });
  const perResponseByte = (client: ImageClient, field: keyof Figures): Row => ({
    benchmark: 4,
    measure: `${label}: ${client === "component" ? "component" : "plain axios"} ${memoryName(field)} / response size`,
    measured: formatBytes(figure(client, field)),
    baseline: formatBytes(responseBytes),
    ratio: figure(client, field) / responseBytes,
  });
  return [
    versusAxios(`time (${runs} runs each)`, "ms", { limit: 1.2 }),
    // RSS, not sampled JS memory: a 20 MiB answer swamps the allocators' slack (see BENCHMARKS.md).
    versusAxios("peak RSS added", "peakRssAddedBytes", { limit: 1.1 }),
    versusAxios("peak JS memory added", "peakJsAddedBytes"),
    versusAxios("client CPU time", "cpuMs"),
    perResponseByte("component", "peakRssAddedBytes"),
    perResponseByte("axios", "peakRssAddedBytes"),
  ];
};
