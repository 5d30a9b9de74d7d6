/**
 * Raw Request's URL rule: a path under the xAI base URL, so the API key can only ever reach xAI.
 * `/models`, `models?x=1`, `/v1/models` (xAI's docs write paths with /v1) and
 * `https://api.x.ai/v1/models` all mean the same request; anything that would leave the base URL
 * once resolved (another host, scheme, `..`, encoded tricks) is refused before anything is sent.
 * Characters the URL parser percent-encodes (spaces, quotes, non-ASCII) are sent encoded.
 */

import { InputError } from "../errors/classes";
import { truncate } from "../errors/text";
import { XAI_API_BASE_URL } from "./client";

const XAI_ABSOLUTE = /^https:\/\/api\.x\.ai(?::443)?(?=\/v1(?:[/?]|$))/i;

const refuse = (value: string, why: string): never => {
  throw new InputError(
    "URL",
    `enter a path under ${XAI_API_BASE_URL}, like /models; ${JSON.stringify(truncate(value, 120))} ${why}.`,
  );
};

/** The path (and query) to send, relative to the base URL, e.g. `/v1/models?x=1` → `/models?x=1`. */
export function toRawRequestPath(value: unknown): string {
  if (typeof value !== "string") return refuse(String(value), "is not text");
  const trimmed = value.trim();
  if (trimmed === "") return refuse(value, "is empty");
  // Backslashes, fragments, control and invisible characters never belong in a path: Node rejects
  // some and URL parsing rewrites others. Spaces are fine: they are percent-encoded, as axios did.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  const CONTROL = /[\\#\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/;
  if (CONTROL.test(trimmed)) {
    return refuse(value, "contains a backslash, # or control character");
  }
  let relative = trimmed.replace(XAI_ABSOLUTE, "");
  if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(relative))
    return refuse(value, "points to another address");
  if (!relative.startsWith("/")) relative = `/${relative}`;
  relative = relative.replace(/^\/v1(?=[/?]|$)/i, "") || "/";
  if (relative.startsWith("?")) relative = `/${relative}`;
  // The proof: joined the way axios joins it and normalised by the URL parser, it is still under /v1/.
  const base = new URL(XAI_API_BASE_URL);
  let resolved: URL;
  try {
    resolved = new URL(`${XAI_API_BASE_URL}${relative}`);
  } catch {
    return refuse(value, "is not a valid URL path");
  }
  const decoded = (() => {
    try {
      return decodeURIComponent(relative.split("?")[0] ?? "");
    } catch {
      return refuse(value, "has a malformed percent-encoding (%)");
    }
  })();
  if (
    resolved.origin !== base.origin ||
    !`${resolved.pathname}/`.startsWith(`${base.pathname}/`) ||
    /(^|\/)\.\.?(\/|$)/.test(decoded)
  ) {
    return refuse(value, `would leave ${XAI_API_BASE_URL}`);
  }
  // What is sent: the path and query as the URL parser encodes them (a space as %20).
  return `${resolved.pathname.slice(base.pathname.length) || "/"}${resolved.search}`;
}
