import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { writeChunks } from "./binaryWriter";
import {
  CONTENT_TYPES,
  DEFAULT_VIDEO_BYTES,
  MAX_MEDIA_BYTES,
  type MediaKind,
  mediaChunks,
  mediaLength,
} from "./mediaBytes";
import type { MediaHost, MediaRequest, MediaScript, MediaUrlOptions } from "./mediaTypes";

export type { MediaHost, MediaRequest, MediaScript, MediaUrlOptions };

/** Where xAI keeps generated media (the path shapes of imgen.x.ai and vidgen.x.ai). */
const FOLDERS: Record<MediaKind, { folder: string; extension: string }> = {
  image: { folder: "/xai-imgen/", extension: ".png" },
  video: { folder: "/xai-vidgen-bucket/", extension: ".mp4" },
};
const DEFAULT_URL_TTL_MS = 60 * 60 * 1000;
/** A second loopback address keeps the media host apart from the API server (127.0.0.1). */
const PREFERRED_HOST = "127.0.0.2";
const FALLBACK_HOST = "127.0.0.1";

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => reject(error);
    server.once("error", fail);
    server.listen(port, host, () => {
      server.off("error", fail);
      resolve();
    });
  });
}

function kindOf(path: string): MediaKind | undefined {
  for (const kind of ["image", "video"] as const) {
    const { folder, extension } = FOLDERS[kind];
    if (path.startsWith(folder) && path.endsWith(extension) && path.length > folder.length) {
      return kind;
    }
  }
  return undefined;
}

/** A cloud-storage style refusal (GCS/S3 answer XML). */
function xmlError(response: ServerResponse, status: number, code: string, message: string): void {
  const body = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  response.writeHead(status, {
    "content-type": "application/xml; charset=utf-8",
    "content-length": String(Buffer.byteLength(body)),
  });
  response.end(body);
}

function redirect(response: ServerResponse, location: string, status = 302): void {
  response.writeHead(status, { location, "content-length": "0" });
  response.end();
}

async function serveMedia(
  request: MediaRequest,
  response: ServerResponse,
  script: MediaScript | undefined,
): Promise<void> {
  const kind = kindOf(request.path);
  if (request.method !== "GET" && request.method !== "HEAD") {
    response.writeHead(405, { allow: "GET, HEAD", "content-length": "0" });
    response.end();
    return;
  }
  if (!kind) return xmlError(response, 404, "NoSuchKey", "The specified key does not exist.");
  const expires = Number(request.query.expires);
  if (request.query.expires !== undefined && !(Date.now() < expires)) {
    return xmlError(response, 403, "AccessDenied", "Request has expired.");
  }
  if (request.query.redirect) return redirect(response, request.query.redirect);
  const asked = Number(request.query.bytes);
  const bytes = Number.isSafeInteger(asked) && asked >= 0 ? Math.min(asked, MAX_MEDIA_BYTES) : 0;
  const total = mediaLength(kind, bytes || (kind === "video" ? DEFAULT_VIDEO_BYTES : 0));
  response.writeHead(200, {
    "content-type": CONTENT_TYPES[kind],
    "content-length": String(total),
    "cache-control": "private, max-age=3600",
    ...script?.headers,
  });
  if (request.method === "HEAD") {
    response.end();
    return;
  }
  await writeChunks(response, mediaChunks(kind, total), script?.cutAfterBytes);
}

async function answerScripted(
  request: MediaRequest,
  response: ServerResponse,
  script: MediaScript,
): Promise<void> {
  if (script.redirectTo !== undefined) {
    return redirect(response, script.redirectTo, script.status);
  }
  if (script.body !== undefined || (script.status !== undefined && script.status !== 200)) {
    const body = script.body ?? "";
    response.writeHead(script.status ?? 200, {
      "content-type": "text/plain; charset=utf-8",
      "content-length": String(Buffer.byteLength(body)),
      ...script.headers,
    });
    response.end(body);
    return;
  }
  await serveMedia(request, response, script);
}

function recordOf(request: IncomingMessage, origin: string): MediaRequest {
  const url = new URL(request.url ?? "/", origin);
  return {
    method: request.method ?? "GET",
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: request.headers,
  };
}

/** Starts the media host on 127.0.0.2 (127.0.0.1 where that address is not available). */
export async function startMediaHost(options: { host?: string } = {}): Promise<MediaHost> {
  const requests: MediaRequest[] = [];
  let scripts: MediaScript[] = [];
  const sockets = new Set<Socket>();
  const closing = new AbortController();
  let origin = "";

  async function answer(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    incoming.resume();
    const request = recordOf(incoming, origin);
    requests.push(request);
    const index = scripts.findIndex((s) => s.path === undefined || s.path === request.path);
    const script = index === -1 ? undefined : scripts.splice(index, 1)[0];
    if (script?.delayMs) await sleep(script.delayMs, undefined, { signal: closing.signal });
    if (script?.hang) return;
    if (script) await answerScripted(request, response, script);
    else await serveMedia(request, response, undefined);
  }

  const server = createServer((request, response) => {
    answer(request, response).catch(() => {
      if (!response.headersSent && !closing.signal.aborted) {
        response.writeHead(500, { "content-length": "0" });
        response.end();
      } else response.destroy();
    });
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  const host = options.host ?? PREFERRED_HOST;
  try {
    await listen(server, host, 0);
  } catch (error) {
    if (options.host !== undefined) throw error;
    await listen(server, FALLBACK_HOST, 0);
  }
  const address = server.address() as AddressInfo;
  origin = `http://${address.address}:${address.port}`;

  const mediaHost: MediaHost = {
    origin,
    requests,
    urlTtlMs: DEFAULT_URL_TTL_MS,
    script(...more: MediaScript[]) {
      scripts.push(...more);
    },
    imageUrl: (name, urlOptions) => urlFor("image", name, urlOptions),
    videoUrl: (name, urlOptions) => urlFor("video", name, urlOptions),
    reset() {
      requests.length = 0;
      scripts = [];
      mediaHost.urlTtlMs = DEFAULT_URL_TTL_MS;
    },
    close() {
      closing.abort();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };

  function urlFor(kind: MediaKind, name: string, urlOptions: MediaUrlOptions = {}): string {
    const { folder, extension } = FOLDERS[kind];
    const url = new URL(`${folder}${encodeURIComponent(name)}${extension}`, origin);
    if (urlOptions.bytes !== undefined) url.searchParams.set("bytes", String(urlOptions.bytes));
    const ttl = urlOptions.ttlMs ?? mediaHost.urlTtlMs;
    if (Number.isFinite(ttl)) url.searchParams.set("expires", String(Date.now() + ttl));
    if (urlOptions.redirect) url.searchParams.set("redirect", urlOptions.redirect);
    return url.href;
  }

  return mediaHost;
}
