import { action } from "@prismatic-io/spectral";
import { xai } from "../../http/client";
import { additionalFields, connectionInput, languageModel } from "../../inputs/common";
import { GENERATION_DEADLINE_MS } from "../../limits";
import { modelResponseExample } from "./examples";
import * as inputs from "./inputs";
import { responseOutput } from "./outputSchema";
import { buildResponseRequest, runResponse } from "./request";

/**
 * Create Response: `POST /responses`, xAI's recommended API, with its server-side tools (web and X
 * search, code execution, collections, remote MCP), function tools, structured output and stored
 * conversations. Returns xAI's response plus `output_text` (and `output_parsed` with a JSON Schema);
 * with Stream on, the streamed events are assembled into that same object.
 * @see https://docs.x.ai/docs/api-reference#create-new-response
 */
export const createResponse = action({
  display: {
    label: "Create Response",
    description:
      "Generate a response with xAI Grok (Responses API), optionally with live web and X search, code execution, collections, MCP servers and structured output",
  },
  inputs: {
    connection: connectionInput,
    model: languageModel(),
    input: inputs.responseInput,
    instructions: inputs.instructions,
    previousResponseId: inputs.previousResponseId,
    webSearch: inputs.webSearch,
    webSearchAllowedDomains: inputs.webSearchAllowedDomains,
    webSearchExcludedDomains: inputs.webSearchExcludedDomains,
    xSearch: inputs.xSearch,
    xSearchAllowedHandles: inputs.xSearchAllowedHandles,
    xSearchExcludedHandles: inputs.xSearchExcludedHandles,
    xSearchFromDate: inputs.xSearchFromDate,
    xSearchToDate: inputs.xSearchToDate,
    codeExecution: inputs.codeExecution,
    collectionIds: inputs.collectionIds,
    mcpServers: inputs.mcpServers,
    functionTools: inputs.functionTools,
    jsonSchema: inputs.jsonSchema,
    reasoningEffort: inputs.reasoningEffort,
    maxOutputTokens: inputs.maxOutputTokens,
    temperature: inputs.temperature,
    topP: inputs.topP,
    store: inputs.store,
    stream: inputs.stream,
    background: inputs.background,
    additionalFields: additionalFields("create-new-response"),
  },
  perform: async (context, { connection, ...values }) => {
    const { body, secrets } = buildResponseRequest(values);
    const client = xai(connection, context, { deadlineMs: GENERATION_DEADLINE_MS, secrets });
    // The body decides, as in Create Chat Completion: Additional Fields' "stream" (merged last)
    // counts like the Stream input, so a streamed answer is read as a stream.
    return { data: await runResponse(client, body) };
  },
  outputSchema: responseOutput("With a JSON Schema: the answer parsed as JSON."),
  performSafety: "notAllowed",
  examplePayload: { data: modelResponseExample },
});
