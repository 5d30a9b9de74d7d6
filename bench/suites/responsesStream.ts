import { runWorker } from "../children";
import { formatBytes, formatMs, type Row } from "../report";
import type { Figures } from "../workers/measureRun";
import type { ResponseStreamClient, ResponseStreamInput } from "../workers/responseStreamWorker";
import { medianFigure, repeatRuns } from "./repeatRuns";

/**
 * Benchmark 5: streamed Responses API answers (`POST /responses`, one text delta per word)
 * assembled by Create Response vs the openai SDK's `responses.stream().finalResponse()`.
 * Goals (issue 12): at most 0.5x the SDK's time, at most 1x its peak memory, and linear:
 * the largest stream takes at most 2.2x the time of one half its size.
 */
export interface ResponseStreamOptions {
  bundle: string;
  baseUrl: string;
  /** Delta counts, smallest first (the scaling row compares the last with the first). */
  sizes: number[];
  runs: number;
  warmupWords: number;
}

interface StreamCase {
  client: ResponseStreamClient;
  words: number;
}

const BENCHMARK = 5;
const CLIENTS: ResponseStreamClient[] = ["component", "openai"];

export const responseStreamRows = async (options: ResponseStreamOptions): Promise<Row[]> => {
  const { bundle, baseUrl, sizes, runs, warmupWords } = options;
  const cases = sizes.flatMap((words) => CLIENTS.map((client): StreamCase => ({ client, words })));
  const figures = await repeatRuns(cases, runs, ({ client, words }, measurement) =>
    runWorker<ResponseStreamInput, Figures>("responseStreamWorker.ts", {
      bundle,
      baseUrl,
      client,
      words,
      warmupWords,
      measurement,
    }),
  );
  const figure = (client: ResponseStreamClient, words: number, field: keyof Figures) =>
    medianFigure(
      figures.get(
        cases.find((entry) => entry.client === client && entry.words === words) as StreamCase,
      ),
      field,
    );
  const versusOpenAi = (
    words: number,
    measure: string,
    field: keyof Figures,
    goal?: Row["goal"],
  ): Row => {
    const format = field === "ms" || field === "cpuMs" ? formatMs : formatBytes;
    const component = figure("component", words, field);
    const openai = figure("openai", words, field);
    return {
      benchmark: BENCHMARK,
      measure: `Responses stream ${words.toLocaleString("en-US")} deltas: ${measure}`,
      measured: format(component),
      baseline: format(openai),
      ratio: component / openai,
      goal,
    };
  };
  const rows = sizes.flatMap((words) => [
    versusOpenAi(words, `time vs openai SDK (${runs} runs each)`, "ms", { limit: 0.5 }),
    versusOpenAi(words, "peak JS memory added vs openai SDK", "peakJsAddedBytes", { limit: 1 }),
    versusOpenAi(words, "peak RSS added vs openai SDK", "peakRssAddedBytes"),
    versusOpenAi(words, "client CPU time vs openai SDK", "cpuMs"),
  ]);
  const smallest = sizes[0];
  const largest = sizes[sizes.length - 1];
  const scaling = (client: ResponseStreamClient, goal?: Row["goal"]): Row => {
    const small = figure(client, smallest, "ms");
    const large = figure(client, largest, "ms");
    return {
      benchmark: BENCHMARK,
      measure: `${client === "component" ? "Component" : "openai SDK"} Responses stream time, ${largest / 1000}k / ${smallest / 1000}k deltas`,
      measured: formatMs(large),
      baseline: formatMs(small),
      ratio: large / small,
      goal,
    };
  };
  return [...rows, scaling("component", { limit: 2.2 }), scaling("openai")];
};
