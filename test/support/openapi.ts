import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";

/** xAI's OpenAPI 3.1 description (its schemas are JSON Schema 2020-12). */
const openapi = JSON.parse(
  readFileSync(join(__dirname, "../../spec/xai-openapi.json"), "utf8"),
) as {
  paths: Record<
    string,
    Record<
      string,
      {
        requestBody?: { content: Record<string, { schema: object }> };
        responses?: Record<string, { content?: Record<string, { schema: object }> }>;
      }
    >
  >;
  components: { schemas: Record<string, object> };
};

const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
ajv.addSchema({ $id: "xai", components: openapi.components });

const validators = new Map<string, ValidateFunction>();

/** The schema errors of a JSON request body for `method path` (path as under /v1), or [] when it is valid. */
export const requestBodyErrors = (method: string, path: string, body: unknown): string[] => {
  const operation = openapi.paths[path]?.[method.toLowerCase()];
  const schema = operation?.requestBody?.content["application/json"]?.schema;
  if (!schema) return [`no JSON request body is described for ${method} ${path}`];
  const key = `${method} ${path}`;
  let validate = validators.get(key);
  if (!validate) {
    // Rebase the operation's local "#/components/..." references onto the registered document.
    const rebased = JSON.parse(
      JSON.stringify(schema).replaceAll('"#/components/', '"xai#/components/'),
    );
    validate = ajv.compile(rebased);
    validators.set(key, validate);
  }
  return validate(body)
    ? []
    : (validate.errors ?? []).map((error) => `${error.instancePath || "body"} ${error.message}`);
};

const validatorFor = (key: string, schema: object): ValidateFunction => {
  let validate = validators.get(key);
  if (!validate) {
    const rebased = JSON.parse(
      JSON.stringify(schema).replaceAll('"#/components/', '"xai#/components/'),
    );
    validate = ajv.compile(rebased);
    validators.set(key, validate);
  }
  return validate;
};

const errorsOf = (validate: ValidateFunction, value: unknown): string[] =>
  validate(value)
    ? []
    : (validate.errors ?? []).map((error) => `${error.instancePath || "body"} ${error.message}`);

/**
 * The schema errors of a JSON response body for `method path` answered with `status` (path as in
 * the description, e.g. "/v1/files/{file_id}"), or [] when it is valid.
 */
export const responseBodyErrors = (
  method: string,
  path: string,
  status: number,
  body: unknown,
): string[] => {
  const operation = openapi.paths[path]?.[method.toLowerCase()];
  const schema = operation?.responses?.[String(status)]?.content?.["application/json"]?.schema;
  if (!schema) return [`no JSON response body is described for ${method} ${path} ${status}`];
  return errorsOf(validatorFor(`response ${method} ${path} ${status}`, schema), body);
};

/** The errors of `value` against the named component schema, e.g. "VideoResponse". */
export const schemaErrors = (name: string, value: unknown): string[] => {
  if (!openapi.components.schemas[name]) return [`no schema named ${name}`];
  return errorsOf(validatorFor(`schema ${name}`, { $ref: `#/components/schemas/${name}` }), value);
};
