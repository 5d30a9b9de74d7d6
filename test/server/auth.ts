import type { IncomingHttpHeaders } from "node:http";
import { maskApiKey, type XaiError, xaiError } from "./xaiErrors";

/**
 * xAI authenticates with `Authorization: Bearer <API key>`.
 * Returns the error to answer with, or undefined when the request may proceed.
 */
export function checkBearer(
  headers: IncomingHttpHeaders,
  acceptedToken: string | undefined,
): XaiError | undefined {
  const match = /^Bearer +(\S+) *$/i.exec(headers.authorization ?? "");
  if (!match) {
    return xaiError(
      401,
      "No API key provided. Set the Authorization header to 'Bearer <API key>'. You can obtain an API key from https://console.x.ai.",
    );
  }
  const token = match[1];
  if (acceptedToken !== undefined && token !== acceptedToken) {
    return xaiError(
      400,
      `Incorrect API key provided: ${maskApiKey(token)}. You can obtain an API key from https://console.x.ai.`,
    );
  }
  return undefined;
}
