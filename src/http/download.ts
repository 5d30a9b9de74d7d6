/**
 * Downloads a generated image or video from xAI's media host (imgen.x.ai, vidgen.x.ai) into one
 * Buffer, streamed and bounded. Those URLs are public and signed, so this is a plain axios request:
 * it never goes through the Xai client and never carries the API key. Redirects are followed by
 * hand, to https only. Error messages name the host and path, never the signed query string.
 */

import axios, { type AxiosResponse } from "axios";
import { StreamCutOffError, XaiApiError } from "../errors/classes";
import { describeStatus } from "../errors/describe";
import { describeOtherBody, readErrorBody, readHeader } from "../errors/errorBody";
import { formatBytes, formatDuration } from "../errors/text";
import { IDLE_TIMEOUT_MS, MAX_MEDIA_BODY_BYTES } from "../limits";
import { readChunks } from "./readChunks";

const MAX_REDIRECTS = 5;

export interface Downloaded {
  data: Buffer;
  /** The media type the host sent, without parameters ("video/mp4"). */
  contentType: string;
  /** The URL asked for (before redirects). */
  url: string;
}

export interface DownloadOptions {
  /** "the video", "image 2": how messages name what was downloaded. */
  what: string;
  /** The whole download's deadline. */
  deadlineMs: number;
  /** Largest body read; default MAX_MEDIA_BODY_BYTES. */
  maxBytes?: number;
}

/**
 * http is accepted only for loopback hosts (127.0.0.0/8, ::1, localhost): a server on this
 * machine, such as the local test server's media host. Anything else must be https.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The URL when it is https (or http on loopback), else undefined. */
export function safeMediaUrl(value: string): URL | undefined {
  try {
    const url = new URL(value);
    if (url.username || url.password) return undefined;
    if (url.protocol === "https:") return url;
    return url.protocol === "http:" && isLoopbackHost(url.hostname) ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Host and path only: signed media URLs carry their signature in the query. */
export const shownUrl = (url: URL): string => `${url.host}${url.pathname}`;

const fail = (message: string, code: string, status?: number): XaiApiError =>
  new XaiApiError(message, { code, status, method: "GET" });

/** Follows up to 5 redirects, each to an https (or loopback http) URL; returns the 2xx stream. */
async function openStream(
  start: URL,
  what: string,
  signal: AbortSignal,
): Promise<AxiosResponse<NodeJS.ReadableStream>> {
  let url = start;
  for (let hop = 0; ; hop++) {
    const response = await axios.request<NodeJS.ReadableStream>({
      url: url.href,
      method: "GET",
      responseType: "stream",
      maxRedirects: 0,
      validateStatus: () => true,
      signal,
      // Only these headers: no Authorization, no cookies.
      headers: { Accept: "*/*" },
    });
    const { status } = response;
    if (status >= 200 && status < 300) return response;
    const location = readHeader(response.headers, "location");
    if (status >= 300 && status < 400 && location) {
      (response.data as { destroy?: () => void }).destroy?.();
      const next = safeMediaUrl(new URL(location, url).href);
      if (!next) {
        throw fail(
          `Downloading ${what} from ${shownUrl(url)} was refused: it redirects to a URL that is not https (${new URL(location, url).protocol}), which is not followed`,
          "REDIRECT_REFUSED",
          status,
        );
      }
      if (hop >= MAX_REDIRECTS) {
        throw fail(
          `Downloading ${what} failed: more than ${MAX_REDIRECTS} redirects`,
          "TOO_MANY_REDIRECTS",
        );
      }
      url = next;
      continue;
    }
    const body = await readErrorBody(response.data);
    const reason = describeOtherBody(body, readHeader(response.headers, "content-type") ?? "");
    const expired =
      status === 403 || status === 410
        ? "; xAI's media URLs expire, so the link may be too old: generate again or use Get Video for a fresh one"
        : "";
    throw fail(
      `Downloading ${what} from ${shownUrl(url)} failed with ${describeStatus(status)}: ${reason}${expired}`,
      "DOWNLOAD_FAILED",
      status,
    );
  }
}

/**
 * Reads a whole streamed body: into one preallocated Buffer when its length is announced (so the
 * bytes are held once, not twice), else into chunks joined at the end.
 */
export async function readBody(
  body: NodeJS.ReadableStream,
  announced: number | undefined,
  maxBytes: number,
  what: string,
): Promise<Buffer> {
  const target = announced !== undefined ? Buffer.allocUnsafe(announced) : undefined;
  const chunks: Buffer[] = [];
  let received = 0;
  try {
    for await (const chunk of readChunks(
      body as AsyncIterable<Buffer>,
      IDLE_TIMEOUT_MS,
      `Downloading ${what}`,
    )) {
      if (
        received + chunk.length > maxBytes ||
        (target && received + chunk.length > target.length)
      ) {
        const limit = target
          ? `the ${formatBytes(target.length)} it announced`
          : `the ${formatBytes(maxBytes)} limit`;
        throw fail(`Downloading ${what} stopped: it is larger than ${limit}`, "LIMIT_EXCEEDED");
      }
      if (target) chunk.copy(target, received);
      else chunks.push(chunk);
      received += chunk.length;
    }
  } catch (error) {
    if (error instanceof XaiApiError) throw error;
    const of = announced !== undefined ? ` of ${formatBytes(announced)}` : "";
    throw new StreamCutOffError(
      `Downloading ${what} was cut off after ${formatBytes(received)}${of} (${(error as Error).message || "the connection closed"})`,
      { method: "GET" },
    );
  }
  if (target && received < target.length) {
    throw new StreamCutOffError(
      `Downloading ${what} was cut off: ${formatBytes(received)} of ${formatBytes(target.length)} arrived`,
      { method: "GET" },
    );
  }
  return target ?? Buffer.concat(chunks, received);
}

/**
 * GETs `url` (https, or http on loopback) without credentials and returns its bytes. Fails with
 * the component's error when the host refuses, redirects off https, sends more than the limit,
 * goes idle for IDLE_TIMEOUT_MS, or the body ends before its Content-Length.
 */
export async function download(value: string, options: DownloadOptions): Promise<Downloaded> {
  const { what, deadlineMs } = options;
  const maxBytes = options.maxBytes ?? MAX_MEDIA_BODY_BYTES;
  const url = safeMediaUrl(value);
  if (!url) {
    throw fail(`Downloading ${what} was refused: its URL is not https`, "INSECURE_URL");
  }
  const signal = AbortSignal.timeout(deadlineMs);
  try {
    const response = await openStream(url, what, signal);
    const length = Number(readHeader(response.headers, "content-length"));
    const announced = Number.isSafeInteger(length) && length >= 0 ? length : undefined;
    if (announced !== undefined && announced > maxBytes) {
      (response.data as { destroy?: () => void }).destroy?.();
      throw fail(
        `Downloading ${what} was refused: it is ${formatBytes(announced)}, larger than the ${formatBytes(maxBytes)} limit`,
        "LIMIT_EXCEEDED",
      );
    }
    const data = await readBody(response.data, announced, maxBytes, what);
    const type = readHeader(response.headers, "content-type")?.split(";")[0]?.trim();
    return { data, contentType: type || "application/octet-stream", url: value };
  } catch (error) {
    if (error instanceof XaiApiError) throw error;
    if (signal.aborted) {
      throw fail(
        `Downloading ${what} took longer than ${formatDuration(deadlineMs)}`,
        "DEADLINE_EXCEEDED",
      );
    }
    const code = (error as { code?: string }).code;
    throw fail(
      `Downloading ${what} from ${shownUrl(url)} failed: ${(error as Error).message}${code ? ` (${code})` : ""}`,
      code ?? "DOWNLOAD_FAILED",
    );
  }
}
