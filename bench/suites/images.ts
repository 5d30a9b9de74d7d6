import { runWorker } from "../children";
import { formatBytes, formatMs, type Row } from "../report";
import type { ImageClient, ImageInput, ImageResult } from "../workers/imageWorker";
import type { Figures } from "../workers/measureRun";
import { medianFigure, repeatRuns } from "./repeatRuns";

/** Benchmark 4: Generate Image with large base64 images vs a plain axios call. */
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
  const label = `Images n=${options.n} x ${formatBytes(options.b64Chars)} b64_json`;
  const perResponseByte = (client: ImageClient, field: keyof Figures, goal?: Row["goal"]): Row => ({
    benchmark: 4,
    measure: `${label}: ${client} peak ${field === "peakRssAddedBytes" ? "RSS" : "JS memory"} added / response size`,
    measured: formatBytes(figure(client, field)),
    baseline: formatBytes(responseBytes),
    ratio: figure(client, field) / responseBytes,
    goal,
  });
  const versusAxios = (measure: string, field: keyof Figures, goal?: Row["goal"]): Row => ({
    benchmark: 4,
    measure: `${label}: ${measure}`,
    measured: formatMs(figure("component", field)),
    baseline: formatMs(figure("axios", field)),
    ratio: figure("component", field) / figure("axios", field),
    goal,
  });
  return [
    perResponseByte("component", "peakRssAddedBytes", { limit: 3 }),
    versusAxios(`time vs axios (${runs} runs each)`, "ms", { limit: 1.2 }),
    versusAxios("client CPU time vs axios", "cpuMs"),
    perResponseByte("axios", "peakRssAddedBytes"),
    perResponseByte("component", "peakJsAddedBytes"),
    perResponseByte("axios", "peakJsAddedBytes"),
  ];
};
