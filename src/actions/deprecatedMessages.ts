import { isAxiosError } from "axios";
import { XaiApiError } from "../errors";

/**
 * xAI has deprecated the Anthropic-compatible `/v1/messages` endpoint. When it answers 404 or 410,
 * say so and point to the action that replaces it, instead of a bare "not found".
 */
export const explainDeprecatedEndpoint = (error: unknown): unknown => {
  const status = isAxiosError(error) ? error.response?.status : undefined;
  if (status !== 404 && status !== 410) return error;
  return new XaiApiError(
    `xAI API error ${status} on POST /messages: xAI has deprecated the Anthropic-compatible messages endpoint and no longer serves it. Use the Create Chat Completion action instead.`,
    { status, method: "POST", path: "/messages" },
  );
};
