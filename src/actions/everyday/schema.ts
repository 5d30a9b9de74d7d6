/**
 * Extract Data's Schema input and the check of xAI's answer against it, with Ajv (draft-07 by
 * default; 2019-09 and 2020-12 when the schema's `$schema` names them). `strict: false`: keywords
 * Ajv does not know (formats without ajv-formats, xAI-specific ones) are ignored, not refused.
 * @see https://docs.x.ai/docs/guides/structured-outputs
 */

import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import Ajv2019 from "ajv/dist/2019";
import Ajv2020 from "ajv/dist/2020";
import { describeValue } from "../../errors/text";
import { InputError, isJsonObject, type JsonObject, parseJson } from "../../inputs/clean";

const LABEL = "Schema";
const EXAMPLE = '{"type": "object", "properties": {"name": {"type": "string"}}}';

/** A list of field names means an object of string fields, all required. */
function fieldsSchema(names: unknown[]): JsonObject {
  const fields = names.map((name, index) => {
    if (typeof name !== "string" || name.trim() === "") {
      throw new InputError(LABEL, `field ${index + 1} must be a name, got ${describeValue(name)}.`);
    }
    return name.trim();
  });
  if (fields.length === 0) throw new InputError(LABEL, `enter a JSON Schema like ${EXAMPLE}.`);
  const repeated = fields.find((name, index) => fields.indexOf(name) !== index);
  if (repeated) throw new InputError(LABEL, `the field "${repeated}" is listed twice.`);
  return {
    type: "object",
    properties: Object.fromEntries(fields.map((name) => [name, { type: "string" }])),
    required: fields,
    additionalProperties: false,
  };
}

/** A fresh validator per schema, so a long-lived worker never accumulates compiled schemas. */
function compile(schema: JsonObject): ValidateFunction {
  const options = { strict: false, logger: false as const };
  const dialect = typeof schema.$schema === "string" ? schema.$schema : "";
  if (dialect.includes("2020-12")) return new Ajv2020(options).compile(schema);
  if (dialect.includes("2019-09")) return new Ajv2019(options).compile(schema);
  // Other dialects (draft-04/06/07) are read as draft-07, the closest Ajv knows without plugins.
  const { $schema: _dialect, ...rest } = schema;
  return new Ajv(options).compile(rest);
}

/** Schema: a JSON Schema object, or field names (a JSON array, or text split on commas/lines). */
export function cleanSchema(value: unknown): JsonObject {
  if (value === undefined || value === null || (typeof value === "string" && !value.trim())) {
    throw new InputError(LABEL, `is required: enter a JSON Schema like ${EXAMPLE}.`);
  }
  let parsed: unknown = value;
  if (typeof value === "string") {
    const text = value.trim();
    parsed = /^[[{]/.test(text) ? parseJson(LABEL, text) : text.split(/[,\r\n]+/);
  }
  if (Array.isArray(parsed)) {
    parsed = fieldsSchema(parsed.filter((name) => !(typeof name === "string" && !name.trim())));
  }
  if (!isJsonObject(parsed)) {
    throw new InputError(
      LABEL,
      `must be a JSON Schema object like ${EXAMPLE} or a list of field names, got ${describeValue(parsed)}.`,
    );
  }
  try {
    compile(parsed);
  } catch (error) {
    throw new InputError(LABEL, `is not a valid JSON Schema: ${(error as Error).message}.`);
  }
  // The step returns the extracted object: a schema of another type (or of any) is a mistake.
  const describesObject =
    parsed.type === "object" ||
    (parsed.type === undefined && (isJsonObject(parsed.properties) || "$ref" in parsed));
  if (!describesObject) {
    throw new InputError(
      LABEL,
      `must describe an object ("type": "object" with its "properties"), like ${EXAMPLE}.`,
    );
  }
  return parsed;
}

const describeError = ({ instancePath, message }: ErrorObject): string =>
  `${instancePath ? `at ${instancePath}: ` : ""}${message ?? "does not match"}`;

/** The first way `value` breaks `schema`, or undefined when it conforms. */
export function firstSchemaError(schema: JsonObject, value: unknown): string | undefined {
  const validate = compile(schema);
  if (validate(value)) return undefined;
  const [first] = validate.errors ?? [];
  return first ? describeError(first) : "does not match the schema";
}
