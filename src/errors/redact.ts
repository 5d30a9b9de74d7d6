/**
 * Redaction by value: the secrets of the call in hand (the connection's API key, an MCP server's
 * authorization, …) are cut out of every string that leaves the component, before any truncation.
 * A key-shape fallback also catches whole xAI keys pasted into other inputs. Nothing is remembered
 * across calls, so one connection's secrets never touch another's messages.
 */

import { Stream } from "node:stream";
import { dataEntries } from "../inputs/clean";
import { MAX_JSON_DEPTH } from "../limits";
import { readHeader } from "./errorBody";
import { truncate } from "./text";

export const REDACTED = "[REDACTED]";

/** A whole xAI API key (`xai-` and a long run of letters and digits), even inside a word like `token_xai-…`. */
const XAI_KEY_SHAPE = /(?<![A-Za-z0-9])xai-[A-Za-z0-9]{32,}(?![A-Za-z0-9-])/g;
/** Header names whose values are credentials whatever they contain (lower-case). */
const SECRET_HEADERS = new Set(["authorization", "proxy-authorization", "x-api-key", "cookie"]);
/** Shorter secrets are matched as whole words only, so a test key "test" does not eat "tested". */
const SHORT_SECRET = 12;
/** A secret's first characters before truncate's "…" are removed from this many on. */
const MIN_CUT_PREFIX = 6;

export type Secrets = readonly string[];

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");

function secretPattern(secrets: Secrets): RegExp | undefined {
  const forms = new Set<string>();
  for (const secret of secrets) {
    const trimmed = typeof secret === "string" ? secret.trim() : "";
    if (trimmed === "") continue;
    forms.add(trimmed);
    forms.add(encodeURIComponent(trimmed));
  }
  if (forms.size === 0) return undefined;
  // Longest first, so a secret that contains another is replaced whole.
  const alternatives = [...forms]
    .sort((a, b) => b.length - a.length)
    .map((form) => {
      const literal = escapeRegExp(form);
      return form.length < SHORT_SECRET ? `(?<![A-Za-z0-9])${literal}(?![A-Za-z0-9])` : literal;
    });
  return new RegExp(alternatives.join("|"), "g");
}

/**
 * A secret cut short by a truncation ("…" right after its first characters, at a word start) is
 * still a secret: a message may have been shortened before it reached the redactor. Linear in the
 * text: only where a secret's first characters occur is it compared further.
 */
function withoutCutSecrets(text: string, secrets: readonly string[]): string {
  if (!text.includes("…")) return text;
  let result = text;
  for (const secret of secrets) {
    const parts: string[] = [];
    let from = 0;
    const head = secret.slice(0, MIN_CUT_PREFIX);
    for (let at = result.indexOf(head); at !== -1; at = result.indexOf(head, at + 1)) {
      let length = MIN_CUT_PREFIX;
      while (length < secret.length && result[at + length] === secret[length]) length++;
      if (result[at + length] !== "…" || /[A-Za-z0-9]/.test(result[at - 1] ?? "")) continue;
      parts.push(result.slice(from, at), REDACTED);
      from = at + length;
      at = from - 1;
    }
    if (parts.length > 0) result = parts.join("") + result.slice(from);
  }
  return result;
}

/** Redacts one call's secrets; build it once per failure or log line, use it on every string. */
export function redactor(secrets: Secrets = []) {
  const pattern = secretPattern(secrets);
  const long = secrets
    .map((secret) => (typeof secret === "string" ? secret.trim() : ""))
    .filter((secret) => secret.length >= SHORT_SECRET);
  const text = (value: string): string => {
    if (typeof value !== "string" || value === "") return value;
    const withoutSecrets = pattern ? value.replace(pattern, REDACTED) : value;
    const withoutKeys = withoutSecrets.replace(XAI_KEY_SHAPE, REDACTED);
    return withoutCutSecrets(withoutKeys, long);
  };
  /**
   * A JSON-safe copy with every string redacted, then cut to `maxChars`: no cycles, bigints,
   * functions or bytes, and no deeper than xAI's own JSON.
   */
  const deep = (value: unknown, maxChars = Number.POSITIVE_INFINITY): unknown =>
    walk(value, [], maxChars);
  const walk = (value: unknown, ancestors: object[], maxChars: number): unknown => {
    if (typeof value === "string") return truncate(text(value), maxChars);
    if (typeof value === "bigint" || typeof value === "symbol") return value.toString();
    if (typeof value === "function") return "<function>";
    if (value === null || typeof value !== "object") return value;
    if (ancestors.includes(value)) return "[Circular]";
    // Deeper than xAI itself parses: cut, so a hostile nesting cannot overflow the stack.
    if (ancestors.length >= MAX_JSON_DEPTH) return "[nested too deep]";
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
      return `<binary ${value.byteLength} bytes>`;
    }
    if (value instanceof Stream) return "<stream>";
    if (value instanceof Date) return value.toISOString();
    const inner = [...ancestors, value];
    if (Array.isArray(value)) return value.map((item) => walk(item, inner, maxChars));
    const entries =
      value instanceof Error
        ? [["name", value.name], ["message", value.message], ...dataEntries(value)]
        : dataEntries(value);
    const copy: Record<string, unknown> = {};
    for (const [key, item] of entries) {
      copy[text(String(key))] = SECRET_HEADERS.has(String(key).toLowerCase())
        ? REDACTED
        : walk(item, inner, maxChars);
    }
    return copy;
  };
  return { text, deep };
}

export type Redactor = ReturnType<typeof redactor>;

/** The bearer token of a request's Authorization header, so a failure can redact its own key. */
export function bearerToken(headers: unknown): string | undefined {
  return (
    readHeader(headers, "authorization")
      ?.replace(/^\s*Bearer\s+/i, "")
      .trim() || undefined
  );
}
