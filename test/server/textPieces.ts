/**
 * Splits text into word-sized pieces ("word ", "word ", "last") whose concatenation is exactly
 * the input, the way a model streams tokens.
 */
export function splitIntoWordPieces(text: string): string[] {
  if (text === "") return [];
  return text.split(/(?<=\s)(?=\S)/);
}

/** Splits text into pieces of at most `size` characters (used for tool-call argument fragments). */
export function splitIntoFixedPieces(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let start = 0; start < text.length; start += size) {
    pieces.push(text.slice(start, start + size));
  }
  return pieces;
}

const FILLER_WORDS = [
  "grok",
  "answers",
  "with",
  "deterministic",
  "words",
  "for",
  "benchmarks",
  "and",
  "tests",
  "only",
];

/** `count` space-separated words; `variant` shifts the word cycle so choices differ. */
export function fillerText(count: number, variant = 0): string {
  const words = new Array<string>(count);
  for (let index = 0; index < count; index++) {
    words[index] = FILLER_WORDS[(index + variant) % FILLER_WORDS.length];
  }
  return words.join(" ");
}

/** Rough token estimate: one token per whitespace-separated word. */
export function countWords(text: string): number {
  let count = 0;
  let inWord = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const isSpace = code === 32 || code === 10 || code === 9 || code === 13;
    if (!isSpace && !inWord) count++;
    inWord = !isSpace;
  }
  return count;
}
