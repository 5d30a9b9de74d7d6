/** Token usage summed over the turns of a run: every number of xAI's `usage`, nested ones included. */

import { dataEntries, isJsonObject, type JsonObject } from "../../inputs/clean";

/** `total` plus `usage`, field by field (numbers added, objects merged the same way). */
export function addUsage(total: JsonObject, usage: unknown): JsonObject {
  if (!isJsonObject(usage)) return total;
  const sum: JsonObject = { ...total };
  for (const [key, value] of dataEntries(usage)) {
    const before = sum[key];
    if (typeof value === "number") {
      sum[key] = (typeof before === "number" ? before : 0) + value;
    } else if (isJsonObject(value)) {
      sum[key] = addUsage(isJsonObject(before) ? before : {}, value);
    }
  }
  return sum;
}
