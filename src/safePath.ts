/**
 * Paths for xAI requests: validating what a user types into Raw Request's URL input, and naming the
 * path of a request that failed (for error messages and logs).
 *
 * Raw Request may only reach xAI. Axios treats any `url` that looks absolute (`https://…`, `//host`)
 * as replacing the base URL, which would send the connection's API key to another host. So the input
 * must be a path under the base URL. One absolute form is accepted for convenience: a URL exactly
 * under https://api.x.ai/v1 (what the docs show), which is reduced to its path.
 */

import { redactText } from "./secrets";

export const XAI_API_BASE_URL = "https://api.x.ai/v1";
const XAI_ORIGIN = "https://api.x.ai";
const XAI_BASE_PATH = "/v1";

/** `https://api.x.ai/v1` (optional :443) followed by `/`, `?` or the end; nothing else. */
const XAI_ABSOLUTE_PREFIX = /^https:\/\/api\.x\.ai(?::443)?\/v1(?=[/?]|$)/i;
/** A URL scheme such as `http:`, `file:`, `javascript:`, `data:`. */
const SCHEME_PREFIX = /^[a-z][a-z0-9+.-]*:/i;
const MAX_SHOWN_INPUT_LENGTH = 120;

function describeInput(value: string): string {
  const shown =
    value.length > MAX_SHOWN_INPUT_LENGTH ? `${value.slice(0, MAX_SHOWN_INPUT_LENGTH)}…` : value;
  // JSON.stringify quotes the value and makes tabs, newlines and control characters visible.
  return JSON.stringify(redactText(shown));
}

function refuse(value: string, why: string): never {
  throw new Error(`URL: enter the path only, like /models — ${describeInput(value)} ${why}`);
}

/** Control characters (C0, DEL, C1), line/paragraph separators and invisible formatting marks. */
function findInvisibleCharacter(text: string): number | undefined {
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const isControl = code <= 0x1f || (code >= 0x7f && code <= 0x9f);
    const isInvisible =
      (code >= 0x200b && code <= 0x200f) ||
      (code >= 0x2028 && code <= 0x202e) ||
      (code >= 0x2066 && code <= 0x2069) ||
      code === 0xfeff;
    if (isControl || isInvisible) return code;
  }
  return undefined;
}

function decodeSegment(value: string, segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return refuse(value, "has a malformed percent-encoding (%)");
  }
}

/** Reduces `https://api.x.ai/v1/models?x=1` to `/models?x=1`; refuses every other absolute URL. */
function stripXaiOrigin(value: string, trimmed: string): string {
  if (trimmed.startsWith("//")) {
    return refuse(value, "starts with // and would point to another host");
  }
  if (!SCHEME_PREFIX.test(trimmed)) return trimmed;
  const prefix = XAI_ABSOLUTE_PREFIX.exec(trimmed);
  if (!prefix) {
    let where = "another address";
    try {
      const parsed = new URL(trimmed);
      where = parsed.host ? `${parsed.protocol}//${parsed.host}` : `a "${parsed.protocol}" URL`;
    } catch {
      // Not parseable as a URL: the generic wording is enough.
    }
    return refuse(value, `points to ${where}; only paths under ${XAI_API_BASE_URL} are allowed`);
  }
  const rest = trimmed.slice(prefix[0].length);
  return rest === "" ? "/" : rest;
}

/**
 * Validates a Raw Request URL input and returns it as a path relative to the base URL with a
 * leading "/" (query string kept), e.g. `models?x=1` -> `/models?x=1`. Throws an Error naming the
 * input and the reason for anything that could leave https://api.x.ai/v1.
 */
export function toSafeRequestPath(url: unknown): string {
  if (typeof url !== "string") {
    throw new Error(
      `URL: enter the path only, like /models — got ${url === null ? "null" : typeof url}, not text`,
    );
  }
  const trimmed = url.replace(/^ +| +$/g, "");
  if (trimmed === "") return refuse(url, "is empty");

  const invisible = findInvisibleCharacter(trimmed);
  if (invisible !== undefined) {
    const code = `U+${invisible.toString(16).toUpperCase().padStart(4, "0")}`;
    return refuse(url, `contains a control or invisible character (${code})`);
  }
  if (/\s/.test(trimmed)) return refuse(url, "contains a space");
  if (trimmed.includes("\\")) return refuse(url, "contains a backslash");
  if (trimmed.includes("#")) return refuse(url, "contains # (a fragment is never sent)");

  const relative = stripXaiOrigin(url, trimmed);
  const queryStart = relative.indexOf("?");
  const rawPath = queryStart === -1 ? relative : relative.slice(0, queryStart);
  const query = queryStart === -1 ? "" : relative.slice(queryStart);
  if (rawPath === "" && query !== "") return refuse(url, "has a query but no path");

  const path = rawPath.startsWith("/") ? rawPath : `/${rawPath}`;
  if (path.startsWith("//")) return refuse(url, "starts with // and would point to another host");

  const segments = path.slice(1).split("/");
  for (const [index, segment] of segments.entries()) {
    const decoded = decodeSegment(url, segment);
    if (decoded === "." || decoded === "..") {
      return refuse(url, 'contains a "." or ".." segment');
    }
    if (index === 0 && decoded.includes("/")) {
      return refuse(url, "starts with an encoded slash (%2F)");
    }
    if (decoded.includes("\\") || findInvisibleCharacter(decoded) !== undefined) {
      return refuse(url, "hides a backslash or control character in percent-encoding");
    }
  }

  const safePath = `${path}${query}`;
  assertStaysUnderXaiBase(url, safePath);
  return safePath;
}

/**
 * The proof: resolve the path the way axios joins it to the base URL (string concatenation), then
 * let the WHATWG URL parser normalise it, and check the origin and the /v1/ prefix survived.
 */
function assertStaysUnderXaiBase(value: string, safePath: string): void {
  let resolved: URL;
  try {
    resolved = new URL(`${XAI_API_BASE_URL}${safePath}`);
  } catch {
    refuse(value, "is not a valid URL path");
  }
  if (resolved.origin !== XAI_ORIGIN || !resolved.pathname.startsWith(`${XAI_BASE_PATH}/`)) {
    refuse(value, `would leave ${XAI_API_BASE_URL}`);
  }
}

/** What a request looked like, for messages: method, path relative to the base URL, host. */
export interface RequestDescription {
  method: string;
  path: string;
  host?: string;
}

interface RequestConfigLike {
  method?: unknown;
  url?: unknown;
  baseURL?: unknown;
}

function joinBaseAndUrl(baseURL: string | undefined, url: string): string {
  if (/^([a-z][a-z\d+\-.]*:)?\/\//i.test(url) || !baseURL) return url;
  // Same joining rule as axios' combineURLs.
  return `${baseURL.replace(/\/?\/$/, "")}/${url.replace(/^\/+/, "")}`;
}

/**
 * Describes an axios request config: upper-case method and the path relative to the base URL
 * (origin and the base URL's own path such as /v1 stripped, no query string).
 */
export function describeRequest(config: unknown): RequestDescription {
  const { method, url, baseURL } = (config ?? {}) as RequestConfigLike;
  const methodText = typeof method === "string" && method ? method.toUpperCase() : "GET";
  const base = typeof baseURL === "string" && baseURL ? baseURL : undefined;
  const full = joinBaseAndUrl(base, typeof url === "string" ? url : "");

  let path = full;
  let host: string | undefined;
  try {
    const parsed = new URL(full, "http://relative.invalid");
    path = parsed.pathname;
    if (parsed.hostname !== "relative.invalid") host = parsed.host;
    const basePath = base
      ? new URL(base, "http://relative.invalid").pathname.replace(/\/+$/, "")
      : "";
    if (basePath && (path === basePath || path.startsWith(`${basePath}/`))) {
      path = path.slice(basePath.length) || "/";
    }
  } catch {
    path = full.split("?")[0] ?? full;
  }
  return {
    method: redactText(methodText),
    path: redactText(path || "/"),
    host: host === undefined ? undefined : redactText(host),
  };
}
