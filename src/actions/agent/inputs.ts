/**
 * Inputs of Run Agent that Create Response does not have (the others are reused from
 * ../responses/inputs.ts). Keys are the contract.
 * @see https://prismatic.io/docs/integrations/triggers/cross-flow/
 */

import { input } from "@prismatic-io/spectral";
import { describeValue as describe } from "../../errors/text";
import * as clean from "../../inputs/clean";
import * as responses from "../responses/inputs";

export const DEFAULT_MAX_TURNS = 10;
export const MAX_TURNS_LIMIT = 50;

export const prompt = input({
  label: "Prompt",
  type: "text",
  required: true,
  comments: "The task for the agent, e.g. what to look up and what to do with it.",
  example:
    "Find the customer acme@example.com in the CRM and open a ticket about their late order.",
  clean: clean.requiredText("Prompt"),
});

export const instructions = {
  ...responses.instructions,
  comments:
    "How the agent should work (the system prompt), e.g. when to call which flow. Sent with the first request of the run; xAI keeps it for the turns that follow.",
};

export const flows = input({
  label: "Flows",
  type: "flow",
  collection: "valuelist",
  required: false,
  comments:
    "The flows of this integration Grok may call. Each must be invokable (its trigger has an invoke schema); it is offered as a function named after the flow, with the schema's fields as its arguments.",
  clean: (value: unknown): string[] => [...new Set(clean.valueList("Flows")(value))],
});

/** Key-value list entries (`[{key, value}]`), or an object from an earlier step. */
function entriesOf(value: unknown): [unknown, unknown][] {
  if (Array.isArray(value)) {
    return value.map((entry, index) => {
      if (!clean.isJsonObject(entry)) {
        throw new clean.InputError(
          "Flow Descriptions",
          `entry ${index + 1} must be a flow name and a description, got ${describe(entry)}.`,
        );
      }
      return [entry.key, entry.value];
    });
  }
  if (clean.isJsonObject(value)) return Object.entries(value);
  throw new clean.InputError(
    "Flow Descriptions",
    `must be a list of flow names and descriptions, got ${describe(value)}.`,
  );
}

export const flowDescriptions = input({
  label: "Flow Descriptions",
  type: "string",
  collection: "keyvaluelist",
  required: false,
  comments:
    "Optional: a better description of a flow for Grok (key: the flow's name as in Flows; value: what it does and when to call it). Without one, the invoke schema's title or $comment is used.",
  example: "Look Up Customer",
  clean: (value: unknown): Record<string, string> => {
    if (value === undefined || value === null || value === "") return {};
    const descriptions: Record<string, string> = {};
    for (const [key, text] of entriesOf(value)) {
      const flow = typeof key === "string" ? key.trim() : "";
      if (flow === "") continue;
      const described = typeof text === "string" ? text.trim() : "";
      if (described !== "") descriptions[flow] = described;
    }
    return descriptions;
  },
});

export const maxTurns = input({
  label: "Max Turns",
  type: "string",
  required: false,
  default: String(DEFAULT_MAX_TURNS),
  comments: `The most model calls in one run, from 1 to ${MAX_TURNS_LIMIT}. When Grok still wants to call flows after that many, the step fails and lists the flow calls made so far.`,
  example: String(DEFAULT_MAX_TURNS),
  clean: (value: unknown): number =>
    clean.optionalNumber({ label: "Max Turns", min: 1, max: MAX_TURNS_LIMIT, integer: true })(
      value,
    ) ?? DEFAULT_MAX_TURNS,
});
