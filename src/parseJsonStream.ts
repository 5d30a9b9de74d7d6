/**
 * Parses a JSON response body from its byte stream without ever holding the whole body as one
 * string: string values of `LIFT_AT_BYTES` or more (e.g. base64 images) are decoded on their own
 * and put back by JSON.parse's reviver, so the peak is about the raw bytes plus the result,
 * instead of bytes + concatenated copy + text + result as with axios' `responseType: "json"`.
 */
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LIFT_AT_BYTES = 64 * 1024;

export const parseJsonStream = async (
  chunks: AsyncIterable<Buffer>,
  liftAtBytes = LIFT_AT_BYTES,
): Promise<unknown> => {
  /** The body with every lifted string replaced by a marker string. */
  const skeleton: Buffer[] = [];
  const lifted: string[] = [];
  // Stands in for a lifted string; JSON text cannot contain a raw NUL, so no value starts so.
  const marker = `\u0000lifted:${Math.random().toString(36).slice(2)}:`;
  /** Pieces of a string that started in an earlier chunk (undefined: not inside one). */
  let openString: Buffer[] | undefined;
  let openStringBytes = 0;
  let openStringEscaped = false;
  // The previous chunk ended with a backslash inside a string: skip the byte it escapes.
  let skipFirstByte = false;

  const addString = (parts: Buffer[], bytes: number, escaped: boolean) => {
    if (bytes < liftAtBytes) {
      skeleton.push(Buffer.from([QUOTE]), ...parts, Buffer.from([QUOTE]));
      return;
    }
    const raw = Buffer.concat(parts, bytes).toString("utf8");
    lifted.push(escaped ? (JSON.parse(`"${raw}"`) as string) : raw);
    skeleton.push(Buffer.from(JSON.stringify(`${marker}${lifted.length - 1}`)));
  };

  for await (const chunk of chunks) {
    let nextBackslash = -2; // not searched yet in this chunk
    /** Index of the closing quote of a string whose content starts at `from`, or -1. */
    const closingQuote = (from: number): { end: number; escaped: boolean } => {
      let scan = from;
      let escaped = false;
      while (scan < chunk.length) {
        const quote = chunk.indexOf(QUOTE, scan);
        if (nextBackslash === -2 || (nextBackslash !== -1 && nextBackslash < scan)) {
          nextBackslash = chunk.indexOf(BACKSLASH, scan);
        }
        if (nextBackslash === -1 || (quote !== -1 && quote < nextBackslash)) {
          return { end: quote, escaped };
        }
        escaped = true;
        scan = nextBackslash + 2;
        if (scan > chunk.length) skipFirstByte = true;
      }
      return { end: -1, escaped };
    };

    let position = 0;
    /** Start of the bytes of this chunk not yet added to the skeleton. */
    let pending = 0;
    if (openString) {
      const start = skipFirstByte ? 1 : 0;
      skipFirstByte = false;
      const { end, escaped } = closingQuote(start);
      const stop = end === -1 ? chunk.length : end;
      openString.push(chunk.subarray(0, stop));
      openStringBytes += stop;
      openStringEscaped ||= escaped || start === 1;
      if (end === -1) continue;
      addString(openString, openStringBytes, openStringEscaped);
      openString = undefined;
      position = pending = end + 1;
    }
    while (position < chunk.length) {
      const opening = chunk.indexOf(QUOTE, position);
      if (opening === -1) break;
      const { end, escaped } = closingQuote(opening + 1);
      if (end === -1) {
        // The string goes on in the next chunk.
        skeleton.push(chunk.subarray(pending, opening));
        openString = [chunk.subarray(opening + 1)];
        openStringBytes = chunk.length - opening - 1;
        openStringEscaped = escaped;
        pending = chunk.length;
        break;
      }
      if (end - opening - 1 >= liftAtBytes) {
        skeleton.push(chunk.subarray(pending, opening));
        addString([chunk.subarray(opening + 1, end)], end - opening - 1, escaped);
        pending = end + 1;
      }
      position = end + 1;
    }
    if (pending < chunk.length) skeleton.push(chunk.subarray(pending));
  }

  const text = Buffer.concat(skeleton).toString("utf8");
  if (lifted.length === 0) return JSON.parse(text);
  const restore = (value: string): string =>
    value.startsWith(marker) ? lifted[Number(value.slice(marker.length))] : value;
  return JSON.parse(text, (_key, value: unknown) => {
    if (typeof value === "string") return restore(value);
    if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
    // A lifted object key (only when a key is LIFT_AT_BYTES long): rebuild the object.
    const keys = Object.keys(value);
    if (!keys.some((name) => name.startsWith(marker))) return value;
    const entries = keys.map((name) => [restore(name), (value as Record<string, unknown>)[name]]);
    return Object.fromEntries(entries);
  });
};
