import { bundleHarness } from "../support/bundle";

/** The Responses actions as they ship: the built bundle, through Spectral's harness. */
export const responses = bundleHarness();

export const MODEL = "grok-4.3";

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON paths of xAI's answers
export type Loose = any;

/** Runs an action and returns its `data`. */
export const run = async (key: string, params: Record<string, unknown>): Promise<Loose> =>
  ((await responses.action(key, params)) as { data: Loose }).data;
