/**
 * The component's error classes. Each sets its `name` as a string, so it survives minification
 * (webpack also keeps class names ending in "Error", for Spectral's own ConnectionError).
 */

import { ConnectionError } from "@prismatic-io/spectral";

export interface XaiApiErrorDetails {
  status?: number;
  /** xAI's error code, or ours: DEADLINE_EXCEEDED, LIMIT_EXCEEDED, NOT_JSON, CUT_OFF, STREAM_ERROR, … */
  code?: string;
  requestId?: string;
  /** xAI's error body (redacted, bounded). */
  body?: unknown;
  method?: string;
  path?: string;
  /** When xAI asked to be retried (ISO time), if that was too long to wait for. */
  retryAt?: string;
  /** What had arrived of a cut-off answer, shaped like the whole answer (redacted, bounded). */
  partial?: unknown;
}

/** Properties an error carries to Prismatic besides its message (the error hook keeps these). */
export const DETAIL_KEYS = [
  "status",
  "code",
  "requestId",
  "body",
  "method",
  "path",
  "retryAt",
  "partial",
] as const;

/** The details, declared on the class below (which sets them with assignDetails). */
export interface XaiApiError extends XaiApiErrorDetails {}
/** A failed xAI call: HTTP error, network failure, deadline, limit, malformed or cut-off answer. */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface only declares the details.
export class XaiApiError extends Error {
  constructor(message: string, details: XaiApiErrorDetails = {}) {
    super(message);
    this.name = "XaiApiError";
    assignDetails(this, details);
  }
}

/** xAI's answer ended before it was complete; `partial` holds what arrived. Never retried. */
export class StreamCutOffError extends XaiApiError {
  constructor(message: string, details: XaiApiErrorDetails = {}) {
    super(message, { code: "CUT_OFF", ...details });
    this.name = "StreamCutOffError";
  }
}

/** A mistake in an input, caught before anything is sent: "<Label>: <what is wrong>". */
export class InputError extends Error {
  constructor(label: string, problem: string) {
    super(`${label}: ${problem}`);
    this.name = "InputError";
  }
}

/** Sets the defined details only, so a serialised error carries no empty keys. */
function assignDetails(target: Error, details: XaiApiErrorDetails): void {
  for (const key of DETAIL_KEYS) {
    if (details[key] !== undefined) Object.assign(target, { [key]: details[key] });
  }
}

/** Spectral's ConnectionError (a rejected key), naming the connection by its key only, never its fields. */
export function connectionError(
  message: string,
  details: XaiApiErrorDetails = {},
): ConnectionError {
  const error = new ConnectionError(
    { key: "xaiGrokConnection", configVarKey: "", fields: {} },
    message,
  );
  error.name = "ConnectionError";
  assignDetails(error, details);
  return error;
}
