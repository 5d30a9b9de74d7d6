/**
 * xAI's error body: `{"code": <gRPC status text>, "error": <human message>}`, e.g.
 * `{"code":"Some requested entity was not found","error":"The model foo does not exist ..."}`.
 */
export interface XaiErrorBody {
  code: string;
  error: string;
}

export interface XaiError {
  status: number;
  body: XaiErrorBody;
}

/** The gRPC status descriptions xAI puts in `code`, by HTTP status. */
const CODE_BY_STATUS: Record<number, string> = {
  400: "Client specified an invalid argument",
  401: "The request does not have valid authentication credentials",
  403: "The caller does not have permission to execute the specified operation",
  404: "Some requested entity was not found",
  405: "Operation is not implemented or not supported",
  408: "Deadline expired before operation could complete",
  409: "The operation was aborted",
  412: "The system is not in a state required for the operation's execution",
  422: "Client specified an invalid argument",
  429: "Some resource has been exhausted",
  499: "The operation was cancelled",
  500: "Internal error",
  501: "Operation is not implemented or not supported",
  502: "The service is currently unavailable",
  503: "The service is currently unavailable",
  504: "Deadline expired before operation could complete",
};

/** Messages used when a script asks for an error status without giving a body. */
const DEFAULT_MESSAGE_BY_STATUS: Record<number, string> = {
  401: "No API key provided. You can obtain an API key from https://console.x.ai.",
  403: "Your team does not have permission to use this resource.",
  408: "The request timed out.",
  429: "Your team has reached its rate limit for this model. Please slow down and retry.",
  500: "An internal error occurred. Please retry the request.",
  502: "Bad gateway. Please retry the request.",
  503: "The service is temporarily unavailable. Please retry the request.",
  504: "The request timed out upstream. Please retry the request.",
};

export function xaiError(status: number, message?: string): XaiError {
  return {
    status,
    body: {
      code: CODE_BY_STATUS[status] ?? "Unknown error",
      error:
        message ?? DEFAULT_MESSAGE_BY_STATUS[status] ?? `Request failed with status ${status}.`,
    },
  };
}

/** xAI echoes only the first and last two characters of a rejected key: "xa***yz". */
export function maskApiKey(key: string): string {
  if (key.length <= 4) return "***";
  return `${key.slice(0, 2)}***${key.slice(-2)}`;
}

export function missingFieldError(field: string): XaiError {
  // xAI rejects bodies that lack required fields with 422 and the deserializer's message.
  return xaiError(
    422,
    `Failed to deserialize the JSON body into the target type: missing field \`${field}\``,
  );
}

export function invalidTypeError(field: string, expected: string): XaiError {
  return xaiError(
    422,
    `Failed to deserialize the JSON body into the target type: ${field}: invalid type, expected ${expected}`,
  );
}
