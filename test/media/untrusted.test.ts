import dns from "node:dns";
import { gzipSync } from "node:zlib";
import { xai } from "../../src/http/client";
import { download, readBody } from "../../src/http/download";
import { mediaBytes } from "../server/xaiServer";
import { listenOnLoopback, type TinyServer } from "../support/tinyServer";
import { connection, failureOf, harness, useLocalServer } from "./support";

/** What a hostile or broken host, or a value from an earlier step, cannot make the steps do. */

const local = useLocalServer();
const PNG = mediaBytes("image", 0);
const call = () => xai(connection, undefined, { deadlineMs: 30_000 });

let tiny: TinyServer | undefined;
afterEach(async () => {
  await tiny?.close();
  tiny = undefined;
});

/** A media host on 127.0.0.1 answering every request with `handler`; returns its URL for `path`. */
const mediaHost = async (
  handler: Parameters<typeof listenOnLoopback>[0],
  path = "/img.png",
): Promise<string> => {
  tiny = await listenOnLoopback(handler);
  return tiny.baseUrl.replace(/\/v1$/, path);
};

/** The API answers the next image generation with `body`. */
const nextImages = (body: unknown) => local.server.script({ path: "/v1/images/generations", body });

const withBaseUrl = async (baseUrl: string, run: () => Promise<void>) => {
  const saved = process.env.XAI_BASE_URL;
  process.env.XAI_BASE_URL = baseUrl;
  try {
    await run();
  } finally {
    process.env.XAI_BASE_URL = saved;
  }
};

describe("downloads", () => {
  it("reads a gzip-encoded image whose Content-Length counts the encoded bytes", async () => {
    const url = await mediaHost((_request, response) => {
      const encoded = gzipSync(PNG);
      response.writeHead(200, {
        "content-type": "image/png",
        "content-encoding": "gzip",
        "content-length": encoded.length,
      });
      response.end(encoded);
    });
    nextImages({ data: [{ url }] });
    const file = await harness.action("generateImage", {
      connection,
      prompt: "x",
      returnFile: true,
    });
    expect((file as { data: Buffer }).data.equals(PNG)).toBe(true);
  });

  it("refuses an SVG served as the generated image: a document that can carry scripts", async () => {
    const url = await mediaHost((_request, response) => {
      response.writeHead(200, { "content-type": "image/svg+xml" });
      response.end('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    });
    nextImages({ data: [{ url }] });
    const error = await failureOf("generateImage", { prompt: "x", returnFile: true });
    expect(error).toMatchObject({ name: "XaiApiError", code: "NOT_MEDIA" });
    expect(error.message).toMatch(/gave image\/svg\+xml, not an image/);
  });

  it("keeps a signed URL's signature out of the error when the host quotes it back", async () => {
    const signature = "Zm9vYmFyYmF6cXV4c2lnbmF0dXJl";
    const url = await mediaHost((request, response) => {
      response.writeHead(403, { "content-type": "text/plain" });
      response.end(`AccessDenied for ${request.url}`);
    }, `/img.png?X-Amz-Signature=${signature}&expires=3600`);
    const error = (await download(call(), url, { what: "the image" }).catch(
      (e: Error) => e,
    )) as Error;
    expect(error.message).toMatch(/failed with 403 \(forbidden\): "AccessDenied for \/img\.png\?/);
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain(signature);
    expect(error.message).toContain("expires=3600");
  });

  it("says why a redirect is refused: credentials in the URL, not https", async () => {
    const url = local.server.media.imageUrl("a");
    local.server.media.script({ redirectTo: "http://user:pass@127.0.0.3/a.png" });
    await expect(download(call(), url, { what: "the image" })).rejects.toMatchObject({
      code: "REDIRECT_REFUSED",
      message: expect.stringContaining("redirects to a URL that carries a user name or password"),
    });
  });

  it("never connects to the worker's own or private addresses in production, by IP or by name", async () => {
    let connections = 0;
    tiny = await listenOnLoopback((_request, response) => response.end());
    tiny.server.on("connection", () => connections++);
    const port = new URL(tiny.baseUrl).port;
    await withBaseUrl("https://api.x.ai/v1", async () => {
      for (const host of [
        `127.0.0.1:${port}`,
        `[::ffff:127.0.0.1]:${port}`,
        "10.1.2.3",
        "169.254.169.254",
      ]) {
        await expect(
          download(call(), `https://${host}/a.png`, { what: "the image" }),
        ).rejects.toMatchObject({
          code: "INSECURE_URL",
          message: expect.stringMatching(/its URL points to .*, not a public address/),
        });
      }
      // A name is checked once resolved: localhost resolves to loopback.
      await expect(
        download(call(), `https://localhost:${port}/a.png`, { what: "the image" }),
      ).rejects.toMatchObject({
        code: "ADDRESS_REFUSED",
        message: expect.stringContaining("localhost is not a public address"),
      });
      const upload = await failureOf("uploadFile", { file: "https://192.168.1.10/report.pdf" });
      expect(upload.message).toMatch(/^File: enter an https URL, a data: URL/);
    });
    expect(connections).toBe(0);
  });

  it("keeps Node's IPv6-to-IPv4 fallback: a dual-stack name reaches a host listening on IPv4 only", async () => {
    const url = await mediaHost((_request, response) => {
      response.writeHead(200, { "content-type": "image/png" });
      response.end(PNG);
    });
    // This machine resolves localhost to 127.0.0.1 only; a dual-stack resolver also answers ::1 first.
    const real = dns.lookup;
    const dualStack = (host: string, options: object, callback: (...args: unknown[]) => void) =>
      host === "localhost"
        ? callback(null, [
            { address: "::1", family: 6 },
            { address: "127.0.0.1", family: 4 },
          ])
        : (real as (...args: unknown[]) => void)(host, options, callback);
    const realPromise = dns.promises.lookup;
    const dualStackPromise = (host: string, options: object) =>
      new Promise((resolve, reject) =>
        dualStack(host, options, (error, addresses) =>
          error ? reject(error) : resolve(addresses),
        ),
      );
    Object.assign(dns, { lookup: dualStack });
    Object.assign(dns.promises, { lookup: dualStackPromise });
    try {
      const file = await download(call(), url.replace("127.0.0.1", "localhost"), {
        what: "the image",
      });
      expect(file.data.equals(PNG)).toBe(true);
    } finally {
      Object.assign(dns, { lookup: real });
      Object.assign(dns.promises, { lookup: realPromise });
    }
  });

  it("a body over the limit without a Content-Length fails as over the limit, not as cut off", async () => {
    tiny = await listenOnLoopback((_request, response) => {
      response.writeHead(200, { "content-type": "application/octet-stream" });
      response.end(Buffer.alloc(5000));
    });
    await withBaseUrl(tiny.baseUrl, async () => {
      const client = call();
      const response = await client.request<NodeJS.ReadableStream>({
        method: "GET",
        path: "/files/f/content",
        responseType: "stream",
        maxBytes: 4000,
      });
      await expect(readBody(response, 4000, "Downloading file f")).rejects.toMatchObject({
        code: "LIMIT_EXCEEDED",
        message: "Downloading file f stopped: it is larger than the 3.9 KiB limit",
      });
      await expect(client.post("/anything", {}, 1000)).rejects.toMatchObject({
        code: "LIMIT_EXCEEDED",
        message: expect.stringContaining("larger than the 1000 bytes limit"),
      });
    });
  });
});

describe("xAI's image answers", () => {
  it.each([
    ["no object in data", { data: [null] }, /has an unexpected item in its "data" list/],
    [
      "b64_json that is not base64",
      { data: [{ b64_json: "!!!!***" }] },
      /b64_json for the image is not an image: it has no base64 bytes/,
    ],
    [
      "b64_json of another type",
      { data: [{ b64_json: PNG.toString("base64"), mime_type: "text/html" }] },
      /b64_json for the image is not an image: it has type "text\/html"/,
    ],
  ])("fails a Return File step on %s, as an XaiApiError", async (_name, body, message) => {
    nextImages(body);
    const error = await failureOf("generateImage", { prompt: "x", returnFile: true });
    expect(error.name).toBe("XaiApiError");
    expect(error.message).toMatch(message);
  });

  it("never passes a malformed mime_type on as the file's content type", async () => {
    nextImages({ data: [{ b64_json: PNG.toString("base64"), mime_type: "image/png\r\nX: y" }] });
    const error = await failureOf("generateImage", { prompt: "x", returnFile: true });
    expect(error.message).toMatch(/it has type ""/);
  });
});

describe("Upload File", () => {
  it("uploads text from an earlier step as a text file, even one that starts like a header", async () => {
    const result = await harness.action("uploadFile", { connection, file: "id,total\n1,5\n" });
    expect((result as { data: unknown }).data).toMatchObject({ filename: "file.txt", bytes: 12 });
    expect(local.server.requests[0].rawBody).toContain("Content-Type: text/plain\r\n\r\nid,total");
    const notes = await harness.action("uploadFile", { connection, file: "Notes: buy milk" });
    expect((notes as { data: unknown }).data).toMatchObject({ bytes: 15 });
    // A mistyped URL is not taken for content.
    const typo = await failureOf("uploadFile", { file: "htps://example.com/report.pdf" });
    expect(typo.message).toMatch(/^File: enter an https URL/);
  });

  it("never lets a content type from an earlier step add a header to the upload", async () => {
    await harness.action("uploadFile", {
      connection,
      file: { data: Buffer.from("hi"), contentType: "text/plain\r\nX-Evil: 1" },
    });
    const { rawBody } = local.server.requests[0];
    expect(rawBody).not.toMatch(/x-evil/i);
    expect(rawBody).toContain("Content-Type: application/octet-stream");
  });

  it("fails when xAI answers the upload with a page, not the File JSON", async () => {
    local.server.script({ path: "/v1/files", body: "<html><body>Sign in</body></html>" });
    const error = await failureOf("uploadFile", { file: "hello" });
    expect(error).toMatchObject({ name: "XaiApiError", code: "NOT_JSON" });
  });

  it("refuses a data: URL with a malformed %-escape, naming the input", async () => {
    const error = await failureOf("uploadFile", { file: "data:text/plain,%ZZ" });
    expect(error.message).toBe("File: is not a valid data: URL: it has a malformed %-escape.");
    expect(local.server.requests).toHaveLength(0);
  });
});

describe("answers that break the HTTP parser", () => {
  it("are not retried: the server had answered, and would again", async () => {
    let requests = 0;
    tiny = await listenOnLoopback((_request, response) => {
      requests++;
      response.writeHead(200, {
        "x-huge": "a".repeat(100_000),
        "content-type": "application/json",
      });
      response.end("{}");
    });
    await withBaseUrl(tiny.baseUrl, async () => {
      const error = await failureOf("listModels", {});
      expect(error.name).toBe("XaiApiError");
      expect(error.message).toMatch(/HPE_HEADER_OVERFLOW/);
    });
    expect(requests).toBe(1);
  });
});

describe("List Files", () => {
  it("returns each file once when a server ignores the page token", async () => {
    let pages = 0;
    tiny = await listenOnLoopback((_request, response) => {
      pages++;
      response.setHeader("content-type", "application/json");
      const data = [{ id: "file_a" }, { id: "file_b" }];
      response.end(JSON.stringify({ data, pagination_token: `page-${pages}` }));
    });
    await withBaseUrl(tiny.baseUrl, async () => {
      const result = await harness.action("listFiles", { connection, limit: "2", fetchAll: true });
      expect((result as { data: { data: unknown[] } }).data.data).toEqual([
        { id: "file_a" },
        { id: "file_b" },
      ]);
    });
    expect(pages).toBe(2);
  });
});

describe("Select File", () => {
  it("fails with one sentence, not a TypeError, when xAI's list holds something that is not a file", async () => {
    local.server.script({ path: "/v1/files", body: { data: [null] } });
    await expect(harness.dataSource("selectFile", { connection })).rejects.toMatchObject({
      name: "XaiApiError",
      message: expect.stringMatching(/has an unexpected item in its "data" list/),
    });
  });
});

describe("Get Response", () => {
  it("fails, never returning it, when the stored response nests deeper than xAI's own JSON", async () => {
    local.server.script({
      path: "/v1/responses/r1",
      headers: { "content-type": "application/json" },
      body: `{"id":"r1","status":"completed","x":${"[".repeat(5000)}${"]".repeat(5000)}}`,
    });
    const error = await failureOf("getResponse", { responseId: "r1" });
    expect(error).toMatchObject({ name: "XaiApiError", code: "NOT_JSON" });
  });
});
