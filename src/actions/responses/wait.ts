/**
 * Get Response's waiting: `GET /responses/{id}` until the response leaves `queued` / `in_progress`,
 * on the shared poller (src/http/poll.ts): 1 s, then twice as long each time up to 10 s (or what
 * Retry-After asks), until the call's deadline.
 * @see https://docs.x.ai/docs/api-reference#get-response
 */

import { XaiApiError } from "../../errors/classes";
import { formatDuration } from "../../errors/text";
import type { Xai } from "../../http/client";
import { pollUntil } from "../../http/poll";
import { isJsonObject, type JsonObject } from "../../inputs/clean";

const FIRST_WAIT_MS = 1000;
const LONGEST_WAIT_MS = 10_000;
const PENDING = new Set(["queued", "in_progress"]);

export const responsePath = (id: string): string => `/responses/${encodeURIComponent(id)}`;

const statusOf = (response: JsonObject): string =>
  typeof response.status === "string" ? response.status : "unknown";

/** One GET of the response, which must be a JSON object. */
async function fetchOnce(client: Xai, path: string) {
  const answer = await client.jsonResponse({ method: "GET", path });
  if (!isJsonObject(answer.data)) throw await client.notJson(answer, "GET", path);
  return { response: answer.data, headers: answer.headers };
}

/** The response now, or (with `wait`) once it is no longer queued or in progress. */
export async function getResponse(
  client: Xai,
  id: string,
  options: { wait: boolean },
): Promise<JsonObject> {
  const path = responsePath(id);
  if (!options.wait) return (await fetchOnce(client, path)).response;
  let status = "unknown";
  const onDeadline = () =>
    new XaiApiError(
      `xAI response ${id} was still ${status} when the call's ${formatDuration(client.deadlineMs)} deadline was reached; run Get Response again later`,
      { code: "DEADLINE_EXCEEDED", method: "GET", path },
    );
  return pollUntil({
    check: async () => {
      const { response, headers } = await fetchOnce(client, path);
      status = statusOf(response);
      return PENDING.has(status)
        ? { done: false, headers, note: status }
        : { done: true, value: response };
    },
    schedule: {
      startMs: FIRST_WAIT_MS,
      maxMs: LONGEST_WAIT_MS,
      factor: 2,
      deadlineMs: client.deadlineAt - Date.now(),
    },
    what: `xAI response ${id}`,
    onDeadline,
    signal: client.signal,
    log: (line) => client.log("info", line),
  }).catch(async (error: unknown) => {
    // A check that the call's deadline cut off is that same deadline: name the last status.
    const cut = client.signal.aborted && (error as XaiApiError).code === "DEADLINE_EXCEEDED";
    throw await client.failure(cut ? onDeadline() : error);
  });
}
