import { createConnection } from "@prismatic-io/spectral/dist/testing";
import { xaiGrokConnection } from "../../src/connection";
import type { XaiServer } from "../server/xaiServer";
import { bundleHarness } from "../support/bundle";
import { useLocalXai } from "../support/harness";

/** The media actions as they ship: the built bundle, through Spectral's harness. */
export const harness = bundleHarness();

/** A token shaped nothing like a real key; tests assert it never reaches the media host. */
export const MEDIA_TOKEN = "test-token-media-7c6b5a49";
export const connection = createConnection(xaiGrokConnection, { token: MEDIA_TOKEN });

/** The local xAI server (and its media host) for one test file: the shared harness helper. */
export const useLocalServer = useLocalXai;

/** Runs an action and returns what it threw (failing the test when it did not throw). */
export async function failureOf(
  key: string,
  params: Record<string, unknown>,
): Promise<Error & Record<string, unknown>> {
  try {
    await harness.action(key, { connection, ...params });
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error(`${key} did not fail`);
}

/** The API key never reached the media host. */
export function expectNoKeyAtMediaHost(server: XaiServer): void {
  expect(server.media.requests.length).toBeGreaterThan(0);
  for (const request of server.media.requests) {
    expect(request.headers.authorization).toBeUndefined();
    expect(JSON.stringify(request.headers)).not.toContain(MEDIA_TOKEN);
  }
}

/** A prompt's JSON body as the API server received it. */
export const bodyOf = (server: XaiServer, path: string): Record<string, unknown> => {
  const request = server.requests.find((r) => r.path === `/v1${path}`);
  if (!request) throw new Error(`no request to ${path}`);
  return JSON.parse(request.rawBody) as Record<string, unknown>;
};

/** An action result's `data` (failing the test when the step returned nothing). */
export function dataOf(result: { data?: unknown } | undefined): unknown {
  if (result === undefined) throw new Error("the step returned nothing");
  return result.data;
}
