import { runWorker } from "../children";
import { formatBytes, formatMs, type Row } from "../report";
import type { Figures } from "../workers/measureRun";
import type { StreamClient } from "../workers/streamWorker";
import { medianFigure, repeatRuns } from "./repeatRuns";

/** Benchmarks 3 and 5: streamed answers assembled by the component vs the openai SDK. */
export interface StreamOptions {
  bundle: string;
  baseUrl: string;
  /** Chunk counts, smallest first (the scaling row compares the last with the first). */
  sizes: number[];
  runs: number;
  warmupWords: number;
}

interface StreamCase {
  client: StreamClient;
  words: number;
}

const CLIENTS: StreamClient[] = ["component", "openai"];

/** What differs between the chat and the Responses stream suites. */
export interface StreamSuite {
  benchmark: number;
  /** The worker file in bench/workers/ that runs one case. */
  worker: string;
  /** "Stream" / "Responses stream", and what one event carries: "chunks" / "deltas". */
  label: string;
  unit: string;
  /** Time goal against the SDK. */
  timeLimit: number;
}

const CHAT_STREAMS: StreamSuite = {
  benchmark: 3,
  worker: "streamWorker.ts",
  label: "Stream",
  unit: "chunks",
  timeLimit: 1,
};

export const streamRows = async (
  options: StreamOptions,
  suite: StreamSuite = CHAT_STREAMS,
): Promise<Row[]> => {
  const { bundle, baseUrl, sizes, runs, warmupWords } = options;
  const { benchmark, label, unit } = suite;
  const cases = sizes.flatMap((words) => CLIENTS.map((client): StreamCase => ({ client, words })));
  const figures = await repeatRuns(cases, runs, ({ client, words }, measurement) =>
    runWorker<Record<string, unknown>, Figures>(suite.worker, {
      bundle,
      baseUrl,
      client,
      words,
      warmupWords,
      measurement,
    }),
  );
  const figure = (client: StreamClient, words: number, field: keyof Figures) =>
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
      benchmark,
      measure: `${label} ${words.toLocaleString("en-US")} ${unit}: ${measure}`,
      measured: format(component),
      baseline: format(openai),
      ratio: component / openai,
      goal,
    };
  };
  const rows = sizes.flatMap((words) => [
    versusOpenAi(words, `time vs openai SDK (${runs} runs each)`, "ms", { limit: suite.timeLimit }),
    versusOpenAi(words, "peak JS memory added vs openai SDK", "peakJsAddedBytes", { limit: 1 }),
    versusOpenAi(words, "peak RSS added vs openai SDK", "peakRssAddedBytes"),
    versusOpenAi(words, "client CPU time vs openai SDK", "cpuMs"),
  ]);
  const smallest = sizes[0];
  const largest = sizes[sizes.length - 1];
  const scaling = (client: StreamClient, goal?: Row["goal"]): Row => {
    const small = figure(client, smallest, "ms");
    const large = figure(client, largest, "ms");
    return {
      benchmark,
      measure: `${client === "component" ? "Component" : "openai SDK"} ${label.toLowerCase()} time, ${largest / 1000}k / ${smallest / 1000}k ${unit}`,
      measured: formatMs(large),
      baseline: formatMs(small),
      ratio: large / small,
      goal,
    };
  };
  return [...rows, scaling("component", { limit: 2.2 }), scaling("openai")];
};
