/**
 * Output schemas (`outputSchema`): the JSON Schema of each action's `data`, shown in Prismatic's
 * designer before any run. xAI's shapes come from its OpenAPI description, resolved into
 * outputSchemas.json by `npm run schemas` (scripts/generateOutputSchemas.ts).
 * @see https://prismatic.io/docs/custom-connectors/actions/#output-schemas
 */

import { type OutputSchema, outputSchema } from "@prismatic-io/spectral";
import type { JsonSchema } from "@prismatic-io/spectral/dist/types/jsonforms/JsonSchema";
import schemas from "./outputSchemas.json";

export type XaiSchemaName = keyof typeof schemas;

/** xAI's response schema `name` as an action's output; with `field`, only that property (e.g. `data`). */
export function xaiOutput(name: XaiSchemaName, field?: string): OutputSchema {
  const schema = schemas[name] as JsonSchema & { properties?: Record<string, JsonSchema> };
  return jsonOutput(field ? (schema.properties?.[field] ?? {}) : schema);
}

/** A hand-written output schema (for the shapes this component builds itself). */
export const jsonOutput = (schema: JsonSchema): OutputSchema =>
  outputSchema({ type: "actionOutput", schema });

/** xAI's response schema with extra top-level properties this component adds (e.g. output_text). */
export function xaiOutputWith(
  name: XaiSchemaName,
  extra: Record<string, JsonSchema>,
): OutputSchema {
  const schema = schemas[name] as { properties?: Record<string, unknown> };
  return jsonOutput({ ...schema, properties: { ...schema.properties, ...extra } } as JsonSchema);
}
