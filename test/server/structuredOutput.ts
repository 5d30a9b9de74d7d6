import { isRecord, quoteForAnswer } from "./promptReading";

/**
 * A tiny JSON Schema instance generator for `text.format = {type: "json_schema"}` (structured
 * outputs) and for the arguments of tool calls the fake model makes on its own.
 * Objects get every property, arrays one item (or minItems), `enum` the value named in the prompt
 * (classification) or else the first, strings a snippet of the prompt.
 * https://docs.x.ai/docs/guides/structured-outputs
 */

type Schema = Record<string, unknown>;

/** Recursive schemas stop here (null / empty containers). */
const MAX_DEPTH = 8;
const SNIPPET_LENGTH = 60;

interface Context {
  root: unknown;
  prompt: string;
}

/** Follows a local `$ref` such as "#/$defs/Item" or "#/definitions/Item". */
function resolve(schema: unknown, context: Context): Schema {
  if (!isRecord(schema)) return {};
  const ref = schema.$ref;
  if (typeof ref !== "string" || !ref.startsWith("#")) return schema;
  let target: unknown = context.root;
  for (const segment of ref.slice(1).split("/").filter(Boolean)) {
    target = isRecord(target) ? target[decodeURIComponent(segment.replace(/~1/g, "/"))] : undefined;
  }
  return isRecord(target) ? target : {};
}

function firstNonNullType(schema: Schema): string | undefined {
  const type = schema.type;
  if (typeof type === "string") return type;
  if (Array.isArray(type)) return type.find((entry) => entry !== "null") ?? type[0];
  if (isRecord(schema.properties)) return "object";
  if (schema.items !== undefined) return "array";
  return undefined;
}

/** The enum value whose text appears (as a word) in the prompt, else the first one. */
export function pickEnumValue(values: unknown[], prompt: string): unknown {
  const text = prompt.toLowerCase();
  const named = values.find((value) => {
    if (typeof value !== "string" || value === "") return false;
    const escaped = value.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return new RegExp(`(^|[^a-z0-9_])${escaped}($|[^a-z0-9_])`).test(text);
  });
  return named ?? values[0];
}

function stringFor(schema: Schema, key: string, context: Context): string {
  switch (schema.format) {
    case "date":
      return "2026-01-01";
    case "date-time":
      return "2026-01-01T00:00:00Z";
    case "email":
      return "grok@example.com";
    case "uri":
    case "url":
      return "https://example.com/";
  }
  const snippet = quoteForAnswer(context.prompt).slice(0, SNIPPET_LENGTH);
  let text = key ? `${key}: ${snippet}` : snippet;
  if (typeof schema.minLength === "number") text = text.padEnd(schema.minLength, ".");
  if (typeof schema.maxLength === "number") text = text.slice(0, schema.maxLength);
  return text;
}

function numberFor(schema: Schema): number {
  let value = 1;
  if (typeof schema.minimum === "number") value = schema.minimum;
  else if (typeof schema.exclusiveMinimum === "number") value = schema.exclusiveMinimum + 1;
  if (typeof schema.maximum === "number") value = Math.min(value, schema.maximum);
  return schema.type === "integer" ? Math.ceil(value) : value;
}

/** allOf members merged shallowly: their properties and required lists are combined. */
function mergeAllOf(schema: Schema, context: Context): Schema {
  if (!Array.isArray(schema.allOf)) return schema;
  const merged: Schema = { ...schema, allOf: undefined };
  const properties: Schema = { ...(isRecord(schema.properties) ? schema.properties : {}) };
  const required = new Set<unknown>(Array.isArray(schema.required) ? schema.required : []);
  for (const member of schema.allOf) {
    const part = resolve(member, context);
    Object.assign(merged, { ...part, properties: undefined, required: undefined });
    if (isRecord(part.properties)) Object.assign(properties, part.properties);
    if (Array.isArray(part.required)) for (const name of part.required) required.add(name);
  }
  return { ...merged, type: merged.type ?? "object", properties, required: [...required] };
}

function objectFor(schema: Schema, context: Context, depth: number): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const properties = isRecord(schema.properties) ? schema.properties : {};
  for (const [name, property] of Object.entries(properties)) {
    result[name] = generate(property, name, context, depth + 1);
  }
  for (const name of Array.isArray(schema.required) ? schema.required : []) {
    if (typeof name === "string" && !(name in result)) result[name] = stringFor({}, name, context);
  }
  return result;
}

function arrayFor(schema: Schema, key: string, context: Context, depth: number): unknown[] {
  const min = typeof schema.minItems === "number" ? schema.minItems : 1;
  const max = typeof schema.maxItems === "number" ? schema.maxItems : Number.POSITIVE_INFINITY;
  const count = Math.min(Math.max(min, 1), max);
  return Array.from({ length: count }, () => generate(schema.items, key, context, depth + 1));
}

function generate(raw: unknown, key: string, context: Context, depth: number): unknown {
  const schema = mergeAllOf(resolve(raw, context), context);
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    return pickEnumValue(schema.enum, context.prompt);
  }
  const options = Array.isArray(schema.anyOf) ? schema.anyOf : schema.oneOf;
  if (Array.isArray(options) && options.length > 0) {
    const option = options.find((entry) => resolve(entry, context).type !== "null") ?? options[0];
    return generate(option, key, context, depth);
  }
  const type = firstNonNullType(schema);
  if (depth > MAX_DEPTH) return type === "array" ? [] : type === "object" ? {} : null;
  switch (type) {
    case "object":
      return objectFor(schema, context, depth);
    case "array":
      return arrayFor(schema, key, context, depth);
    case "integer":
    case "number":
      return numberFor(schema);
    case "boolean":
      return true;
    case "null":
      return null;
    default:
      return stringFor(schema, key, context);
  }
}

/** A value that conforms to `schema` (within the keywords this generator knows). */
export function conformingValue(schema: unknown, prompt: string): unknown {
  return generate(schema, "", { root: schema, prompt }, 0);
}

/** A value that does not conform: a required field missing, else a property of the wrong type. */
export function nonconformingValue(schema: unknown, prompt: string): unknown {
  const context = { root: schema, prompt };
  const resolved = mergeAllOf(resolve(schema, context), context);
  const value = conformingValue(schema, prompt);
  if (!isRecord(value)) return { nonconforming: true };
  const required = Array.isArray(resolved.required) ? resolved.required : [];
  const missing = required.find((name): name is string => typeof name === "string");
  if (missing !== undefined) {
    delete value[missing];
    return value;
  }
  const [first] = Object.keys(value);
  if (first === undefined) return ["nonconforming"];
  value[first] = typeof value[first] === "number" ? "not a number" : 12345;
  return value;
}
