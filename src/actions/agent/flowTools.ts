/**
 * The integration's flows as xAI function tools: each flow the builder picked becomes a function
 * named after it (snake_case, unique), its parameters the flow's invoke schema from
 * `context.flowSchemas`, its description the builder's, or the schema's title or `$comment`.
 * @see https://docs.x.ai/docs/guides/function-calling
 * @see https://prismatic.io/docs/integrations/triggers/cross-flow/
 */

import type { FlowSchemas } from "@prismatic-io/spectral";
import { decodedOrAsIs, InputError, isJsonObject, type JsonObject } from "../../inputs/clean";

/** One offered flow: the function Grok sees and the flow it stands for. */
export interface FlowTool {
  /** The function name Grok calls. */
  name: string;
  /** The flow's name, as `context.invokeFlow` and `context.webhookUrls` know it. */
  flow: string;
  /** The `tools` entry sent to xAI. */
  tool: JsonObject;
}

/** xAI (like OpenAI) accepts function names of letters, digits, `_` and `-`, at most 64 long. */
const MAX_NAME = 64;

/** "Look Up Customer", "lookUpCustomer", "look-up customer" → "look_up_customer". */
export function snakeCase(name: string): string {
  const snake = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toLowerCase()
    .slice(0, MAX_NAME)
    .replace(/_+$/, "");
  return snake || "flow";
}

/** `name`, or `name_2`, `name_3`, … when taken (kept within the length limit). */
function uniqueName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let n = 2; taken.has(candidate); n += 1) {
    const suffix = `_${n}`;
    candidate = `${name.slice(0, MAX_NAME - suffix.length)}${suffix}`;
  }
  taken.add(candidate);
  return candidate;
}

const text = (value: unknown): string | undefined =>
  typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;

/** An absolute http(s) URL, as invokeFlow needs to reach a flow. */
const isWebhookUrl = (url: unknown): boolean =>
  typeof url === "string" && URL.canParse(url) && /^https?:$/.test(new URL(url).protocol);

/**
 * Refuses, before anything is sent, a flow the instance has no invoke schema or webhook URL for,
 * and a description for a flow that is not offered (most likely a typo in the flow's name).
 */
export function checkFlows(
  flows: readonly string[],
  schemas: FlowSchemas | undefined,
  descriptions: Readonly<Record<string, string>>,
  webhookUrls: Readonly<Record<string, string>> | undefined,
): void {
  for (const flow of flows) {
    if (!isJsonObject(schemas?.[flow]?.invoke)) {
      throw new InputError(
        "Flows",
        `the flow "${flow}" has no invoke schema in this instance, so Grok cannot be offered it. Mark the flow as invokable (give its trigger an invoke schema), deploy the instance again, or remove the flow from Flows.`,
      );
    }
    // The URL itself is a secret: the message never shows it.
    if (!isWebhookUrl(webhookUrls?.[flow])) {
      throw new InputError(
        "Flows",
        `the flow "${flow}" has no usable webhook URL in this instance, so Grok's calls could not reach it. Deploy the instance again, or remove the flow from Flows.`,
      );
    }
  }
  for (const flow of Object.keys(descriptions)) {
    if (!flows.includes(flow)) {
      throw new InputError(
        "Flow Descriptions",
        `"${flow}" is not one of the flows picked in Flows (${flows.map((f) => `"${f}"`).join(", ") || "none"}).`,
      );
    }
  }
}

/** The function tools for `flows`, in order; call `checkFlows` first. */
export function flowTools(
  flows: readonly string[],
  schemas: FlowSchemas,
  descriptions: Readonly<Record<string, string>>,
): FlowTool[] {
  const taken = new Set<string>();
  return flows.map((flow) => {
    const schema = schemas[flow].invoke as unknown as JsonObject;
    const name = uniqueName(snakeCase(flow), taken);
    const description =
      text(descriptions[flow]) ??
      text(schema.title) ??
      text(schema.$comment) ??
      `Runs the integration flow "${flow}".`;
    // A schema without a type is still an object of named arguments.
    const parameters = { ...schema, type: text(schema.type) ?? "object" };
    return { name, flow, tool: { type: "function", name, description, parameters } };
  });
}

/**
 * A path segment that identifies a webhook (an id like `SW5zdGFuY2VGbG93…`), not a word of a route:
 * long, so redaction matches it anywhere (redact.ts takes secrets under 12 characters as whole words
 * only), and with a digit, so a long plain word like "integrations" is never a secret.
 */
const isIdentifying = (segment: string): boolean => segment.length >= 16 && /\d/.test(segment);

/**
 * The parts of a webhook URL that identify it: whoever holds its path can find the flow on the
 * webhook host, so a flow echoing just `/trigger/<id>` must not reach xAI either.
 */
function identifyingParts(url: string): string[] {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return [];
  }
  const ids = path.split("/").filter(isIdentifying);
  if (ids.length === 0) return [];
  return [path, decodedOrAsIs(path), ...ids, ...ids.map(decodedOrAsIs)];
}

/**
 * The offered flows' webhook URLs (and the ids in their paths) and API keys: whoever holds one can
 * run the flow, so never shown.
 */
export function flowSecrets(
  flows: readonly string[],
  context: {
    webhookUrls?: Readonly<Record<string, string>>;
    webhookApiKeys?: Readonly<Record<string, readonly string[]>>;
  },
): string[] {
  const secrets: string[] = [];
  for (const flow of flows) {
    const url = context.webhookUrls?.[flow];
    if (typeof url === "string") secrets.push(url, ...identifyingParts(url));
    for (const key of context.webhookApiKeys?.[flow] ?? []) {
      if (typeof key === "string") secrets.push(key);
    }
  }
  return [...new Set(secrets.filter((secret) => secret.trim() !== ""))];
}
