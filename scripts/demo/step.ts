/** The demo's step runner: one line per action (✔/✘, label, ms, what it returned). */

// biome-ignore lint/suspicious/noExplicitAny: the demo reads xAI's JSON loosely to print it
export type Json = any;

/** One line about what a step returned; `result` is the whole step result (data, contentType, branch). */
export type Summary = (data: Json, result: Json) => string;

export const excerpt = (text: unknown, length = 100): string => {
  const flat = String(text ?? "").replace(/\s+/g, " ");
  return JSON.stringify(flat.length > length ? `${flat.slice(0, length)}…` : flat);
};

export const size = (bytes: number): string =>
  bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;

/** A returned Prismatic file `{ data: Buffer, contentType }`, in words. */
export const fileSummary: Summary = (data, result) =>
  Buffer.isBuffer(data)
    ? `a ${size(data.length)} file (${result.contentType})`
    : `${data.files.length} files: ${data.files.map((file: Json) => `${size(file.data.length)} ${file.contentType}`).join(", ")}`;

export interface StepOptions {
  /** A failure that is the documented outcome (printed with ✔, not counted as a failure). */
  expected?: (error: Error) => boolean;
}

/** The keys of the actions run so far, so the demo can tell which ones it missed. */
export const ran = new Set<string>();

/** Runs one action; returns its result, or undefined when it failed. */
export const step = async (
  label: string,
  action: string,
  run: () => Promise<unknown>,
  summary: Summary,
  options: StepOptions = {},
): Promise<Json> => {
  ran.add(action);
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  try {
    const result = (await run()) as Json;
    console.log(`✔ ${label} (${ms()} ms) — ${summary(result.data, result)}`);
    return result;
  } catch (error) {
    const { message } = error as Error;
    const line = message.replace(/\s+/g, " ");
    if (options.expected?.(error as Error)) {
      console.log(`✔ ${label} (${ms()} ms) — expected: ${line}`);
      return undefined;
    }
    console.log(`✘ ${label} (${ms()} ms) — ${line}`);
    process.exitCode = 1;
    return undefined;
  }
};
