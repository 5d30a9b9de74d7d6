import { builtComponent } from "./support/bundle";
import { type SpecSection, specSections } from "./support/specTables";

/** The contract existing integrations rely on: keys, in order, from the built bundle. */
const ACTION_INPUT_KEYS: Record<string, string[]> = {
  createChatCompletion: [
    "connection",
    "model",
    "messages",
    "temperature",
    "topP",
    "stream",
    "additionalFields",
  ],
  createMessage: ["connection", "messages", "model", "maxTokens", "additionalFields"],
  generateImage: ["connection", "prompt", "model", "n", "additionalFields", "returnFile"],
  getModel: ["connection", "modelId"],
  listModels: ["connection"],
  rawRequest: [
    "connection",
    "url",
    "method",
    "data",
    "formData",
    "fileData",
    "fileDataFileNames",
    "queryParams",
    "headers",
    "responseType",
    "timeout",
    "retryDelayMS",
    "retryAllErrors",
    "maxRetries",
    "useExponentialBackoff",
  ],
  // Added by this component; keys from the issues that added them.
  createResponse: [
    "connection",
    "model",
    "input",
    "instructions",
    "previousResponseId",
    "webSearch",
    "webSearchAllowedDomains",
    "webSearchExcludedDomains",
    "xSearch",
    "xSearchAllowedHandles",
    "xSearchExcludedHandles",
    "xSearchFromDate",
    "xSearchToDate",
    "codeExecution",
    "collectionIds",
    "mcpServers",
    "functionTools",
    "jsonSchema",
    "reasoningEffort",
    "maxOutputTokens",
    "temperature",
    "topP",
    "store",
    "stream",
    "background",
    "additionalFields",
  ],
  getResponse: ["connection", "responseId", "waitForCompletion"],
  deleteResponse: ["connection", "responseId"],
  editImage: ["connection", "prompt", "image", "model", "n", "returnFile", "additionalFields"],
  generateVideo: [
    "connection",
    "prompt",
    "model",
    "image",
    "duration",
    "aspectRatio",
    "resolution",
    "waitForCompletion",
    "returnFile",
    "additionalFields",
  ],
  editVideo: [
    "connection",
    "prompt",
    "video",
    "model",
    "waitForCompletion",
    "returnFile",
    "additionalFields",
  ],
  extendVideo: [
    "connection",
    "prompt",
    "video",
    "duration",
    "model",
    "waitForCompletion",
    "returnFile",
    "additionalFields",
  ],
  getVideo: ["connection", "requestId", "waitForCompletion", "returnFile"],
  uploadFile: ["connection", "file", "fileName", "purpose"],
  listFiles: ["connection", "fetchAll", "limit", "after"],
  getFile: ["connection", "fileId"],
  downloadFile: ["connection", "fileId"],
  deleteFile: ["connection", "fileId"],
  askGrok: ["connection", "prompt", "instructions", "model", "images", "webSearch", "xSearch"],
  extractData: ["connection", "text", "schema", "instructions", "model"],
  classifyText: ["connection", "text", "categories", "instructions", "model"],
  createEmbeddings: ["connection", "input", "model", "dimensions"],
  tokenizeText: ["connection", "text", "model"],
  getApiKeyInfo: ["connection"],
  runAgent: [
    "connection",
    "model",
    "prompt",
    "instructions",
    "flows",
    "flowDescriptions",
    "webSearch",
    "xSearch",
    "codeExecution",
    "jsonSchema",
    "maxTurns",
    "additionalFields",
  ],
};

/** Inputs this component appends after the spec's own (the spec's rows stay first, in order). */
const APPENDED_INPUTS: Record<string, string[]> = { "Generate Image": ["Return File"] };

interface BuiltInput {
  key: string;
  label: string | { value: string };
  comments?: string;
  default?: unknown;
  dataSource?: string;
}
interface BuiltAction {
  key: string;
  display: { label: string; description: string };
  inputs: BuiltInput[];
}
interface BuiltComponent {
  key: string;
  display: { label: string; description: string; iconPath: string; category: string };
  connections: { key: string; label: string; comments: string; inputs: BuiltInput[] }[];
  actions: Record<string, BuiltAction>;
  dataSources: Record<string, unknown>;
  hooks?: unknown;
}

let built: BuiltComponent;

beforeAll(() => {
  built = builtComponent() as unknown as BuiltComponent;
});

const labelOf = (input: BuiltInput): string =>
  typeof input.label === "string" ? input.label : input.label.value;

const asSpecRows = (inputs: BuiltInput[]) =>
  inputs.map((input) => ({
    input: labelOf(input),
    comments: input.comments ?? "",
    default: input.default === undefined ? "" : String(input.default),
  }));

describe("the built bundle (dist/index.js)", () => {
  it("is the xai-grok component with the spec's display", () => {
    expect(built.key).toBe("xai-grok");
    expect(built.display).toMatchObject({
      label: "xAI Grok",
      description:
        "xAI Grok is an AI-powered component that provides advanced chat and image generation capabilities.",
      iconPath: "icon.png",
      category: "Application Connectors",
    });
    // The original's six actions, then the ones later issues added.
    expect(Object.keys(built.actions)).toEqual(Object.keys(ACTION_INPUT_KEYS));
    expect(Object.keys(built.dataSources)).toEqual(
      expect.arrayContaining(["selectModel", "selectLanguageModel", "selectImageModel"]),
    );
    // The original's picker, as its source (prismatic-io/components, xai-grok) displays it.
    expect((built.dataSources.selectModel as { display: unknown }).display).toEqual({
      label: "Select Model",
      description: "Select a model from the list of models",
    });
  });

  it("has the xaiGrokConnection with one password input, token", () => {
    expect(built.connections).toHaveLength(1);
    const [connection] = built.connections;
    expect(connection.key).toBe("xaiGrokConnection");
    expect(connection.label).toBe("xAI Grok");
    expect(connection.comments).toBe("Connection to xAI Grok API using API key authentication");
    expect(connection.inputs).toEqual([
      expect.objectContaining({
        key: "token",
        type: "password",
        label: "API Key",
        comments: "Your xAI Grok API key.",
        required: true,
      }),
    ]);
  });

  it.each(Object.entries(ACTION_INPUT_KEYS))(
    "%s has exactly the contract's input keys, in order",
    (key, inputKeys) => {
      expect(built.actions[key].inputs.map((input) => input.key)).toEqual(inputKeys);
    },
  );

  it("matches every action of the spec: label, description, and its input table row for row", () => {
    const sections = specSections().filter((section) => section.heading !== "xAI Grok Connection");
    expect(sections.map((section) => section.heading)).toHaveLength(6);
    for (const section of sections) {
      const action = Object.values(built.actions).find(
        (candidate) => candidate.display.label === section.heading,
      );
      expect(action?.display.description).toBe(section.description);
      const rows = asSpecRows(action?.inputs ?? []);
      expect(rows.slice(0, section.rows.length)).toEqual(section.rows);
      expect(rows.slice(section.rows.length).map((row) => row.input)).toEqual(
        APPENDED_INPUTS[section.heading] ?? [],
      );
    }
  });

  it("matches the spec's connection table", () => {
    const section = specSections().find((candidate) => candidate.heading === "xAI Grok Connection");
    expect(asSpecRows(built.connections[0].inputs)).toEqual((section as SpecSection).rows);
  });

  it("offers models from pickers that fit each input", () => {
    const dataSourceOf = (action: string, input: string) =>
      built.actions[action].inputs.find((candidate) => candidate.key === input)?.dataSource;
    expect(dataSourceOf("createChatCompletion", "model")).toBe("selectLanguageModel");
    expect(dataSourceOf("createMessage", "model")).toBe("selectLanguageModel");
    expect(dataSourceOf("generateImage", "model")).toBe("selectImageModel");
    expect(dataSourceOf("getModel", "modelId")).toBe("selectModel");
  });
});
