import { util } from "@prismatic-io/spectral";
import { isJsonObject } from "./stream/jsonValues";
import type { JsonObject } from "./stream/types";

/**
 * A mistake in an action's input, caught before anything is sent to xAI. The message names the
 * input by its label, says what was wrong and what is accepted.
 */
export class InputError extends Error {
  override name = "InputError";
  constructor(label: string, problem: string) {
    super(`${label}: ${problem}`);
  }
}

const isEmpty = (value: unknown): boolean =>
  value === undefined || value === null || (typeof value === "string" && value.trim() === "");

const describe = (value: unknown): string => {
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  if (typeof value === "string") return `the text ${JSON.stringify(value)}`;
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
};

/** JSON text is parsed; a value an earlier step passed in (an array or object) is taken as is. */
const parseJson = (label: string, value: unknown): unknown => {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch (error) {
    // V8's message carries the position, e.g. "... in JSON at position 12 (line 1 column 13)".
    throw new InputError(label, `is not valid JSON: ${(error as Error).message}.`);
  }
};

/** A required text input such as Prompt, Model or Model ID. */
export const requiredText =
  (label: string) =>
  (value: unknown): string => {
    if (isEmpty(value)) throw new InputError(label, "is required and must not be empty.");
    if (typeof value !== "string" && typeof value !== "number") {
      throw new InputError(label, `must be text, got ${describe(value)}.`);
    }
    return String(value).trim();
  };

/** An optional text input: empty means "leave it out of the request". */
export const optionalText =
  (label: string) =>
  (value: unknown): string | undefined =>
    isEmpty(value) ? undefined : requiredText(label)(value);

export interface NumberRule {
  label: string;
  min: number;
  max?: number;
  /** `min` itself is not allowed (Top P must be above 0). */
  minExclusive?: boolean;
  integer?: boolean;
}

const describeRange = ({ min, max, minExclusive, integer }: NumberRule): string => {
  const kind = integer ? "a whole number" : "a number";
  if (max === undefined) return `${kind} of at least ${min}`;
  return minExclusive ? `${kind} above ${min} and at most ${max}` : `${kind} from ${min} to ${max}`;
};

/** An optional number; numbers given as text ("0.7") are fine, empty means "leave it out". */
export const optionalNumber =
  (rule: NumberRule) =>
  (value: unknown): number | undefined => {
    if (isEmpty(value)) return undefined;
    const number = typeof value === "string" ? Number(value.trim()) : value;
    const fits =
      typeof number === "number" &&
      Number.isFinite(number) &&
      (!rule.integer || Number.isInteger(number)) &&
      (rule.minExclusive ? number > rule.min : number >= rule.min) &&
      (rule.max === undefined || number <= rule.max);
    if (!fits) {
      const shown = typeof value === "string" ? JSON.stringify(value) : String(value);
      throw new InputError(rule.label, `must be ${describeRange(rule)}; got ${shown}.`);
    }
    return number as number;
  };

/** A number input that must be given. */
export const requiredNumber =
  (rule: NumberRule) =>
  (value: unknown): number => {
    const number = optionalNumber(rule)(value);
    if (number === undefined) {
      throw new InputError(rule.label, `is required: enter ${describeRange(rule)}.`);
    }
    return number;
  };

/** Additional Fields: a JSON object whose fields are merged into the request body. */
export const additionalFields =
  (label: string) =>
  (value: unknown): JsonObject => {
    if (isEmpty(value)) return {};
    const parsed = parseJson(label, value);
    if (!isJsonObject(parsed)) {
      throw new InputError(
        label,
        `must be a JSON object like {"reasoning_effort": "low"}, got ${describe(parsed)}.`,
      );
    }
    return parsed;
  };

export interface MessagesRule {
  label: string;
  roles: readonly string[];
}

const hasContent = (content: unknown): boolean =>
  (typeof content === "string" && content.trim() !== "") ||
  (Array.isArray(content) && content.length > 0);

/**
 * Messages: a non-empty JSON array of objects, each with a known role and non-empty content
 * (a string or an array of content parts, passed through untouched), except an assistant message
 * that carries tool calls.
 */
export const messages =
  ({ label, roles }: MessagesRule) =>
  (value: unknown): JsonObject[] => {
    if (isEmpty(value)) {
      throw new InputError(
        label,
        'is required: enter a JSON array like [{"role": "user", "content": "Hello"}].',
      );
    }
    const parsed = parseJson(label, value);
    if (!Array.isArray(parsed) || parsed.length === 0) {
      throw new InputError(
        label,
        `must be a non-empty JSON array of messages like [{"role": "user", "content": "Hello"}], got ${Array.isArray(parsed) ? "an empty array" : describe(parsed)}.`,
      );
    }
    parsed.forEach((message, index) => {
      const where = `message ${index + 1}`;
      if (!isJsonObject(message)) {
        throw new InputError(
          label,
          `${where} must be an object with "role" and "content", got ${describe(message)}.`,
        );
      }
      const { role, content } = message;
      if (typeof role !== "string" || !roles.includes(role)) {
        throw new InputError(
          label,
          `${where} has role ${JSON.stringify(role ?? null)}; accepted roles are ${roles.join(", ")}.`,
        );
      }
      const toolCalls = message.tool_calls;
      const callsTools = role === "assistant" && Array.isArray(toolCalls) && toolCalls.length > 0;
      if (!callsTools && !hasContent(content)) {
        throw new InputError(
          label,
          `${where} (${role}) has empty content; give a non-empty string or an array of content parts.`,
        );
      }
    });
    return parsed as JsonObject[];
  };

/** Stream and other boolean inputs. */
export const booleanValue = (value: unknown): boolean => util.types.toBool(value, false);

/** Drops the fields whose value is `undefined`, so empty inputs never reach xAI as null or NaN. */
export const withoutEmpty = (body: JsonObject): JsonObject =>
  Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
