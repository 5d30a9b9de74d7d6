import type { ConnectionValue } from "@prismatic-io/spectral/dist/serverTypes";
import { createConnection, createHarness } from "@prismatic-io/spectral/dist/testing";
import { xaiGrokConnection } from "../../src/connection";
import component from "../../src/index";
import { startXaiServer, type XaiServer } from "../server/xaiServer";

/** A token shaped nothing like a real key; tests assert it never leaks. */
export const TEST_TOKEN = "test-token-9f8e7d6c5b4a";

export const testConnection = (token = TEST_TOKEN): ConnectionValue =>
  createConnection(xaiGrokConnection, { token });

/** Spectral's harness: input cleaning, defaults and the error hook run as in Prismatic. */
export const harness = createHarness(component);

export interface LocalXai {
  server: XaiServer;
}

/**
 * Starts the local xAI server for a test file and points the component at it through
 * XAI_BASE_URL (read at call time). Each test starts with no recorded requests.
 */
export const useLocalXai = (): LocalXai => {
  const local = {} as LocalXai;
  const previous = process.env.XAI_BASE_URL;
  beforeAll(async () => {
    local.server = await startXaiServer();
    process.env.XAI_BASE_URL = local.server.baseUrl;
  });
  beforeEach(() => local.server.reset());
  afterAll(async () => {
    if (previous === undefined) delete process.env.XAI_BASE_URL;
    else process.env.XAI_BASE_URL = previous;
    await local.server?.close();
  });
  return local;
};

/** Every own property, recursively, so a test can search a thrown error for a secret. */
export const serializeWhole = (value: unknown, seen = new WeakSet<object>()): unknown => {
  if (typeof value !== "object" || value === null) return value;
  if (seen.has(value)) return "[cycle]";
  seen.add(value);
  const names = Object.getOwnPropertyNames(value);
  return Object.fromEntries(
    names.map((name) => [name, serializeWhole(Reflect.get(value, name), seen)]),
  );
};

/** A logger that keeps every line, so tests can read what was logged (and what was not). */
export const capturingLogger = () => {
  const lines: string[] = [];
  const log = (...args: unknown[]) => {
    lines.push(args.map((arg) => (typeof arg === "string" ? arg : JSON.stringify(arg))).join(" "));
  };
  return {
    lines,
    logger: { metric: log, trace: log, debug: log, info: log, log, warn: log, error: log },
  };
};
