/**
 * Keeps the connection's API key out of everything the component returns or logs: error messages,
 * error properties, debug logs. The client registers the key with `rememberSecret`; every string
 * that may leave the component goes through `redactText` or `redactDeep`.
 */

import { Stream } from "node:stream";

export const REDACTED = "[REDACTED]";

/** Bounded so a long-lived process serving many connections does not grow without limit. */
const MAX_REMEMBERED_SECRETS = 50;
/** Shorter values would redact ordinary words and numbers. */
const MIN_SECRET_LENGTH = 4;

/** Header names whose values are credentials whatever they contain (compared lower-case). */
const SECRET_HEADER_NAMES = new Set([
  "authorization",
  "proxy-authorization",
  "x-api-key",
  "api-key",
  "cookie",
  "set-cookie",
]);

/** `Bearer <token>` / `Basic <credentials>` anywhere in a text, e.g. a copied request line. */
const AUTH_SCHEME_PATTERN = /\b(Bearer|Basic)\s+[^\s"'`,;<>]+/gi;
/** The shape of an xAI API key, redacted even when it was never remembered (pasted into a URL). */
const XAI_KEY_PATTERN = /\bxai-[A-Za-z0-9_-]{20,}/g;

/** The secret `rememberSecret` was last given. */
let lastRemembered: string | undefined;
/** Most recently remembered last; each entry is a regex matching the secret literally. */
const rememberedSecrets: { secret: string; pattern: RegExp }[] = [];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}

function rememberOne(secret: string): void {
  const existing = rememberedSecrets.findIndex((entry) => entry.secret === secret);
  if (existing !== -1) rememberedSecrets.splice(existing, 1);
  rememberedSecrets.push({ secret, pattern: new RegExp(escapeRegExp(secret), "g") });
  while (rememberedSecrets.length > MAX_REMEMBERED_SECRETS) rememberedSecrets.shift();
}

/**
 * Registers a secret (the connection's API key) so it is redacted from now on. Values shorter
 * than 4 characters are ignored. The URL-encoded form is remembered too, since a key can end up
 * in a query string.
 */
export function rememberSecret(secret: string): void {
  if (typeof secret !== "string") return;
  const trimmed = secret.trim();
  // Every call of a connection remembers its key again: the common case costs one comparison.
  if (trimmed.length < MIN_SECRET_LENGTH || trimmed === lastRemembered) return;
  lastRemembered = trimmed;
  rememberOne(trimmed);
  const encoded = encodeURIComponent(trimmed);
  if (encoded !== trimmed) rememberOne(encoded);
}

/** Replaces every remembered secret, any `Bearer …`/`Basic …` credential and xAI key shapes. */
export function redactText(text: string): string {
  if (typeof text !== "string" || text.length === 0) return text;
  let result = text;
  // Longest first so a secret that contains another one is replaced whole.
  const bySize = [...rememberedSecrets].sort((a, b) => b.secret.length - a.secret.length);
  for (const { pattern } of bySize) {
    pattern.lastIndex = 0;
    result = result.replace(pattern, REDACTED);
  }
  result = result.replace(AUTH_SCHEME_PATTERN, (_match, scheme: string) => `${scheme} ${REDACTED}`);
  return result.replace(XAI_KEY_PATTERN, REDACTED);
}

function byteLengthOf(value: ArrayBuffer | ArrayBufferView): number {
  return value.byteLength;
}

function redactValue(value: unknown, ancestors: object[]): unknown {
  if (typeof value === "string") return redactText(value);
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "function") return `<function ${redactText(value.name) || "anonymous"}>`;
  if (typeof value === "symbol") return value.toString();
  if (value === null || typeof value !== "object") return value;

  if (ancestors.includes(value)) return "[Circular]";
  if (Buffer.isBuffer(value)) return `<Buffer ${value.length} bytes>`;
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
    return `<binary ${byteLengthOf(value)} bytes>`;
  }
  if (value instanceof Date) return new Date(value.getTime());
  if (value instanceof RegExp) return redactText(value.toString());
  if (value instanceof Stream) return "<stream>";

  const nextAncestors = [...ancestors, value];
  if (Array.isArray(value)) return value.map((item) => redactValue(item, nextAncestors));
  if (value instanceof Map) {
    return redactObjectEntries(
      [...value.entries()].map(([k, v]) => [String(k), v]),
      nextAncestors,
    );
  }
  if (value instanceof Set) return [...value].map((item) => redactValue(item, nextAncestors));
  if (value instanceof Error) {
    const entries: [string, unknown][] = [
      ["name", value.name],
      ["message", value.message],
    ];
    for (const key of Object.keys(value))
      entries.push([key, (value as unknown as Record<string, unknown>)[key]]);
    return redactObjectEntries(entries, nextAncestors);
  }
  return redactObjectEntries(Object.entries(value), nextAncestors);
}

function redactObjectEntries(
  entries: [string, unknown][],
  ancestors: object[],
): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, item] of entries) {
    const safeKey = redactText(key);
    copy[safeKey] = SECRET_HEADER_NAMES.has(key.toLowerCase())
      ? REDACTED
      : redactValue(item, ancestors);
  }
  return copy;
}

/**
 * Deep copy of `value` that is safe to show: strings redacted, credential headers (authorization,
 * proxy-authorization, x-api-key, api-key, cookie, set-cookie in any case) replaced, cycles as
 * "[Circular]", Buffers/typed arrays summarised with their size, streams as "<stream>". Class
 * instances become plain objects of their own enumerable properties.
 */
export function redactDeep<T>(value: T): T {
  return redactValue(value, []) as T;
}
