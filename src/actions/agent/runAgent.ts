import { action } from "@prismatic-io/spectral";
import { xai } from "../../http/client";
import { additionalFields, connectionInput, languageModel } from "../../inputs/common";
import { GENERATION_DEADLINE_MS } from "../../limits";
import { jsonOutput } from "../outputs";
import * as responses from "../responses/inputs";
import { runAgentLoop } from "./agentLoop";
import { runAgentExample } from "./examples";
import { checkFlows, flowSecrets, flowTools } from "./flowTools";
import * as inputs from "./inputs";
import { agentOutputSchema } from "./outputSchema";

/**
 * Run Agent: Grok works on a task by calling the integration's own flows as function tools (with
 * web search, X search and code execution alongside), in a bounded loop on the Responses API.
 * @see https://docs.x.ai/docs/guides/function-calling
 * @see https://prismatic.io/docs/integrations/triggers/cross-flow/
 */
export const runAgent = action({
  display: {
    label: "Run Agent",
    description:
      "Let xAI Grok work on a task by calling this integration's flows as tools, optionally with live web and X search, until it has an answer",
  },
  inputs: {
    connection: connectionInput,
    model: languageModel(),
    prompt: inputs.prompt,
    instructions: inputs.instructions,
    flows: inputs.flows,
    flowDescriptions: inputs.flowDescriptions,
    webSearch: responses.webSearch,
    xSearch: responses.xSearch,
    codeExecution: responses.codeExecution,
    jsonSchema: responses.jsonSchema,
    maxTurns: inputs.maxTurns,
    additionalFields: additionalFields("create-new-response"),
  },
  perform: async (context, { connection, flows, flowDescriptions, maxTurns, ...values }) => {
    // Refused before anything is sent.
    checkFlows(flows, context.flowSchemas, flowDescriptions, context.webhookUrls);
    const tools = flowTools(flows, context.flowSchemas, flowDescriptions);
    const client = xai(connection, context, {
      deadlineMs: GENERATION_DEADLINE_MS,
      secrets: flowSecrets(flows, context),
    });
    const data = await runAgentLoop({
      values,
      tools,
      maxTurns,
      client,
      invoke: context.invokeFlow,
      log: (line) => client.log("info", line),
    });
    return { data };
  },
  outputSchema: jsonOutput(agentOutputSchema),
  performSafety: "notAllowed",
  examplePayload: { data: runAgentExample },
});
