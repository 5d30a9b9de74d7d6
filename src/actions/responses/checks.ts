/**
 * Input checks (Spectral `clean`) specific to the Responses API inputs. Like src/inputs/clean.ts,
 * a mistake fails the step with an InputError naming the input, and nothing is sent.
 * @see https://docs.x.ai/docs/api-reference#create-new-response
 */

import { describeValue as describe, truncate } from "../../errors/text";
import {
  InputError,
  isEmpty,
  isJsonObject,
  type JsonObject,
  jsonObject,
  parseJson,
} from "../../inputs/clean";

/** An input item has a text `role` (a message) or `type` (function call output, …). */
const looksLikeItem = (entry: unknown): boolean =>
  isJsonObject(entry) && (typeof entry.role === "string" || typeof entry.type === "string");

/** Text that clearly meant items: a leading `[` and a "role" or "type" key (not "[Draft] …"). */
const meantItems = (text: string): boolean =>
  /^\s*\[/.test(text) && /"(?:role|type)"\s*:/.test(text);

/**
 * Typed text as input items only when it is a JSON array of item-like objects: other JSON (data
 * mapped in as the prompt, "[{name}] is a placeholder") is the prompt itself. Broken JSON that
 * clearly meant items is refused, with V8's position.
 */
function itemsInText(label: string, text: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return meantItems(text) ? parseJson(label, text) : text;
  }
  const items = Array.isArray(parsed) && parsed.length > 0 && parsed.every(looksLikeItem);
  return items ? parseJson(label, parsed) : text;
}

/**
 * Input: plain text is sent as `input: "<text>"`; input items (typed as JSON, or an array from an
 * earlier step) are sent as items (messages with text and image parts, function call outputs, …).
 */
export const responseInput =
  (label: string) =>
  (value: unknown): string | JsonObject[] => {
    if (isEmpty(value)) throw new InputError(label, "is required: enter a prompt or a JSON array.");
    const parsed = typeof value === "string" ? itemsInText(label, value) : value;
    if (typeof parsed === "string" || typeof parsed === "number") return String(parsed);
    if (!Array.isArray(parsed) || parsed.length === 0) {
      const got = Array.isArray(parsed) ? "an empty array" : describe(parsed);
      throw new InputError(
        label,
        `must be text or a non-empty JSON array of input items like [{"role": "user", "content": "Hello"}], got ${got}.`,
      );
    }
    parsed.forEach((item, index) => {
      if (!isJsonObject(item)) {
        throw new InputError(label, `item ${index + 1} must be an object, got ${describe(item)}.`);
      }
    });
    return parsed as JsonObject[];
  };

/**
 * JSON Schema: an object, or `true` / `false`, which are JSON Schemas too (xAI's
 * `ModelResponseFormat.schema` takes any); JSON text or a value from an earlier step.
 */
export const jsonSchema =
  (label: string) =>
  (value: unknown): JsonObject | boolean | undefined => {
    const text = typeof value === "string" ? value.trim() : value;
    if (text === true || text === "true") return true;
    if (text === false || text === "false") return false;
    const like = 'a JSON Schema object like {"type": "object", "properties": {…}}, or true / false';
    return jsonObject(label, like)(value);
  };

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day as `YYYY-MM-DD` (xAI's `from_date` / `to_date`); empty leaves it out. */
export const isoDate =
  (label: string) =>
  (value: unknown): string | undefined => {
    if (isEmpty(value)) return undefined;
    const text = typeof value === "string" ? value.trim() : "";
    const match = ISO_DAY.exec(text);
    const day = match ? new Date(Date.UTC(+match[1], +match[2] - 1, +match[3])) : undefined;
    const real =
      day !== undefined &&
      match !== null &&
      day.getUTCFullYear() === +match[1] &&
      day.getUTCMonth() === +match[2] - 1 &&
      day.getUTCDate() === +match[3];
    if (!real) {
      const shown =
        typeof value === "string" ? JSON.stringify(truncate(value, 120)) : describe(value);
      throw new InputError(label, `must be a day as YYYY-MM-DD, like 2026-01-31; got ${shown}.`);
    }
    return text;
  };

/** A JSON array of objects (Function Tools), sent as given. */
export const objectList =
  (label: string, example: string) =>
  (value: unknown): JsonObject[] => {
    if (isEmpty(value)) return [];
    const parsed = parseJson(label, value);
    if (!Array.isArray(parsed)) {
      throw new InputError(label, `must be a JSON array like ${example}, got ${describe(parsed)}.`);
    }
    parsed.forEach((entry, index) => {
      if (!isJsonObject(entry)) {
        throw new InputError(
          label,
          `entry ${index + 1} must be an object, got ${describe(entry)}.`,
        );
      }
    });
    return parsed as JsonObject[];
  };

const MCP_EXAMPLE = '[{"server_url": "https://mcp.example.com/mcp", "server_label": "example"}]';

/** Header names whose values are credentials, kept secret like `authorization`. */
const SECRET_HEADER = /auth|token|key|secret|cookie|session|password/i;

/**
 * MCP Servers: a JSON array of `{server_url, server_label, allowed_tools?, authorization?, headers?}`.
 * Its text holds credentials, so no message here ever quotes it (not even V8's JSON error, which
 * shows a piece of the text): only positions and field names.
 */
export const mcpServers =
  (label: string) =>
  (value: unknown): JsonObject[] => {
    if (isEmpty(value)) return [];
    let parsed: unknown = value;
    if (typeof value === "string") {
      try {
        parsed = JSON.parse(value);
      } catch (error) {
        const at = /position \d+(?: \(line \d+ column \d+\))?/.exec((error as Error).message);
        throw new InputError(label, `is not valid JSON${at ? ` (at ${at[0]})` : ""}.`);
      }
    }
    if (!Array.isArray(parsed)) {
      // Never describeValue: it would quote a text, which may be the credential itself.
      const got =
        parsed === null ? "null" : isJsonObject(parsed) ? "an object" : `a ${typeof parsed}`;
      throw new InputError(label, `must be a JSON array like ${MCP_EXAMPLE}, got ${got}.`);
    }
    return parsed.map((entry, index) => {
      const where = `entry ${index + 1}`;
      if (!isJsonObject(entry)) throw new InputError(label, `${where} must be an object.`);
      for (const field of ["server_url", "server_label"]) {
        const text = entry[field];
        if (typeof text !== "string" || text.trim() === "") {
          throw new InputError(label, `${where} needs "${field}" as text, like ${MCP_EXAMPLE}.`);
        }
      }
      const tools = entry.allowed_tools;
      if (tools !== undefined && tools !== null) {
        if (!Array.isArray(tools) || tools.some((tool) => typeof tool !== "string")) {
          throw new InputError(label, `${where} needs "allowed_tools" as a list of tool names.`);
        }
      }
      if (entry.authorization !== undefined && entry.authorization !== null) {
        if (typeof entry.authorization !== "string") {
          throw new InputError(label, `${where} needs "authorization" as text.`);
        }
      }
      const headers = entry.headers;
      if (headers !== undefined && headers !== null) {
        if (!isJsonObject(headers) || Object.values(headers).some((v) => typeof v !== "string")) {
          throw new InputError(label, `${where} needs "headers" as an object of texts.`);
        }
      }
      return entry;
    });
  };

/** The credentials in MCP entries: every `authorization`, and header values that look like keys. */
export function mcpSecrets(servers: readonly JsonObject[]): string[] {
  const secrets: string[] = [];
  for (const server of servers) {
    if (typeof server.authorization === "string") {
      secrets.push(server.authorization, server.authorization.replace(/^\s*Bearer\s+/i, ""));
    }
    if (isJsonObject(server.headers)) {
      for (const [name, value] of Object.entries(server.headers)) {
        if (SECRET_HEADER.test(name) && typeof value === "string") {
          secrets.push(value, value.replace(/^\s*Bearer\s+/i, ""));
        }
      }
    }
  }
  return secrets.filter((secret) => secret.trim() !== "");
}
