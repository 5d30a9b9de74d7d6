import { errorPlan, jsonPlan, SSE_CONTENT_TYPE } from "./plans";
import type { PlannedResponse } from "./responseWriter";
import type { ScriptedResponse } from "./serverTypes";
import { xaiError } from "./xaiErrors";

/** One-shot scripted responses; a request takes the oldest one whose path matches (or has none). */
export class ScriptQueue {
  private queued: ScriptedResponse[] = [];

  add(responses: ScriptedResponse[]): void {
    this.queued.push(...responses);
  }

  take(path: string): ScriptedResponse | undefined {
    const index = this.queued.findIndex(
      (script) => script.path === undefined || script.path === path,
    );
    return index === -1 ? undefined : this.queued.splice(index, 1)[0];
  }

  clear(): void {
    this.queued = [];
  }
}

function lowerCaseKeys(headers: Record<string, string> | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) result[name.toLowerCase()] = value;
  return result;
}

function textContentType(body: string): Record<string, string> {
  if (body === "") return {};
  const type = body.trimStart().startsWith("<") ? "text/html" : "text/plain";
  return { "content-type": `${type}; charset=utf-8` };
}

function scriptedBody(status: number, body: unknown): PlannedResponse {
  if (typeof body === "string") return { status, headers: textContentType(body), body };
  return jsonPlan(status, body);
}

/**
 * The response a script asks for. Without `body` or `sseChunks`: an error status (>= 400) gets
 * xAI's error body, status 200 (or none) gets the normal answer, any other status an empty body.
 * Script headers are added last, so they can override anything.
 */
export function scriptedPlan(
  script: ScriptedResponse,
  normalAnswer: () => PlannedResponse,
): PlannedResponse {
  let plan: PlannedResponse;
  if (script.sseChunks) {
    plan = {
      status: script.status ?? 200,
      headers: { "content-type": SSE_CONTENT_TYPE, "cache-control": "no-cache" },
      events: script.sseChunks,
    };
  } else if (script.body !== undefined) {
    plan = scriptedBody(script.status ?? 200, script.body);
  } else if (script.status === undefined || script.status === 200) {
    plan = normalAnswer();
  } else if (script.status >= 400) {
    plan = errorPlan(xaiError(script.status));
  } else {
    plan = { status: script.status, headers: {}, body: "" };
  }
  return { ...plan, headers: { ...plan.headers, ...lowerCaseKeys(script.headers) } };
}
