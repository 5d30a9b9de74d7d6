/** The JSON Schema of Run Agent's `data` (a shape this component builds, not xAI's). */

import type { JsonSchema } from "@prismatic-io/spectral/dist/types/jsonforms/JsonSchema";
import schemas from "../outputSchemas.json";

/** xAI's usage object (its schema allows null too; a sum is always an object). */
const usageSchema = (
  schemas.ModelResponse.properties.usage as { oneOf?: Record<string, unknown>[] }
).oneOf?.find((variant) => variant.type === "object") ?? { type: "object" };

export const agentOutputSchema = {
  type: "object",
  required: ["text", "steps", "turns", "usage", "responseId"],
  properties: {
    text: {
      type: "string",
      description: "Grok's final answer: the text of its last response.",
    },
    output_parsed: {
      description: "With a JSON Schema: the final answer parsed as JSON.",
    },
    steps: {
      type: "array",
      description: "Every flow call of the run, in order.",
      items: {
        type: "object",
        required: ["turn", "flow", "arguments", "ms"],
        properties: {
          turn: { type: "integer", description: "The model call that asked for it (1 = first)." },
          flow: { type: "string", description: "The flow called (or the unknown name Grok used)." },
          arguments: { description: "The arguments Grok passed (the text, when not JSON)." },
          result: { description: "The flow's answer (absent when it failed)." },
          error: {
            type: "string",
            description: "Why the call failed; Grok was told the same and carried on.",
          },
          ms: { type: "integer", description: "How long the call took, in milliseconds." },
        },
      },
    },
    turns: { type: "integer", description: "How many model calls the run made." },
    usage: { ...usageSchema, description: "Token usage summed over every turn." },
    responseId: {
      type: ["string", "null"],
      description: "The last response's ID (stored at xAI): continue with Previous Response ID.",
    },
  },
} as JsonSchema;
