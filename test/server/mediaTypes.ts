import type { IncomingHttpHeaders } from "node:http";

/** One request the media host received. */
export interface MediaRequest {
  method: string;
  /** Path without the query, e.g. "/xai-vidgen-bucket/xai-video-<id>.mp4". */
  path: string;
  query: Record<string, string>;
  /** Every header as received, so tests can prove no Authorization header arrived. */
  headers: IncomingHttpHeaders;
}

/** One-shot behaviour for the next media request matching `path` (any request if omitted). */
export interface MediaScript {
  path?: string;
  /** An answer of this status (default: the normal answer, or 302 with `redirectTo`). */
  status?: number;
  headers?: Record<string, string>;
  /** Sent instead of the media body. */
  body?: string;
  /** Answer with a redirect (302 unless `status` says otherwise) to this Location, verbatim. */
  redirectTo?: string;
  /** Send the normal headers (with the full Content-Length), then destroy the socket after N body bytes. */
  cutAfterBytes?: number;
  delayMs?: number;
  /** Never answer (the socket stays open until close()). */
  hang?: boolean;
}

export interface MediaUrlOptions {
  /** Body size (videos default to 64 KB, images to the tiny PNG). */
  bytes?: number;
  /** Lifetime from now; default the host's `urlTtlMs`. Infinity makes a URL that never expires. */
  ttlMs?: number;
  /** Makes the URL answer with a redirect to this Location. */
  redirect?: string;
}

/**
 * A second loopback server standing in for xAI's media CDN (imgen.x.ai, vidgen.x.ai): it serves
 * the images and videos that the fake API's answers link to, on another loopback address when
 * the OS allows (127.0.0.2), so tests can tell which server got which header.
 */
export interface MediaHost {
  /** e.g. "http://127.0.0.2:40123" */
  origin: string;
  requests: MediaRequest[];
  /** Lifetime of URLs in new answers (default one hour); URLs past it answer 403. */
  urlTtlMs: number;
  script(...scripts: MediaScript[]): void;
  imageUrl(name: string, options?: MediaUrlOptions): string;
  videoUrl(name: string, options?: MediaUrlOptions): string;
  /** Forgets requests and scripts, and restores the default URL lifetime. */
  reset(): void;
  close(): Promise<void>;
}
