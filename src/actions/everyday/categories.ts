/**
 * Classify and Branch's categories (each one a branch of the step) and the structured output that
 * makes Grok answer with one of them.
 * @see https://prismatic.io/docs/custom-connectors/branching/
 */

import { InputError, type JsonObject, valueList } from "../../inputs/clean";

const LABEL = "Categories";
const MIN_CATEGORIES = 2;
/** Branches a builder can still read on the canvas; also keeps the enum and prompt small. */
const MAX_CATEGORIES = 50;
/** The static branch for an answer outside the list. */
export const OTHER = "Other";

/** The category names, trimmed, empty entries dropped; 2 to 50 distinct names. */
export function cleanCategories(value: unknown): string[] {
  const names = valueList(LABEL)(value);
  if (names.length < MIN_CATEGORIES || names.length > MAX_CATEGORIES) {
    throw new InputError(
      LABEL,
      `enter from ${MIN_CATEGORIES} to ${MAX_CATEGORIES} categories (one per entry); got ${names.length}.`,
    );
  }
  const seen = new Set<string>();
  for (const name of names) {
    const folded = name.toLowerCase();
    if (folded === OTHER.toLowerCase()) {
      throw new InputError(
        LABEL,
        `"${name}" is the step's own branch for a text outside the list; name the category differently.`,
      );
    }
    if (seen.has(folded)) throw new InputError(LABEL, `"${name}" is listed twice.`);
    seen.add(folded);
  }
  return names;
}

/** The answer's shape: one category of the list and a short reason. */
export const classificationSchema = (categories: string[]): JsonObject => ({
  type: "object",
  properties: {
    category: { type: "string", enum: categories },
    reason: { type: "string", description: "One sentence: why the text belongs to the category." },
  },
  required: ["category", "reason"],
  additionalProperties: false,
});

export const classificationTask = (categories: string[]): string =>
  `Classify the user's text into exactly one of these categories: ${categories.map((name) => JSON.stringify(name)).join(", ")}. Give the category and a one-sentence reason.`;

/** The listed category the answer names (exactly, else ignoring case and spaces), or undefined. */
export function matchCategory(categories: string[], answer: unknown): string | undefined {
  if (typeof answer !== "string") return undefined;
  if (categories.includes(answer)) return answer;
  const folded = answer.trim().toLowerCase();
  return categories.find((name) => name.toLowerCase() === folded);
}
