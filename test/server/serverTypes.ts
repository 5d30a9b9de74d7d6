import type { IncomingHttpHeaders } from "node:http";
import type { MediaHost } from "./mediaTypes";

export interface RecordedRequest {
  /** e.g. "POST" */
  method: string;
  /** Path without the query, exactly as received, e.g. "/v1/models/a%2Fb". */
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** The body exactly as received (multipart uploads are binary; rawBody is its UTF-8 reading). */
  rawBytes: Buffer;
  /** JSON.parse(rawBody) when it parses, else undefined. */
  body: unknown;
}

/** One-shot behaviour for the next request matching `path` (any request if omitted). */
export interface ScriptedResponse {
  /** e.g. "/v1/chat/completions" (compared with RecordedRequest.path). */
  path?: string;
  /** Default 200. An error status without `body` gets xAI's error body for that status. */
  status?: number;
  /** Added to (and overriding) the response headers. */
  headers?: Record<string, string>;
  /** Object -> JSON; string -> sent as is (e.g. an HTML 502 page, or ""). */
  body?: unknown;
  /** Raw strings sent as separate flushed writes (~1 ms apart) as text/event-stream. */
  sseChunks?: string[];
  /** Wait this long before answering. */
  delayMs?: number;
  /** Accept the request and never answer (the socket stays open until close()). */
  hang?: boolean;
  /** Destroy the socket without answering (client sees ECONNRESET / socket hang up). */
  resetBeforeResponse?: boolean;
  /** Start the (scripted or normal, possibly streamed) answer, then destroy the socket after this many body bytes. */
  resetAfterBytes?: number;
}

export interface XaiServer {
  /** "http://127.0.0.1:<port>/v1" */
  baseUrl: string;
  /** "http://127.0.0.1:<port>" */
  origin: string;
  /** Every request received, in order (including ones answered with scripted faults). */
  requests: RecordedRequest[];
  /** The second loopback server holding generated images and videos (see mediaHost.ts). */
  media: MediaHost;
  /** Queues one-shot responses (FIFO among those matching a request's path). */
  script(...responses: ScriptedResponse[]): void;
  /**
   * Forgets recorded requests and queued scripts (and uploaded files, video jobs, media requests,
   * stored responses).
   */
  reset(): void;
  /** Closes the server and destroys every open (including hanging) socket. */
  close(): Promise<void>;
}

export interface XaiServerOptions {
  /** Default 0 (any free port). */
  port?: number;
  /** When set, any other bearer token is rejected with 400 "Incorrect API key provided". */
  acceptedToken?: string;
}
