import { stableHash } from "./ids";
import { errorPlan, jsonPlan } from "./plans";
import type { PlannedResponse } from "./responseWriter";
import { invalidTypeError, missingFieldError } from "./xaiErrors";

/**
 * `POST /v1/tokenize-text`: a word-level stand-in for xAI's tokenizer. Tokens are a word or one
 * symbol with the whitespace before it ("Hello", " world", "!"), so they concatenate to the text.
 * https://docs.x.ai/docs/api-reference#tokenize-text
 */

export interface TextToken {
  token_id: number;
  string_token: string;
  token_bytes: number[];
}

const TOKEN_PATTERN = /\s*[\p{L}\p{N}_]+|\s*[^\s\p{L}\p{N}_]|\s+/gu;
/** Token ids stay below this vocabulary size. */
const VOCABULARY_SIZE = 131_072;

export function tokenizeText(text: string): TextToken[] {
  return (text.match(TOKEN_PATTERN) ?? []).map((token) => ({
    token_id: Number.parseInt(stableHash(`token:${token}`).slice(0, 8), 16) % VOCABULARY_SIZE,
    string_token: token,
    token_bytes: [...Buffer.from(token, "utf8")],
  }));
}

export function tokenizePlan(body: Record<string, unknown>): PlannedResponse {
  if (body.text === undefined || body.text === null) return errorPlan(missingFieldError("text"));
  if (typeof body.text !== "string") return errorPlan(invalidTypeError("text", "a string"));
  if (body.model === undefined || body.model === null) {
    return errorPlan(missingFieldError("model"));
  }
  if (typeof body.model !== "string") return errorPlan(invalidTypeError("model", "a string"));
  return jsonPlan(200, { token_ids: tokenizeText(body.text) });
}
