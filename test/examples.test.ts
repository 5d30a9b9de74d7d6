import component from "../src/index";
import { messageAnswer } from "./server/xaiServer";
import { harness, testConnection, useLocalXai } from "./support/harness";
import { shapeOf } from "./support/shape";

const local = useLocalXai();
const connection = testConnection();
const hello = '[{"role": "user", "content": "Hello"}]';

type Params = Record<string, unknown>;
const run = async (key: string, params: Params) =>
  (await harness.action(key, { connection, ...params })) as { data: Record<string, unknown> };
/** A stored response's id, a video job's id and an uploaded file's id, for the steps that read them. */
const responseId = async () =>
  (await run("createResponse", { model: "grok-4.3", input: "Hi" })).data.id;
const requestId = async () =>
  (await run("generateVideo", { prompt: "A boat POLLS=0", waitForCompletion: false })).data
    .request_id;
const fileId = async () =>
  (
    await run("uploadFile", {
      file: { data: Buffer.from("a,b\n"), contentType: "text/csv" },
      fileName: "a.csv",
    })
  ).data.id;

/** How to call each action against the local server (a function when it needs something first). */
const ACTION_CALLS: Record<string, Params | (() => Promise<Params>)> = {
  createChatCompletion: { model: "grok-4.3", messages: hello },
  createMessage: { messages: hello },
  generateImage: { prompt: "A lighthouse" },
  getModel: { modelId: "grok-4.3" },
  listModels: {},
  rawRequest: { url: "/models", method: "GET" },
  createResponse: { model: "grok-4.3", input: "Hello" },
  getResponse: async () => ({ responseId: await responseId() }),
  deleteResponse: async () => ({ responseId: await responseId() }),
  editImage: { prompt: "A hat", image: "https://example.com/cat.png" },
  generateVideo: { prompt: "A boat POLLS=0" },
  editVideo: { prompt: "Rain POLLS=0", video: "https://example.com/clip.mp4" },
  extendVideo: { prompt: "More POLLS=0", video: "https://example.com/clip.mp4" },
  getVideo: async () => ({ requestId: await requestId() }),
  uploadFile: {
    file: { data: Buffer.from("a,b\n1,2\n"), contentType: "text/csv" },
    fileName: "a.csv",
  },
  listFiles: async () => ({ after: undefined, limit: (await fileId()) ? "10" : undefined }),
  getFile: async () => ({ fileId: await fileId() }),
  downloadFile: async () => ({ fileId: await fileId() }),
  deleteFile: async () => ({ fileId: await fileId() }),
  askGrok: { prompt: "Who is Ada Lovelace?", webSearch: true },
  extractData: {
    text: "Ada, ada@example.com, 42.5",
    schema:
      '{"type": "object", "properties": {"name": {"type": "string"}, "email": {"type": "string"}, "total": {"type": "number"}}}',
  },
  classifyText: { text: "A billing question", categories: ["Billing", "Sales"] },
  createEmbeddings: { input: "Hello", model: "grok-embedding-small" },
  tokenizeText: { text: "Hello world!" },
  getApiKeyInfo: {},
};
/** Run Agent's example needs flows and their webhooks: test/agent/runAgent.test.ts checks it. */
const CHECKED_ELSEWHERE = ["runAgent"];

describe("example payloads", () => {
  it("cover every action", () => {
    const covered = [...Object.keys(ACTION_CALLS), ...CHECKED_ELSEWHERE];
    expect(covered.sort()).toEqual(Object.keys(component.actions).sort());
  });

  it.each(Object.entries(ACTION_CALLS))(
    "%s's example has the shape the action returns",
    async (key, params) => {
      // xAI removed /v1/messages (410); the example shows what it answered when it still did.
      if (key === "createMessage") {
        local.server.script({ path: "/v1/messages", body: messageAnswer({ messages: [] }) });
      }
      const values = typeof params === "function" ? await params() : params;
      const result = await harness.action(key, { connection, ...values });
      expect(shapeOf(component.actions[key].examplePayload)).toEqual(shapeOf(result));
    },
  );

  it.each(Object.keys(component.dataSources))(
    "%s's example has the shape the picker returns",
    async (key) => {
      if (key === "selectFile") {
        await harness.action("uploadFile", {
          connection,
          file: { data: Buffer.from("a,b\n1,2\n"), contentType: "text/csv" },
          fileName: "data.csv",
        });
      }
      const result = await harness.dataSource(key, { connection });
      expect(shapeOf(component.dataSources[key].examplePayload)).toEqual(shapeOf(result));
    },
  );
});
