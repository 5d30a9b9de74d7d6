import type { PlannedResponse } from "./responseWriter";
import type { XaiError } from "./xaiErrors";

const JSON_CONTENT_TYPE = "application/json; charset=utf-8";
export const SSE_CONTENT_TYPE = "text/event-stream; charset=utf-8";

/** Streams with more events than this are written in batches (benchmarks send 40,000 chunks). */
const MAX_SEPARATELY_WRITTEN_EVENTS = 1000;

export function jsonPlan(status: number, value: unknown): PlannedResponse {
  return { status, headers: { "content-type": JSON_CONTENT_TYPE }, body: JSON.stringify(value) };
}

export function errorPlan(error: XaiError): PlannedResponse {
  return jsonPlan(error.status, error.body);
}

export function ssePlan(events: string[]): PlannedResponse {
  return {
    status: 200,
    headers: { "content-type": SSE_CONTENT_TYPE, "cache-control": "no-cache" },
    events,
    batched: events.length > MAX_SEPARATELY_WRITTEN_EVENTS,
  };
}
