/**
 * Create Embeddings' Input: one text, or several as a JSON array of texts (typed, or an array from
 * an earlier step). xAI refuses empty texts and more than 128 per request (`EmbeddingRequest.input`).
 * @see https://docs.x.ai/docs/api-reference#create-embeddings
 */

import { describeValue } from "../../errors/text";
import { InputError, parseJson } from "../../inputs/clean";

const LABEL = "Input";
const MAX_TEXTS = 128;
/** Text meant as a JSON array of texts: `[` then `"` or `]` (a text may start with "[Draft]"). */
const LOOKS_LIKE_TEXTS = /^\s*\[\s*["\]]/;

export function cleanEmbeddingInput(value: unknown): string | string[] {
  if (value === undefined || value === null || (typeof value === "string" && !value.trim())) {
    throw new InputError(
      LABEL,
      'is required: enter a text or a JSON array of texts like ["first", "second"].',
    );
  }
  const parsed =
    typeof value === "string" && LOOKS_LIKE_TEXTS.test(value) ? parseJson(LABEL, value) : value;
  if (typeof parsed === "string" || typeof parsed === "number") return String(parsed);
  if (!Array.isArray(parsed)) {
    throw new InputError(
      LABEL,
      `must be a text or a JSON array of texts, got ${describeValue(parsed)}.`,
    );
  }
  if (parsed.length === 0 || parsed.length > MAX_TEXTS) {
    throw new InputError(LABEL, `must hold from 1 to ${MAX_TEXTS} texts; got ${parsed.length}.`);
  }
  parsed.forEach((text, index) => {
    if (typeof text !== "string" || text.trim() === "") {
      throw new InputError(
        LABEL,
        `entry ${index + 1} must be a non-empty text, got ${describeValue(text)}.`,
      );
    }
  });
  return parsed as string[];
}
