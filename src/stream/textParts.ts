/**
 * Collects the pieces of a streamed text and joins them once at the end, so assembling an answer
 * of n characters costs O(n) time and memory (repeated `+=` on a long string can go quadratic).
 */
export class TextParts {
  private readonly parts: string[] = [];
  private totalLength = 0;

  append(piece: string): void {
    if (piece === "") return;
    this.parts.push(piece);
    this.totalLength += piece.length;
  }

  get length(): number {
    return this.totalLength;
  }

  join(): string {
    if (this.parts.length > 1) {
      // Keep the joined text so later reads (the partial answer, then the preview) stay cheap.
      const joined = this.parts.join("");
      this.parts.length = 0;
      this.parts.push(joined);
    }
    return this.parts[0] ?? "";
  }

  /** The first `maxCharacters` characters, without joining the whole text. */
  head(maxCharacters: number): string {
    const taken: string[] = [];
    let takenLength = 0;
    for (const part of this.parts) {
      if (takenLength >= maxCharacters) break;
      const piece = part.slice(0, maxCharacters - takenLength);
      taken.push(piece);
      takenLength += piece.length;
    }
    return taken.join("");
  }
}
