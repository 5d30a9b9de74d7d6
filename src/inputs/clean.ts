/**
 * Checks of input values, run by Spectral's `clean` before `perform`: a mistake fails the step with an
 * InputError naming the input and what it accepts, and nothing is sent. They refuse no more than xAI's
 * OpenAPI description does (spec/xai-openapi.json).
 */

import { util } from "@prismatic-io/spectral";
import { InputError } from "../errors/classes";
import { describeValue as describe, truncate } from "../errors/text";
import { MAX_JSON_DEPTH } from "../limits";

export { InputError };

export type JsonObject = Record<string, unknown>;

/** A plain object (not an array, not null). */
export const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * A record's entries, without a "__proto__" key: JSON.parse keeps one as plain data, but copying
 * it field by field (`into[key] = value`) would replace a prototype, or pollute Object's.
 */
export const dataEntries = (record: object): [string, unknown][] =>
  Object.entries(record).filter(([key]) => key !== "__proto__");

/** A URL's %-escaped text decoded, or as it stands when an escape is malformed. */
export function decodedOrAsIs(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** How deeply a parsed JSON value nests, counted without recursion. */
export function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop() as [unknown, number];
    if (typeof item !== "object" || item === null) continue;
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_JSON_DEPTH) return deepest;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** Nothing entered: undefined, null or blank text. */
export const isEmpty = (value: unknown): boolean =>
  value === undefined || value === null || (typeof value === "string" && value.trim() === "");

/** JSON text is parsed; a value an earlier step passed in (an array or object) is taken as is. */
export const parseJson = (label: string, value: unknown): unknown => {
  let parsed = value;
  if (typeof value === "string") {
    try {
      parsed = JSON.parse(value);
    } catch (error) {
      // V8's message carries the position, e.g. "... in JSON at position 12 (line 1 column 13)".
      throw new InputError(label, `is not valid JSON: ${(error as Error).message}.`);
    }
  }
  if (depthOf(parsed) > MAX_JSON_DEPTH) {
    throw new InputError(label, `nests deeper than the ${MAX_JSON_DEPTH} levels xAI accepts.`);
  }
  return parsed;
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

/**
 * An id sent as one path segment (`/files/{id}`): URL resolution turns "." and ".." (even
 * percent-encoded) into another path, and no xAI id is either, so they are refused.
 */
export const pathId =
  (label: string, like: string) =>
  (value: unknown): string => {
    const id = requiredText(label)(value);
    if (/^\.{1,2}$/.test(id)) {
      throw new InputError(label, `${JSON.stringify(id)} is not an id; enter one like ${like}.`);
    }
    return id;
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

/**
 * A decimal number as people write it: "2", "-0.5", ".7", "1e3"; not "0x1", "", "Infinity". Each
 * part can match only one way, so a long non-number (a value from an earlier step) fails in linear time.
 */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

/** An optional number; numbers given as text ("0.7") are fine, empty means "leave it out". */
export const optionalNumber =
  (rule: NumberRule) =>
  (value: unknown): number | undefined => {
    if (isEmpty(value)) return undefined;
    const text = typeof value === "string" ? value.trim() : undefined;
    const number = text === undefined ? value : DECIMAL.test(text) ? Number(text) : Number.NaN;
    const fits =
      typeof number === "number" &&
      Number.isFinite(number) &&
      (!rule.integer || Number.isSafeInteger(number)) &&
      (rule.minExclusive ? number > rule.min : number >= rule.min) &&
      (rule.max === undefined || number <= rule.max);
    if (!fits) {
      const text = truncate(String(value), 120);
      const shown = typeof value === "string" ? JSON.stringify(text) : text;
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

/** An optional JSON object (JSON text, or an object an earlier step passed); `like` shows one. */
export const jsonObject =
  (label: string, like: string) =>
  (value: unknown): JsonObject | undefined => {
    if (isEmpty(value)) return undefined;
    const parsed = parseJson(label, value);
    if (!isJsonObject(parsed)) {
      throw new InputError(label, `must be ${like}, got ${describe(parsed)}.`);
    }
    return parsed;
  };

/** Additional Fields: a JSON object whose fields are merged into the request body. */
export const additionalFields =
  (label: string) =>
  (value: unknown): JsonObject =>
    jsonObject(label, 'a JSON object like {"reasoning_effort": "low"}')(value) ?? {};

export interface MessagesRule {
  label: string;
  /** Accepted roles; undefined accepts any text (xAI's Anthropic-compatible `MessageBody.role`). */
  roles?: readonly string[];
  /** Roles whose content may be left out or null (chat's assistant message, schema `Message`). */
  contentOptional?: readonly string[];
}

/** What is wrong with one message (after "message 2 "), or undefined when it is fine. */
function messageProblem(message: unknown, { roles, contentOptional = [] }: MessagesRule) {
  if (!isJsonObject(message)) {
    return `must be an object with "role" and "content", got ${describe(message)}`;
  }
  const { role, content } = message;
  if (typeof role !== "string" || (roles && !roles.includes(role))) {
    const accepted = roles ? `accepted roles are ${roles.join(", ")}` : "the role must be text";
    const shown = truncate(JSON.stringify(role ?? null) ?? "", 120);
    return `has role ${shown}; ${accepted}`;
  }
  const left = contentOptional.includes(role) && (content === undefined || content === null);
  if (typeof content === "string" || Array.isArray(content) || left) return undefined;
  const got = content === undefined ? "none" : describe(content);
  return `(${role}) needs "content" as text or an array of content parts, got ${got}`;
}

/**
 * Messages: a non-empty JSON array of objects, each with a role xAI accepts and, unless its role may
 * leave it out, content as text or an array of content parts (passed through untouched).
 */
export const messages =
  (rule: MessagesRule) =>
  (value: unknown): JsonObject[] => {
    const example = '[{"role": "user", "content": "Hello"}]';
    if (isEmpty(value)) {
      throw new InputError(rule.label, `is required: enter a JSON array like ${example}.`);
    }
    const parsed = parseJson(rule.label, value);
    if (!Array.isArray(parsed) || parsed.length === 0) {
      const got = Array.isArray(parsed) ? "an empty array" : describe(parsed);
      const problem = `must be a non-empty JSON array of messages like ${example}, got ${got}.`;
      throw new InputError(rule.label, problem);
    }
    parsed.forEach((message, index) => {
      const problem = messageProblem(message, rule);
      if (problem) throw new InputError(rule.label, `message ${index + 1} ${problem}.`);
    });
    return parsed;
  };

/** A value list (Spectral `collection: "valuelist"`): trimmed texts, empty entries dropped. */
export const valueList =
  (label: string) =>
  (value: unknown): string[] => {
    if (isEmpty(value)) return [];
    const list = Array.isArray(value) ? value : [value];
    return list
      .map((entry, index) => {
        if (typeof entry !== "string" && typeof entry !== "number") {
          throw new InputError(label, `entry ${index + 1} must be text, got ${describe(entry)}.`);
        }
        return String(entry).trim();
      })
      .filter((entry) => entry !== "");
  };

/** Stream and other boolean inputs. */
export const booleanValue = (value: unknown): boolean => util.types.toBool(value, false);

/** Drops the fields whose value is `undefined`, so empty inputs never reach xAI as null or NaN. */
export const withoutEmpty = (body: JsonObject): JsonObject =>
  Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
