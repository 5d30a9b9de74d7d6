import { createHash } from "node:crypto";

/**
 * Deterministic identifiers derived from a request, so the same request always yields the same
 * answer (chatAnswer(request) must equal the assembled stream for that request).
 */
export function stableHash(value: unknown): string {
  return createHash("sha256")
    .update(JSON.stringify(value) ?? "undefined")
    .digest("hex");
}

/** Formats 32 hex digits like the UUIDs xAI uses as chat completion ids. */
export function uuidFromHash(hash: string): string {
  return [
    hash.slice(0, 8),
    hash.slice(8, 12),
    hash.slice(12, 16),
    hash.slice(16, 20),
    hash.slice(20, 32),
  ].join("-");
}

/** A fixed creation time (2026-01-01T00:00:00Z): answers must not depend on the clock. */
export const FIXED_CREATED = 1767225600;

/** xAI's `system_fingerprint` looks like `fp_` followed by 10 hex digits; constant per model. */
export function systemFingerprint(model: string): string {
  return `fp_${stableHash(`fingerprint:${model}`).slice(0, 10)}`;
}

/**
 * The hash of what a request asks, whether or not it asks for a stream: the same question gets the
 * same answer (ids included) streamed or not, as the streamed-equals-plain tests need.
 */
export function questionHash(request: unknown): string {
  if (typeof request !== "object" || request === null || Array.isArray(request)) {
    return stableHash(request);
  }
  const {
    stream: _stream,
    stream_options: _options,
    ...question
  } = request as Record<string, unknown>;
  return stableHash(question);
}
