import { checkBearer } from "./auth";
import { deleteFile, fileContent, getFile, listFiles, uploadFile } from "./fileRoutes";
import type { FileStore } from "./fileStore";
import { validateImageEdit } from "./imageEdits";
import { imageAnswer, validateImageRequest } from "./images";
import { mediaDirectives } from "./mediaDirectives";
import type { InputContext } from "./mediaInputs";
import type { MediaHost } from "./mediaTypes";
import { errorPlan, jsonPlan } from "./plans";
import type { PlannedResponse } from "./responseWriter";
import { answerPost } from "./routes";
import type { RecordedRequest } from "./serverTypes";
import type { VideoJobs } from "./videoJobs";
import { readVideoRequest, type VideoOperation } from "./videoRequests";
import { xaiError } from "./xaiErrors";

/**
 * Routes of Grok Imagine (images, videos) and the Files API, which keep state (files, video jobs)
 * and link to the media host. https://docs.x.ai/docs/api-reference
 */

export interface MediaContext {
  host: MediaHost;
  files: FileStore;
  videos: VideoJobs;
}

type Handler = (request: RecordedRequest, context: MediaContext, id: string) => PlannedResponse;

function inputContext(context: MediaContext): InputContext {
  return {
    fileExists: (id) => context.files.find(id) !== undefined,
  };
}

/** url-format images live on the media host, for URL_TTL_MS=<ms> or the host's default. */
function images(body: Record<string, unknown>, context: MediaContext): PlannedResponse {
  const prompt = typeof body.prompt === "string" ? body.prompt : "";
  const ttlMs = mediaDirectives(prompt).urlTtlMs;
  return jsonPlan(
    200,
    imageAnswer(body, (name) => context.host.imageUrl(name, { ttlMs })),
  );
}

function startVideo(operation: VideoOperation): Handler {
  return (request, context) =>
    answerPost(request, (body) => {
      const order = readVideoRequest(operation, body, inputContext(context));
      if ("status" in order) return errorPlan(order);
      return jsonPlan(200, { request_id: context.videos.start(order) });
    });
}

const pollVideo: Handler = (_request, context, id) =>
  context.videos.poll(id) ??
  errorPlan(xaiError(404, `No deferred video could be found with the request_id ${id}.`));

/** Method -> handler, per path pattern; a capture group is the id in the path. */
const ROUTES: [RegExp, Record<string, Handler>][] = [
  [
    /^\/v1\/images\/generations$/,
    {
      POST: (request, context) =>
        answerPost(request, (body) => {
          const error = validateImageRequest(body);
          return error ? errorPlan(error) : images(body, context);
        }),
    },
  ],
  [
    /^\/v1\/images\/edits$/,
    {
      POST: (request, context) =>
        answerPost(request, (body) => {
          const error = validateImageEdit(body, inputContext(context));
          return error ? errorPlan(error) : images(body, context);
        }),
    },
  ],
  // The three start routes come before the poll route, which would match them too.
  [/^\/v1\/videos\/generations$/, { POST: startVideo("generation") }],
  [/^\/v1\/videos\/edits$/, { POST: startVideo("edit") }],
  [/^\/v1\/videos\/extensions$/, { POST: startVideo("extension") }],
  [/^\/v1\/videos\/([^/]+)$/, { GET: pollVideo }],
  [
    /^\/v1\/files$/,
    {
      GET: (request, context) => listFiles(request, context.files),
      POST: (request, context) => uploadFile(request, context.files),
    },
  ],
  [
    /^\/v1\/files\/([^/]+)$/,
    {
      GET: (_request, context, id) => getFile(id, context.files),
      DELETE: (_request, context, id) => deleteFile(id, context.files),
    },
  ],
  [
    /^\/v1\/files\/([^/]+)\/content$/,
    { GET: (request, context, id) => fileContent(id, request.query, context.files) },
  ],
];

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function handlersFor(path: string): { handlers: Record<string, Handler>; id: string } | undefined {
  for (const [pattern, handlers] of ROUTES) {
    const match = pattern.exec(path);
    if (!match) continue;
    return { handlers, id: decoded(match[1] ?? "") };
  }
  return undefined;
}

/** xAI's answer for a media or files route, or undefined when `request` is for another route. */
export function answerMedia(
  request: RecordedRequest,
  acceptedToken: string | undefined,
  context: MediaContext,
): PlannedResponse | undefined {
  const route = handlersFor(request.path);
  if (!route) return undefined;
  const authError = checkBearer(request.headers, acceptedToken);
  if (authError) return errorPlan(authError);
  const handler = route.handlers[request.method];
  if (handler) return handler(request, context, route.id);
  const allowed = Object.keys(route.handlers).join(", ");
  const plan = errorPlan(xaiError(405, `Method not allowed. Use ${allowed}.`));
  plan.headers.allow = allowed;
  return plan;
}
