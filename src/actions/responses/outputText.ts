/**
 * The two fields the SDKs add to a response and so does this component: `output_text` (the text of
 * every `output_text` part of the assistant's messages, joined in order, as in OpenAI's SDK) and,
 * for a JSON Schema answer, `output_parsed`.
 * @see https://docs.x.ai/docs/guides/structured-outputs
 */

import { XaiApiError } from "../../errors/classes";
import { truncate } from "../../errors/text";
import { depthOf, isJsonObject, type JsonObject } from "../../inputs/clean";
import { MAX_JSON_DEPTH } from "../../limits";
import { outputTextOf } from "../../streaming/response";

export type ResponseData = JsonObject & { output_text: string; output_parsed?: unknown };

/** Why a response did not complete, in xAI's words when it gave any. */
function reasonOf(response: JsonObject): string {
  const details = response.incomplete_details;
  if (isJsonObject(details) && typeof details.reason === "string") return ` (${details.reason})`;
  const error = response.error;
  if (isJsonObject(error) && typeof error.message === "string") return ` (${error.message})`;
  return "";
}

const received = (text: string): string =>
  text ? ` Received: ${JSON.stringify(truncate(text, 500))}` : " No text was received.";

/** A response that did not complete: its id, status, xAI's reason, what arrived, and `so` what. */
export function notCompleted(response: JsonObject, so: string): XaiApiError {
  const status = typeof response.status === "string" ? response.status : "unknown";
  const id = typeof response.id === "string" ? ` ${response.id}` : "";
  const text = outputTextOf(response.output);
  return new XaiApiError(
    `xAI's response${id} ended with status "${status}"${reasonOf(response)}, so ${so}.${received(text)}`,
    { code: "RESPONSE_NOT_COMPLETED" },
  );
}

/** The answer text parsed as JSON; fails when the response did not complete or is not JSON. */
export function parsedOutput(response: JsonObject, text: string): unknown {
  if (response.status !== "completed") {
    throw notCompleted(response, "its answer was not read as JSON for the JSON Schema");
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new XaiApiError(
      `xAI's answer is not the JSON the JSON Schema asks for (${(error as Error).message}).${received(text)}`,
      { code: "OUTPUT_NOT_JSON" },
    );
  }
  // Deeper than xAI's own JSON: checking it could overflow the stack, and no step could store it.
  if (depthOf(parsed) > MAX_JSON_DEPTH) {
    throw new XaiApiError(
      `xAI's answer nests deeper than ${MAX_JSON_DEPTH} levels, so it was not read as the JSON Schema's answer.`,
      { code: "OUTPUT_NOT_JSON" },
    );
  }
  return parsed;
}

/** xAI's response as received, plus `output_text` (and `output_parsed` with `parse`). */
export function withOutputText(answer: unknown, options: { parse: boolean }): ResponseData {
  if (!isJsonObject(answer)) {
    throw new XaiApiError(
      `xAI's answer is not a response object: ${truncate(JSON.stringify(answer) ?? "", 200)}`,
      { code: "NOT_JSON" },
    );
  }
  const text = outputTextOf(answer.output);
  const data: ResponseData = { ...answer, output_text: text };
  if (options.parse) data.output_parsed = parsedOutput(answer, text);
  return data;
}
