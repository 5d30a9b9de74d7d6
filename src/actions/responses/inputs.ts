/**
 * Inputs of Create Response (and of the actions built on it), in the order the designer shows them.
 * Keys are the contract; each comment links the xAI docs page it wraps.
 * @see https://docs.x.ai/docs/api-reference#create-new-response
 */

import { input, util } from "@prismatic-io/spectral";
import * as clean from "../../inputs/clean";
import * as checks from "./checks";

const API = "https://docs.x.ai/docs/api-reference#create-new-response";
const SEARCH = "https://docs.x.ai/docs/guides/tools/search-tools";

const toggle = (label: string, comments: string) =>
  input({
    label,
    type: "boolean",
    required: false,
    default: "false",
    comments,
    clean: clean.booleanValue,
  });

const list = (label: string, comments: string, example: string) =>
  input({
    label,
    type: "string",
    collection: "valuelist",
    required: false,
    comments,
    example,
    clean: clean.valueList(label),
  });

const text = (label: string, comments: string, example?: string) =>
  input({
    label,
    type: "string",
    required: false,
    comments,
    ...(example ? { example } : {}),
    clean: clean.optionalText(label),
  });

export const responseInput = input({
  label: "Input",
  type: "code",
  language: "json",
  required: true,
  comments: `The prompt as plain text, or a JSON array of input items (messages with text and image parts, function call outputs), e.g. from an earlier step. Typed JSON is read as items only when every entry has a "role" or "type"; other text, JSON data included, is the prompt. See [xAI API docs](${API}).`,
  example:
    '[{"role": "user", "content": [{"type": "input_text", "text": "What is in this image?"}, {"type": "input_image", "image_url": "https://example.com/photo.jpg"}]}]',
  clean: checks.responseInput("Input"),
});

export const instructions = input({
  label: "Instructions",
  type: "text",
  required: false,
  comments: `The system prompt. Not allowed with Previous Response ID (the previous response's instructions apply). See [xAI API docs](${API}).`,
  example: "You are a concise assistant.",
  clean: clean.optionalText("Instructions"),
});

export const previousResponseId = text(
  "Previous Response ID",
  `Continue a stored conversation: the ID of an earlier response (created with Store on). Only the new input is sent. See [xAI API docs](${API}).`,
  "ad5663da-63e6-86c6-e0be-ff15effa8357",
);

export const webSearch = toggle(
  "Web Search",
  `Let Grok search the web and cite its sources. See [xAI docs](${SEARCH}).`,
);
export const webSearchAllowedDomains = list(
  "Web Search Allowed Domains",
  `With Web Search on: search only these domains (at most 5, without https:// or subdomains). Not together with Excluded Domains. See [xAI docs](${SEARCH}).`,
  "wikipedia.org",
);
export const webSearchExcludedDomains = list(
  "Web Search Excluded Domains",
  `With Web Search on: never search these domains (at most 5). Not together with Allowed Domains. See [xAI docs](${SEARCH}).`,
  "example.com",
);

export const xSearch = toggle(
  "X Search",
  `Let Grok search posts on X and cite them. See [xAI docs](${SEARCH}).`,
);
export const xSearchAllowedHandles = list(
  "X Search Allowed Handles",
  `With X Search on: only posts from these X handles (at most 10, a leading @ is dropped). Not together with Excluded Handles. See [xAI docs](${SEARCH}).`,
  "xai",
);
export const xSearchExcludedHandles = list(
  "X Search Excluded Handles",
  `With X Search on: never posts from these X handles (at most 10). Not together with Allowed Handles. See [xAI docs](${SEARCH}).`,
  "spam_account",
);
export const xSearchFromDate = input({
  label: "X Search From Date",
  type: "string",
  required: false,
  comments: `With X Search on: only posts from this day on, as YYYY-MM-DD. See [xAI docs](${SEARCH}).`,
  example: "2026-01-01",
  clean: checks.isoDate("X Search From Date"),
});
export const xSearchToDate = input({
  label: "X Search To Date",
  type: "string",
  required: false,
  comments: `With X Search on: only posts up to this day, as YYYY-MM-DD. See [xAI docs](${SEARCH}).`,
  example: "2026-01-31",
  clean: checks.isoDate("X Search To Date"),
});

export const codeExecution = toggle(
  "Code Execution",
  "Let Grok write and run Python code in xAI's sandbox. See [xAI docs](https://docs.x.ai/docs/guides/tools/code-execution-tool).",
);

export const collectionIds = list(
  "Collection IDs",
  "Search these collections (your uploaded documents) by ID, at most 10. See [xAI docs](https://docs.x.ai/docs/guides/tools/collections-search-tool).",
  "collection_0d5f2e8c",
);

export const mcpServers = input({
  label: "MCP Servers",
  type: "code",
  language: "json",
  required: false,
  comments:
    'Remote MCP servers Grok may call: a JSON array of {"server_url", "server_label", "allowed_tools"?, "authorization"?, "headers"?}. Authorization values are kept secret (never logged). See [xAI docs](https://docs.x.ai/docs/guides/tools/remote-mcp-tools).',
  example:
    '[{"server_url": "https://mcp.example.com/mcp", "server_label": "example", "allowed_tools": ["search"]}]',
  clean: checks.mcpServers("MCP Servers"),
});

export const functionTools = input({
  label: "Function Tools",
  type: "code",
  language: "json",
  required: false,
  comments:
    "Your own functions Grok may ask to call: a JSON array of function tool definitions, sent as given. See [xAI docs](https://docs.x.ai/docs/guides/function-calling).",
  example:
    '[{"type": "function", "name": "get_weather", "description": "Current weather in a city", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}]',
  clean: checks.objectList(
    "Function Tools",
    '[{"type": "function", "name": "…", "parameters": {…}}]',
  ),
});

export const jsonSchema = input({
  label: "JSON Schema",
  type: "code",
  language: "json",
  required: false,
  comments:
    "Structured output: a JSON Schema object the answer must follow (true / false, boolean schemas, are sent as they are too). The parsed answer is returned as output_parsed. See [xAI docs](https://docs.x.ai/docs/guides/structured-outputs).",
  example:
    '{"type": "object", "properties": {"name": {"type": "string"}, "score": {"type": "number"}}, "required": ["name", "score"]}',
  clean: checks.jsonSchema("JSON Schema"),
});

export const reasoningEffort = input({
  label: "Reasoning Effort",
  type: "string",
  required: false,
  comments:
    "How hard a reasoning model thinks before it answers; empty uses the model's default. See [xAI docs](https://docs.x.ai/docs/guides/reasoning).",
  model: [
    { label: "Low", value: "low" },
    { label: "Medium", value: "medium" },
    { label: "High", value: "high" },
  ],
  clean: clean.optionalText("Reasoning Effort"),
});

export const maxOutputTokens = input({
  label: "Max Output Tokens",
  type: "string",
  required: false,
  comments: `The most tokens the answer may have (reasoning not counted). See [xAI API docs](${API}).`,
  example: "1024",
  clean: clean.optionalNumber({ label: "Max Output Tokens", min: 1, integer: true }),
});

export const temperature = input({
  label: "Temperature",
  type: "string",
  required: false,
  comments: `Sampling temperature from 0 to 2: higher is more random, lower more focused. See [xAI API docs](${API}).`,
  example: "0.2",
  clean: clean.optionalNumber({ label: "Temperature", min: 0, max: 2 }),
});

export const topP = input({
  label: "Top P",
  type: "string",
  required: false,
  comments: `Nucleus sampling, above 0 and at most 1; change this or Temperature, not both. See [xAI API docs](${API}).`,
  example: "0.9",
  clean: clean.optionalNumber({ label: "Top P", min: 0, max: 1, minExclusive: true }),
});

export const store = input({
  label: "Store",
  type: "boolean",
  required: false,
  default: "true",
  comments: `Keep the response at xAI (30 days) so Get Response and Previous Response ID can use it. See [xAI API docs](${API}).`,
  // Empty (a cleared field) keeps xAI's default: stored.
  clean: (value: unknown): boolean => util.types.toBool(value, true),
});

export const stream = toggle(
  "Stream",
  "Receive the answer as it is generated (server-sent events); the step still returns the whole response. See [xAI docs](https://docs.x.ai/docs/guides/streaming-response).",
);

export const background = toggle(
  "Background",
  `Return at once with the queued response; fetch the result later with Get Response (Wait For Completion on). Needs Store on. See [xAI API docs](${API}).`,
);
