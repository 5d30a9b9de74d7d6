import { checkBearer } from "./auth";
import { errorPlan, jsonPlan, ssePlan } from "./plans";
import { isRecord } from "./promptReading";
import { composeResponse, NO_HISTORY, pendingView } from "./responseAnswers";
import type { ResponseStore } from "./responseStore";
import { sseFrame, streamEventsOf } from "./responseStream";
import type { PlannedResponse } from "./responseWriter";
import { answerPost } from "./routes";
import type { RecordedRequest } from "./serverTypes";
import { invalidTypeError, missingFieldError, type XaiError, xaiError } from "./xaiErrors";

/**
 * Routes of xAI's Responses API: `POST /v1/responses`, `GET` and `DELETE /v1/responses/{id}`.
 * https://docs.x.ai/docs/api-reference#create-new-response
 */

const COLLECTION = "/v1/responses";
const ITEM_PREFIX = "/v1/responses/";

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null;
}

function responseNotFound(id: string): XaiError {
  return xaiError(404, `No response found with id ${id}. It may have expired or been deleted.`);
}

function validateFormat(text: unknown): XaiError | undefined {
  const format = isRecord(text) ? text.format : undefined;
  if (!isRecord(format) || format.type !== "json_schema") return undefined;
  return isAbsent(format.schema) ? missingFieldError("schema") : undefined;
}

function validate(body: Record<string, unknown>): XaiError | undefined {
  if (isAbsent(body.model)) return missingFieldError("model");
  if (typeof body.model !== "string") return invalidTypeError("model", "a string");
  if (isAbsent(body.input)) return missingFieldError("input");
  const { input } = body;
  if (typeof input !== "string" && !Array.isArray(input)) {
    return invalidTypeError("input", "a string or a sequence");
  }
  if (input.length === 0) return xaiError(400, "Invalid request: input must not be empty.");
  if (!isAbsent(body.tools) && !Array.isArray(body.tools)) {
    return invalidTypeError("tools", "a sequence");
  }
  const previous = body.previous_response_id;
  if (!isAbsent(previous) && typeof previous !== "string") {
    return invalidTypeError("previous_response_id", "a string");
  }
  if (!isAbsent(previous) && !isAbsent(body.instructions)) {
    // The OpenAPI description: instructions "cannot be used alongside previous_response_id".
    return xaiError(
      400,
      "Invalid request: instructions cannot be used alongside previous_response_id; the system prompt of the previous response is used.",
    );
  }
  if (body.background === true && body.store === false) {
    return xaiError(400, "Invalid request: background responses must be stored (store: true).");
  }
  return validateFormat(body.text);
}

function createResponse(body: Record<string, unknown>, store: ResponseStore): PlannedResponse {
  const error = validate(body);
  if (error) return errorPlan(error);
  const previous = body.previous_response_id;
  const history = typeof previous === "string" ? store.history(previous) : NO_HISTORY;
  if (!history) return errorPlan(responseNotFound(String(previous)));
  const { response, conversation, failStream } = composeResponse(body, history);
  // A stream that breaks (FAIL_STREAM) leaves nothing to retrieve.
  if (response.store && !failStream) store.save(response, conversation);
  if (body.stream === true) return ssePlan(streamEventsOf(response, failStream).map(sseFrame));
  return jsonPlan(200, response.background ? pendingView(response, "queued") : response);
}

function decodedId(rest: string): string {
  try {
    return decodeURIComponent(rest);
  } catch {
    return rest;
  }
}

function methodNotAllowed(allowed: string): PlannedResponse {
  const plan = errorPlan(xaiError(405, `Method not allowed. Use ${allowed}.`));
  plan.headers.allow = allowed;
  return plan;
}

function answerItem(method: string, id: string, store: ResponseStore): PlannedResponse {
  if (method === "GET") {
    const response = store.poll(id);
    return response ? jsonPlan(200, response) : errorPlan(responseNotFound(id));
  }
  if (method === "DELETE") {
    return store.delete(id)
      ? jsonPlan(200, { id, object: "response", deleted: true })
      : errorPlan(responseNotFound(id));
  }
  return methodNotAllowed("GET, DELETE");
}

/** xAI's answer for a Responses API route, or undefined when `request` is for another route. */
export function answerResponsesApi(
  request: RecordedRequest,
  acceptedToken: string | undefined,
  store: ResponseStore,
): PlannedResponse | undefined {
  const { method, path } = request;
  const rest = path.startsWith(ITEM_PREFIX) ? path.slice(ITEM_PREFIX.length) : undefined;
  const isItem = rest !== undefined && rest !== "" && !rest.includes("/");
  if (path !== COLLECTION && !isItem) return undefined;
  const authError = checkBearer(request.headers, acceptedToken);
  if (authError) return errorPlan(authError);
  if (isItem) return answerItem(method, decodedId(rest), store);
  return method === "POST"
    ? answerPost(request, (body) => createResponse(body, store))
    : methodNotAllowed("POST");
}
