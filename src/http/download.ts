/**
 * Downloads a generated image or video from xAI's media host (imgen.x.ai, vidgen.x.ai) into one
 * Buffer, streamed and bounded, within the call's own deadline. Those URLs are public and signed,
 * so this is a plain axios request: it never carries the API key. axios follows up to 5
 * redirects, each held to safeMediaUrl (https, a public address). Error messages name the host and
 * path, never the signed query string.
 */

import { lookup as dnsLookup } from "node:dns";
import { BlockList, isIP } from "node:net";
import axios from "axios";
import { StreamCutOffError, XaiApiError } from "../errors/classes";
import { deadlineExceeded, describeStatus, overBodyLimit } from "../errors/describe";
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

/**
 * Whether a media type can be the image or video expected (octet-stream can be anything). SVG is
 * not: it is a document that can carry scripts, and xAI generates raster images only.
 */
export const isMediaType = (type: string, media: "image" | "video"): boolean =>
  (type.startsWith(`${media}/`) && type !== "image/svg+xml") ||
  /^(application|binary)\/octet-stream$/.test(type) ||
  (media === "video" && type === "application/mp4"); // RFC 4337's name for an MP4 file

/** Addresses that are not on the public internet (RFC 6890): the worker's own and its network's. */
const NOT_PUBLIC = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 3],
] as const) {
  NOT_PUBLIC.addSubnet(net, prefix, "ipv4");
}
for (const [net, prefix] of [
  ["::", 127],
  ["64:ff9b::", 96],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  NOT_PUBLIC.addSubnet(net, prefix, "ipv6");
}

/** 127.0.0.0/8, ::1 or localhost. */
function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

/** XAI_BASE_URL is a server on this machine (the local test server): its media host may be too. */
const localTesting = (): boolean => isLoopbackHost(new URL(xaiBaseUrl()).hostname);

/** Whether the worker may connect to `address` (an IP): public, or loopback while testing. */
function mayReach(address: string): boolean {
  const family = isIP(address) === 6 ? "ipv6" : "ipv4";
  return !NOT_PUBLIC.check(address, family) || (localTesting() && isLoopbackHost(address));
}

/**
 * The URL when the worker may fetch it, else undefined: https to a public host, no credentials.
 * http, and loopback addresses, only from loopback to loopback while testing. A URL typed into a
 * step (or a redirect) thus never reaches the worker's own or its network's services; host names
 * are checked again once resolved (`lookup` below).
 */
export function safeMediaUrl(value: string): URL | undefined {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || url.username || url.password) return undefined;
  const host = url.hostname
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "")
    .toLowerCase();
  if (isIP(host) && !mayReach(host)) return undefined;
  if (url.protocol === "https:") return url;
  return url.protocol === "http:" && localTesting() && isLoopbackHost(host) ? url : undefined;
}

type Resolved = { address: string; family: 4 | 6 };

/**
 * DNS lookup for downloads: every address the worker may reach, so Node can still fall back from
 * IPv6 to IPv4; none fails the download. A callback (not async) function, so axios passes the
 * whole list on (it keeps only the first of what an async lookup returns).
 */
function lookup(
  hostname: string,
  _options: object,
  callback: (error: Error | null, addresses: Resolved[]) => void,
): void {
  dnsLookup(hostname, { all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const allowed = addresses
      .filter(({ address }) => mayReach(address))
      .map(({ address, family }): Resolved => ({ address, family: family === 6 ? 6 : 4 }));
    if (allowed.length > 0) return callback(null, allowed);
    const refused = new Error(`${hostname} is not a public address`);
    callback(Object.assign(refused, { code: "ADDRESS_REFUSED" }), []);
  });
}

/** Host and path only: signed media URLs carry their signature in the query. */
const shownUrl = (url: URL): string => `${url.host}${url.pathname}`;

/**
 * A signed URL's long query values (a signature, a token): secrets of the download, should the
 * host quote them back. Short ones (`expires=3600`) are left, so a status like 403 stays readable.
 */
const signatureOf = (url: URL): string[] =>
  [...url.searchParams.values()].filter((value) => value.length >= 16);

/** Why safeMediaUrl refused a URL: "is not https (http:)", "points to 10.0.0.1, not a public address". */
const whyRefused = (url: URL): string =>
  url.username || url.password
    ? "carries a user name or password"
    : url.protocol === "https:"
      ? `points to ${url.host}, not a public address`
      : `is not https (${url.protocol})`;

const fail = (message: string, code: string, status?: number): XaiApiError =>
  new XaiApiError(message, { code, status, method: "GET" });

/**
 * Whether axios decoded the body (gzip, deflate, br): it then drops Content-Encoding but keeps the
 * Content-Length, which counts the encoded bytes; the socket's raw headers still show it.
 */
const wasDecoded = (request: unknown): boolean => {
  const raw = (request as { res?: { rawHeaders?: string[] } } | undefined)?.res?.rawHeaders ?? [];
  return raw.some((name, index) => index % 2 === 0 && name.toLowerCase() === "content-encoding");
};

/**
 * A 2xx answer's bytes and media type (media, a file, a JSON answer sent instead of a stream). The
 * body is read into one preallocated Buffer when its length is announced (so the bytes are held
 * once, not twice), else into chunks joined at the end; more than announced, or than `maxBytes`,
 * fails, and so does less than announced. `reading` starts messages: "Downloading the video".
 */
export async function readBody(
  response: { headers: unknown; data: NodeJS.ReadableStream; request?: unknown },
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
  const exact = announced !== undefined && !wasDecoded(response.request);
  const target = exact ? Buffer.allocUnsafe(announced) : undefined;
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
    // axios' own maxContentLength (the client's request limit) can stop the stream first.
    if (overBodyLimit(error)) {
      throw tooLarge(`${reading} stopped: it is larger than the ${formatBytes(maxBytes)} limit`);
    }
  }
  const of = target ? ` of ${formatBytes(target.length)}` : "";
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
    const why = URL.canParse(value) ? whyRefused(new URL(value)) : "is not a valid URL";
    throw await client.failure(
      fail(`Downloading ${what} was refused: its URL ${why}`, "INSECURE_URL"),
    );
  }
  // The URL of the current hop, for messages; a refused redirect is kept to be thrown as is.
  let current = start;
  const signature = () => [...signatureOf(start), ...signatureOf(current)];
  let refused: XaiApiError | undefined;
  const { signal } = client;
  try {
    const response = await axios.request<NodeJS.ReadableStream>({
      url: start.href,
      method: "GET",
      responseType: "stream",
      maxRedirects: MAX_REDIRECTS,
      lookup,
      beforeRedirect: (next, { statusCode }) => {
        const target = new URL(String(next.href));
        const safe = safeMediaUrl(target.href);
        if (!safe) {
          refused = fail(
            `Downloading ${what} from ${shownUrl(current)} was refused: it redirects to a URL that ${whyRefused(target)}, which is not followed`,
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
    if (failed || (media && !isMediaType(type, media))) {
      const redact = client.redactWith(signature());
      const reason = describeOtherBody(await readErrorBody(response.data), type, redact);
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
    throw await client.failure(failure, signature());
  }
}
