/**
 * Downloads a generated image or video from xAI's media host (imgen.x.ai, vidgen.x.ai) into one
 * Buffer, streamed and bounded, within the call's own deadline. Those URLs are public and signed,
 * so this is a plain axios request: it never carries the API key. axios follows up to 5
 * redirects, each refused unless it is https. Error messages name the host and path, never the
 * signed query string.
 */

import axios from "axios";
import { StreamCutOffError, XaiApiError } from "../errors/classes";
import { deadlineExceeded, describeStatus } from "../errors/describe";
import { describeOtherBody, mediaType, readErrorBody, readHeader } from "../errors/errorBody";
import { formatBytes } from "../errors/text";
import { IDLE_TIMEOUT_MS, MAX_MEDIA_BODY_BYTES } from "../limits";
import { type Xai, xaiBaseUrl } from "./client";
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
  /** Largest body read; default MAX_MEDIA_BODY_BYTES. */
  maxBytes?: number;
  /** The media expected: another type (a sign-in page, an XML error sent with 200) fails the step. */
  media?: "image" | "video";
}

/** Whether a media type can be the image or video expected (octet-stream can be anything). */
const canBe = (type: string, media: "image" | "video"): boolean =>
  type.startsWith(`${media}/`) ||
  /^(application|binary)\/octet-stream$/.test(type) ||
  (media === "video" && type === "application/mp4"); // RFC 4337's name for an MP4 file

/** 127.0.0.0/8, ::1 or localhost. */
function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * The URL when it is https, else undefined. http is accepted only from loopback to loopback: when
 * XAI_BASE_URL is a server on this machine (the local test server), its media host may be too.
 * Otherwise a URL typed into a step can never reach the worker's own loopback services.
 */
export function safeMediaUrl(value: string): URL | undefined {
  try {
    const url = new URL(value);
    if (url.username || url.password) return undefined;
    if (url.protocol === "https:") return url;
    const local = isLoopbackHost(url.hostname) && isLoopbackHost(new URL(xaiBaseUrl()).hostname);
    return url.protocol === "http:" && local ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Host and path only: signed media URLs carry their signature in the query. */
const shownUrl = (url: URL): string => `${url.host}${url.pathname}`;

const fail = (message: string, code: string, status?: number): XaiApiError =>
  new XaiApiError(message, { code, status, method: "GET" });

/**
 * A 2xx answer's bytes and media type (media, a file, a JSON answer sent instead of a stream). The
 * body is read into one preallocated Buffer when its length is announced (so the bytes are held
 * once, not twice), else into chunks joined at the end; more than announced, or than `maxBytes`,
 * fails, and so does less than announced. `reading` starts messages: "Downloading the video".
 */
export async function readBody(
  response: { headers: unknown; data: NodeJS.ReadableStream },
  maxBytes: number,
  reading: string,
  method = "GET",
): Promise<{ data: Buffer; contentType: string }> {
  const tooLarge = (message: string) =>
    new XaiApiError(message, { code: "LIMIT_EXCEEDED", method });
  const length = Number(readHeader(response.headers, "content-length"));
  const announced = Number.isSafeInteger(length) && length >= 0 ? length : undefined;
  const contentType =
    mediaType(readHeader(response.headers, "content-type")) || "application/octet-stream";
  if (announced !== undefined && announced > maxBytes) {
    (response.data as { destroy?: () => void }).destroy?.();
    throw tooLarge(
      `${reading} was refused: it is ${formatBytes(announced)}, larger than the ${formatBytes(maxBytes)} limit`,
    );
  }
  const target = announced !== undefined ? Buffer.allocUnsafe(announced) : undefined;
  const limit = target?.length ?? maxBytes;
  const chunks: Buffer[] = [];
  let received = 0;
  let cause = "the connection closed";
  try {
    const body = response.data as AsyncIterable<Buffer>;
    for await (const chunk of readChunks(body, IDLE_TIMEOUT_MS, reading)) {
      if (received + chunk.length > limit) {
        const named = target ? "it announced" : "limit";
        const message = `${reading} stopped: it is larger than the ${formatBytes(limit)} ${named}`;
        throw tooLarge(message);
      }
      if (target) chunk.copy(target, received);
      else chunks.push(chunk);
      received += chunk.length;
    }
    if (!target) return { data: Buffer.concat(chunks, received), contentType };
    if (received === target.length) return { data: target, contentType };
  } catch (error) {
    if (error instanceof XaiApiError) throw error;
    cause = (error as Error).message || cause;
  }
  const of = announced !== undefined ? ` of ${formatBytes(announced)}` : "";
  throw new StreamCutOffError(
    `${reading} was cut off after ${formatBytes(received)}${of} (${cause})`,
    { method },
  );
}

/**
 * GETs `url` (https; see safeMediaUrl) without credentials and returns its bytes. Fails with
 * the component's error (through `client.failure`) when the host refuses, redirects off https,
 * sends more than the limit, goes idle for IDLE_TIMEOUT_MS, the body ends before its
 * Content-Length, the call's deadline (polling and generation included) runs out, or it answers
 * with something other than the `media` expected.
 */
export async function download(
  client: Xai,
  value: string,
  { what, maxBytes = MAX_MEDIA_BODY_BYTES, media }: DownloadOptions,
): Promise<Downloaded> {
  const start = safeMediaUrl(value);
  if (!start) {
    const insecure = `Downloading ${what} was refused: its URL is not https`;
    throw await client.failure(fail(insecure, "INSECURE_URL"));
  }
  // The URL of the current hop, for messages; a refused redirect is kept to be thrown as is.
  let current = start;
  let refused: XaiApiError | undefined;
  const { signal } = client;
  try {
    const response = await axios.request<NodeJS.ReadableStream>({
      url: start.href,
      method: "GET",
      responseType: "stream",
      maxRedirects: MAX_REDIRECTS,
      beforeRedirect: (next, { statusCode }) => {
        const target = new URL(String(next.href));
        const safe = safeMediaUrl(target.href);
        if (!safe) {
          refused = fail(
            `Downloading ${what} from ${shownUrl(current)} was refused: it redirects to a URL that is not https (${target.protocol}), which is not followed`,
            "REDIRECT_REFUSED",
            statusCode,
          );
          throw refused;
        }
        current = safe;
      },
      validateStatus: () => true,
      signal,
      // Only these headers: no Authorization, no cookies.
      headers: { Accept: "*/*" },
    });
    const { status, headers } = response;
    const type = mediaType(readHeader(headers, "content-type")) || "application/octet-stream";
    const failed = status < 200 || status >= 300;
    if (failed || (media && !canBe(type, media))) {
      const reason = describeOtherBody(await readErrorBody(response.data), type, client.redact);
      const from = `Downloading ${what} from ${shownUrl(current)}`;
      if (!failed) {
        const expected = media === "image" ? "an image" : "a video";
        throw fail(`${from} gave ${type}, not ${expected}: ${reason}`, "NOT_MEDIA", status);
      }
      const expired =
        status === 403 || status === 410
          ? "; xAI's media URLs expire, so the link may be too old: generate again or use Get Video for a fresh one"
          : "";
      throw fail(
        `${from} failed with ${describeStatus(status)}: ${reason}${expired}`,
        "DOWNLOAD_FAILED",
        status,
      );
    }
    return { ...(await readBody(response, maxBytes, `Downloading ${what}`)), url: value };
  } catch (error) {
    let failure = refused ?? error;
    if (!(failure instanceof XaiApiError)) {
      const code = (error as { code?: string }).code;
      failure = signal.aborted
        ? deadlineExceeded("GET", shownUrl(current), client.deadlineMs)
        : code === "ERR_FR_TOO_MANY_REDIRECTS"
          ? fail(
              `Downloading ${what} failed: more than ${MAX_REDIRECTS} redirects`,
              "TOO_MANY_REDIRECTS",
            )
          : fail(
              `Downloading ${what} from ${shownUrl(current)} failed: ${(error as Error).message}${code ? ` (${code})` : ""}`,
              code ?? "DOWNLOAD_FAILED",
            );
    }
    throw await client.failure(failure);
  }
}
