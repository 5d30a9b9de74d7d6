import { loadComponent, openAiClient } from "./clients";
import { type Figures, type Measurement, measureRun } from "./measureRun";
import { readInput, runWorkerMain } from "./workerIo";

/**
 * Benchmark 3, one measurement per process: assemble a streamed chat answer of `words` chunks
 * (the local server streams "long:<N>" one word per chunk) with the component or with the
 * openai SDK's `chat.completions.stream()` + `finalChatCompletion()`.
 */

export type StreamClient = "component" | "openai";

export interface StreamInput {
  bundle: string;
  baseUrl: string;
  client: StreamClient;
  words: number;
  /** A smaller stream first, so both clients are measured with warm code. */
  warmupWords: number;
  measurement: Measurement;
}

const MODEL = "grok-4.3";
const messagesFor = (words: number) => [{ role: "user" as const, content: `long:${words}` }];

interface AssembledAnswer {
  choices: { message: { content?: string | null } }[];
}

/** Loads only the client being measured, so the other one's memory is not in the process. */
const assemblers = (bundle: string, baseUrl: string) =>
  ({
    component: () => {
      const component = loadComponent(bundle, baseUrl);
      return async (words: number) => {
        const result = await component.action("createChatCompletion", {
          model: MODEL,
          messages: JSON.stringify(messagesFor(words)),
          stream: "true",
        });
        return result?.data as AssembledAnswer;
      };
    },
    // The component asks for usage on streams; ask the SDK for the same stream.
    openai: () => {
      const openai = openAiClient(baseUrl);
      return (words: number) =>
        openai.chat.completions
          .stream({
            model: MODEL,
            messages: messagesFor(words),
            temperature: 1,
            top_p: 1,
            stream_options: { include_usage: true },
          })
          .finalChatCompletion();
    },
  }) satisfies Record<StreamClient, () => (words: number) => Promise<AssembledAnswer>>;

const checkWords = (answer: AssembledAnswer, words: number): void => {
  const content = answer.choices[0]?.message.content ?? "";
  const count = content.split(" ").length;
  if (count !== words) throw new Error(`expected ${words} words, got ${count}`);
};

const main = async (): Promise<Figures> => {
  const { bundle, baseUrl, client, words, warmupWords, measurement } = readInput<StreamInput>();
  const assemble = assemblers(bundle, baseUrl)[client]();
  checkWords(await assemble(warmupWords), warmupWords);
  const { result, figures } = await measureRun(measurement, () => assemble(words));
  checkWords(result, words);
  return figures;
};

runWorkerMain(main);
