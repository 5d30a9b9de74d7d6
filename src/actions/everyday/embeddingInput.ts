/**
 * Create Embeddings' Input: one text, several as a JSON array of texts (typed, or an array from an
 * earlier step), or token IDs from an earlier step: an array of integers (one input) or of arrays
 * of integers (several). xAI refuses empty texts and more than 128 inputs (`EmbeddingRequest.input`).
 * @see https://docs.x.ai/docs/api-reference#create-embeddings
 */

import { describeValue } from "../../errors/text";
import { InputError, parseJson } from "../../inputs/clean";

const LABEL = "Input";
const MAX_INPUTS = 128;
/** Text meant as a JSON array of texts: `[` then `"` or `]` (a text may start with "[Draft]"). */
const LOOKS_LIKE_TEXTS = /^\s*\[\s*["\]]/;

export type EmbeddingInput = string | string[] | number[] | number[][];

/** A token ID as xAI takes it: a whole number, `format: int32`. */
const isTokenId = (value: unknown): value is number =>
  Number.isInteger(value) && (value as number) >= -(2 ** 31) && (value as number) < 2 ** 31;

type Kind = "text" | "token ID" | "list of token IDs";

const kindOf = (entry: unknown): Kind | undefined =>
  typeof entry === "string"
    ? "text"
    : typeof entry === "number"
      ? "token ID"
      : Array.isArray(entry)
        ? "list of token IDs"
        : undefined;

const TOKEN_ID = "a token ID (a whole number within int32)";
const shown = (value: unknown): string =>
  typeof value === "number" ? String(value) : describeValue(value);

/** What is wrong with an entry of the expected kind, or undefined when it is fine. */
function entryProblem(kind: Kind, entry: unknown): string | undefined {
  if (kind === "text") {
    return typeof entry === "string" && entry.trim() !== ""
      ? undefined
      : `must be a non-empty text, got ${shown(entry)}`;
  }
  if (kind === "token ID")
    return isTokenId(entry) ? undefined : `must be ${TOKEN_ID}, got ${shown(entry)}`;
  const list = entry as unknown[];
  const bad = list.findIndex((token) => !isTokenId(token));
  return bad < 0 ? undefined : `item ${bad + 1} must be ${TOKEN_ID}, got ${shown(list[bad])}`;
}

/** Every entry of the first entry's kind (`EmbeddingInput` allows no mix), each one valid. */
function checkEntries(entries: unknown[]): void {
  const kind = kindOf(entries[0]) ?? "text";
  entries.forEach((entry, index) => {
    const other = kindOf(entry);
    if (other !== undefined && other !== kind) {
      throw new InputError(
        LABEL,
        `entry ${index + 1} is a ${other} but entry 1 is a ${kind}; use all texts, all token IDs or all lists of token IDs.`,
      );
    }
    const problem = entryProblem(kind, entry);
    if (problem) throw new InputError(LABEL, `entry ${index + 1} ${problem}.`);
  });
}

export function cleanEmbeddingInput(value: unknown): EmbeddingInput {
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
  // One list of token IDs is one input, whatever its length; other arrays hold one input each.
  const tokens = parsed.length > 0 && parsed.every((entry) => typeof entry === "number");
  if (parsed.length === 0 || (!tokens && parsed.length > MAX_INPUTS)) {
    throw new InputError(LABEL, `must hold from 1 to ${MAX_INPUTS} texts; got ${parsed.length}.`);
  }
  checkEntries(parsed);
  return parsed as EmbeddingInput;
}
