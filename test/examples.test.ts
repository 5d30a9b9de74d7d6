import component from "../src/index";
import { harness, testConnection, useLocalXai } from "./support/harness";

useLocalXai();
const connection = testConnection();
const hello = '[{"role": "user", "content": "Hello"}]';

/** The keys of a value, recursively (arrays by their first element); leaves by JSON type. */
const shapeOf = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.length ? [shapeOf(value[0])] : [];
  if (value === null) return "null";
  if (typeof value !== "object") return typeof value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, shapeOf((value as Record<string, unknown>)[key])]),
  );
};

const ACTION_CALLS: Record<string, Record<string, unknown>> = {
  createChatCompletion: { model: "grok-4.3", messages: hello },
  createMessage: { messages: hello },
  generateImage: { prompt: "A lighthouse" },
  getModel: { modelId: "grok-4.3" },
  listModels: {},
  rawRequest: { url: "/models", method: "GET" },
};

describe("example payloads", () => {
  it("cover every action", () => {
    expect(Object.keys(ACTION_CALLS).sort()).toEqual(Object.keys(component.actions).sort());
  });

  it.each(Object.entries(ACTION_CALLS))(
    "%s's example has the shape the action returns",
    async (key, params) => {
      const result = await harness.action(key, { connection, ...params });
      expect(shapeOf(component.actions[key].examplePayload)).toEqual(shapeOf(result));
    },
  );

  it.each(Object.keys(component.dataSources))(
    "%s's example has the shape the picker returns",
    async (key) => {
      const result = await harness.dataSource(key, { connection });
      expect(shapeOf(component.dataSources[key].examplePayload)).toEqual(shapeOf(result));
    },
  );
});
