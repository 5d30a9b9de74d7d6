import { loadComponent, openAiClient } from "./clients";
import { type Figures, type Measurement, measureRun } from "./measureRun";
import { readInput, runWorkerMain } from "./workerIo";

/**
 * Benchmark: one measurement per process of a streamed Responses API answer of `words` text
 * deltas (the local server answers "long:<N>" with N words, one `response.output_text.delta`
 * each), assembled by the component's Create Response or by the openai SDK's
 * `responses.stream()` + `finalResponse()`.
 */

export type ResponseStreamClient = "component" | "openai";

export interface ResponseStreamInput {
  bundle: string;
  baseUrl: string;
  client: ResponseStreamClient;
  words: number;
  /** A smaller stream first, so both clients are measured with warm code. */
  warmupWords: number;
  measurement: Measurement;
}

const MODEL = "grok-4.3";

interface AssembledResponse {
  output: unknown[];
}

/** Loads only the client being measured, so the other one's memory is not in the process. */
const assemblers = (bundle: string, baseUrl: string) =>
  ({
    component: () => {
      const component = loadComponent(bundle, baseUrl);
      return async (words: number) => {
        const result = await component.action("createResponse", {
          model: MODEL,
          input: `long:${words}`,
          stream: "true",
        });
        return result?.data as AssembledResponse;
      };
    },
    // The component sends store: true (its default); ask the SDK for the same stream.
    openai: () => {
      const openai = openAiClient(baseUrl);
      return (words: number) =>
        openai.responses
          .stream({ model: MODEL, input: `long:${words}`, store: true })
          .finalResponse();
    },
  }) satisfies Record<ResponseStreamClient, () => (words: number) => Promise<AssembledResponse>>;

/** The answer's text, read from its message item (the SDK's stream result has no output_text). */
const textOf = (answer: AssembledResponse): string => {
  const message = answer.output.find(
    (item): item is { type: "message"; content: { text?: string }[] } =>
      (item as { type?: unknown }).type === "message",
  );
  return message?.content[0]?.text ?? "";
};

const checkWords = (answer: AssembledResponse, words: number): void => {
  const count = textOf(answer).split(" ").length;
  if (count !== words) throw new Error(`expected ${words} words, got ${count}`);
};

const main = async (): Promise<Figures> => {
  const { bundle, baseUrl, client, words, warmupWords, measurement } =
    readInput<ResponseStreamInput>();
  const assemble = assemblers(bundle, baseUrl)[client]();
  checkWords(await assemble(warmupWords), warmupWords);
  const { result, figures } = await measureRun(measurement, () => assemble(words));
  checkWords(result, words);
  return figures;
};

runWorkerMain(main);
