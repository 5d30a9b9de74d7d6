/**
 * A small multipart/form-data parser (RFC 7578) for `POST /v1/files`: synchronous, on the raw
 * request bytes, so uploads round-trip byte for byte.
 */

export interface MultipartPart {
  /** The form field name from Content-Disposition. */
  name: string;
  /** Present for file parts (Content-Disposition `filename=`). */
  filename?: string;
  /** The part's Content-Type header, when sent. */
  contentType?: string;
  data: Buffer;
}

const CRLF = "\r\n";

/** The boundary of a multipart/form-data Content-Type, or undefined for any other type. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!/^\s*multipart\/form-data\s*;/i.test(contentType ?? "")) return undefined;
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? "");
  return match ? (match[1] ?? match[2]) : undefined;
}

/** A quoted-string or token parameter of a header value, e.g. `name` in `form-data; name="x"`. */
function headerParameter(value: string, name: string): string | undefined {
  const pattern = new RegExp(`;\\s*${name}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]+))`, "i");
  const match = pattern.exec(value);
  if (!match) return undefined;
  return match[1] !== undefined ? match[1].replace(/\\(.)/g, "$1") : match[2];
}

function partOf(headerBlock: string, data: Buffer): MultipartPart | undefined {
  const headers = new Map<string, string>();
  for (const line of headerBlock.split(CRLF)) {
    const colon = line.indexOf(":");
    if (colon > 0)
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const disposition = headers.get("content-disposition") ?? "";
  const name = headerParameter(disposition, "name");
  if (!/^form-data\b/i.test(disposition) || name === undefined) return undefined;
  const part: MultipartPart = { name, data: Buffer.from(data) };
  const filename = headerParameter(disposition, "filename");
  if (filename !== undefined) part.filename = filename;
  const contentType = headers.get("content-type");
  if (contentType) part.contentType = contentType;
  return part;
}

/** The parts of a multipart/form-data body in order, or undefined when the body is malformed. */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] | undefined {
  const delimiter = `--${boundary}`;
  const nextDelimiter = `${CRLF}${delimiter}`;
  let position = body.indexOf(delimiter);
  if (position === -1) return undefined;
  const parts: MultipartPart[] = [];
  for (;;) {
    position += delimiter.length;
    if (body.toString("latin1", position, position + 2) === "--") return parts;
    if (body.toString("latin1", position, position + 2) !== CRLF) return undefined;
    // Searching from the CRLF itself finds an empty header block too.
    const headerEnd = body.indexOf(`${CRLF}${CRLF}`, position);
    if (headerEnd === -1) return undefined;
    const headerBlock = body.toString("utf8", position + 2, headerEnd);
    const dataStart = headerEnd + 4;
    const dataEnd = body.indexOf(nextDelimiter, dataStart);
    if (dataEnd === -1) return undefined;
    const part = partOf(headerBlock, body.subarray(dataStart, dataEnd));
    if (!part) return undefined;
    parts.push(part);
    position = dataEnd + CRLF.length;
  }
}
