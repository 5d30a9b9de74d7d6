/**
 * Fields that xAI repeats on every chunk (id, model, usage, citations, ...), kept the way a
 * non-streamed response shows them: the last non-null value wins, null is kept only when nothing
 * else came, and a field that never arrived stays absent. Remembers the order fields first arrived.
 */
export class LatestFields {
  private readonly values = new Map<string, unknown>();

  remember(key: string, value: unknown): void {
    if (value === undefined) return;
    if (value === null && this.values.has(key)) return;
    this.values.set(key, value);
  }

  get(key: string): unknown {
    return this.values.get(key);
  }

  /** Fields not named in `handled`, in arrival order, as an object to spread into a result. */
  others(handled: ReadonlySet<string>): Record<string, unknown> {
    const rest: Record<string, unknown> = {};
    for (const [key, value] of this.values) {
      if (!handled.has(key)) rest[key] = value;
    }
    return rest;
  }
}
