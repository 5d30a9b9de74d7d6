import { apiKeyInfo, bearerToken } from "./apiKey";
import { checkBearer } from "./auth";
import { chatAnswer } from "./chatAnswers";
import { chatStreamEvents } from "./chatStream";
import { embeddingsPlan, findEmbeddingModel, listEmbeddingModelsResponse } from "./embeddings";
import {
  findCatalogueEntry,
  findImageGenerationModel,
  findLanguageModel,
  findVideoGenerationModel,
  listImageGenerationModelsResponse,
  listLanguageModelsResponse,
  listModelsResponse,
  listVideoGenerationModelsResponse,
  toModel,
} from "./models";
import { errorPlan, jsonPlan, ssePlan } from "./plans";
import { isRecord } from "./promptReading";
import type { PlannedResponse } from "./responseWriter";
import type { RecordedRequest } from "./serverTypes";
import { tokenizePlan } from "./tokenize";
import { invalidTypeError, missingFieldError, type XaiError, xaiError } from "./xaiErrors";

/** Fields shared by the chat and messages endpoints. */
function validateConversation(body: Record<string, unknown>): XaiError | undefined {
  if (body.model === undefined || body.model === null) return missingFieldError("model");
  if (typeof body.model !== "string") return invalidTypeError("model", "a string");
  if (body.messages === undefined || body.messages === null) return missingFieldError("messages");
  if (!Array.isArray(body.messages)) return invalidTypeError("messages", "a sequence");
  if (body.messages.length === 0) {
    return xaiError(400, "Invalid request: messages must contain at least one message.");
  }
  return undefined;
}

function validateChat(body: Record<string, unknown>): XaiError | undefined {
  const conversationError = validateConversation(body);
  if (conversationError) return conversationError;
  const n = body.n;
  if (n !== undefined && n !== null && (typeof n !== "number" || !Number.isInteger(n) || n < 1)) {
    return xaiError(
      400,
      `Invalid request: n must be a positive integer, got ${JSON.stringify(n)}.`,
    );
  }
  return undefined;
}

function chatCompletions(body: Record<string, unknown>): PlannedResponse {
  const error = validateChat(body);
  if (error) return errorPlan(error);
  return body.stream === true ? ssePlan(chatStreamEvents(body)) : jsonPlan(200, chatAnswer(body));
}

/**
 * xAI removed the Anthropic-compatible endpoint on 2026-02-20: it answers 410 Gone. Tests that need
 * its old answer script it (`messageAnswer(body)`).
 */
function messages(): PlannedResponse {
  return errorPlan(
    xaiError(
      410,
      "The Anthropic-compatible /v1/messages endpoint was removed on 2026-02-20. Use /v1/responses or /v1/chat/completions.",
    ),
  );
}

function modelNotFound(id: string): PlannedResponse {
  return errorPlan(
    xaiError(404, `The model ${id} does not exist or your team does not have access to it.`),
  );
}

/** Decodes a path segment once, as xAI's router does; undecodable segments are used as is. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

type GetHandler = (id: string) => PlannedResponse;
type PostHandler = (body: Record<string, unknown>) => PlannedResponse;

const GET_COLLECTIONS: Record<string, () => unknown> = {
  "/v1/models": listModelsResponse,
  "/v1/language-models": listLanguageModelsResponse,
  "/v1/image-generation-models": listImageGenerationModelsResponse,
  "/v1/video-generation-models": listVideoGenerationModelsResponse,
  "/v1/embedding-models": listEmbeddingModelsResponse,
};

const GET_ITEMS: Record<string, GetHandler> = {
  "/v1/models/": (id) => {
    const entry = findCatalogueEntry(id);
    return entry ? jsonPlan(200, toModel(entry)) : modelNotFound(id);
  },
  "/v1/language-models/": (id) => {
    const model = findLanguageModel(id);
    return model ? jsonPlan(200, model) : modelNotFound(id);
  },
  "/v1/image-generation-models/": (id) => {
    const model = findImageGenerationModel(id);
    return model ? jsonPlan(200, model) : modelNotFound(id);
  },
  "/v1/video-generation-models/": (id) => {
    const model = findVideoGenerationModel(id);
    return model ? jsonPlan(200, model) : modelNotFound(id);
  },
  "/v1/embedding-models/": (id) => {
    const model = findEmbeddingModel(id);
    return model ? jsonPlan(200, model) : modelNotFound(id);
  },
};

const POSTS: Record<string, PostHandler> = {
  "/v1/chat/completions": chatCompletions,
  "/v1/messages": messages,
  "/v1/embeddings": embeddingsPlan,
  "/v1/tokenize-text": tokenizePlan,
  // Images, videos and files are answered by mediaRoutes.ts (they need the media host).
};

/** Parses a JSON object body (400/422 like xAI otherwise) and hands it to `handler`. */
export function answerPost(request: RecordedRequest, handler: PostHandler): PlannedResponse {
  if (request.body === undefined) {
    const reason =
      request.rawBody.trim() === "" ? "the body is empty" : "the body is not valid JSON";
    return errorPlan(xaiError(400, `Failed to parse the request body as JSON: ${reason}.`));
  }
  if (!isRecord(request.body)) {
    return errorPlan(
      xaiError(422, "Failed to deserialize the JSON body into the target type: expected an object"),
    );
  }
  return handler(request.body);
}

function itemRoute(path: string): { handler: GetHandler; id: string } | undefined {
  for (const [prefix, handler] of Object.entries(GET_ITEMS)) {
    const rest = path.startsWith(prefix) ? path.slice(prefix.length) : "";
    if (rest !== "" && !rest.includes("/")) return { handler, id: decodeSegment(rest) };
  }
  return undefined;
}

function methodNotAllowed(allowed: string): PlannedResponse {
  const plan = errorPlan(xaiError(405, `Method not allowed. Use ${allowed}.`));
  plan.headers.allow = allowed;
  return plan;
}

/** How the real xAI API would answer `request` (no scripts involved). */
export function answerNormally(
  request: RecordedRequest,
  acceptedToken: string | undefined,
): PlannedResponse {
  const authError = checkBearer(request.headers, acceptedToken);
  if (authError) return errorPlan(authError);
  const { method, path } = request;
  if (path === "/v1/api-key") {
    const key = apiKeyInfo(bearerToken(request.headers));
    return method === "GET" ? jsonPlan(200, key) : methodNotAllowed("GET");
  }
  const post = POSTS[path];
  if (post) return method === "POST" ? answerPost(request, post) : methodNotAllowed("POST");
  const collection = GET_COLLECTIONS[path];
  if (collection) return method === "GET" ? jsonPlan(200, collection()) : methodNotAllowed("GET");
  const item = itemRoute(path);
  if (item) return method === "GET" ? item.handler(item.id) : methodNotAllowed("GET");
  return errorPlan(xaiError(404, `No route for ${method} ${path}.`));
}
