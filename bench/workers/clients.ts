import { createConnection, createHarness } from "@prismatic-io/spectral/dist/testing";
import OpenAI from "openai";
import { silentLogger } from "./contexts";

/** The API key every client sends; the local server accepts any bearer token. */
export const BENCH_TOKEN = "bench-token";

type BuiltComponent = Parameters<typeof createHarness>[0];
type ActionContext = Parameters<BuiltComponent["actions"][string]["perform"]>[0];
type Params = Record<string, unknown>;

/**
 * The built bundle (dist/index.js). `action` runs through Spectral's test harness, the way the
 * brief asks (defaults, input cleaning, the error hook). `perform` calls the bundle's own perform
 * with the same defaults and a context (by default one reused context holding a silent logger),
 * leaving out the harness's per-call mock logger (jest-mock spies), which Prismatic's runtime does
 * not create. XAI_BASE_URL is read per call.
 */
export const loadComponent = (bundlePath: string, baseUrl: string) => {
  process.env.XAI_BASE_URL = baseUrl;
  const component = (require(bundlePath) as { default: BuiltComponent }).default;
  const harness = createHarness(component);
  const connection = createConnection({ key: "xaiGrokConnection" } as never, {
    token: BENCH_TOKEN,
  });
  const defaultContext: Params = { logger: silentLogger };
  const withDefaults = (key: string, params: Params): Params => {
    const defaults = component.actions[key].inputs.map((input) => [
      input.key,
      `${input.default ?? ""}`,
    ]);
    return { ...Object.fromEntries(defaults), connection, ...params };
  };
  return {
    action: (key: string, params: Params) => harness.action(key, { connection, ...params }),
    perform: (key: string, params: Params, context: Params = defaultContext) =>
      component.actions[key].perform(context as ActionContext, withDefaults(key, params)),
  };
};

export const openAiClient = (baseUrl: string): OpenAI =>
  new OpenAI({ apiKey: BENCH_TOKEN, baseURL: baseUrl });

/** Headers the component sends, so baselines ask for exactly the same thing. */
export const JSON_HEADERS = {
  Authorization: `Bearer ${BENCH_TOKEN}`,
  "Content-Type": "application/json",
  Accept: "application/json",
};
