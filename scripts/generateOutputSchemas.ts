/**
 * Writes src/actions/outputSchemas.json: the response schemas of xAI's OpenAPI description
 * (spec/xai-openapi.json) that actions declare as `outputSchema`, with every $ref resolved (to a
 * bounded depth; a cycle becomes `{}`), examples dropped and descriptions kept for top-level fields
 * (what the designer shows beside a field; deeper ones would triple the bundle's share). `npm run schemas`; a test checks it is current.
 */

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

type Schema = Record<string, unknown>;

/** The schemas actions return, by their OpenAPI name. */
export const OUTPUT_SCHEMA_NAMES = [
  "ApiKey",
  "ChatResponse",
  "DeleteFileResponse",
  "DeleteStoredCompletionResponse",
  "EmbeddingResponse",
  "File",
  "GeneratedImageResponse",
  "ListFilesResponse",
  "ListModelsResponse",
  "MessageResponse",
  "Model",
  "ModelResponse",
  "StartDeferredResponse",
  "TokenizeResponse",
  "VideoResponse",
];

/**
 * Fields the OpenAPI description requires that live xAI usually leaves out (so does the local
 * server, test/server/chatTypes.ts): an output schema must not promise them.
 */
const OMITTED_BY_XAI: Record<string, readonly string[]> = {
  ChatResponse: ["service_tier"],
  Usage: ["cost_in_usd_ticks"],
};

const MAX_DEPTH = 8;
const root = join(__dirname, "..");

export function outputSchemas(openapi: { components: { schemas: Record<string, Schema> } }) {
  const all = Object.fromEntries(
    Object.entries(openapi.components.schemas).map(([name, schema]) => {
      const omitted = OMITTED_BY_XAI[name];
      if (!omitted || !Array.isArray(schema.required)) return [name, schema];
      const required = schema.required.filter((key: string) => !omitted.includes(key));
      return [name, { ...schema, required }];
    }),
  );
  const resolve = (value: unknown, depth: number, seen: string[], level = 0): unknown => {
    if (Array.isArray(value)) return value.map((item) => resolve(item, depth, seen, level));
    if (typeof value !== "object" || value === null) return value;
    const schema = value as Schema;
    if (typeof schema.$ref === "string") {
      const name = schema.$ref.split("/").pop() as string;
      if (seen.includes(name) || depth >= MAX_DEPTH) return {};
      const { $ref: _ref, ...siblings } = schema;
      return {
        ...(resolve(all[name], depth + 1, [...seen, name], level) as Schema),
        ...(resolve(siblings, depth, seen, level) as Schema),
      };
    }
    const copy: Schema = {};
    for (const [key, item] of Object.entries(schema)) {
      if (key === "example" || key === "examples" || (key === "description" && level > 1)) continue;
      copy[key] = resolve(item, depth, seen, key === "properties" ? level + 1 : level);
    }
    return copy;
  };
  return Object.fromEntries(
    OUTPUT_SCHEMA_NAMES.map((name) => [name, resolve(all[name], 0, [name])]),
  );
}

export const outputSchemasPath = join(root, "src/actions/outputSchemas.json");

if (require.main === module) {
  const openapi = JSON.parse(readFileSync(join(root, "spec/xai-openapi.json"), "utf8"));
  writeFileSync(outputSchemasPath, `${JSON.stringify(outputSchemas(openapi))}\n`);
}
