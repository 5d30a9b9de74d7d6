/**
 * The `POST /responses` body from cleaned inputs, and the call itself: shared by Create Response
 * and the actions built on it (Ask Grok, Extract Data, Classify, Run Agent).
 * @see https://docs.x.ai/docs/api-reference#create-new-response
 */

import type { Xai } from "../../http/client";
import { InputError, isJsonObject, type JsonObject, withoutEmpty } from "../../inputs/clean";
import { ResponseAssembler } from "../../streaming/response";
import { postStreamed } from "../../streaming/sse";
import { mcpSecrets } from "./checks";
import { type ResponseData, withOutputText } from "./outputText";

/** Cleaned input values (see inputs.ts); everything but model and input may be left out. */
export interface ResponseValues {
  model: string;
  input: string | JsonObject[];
  instructions?: string;
  previousResponseId?: string;
  webSearch?: boolean;
  webSearchAllowedDomains?: string[];
  webSearchExcludedDomains?: string[];
  xSearch?: boolean;
  xSearchAllowedHandles?: string[];
  xSearchExcludedHandles?: string[];
  xSearchFromDate?: string;
  xSearchToDate?: string;
  codeExecution?: boolean;
  collectionIds?: string[];
  mcpServers?: JsonObject[];
  functionTools?: JsonObject[];
  /** An object, or `true` / `false` (boolean JSON Schemas). */
  jsonSchema?: JsonObject | boolean;
  reasoningEffort?: string;
  maxOutputTokens?: number;
  temperature?: number;
  topP?: number;
  store?: boolean;
  stream?: boolean;
  background?: boolean;
  additionalFields?: JsonObject;
}

export interface ResponseRequest {
  body: JsonObject;
  /** MCP credentials: pass as `secrets` to `xai(…)` so they are redacted from errors and logs. */
  secrets: string[];
}

/** xAI's limits on the tool filters (spec/xai-openapi.json `ModelTool`). */
const MAX_DOMAINS = 5;
const MAX_HANDLES = 10;
const MAX_COLLECTIONS = 10;

const nonEmpty = (list: string[] | undefined): list is string[] => (list?.length ?? 0) > 0;

/** One of two lists (allowed or excluded), within `max` entries, as `{field: list}`. */
function oneOf(
  allowed: { label: string; field: string; list?: string[] },
  excluded: { label: string; field: string; list?: string[] },
  max: number,
): JsonObject {
  if (nonEmpty(allowed.list) && nonEmpty(excluded.list)) {
    throw new InputError(
      allowed.label,
      `cannot be used together with ${excluded.label}; xAI accepts one or the other. Clear one of them.`,
    );
  }
  const chosen = nonEmpty(allowed.list) ? allowed : excluded;
  if (!nonEmpty(chosen.list)) return {};
  if (chosen.list.length > max) {
    throw new InputError(
      chosen.label,
      `has ${chosen.list.length} entries; xAI accepts at most ${max}.`,
    );
  }
  return { [chosen.field]: chosen.list };
}

function webSearchTool(values: ResponseValues): JsonObject {
  return {
    type: "web_search",
    ...oneOf(
      {
        label: "Web Search Allowed Domains",
        field: "allowed_domains",
        list: values.webSearchAllowedDomains,
      },
      {
        label: "Web Search Excluded Domains",
        field: "excluded_domains",
        list: values.webSearchExcludedDomains,
      },
      MAX_DOMAINS,
    ),
  };
}

const handles = (list: string[] | undefined) => list?.map((handle) => handle.replace(/^@/, ""));

function xSearchTool(values: ResponseValues): JsonObject {
  const { xSearchFromDate: from, xSearchToDate: to } = values;
  // YYYY-MM-DD days compare correctly as text.
  if (from && to && from > to) {
    throw new InputError("X Search From Date", `(${from}) is after X Search To Date (${to}).`);
  }
  return {
    type: "x_search",
    ...oneOf(
      {
        label: "X Search Allowed Handles",
        field: "allowed_x_handles",
        list: handles(values.xSearchAllowedHandles),
      },
      {
        label: "X Search Excluded Handles",
        field: "excluded_x_handles",
        list: handles(values.xSearchExcludedHandles),
      },
      MAX_HANDLES,
    ),
    ...withoutEmpty({ from_date: from, to_date: to }),
  };
}

function fileSearchTool(ids: string[]): JsonObject {
  if (ids.length > MAX_COLLECTIONS) {
    throw new InputError(
      "Collection IDs",
      `has ${ids.length} entries; xAI accepts at most ${MAX_COLLECTIONS}.`,
    );
  }
  return { type: "file_search", vector_store_ids: ids };
}

/** A tool's sub-options mean nothing with its switch off: the first one given is refused. */
function requireSwitch(on: boolean | undefined, tool: string, options: Record<string, unknown>) {
  if (on) return;
  const given = Object.entries(options).find(([, value]) =>
    Array.isArray(value) ? value.length > 0 : value !== undefined,
  );
  if (given) {
    throw new InputError(given[0], `applies only with ${tool} on; turn on ${tool} or clear it.`);
  }
}

/** Every tool switched on, in input order; sub-options of a tool left off are refused. */
function toolsOf(values: ResponseValues): JsonObject[] {
  requireSwitch(values.webSearch, "Web Search", {
    "Web Search Allowed Domains": values.webSearchAllowedDomains,
    "Web Search Excluded Domains": values.webSearchExcludedDomains,
  });
  requireSwitch(values.xSearch, "X Search", {
    "X Search Allowed Handles": values.xSearchAllowedHandles,
    "X Search Excluded Handles": values.xSearchExcludedHandles,
    "X Search From Date": values.xSearchFromDate,
    "X Search To Date": values.xSearchToDate,
  });
  const tools: JsonObject[] = [];
  if (values.webSearch) tools.push(webSearchTool(values));
  if (values.xSearch) tools.push(xSearchTool(values));
  if (values.codeExecution) tools.push({ type: "code_interpreter" });
  if (nonEmpty(values.collectionIds)) tools.push(fileSearchTool(values.collectionIds));
  for (const server of values.mcpServers ?? []) tools.push({ ...server, type: "mcp" });
  tools.push(...(values.functionTools ?? []));
  return tools;
}

/**
 * The request body (empty inputs left out, no `tools` key without tools, Additional Fields merged
 * last) and the secrets it carries. Throws InputError for inputs that only make sense together.
 */
export function buildResponseRequest(values: ResponseValues): ResponseRequest {
  // xAI keeps the previous response's system prompt (`ModelRequest.instructions`).
  if (values.instructions && values.previousResponseId) {
    throw new InputError(
      "Instructions",
      "cannot be used with Previous Response ID; the previous response's instructions apply. Clear one of them.",
    );
  }
  const tools = toolsOf(values);
  const body: JsonObject = {
    ...withoutEmpty({
      model: values.model,
      input: values.input,
      instructions: values.instructions,
      previous_response_id: values.previousResponseId,
      tools: tools.length > 0 ? tools : undefined,
      text:
        values.jsonSchema !== undefined
          ? {
              format: {
                type: "json_schema",
                name: "output",
                schema: values.jsonSchema,
                strict: true,
              },
            }
          : undefined,
      reasoning: values.reasoningEffort ? { effort: values.reasoningEffort } : undefined,
      max_output_tokens: values.maxOutputTokens,
      temperature: values.temperature,
      top_p: values.topP,
      store: values.store,
    }),
    ...(values.stream ? { stream: true } : {}),
    ...(values.background ? { background: true } : {}),
    ...values.additionalFields,
  };
  return { body, secrets: mcpSecrets(values.mcpServers ?? []) };
}

/** True when the body asks for structured output that the answer can be parsed against. */
const wantsParsed = (body: JsonObject): boolean => {
  const text = body.text as { format?: { type?: unknown } } | undefined;
  return text?.format?.type === "json_schema" && body.background !== true;
};

/**
 * A response with the call's secrets cut out, and the MCP credentials it echoes in `tools` (xAI
 * returns a response's tools as sent): Get Response cannot know them, so they are read from there.
 */
export function withoutSecrets(client: Xai, answer: unknown): unknown {
  const tools = isJsonObject(answer) && Array.isArray(answer.tools) ? answer.tools : [];
  const echoed = mcpSecrets(tools.filter(isJsonObject).filter((tool) => tool.type === "mcp"));
  return client.withoutSecrets(answer, echoed);
}

/**
 * Sends the body to `POST /responses` (streamed and assembled with `stream`) and returns xAI's
 * response plus `output_text`, and `output_parsed` when the body asks for a JSON Schema answer.
 */
export async function runResponse(
  client: Xai,
  body: JsonObject,
  options: { stream?: boolean; parse?: boolean } = {},
): Promise<ResponseData> {
  const stream = options.stream ?? body.stream === true;
  const sent = stream ? { ...body, stream: true } : body;
  const answer = stream
    ? await postStreamed(client, "/responses", sent, new ResponseAssembler())
    : await client.post("/responses", sent);
  try {
    return withOutputText(withoutSecrets(client, answer), {
      parse: options.parse ?? wantsParsed(sent),
    });
  } catch (error) {
    throw await client.failure(error);
  }
}
