import type { JsonObject } from "./types";

/** Narrow an `unknown` parsed from JSON to a plain object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `record[key]` when it is a string, otherwise undefined. */
export function stringField(record: JsonObject, key: string): string | undefined {
  const value = record[key];
  return typeof value === "string" ? value : undefined;
}

/** `record[key]` when it is a finite number, otherwise undefined. */
export function numberField(record: JsonObject, key: string): number | undefined {
  const value = record[key];
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** `record[key]` when it is a plain object, otherwise undefined. */
export function objectField(record: JsonObject, key: string): JsonObject | undefined {
  const value = record[key];
  return isJsonObject(value) ? value : undefined;
}

/** `record[key]` when it is an array, otherwise undefined. */
export function arrayField(record: JsonObject, key: string): unknown[] | undefined {
  const value = record[key];
  return Array.isArray(value) ? value : undefined;
}
