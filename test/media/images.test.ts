import { mediaBytes } from "../server/xaiServer";
import {
  bodyOf,
  connection,
  dataOf,
  expectNoKeyAtMediaHost,
  failureOf,
  harness,
  useLocalServer,
} from "./support";

const local = useLocalServer();
const PNG = mediaBytes("image", 0);
const PNG_URL = "https://example.com/cat.png";

/** What Prismatic passes from an earlier step (a Dropbox download, an HTTP step, …). */
const earlierStepFile = { data: PNG, contentType: "image/png" };

describe("Generate Image", () => {
  it("returns xAI's data array when Return File is off", async () => {
    const result = await harness.action("generateImage", { connection, prompt: "a cat" });
    const data = dataOf(result) as { url: string }[];
    expect(data).toHaveLength(1);
    expect(data[0].url.startsWith(local.server.media.origin)).toBe(true);
    expect(local.server.media.requests).toHaveLength(0);
  });

  it("returns one image as a file, byte-identical to what the media host served", async () => {
    const result = await harness.action("generateImage", {
      connection,
      prompt: "a cat",
      returnFile: true,
    });
    expect(result?.contentType).toBe("image/png");
    expect(Buffer.isBuffer(result?.data)).toBe(true);
    expect((dataOf(result) as Buffer).equals(PNG)).toBe(true);
    expectNoKeyAtMediaHost(local.server);
  });

  it("holds several images within the media limit together, not each", async () => {
    const big = 150 * 1024 * 1024;
    const data = [1, 2].map((n) => ({
      url: local.server.media.imageUrl(`big-${n}`, { bytes: big }),
    }));
    local.server.script({ path: "/v1/images/generations", body: { data } });
    const failure = await failureOf("generateImage", { prompt: "a cat", n: "2", returnFile: true });
    expect(failure.message).toBe(
      "Downloading image 2 was refused: it is 150 MiB, larger than the 106 MiB limit.",
    );
  });

  it("returns several images as files with their URLs, and decodes b64_json", async () => {
    const result = await harness.action("generateImage", {
      connection,
      prompt: "a cat",
      n: "2",
      returnFile: "true",
    });
    const { files } = dataOf(result) as {
      files: { data: Buffer; contentType: string; url: string }[];
    };
    expect(files).toHaveLength(2);
    for (const file of files) {
      expect(file.data.equals(PNG)).toBe(true);
      expect(file.contentType).toBe("image/png");
      expect(file.url.startsWith(local.server.media.origin)).toBe(true);
    }
    expect(local.server.media.requests).toHaveLength(2);
    const inline = await harness.action("generateImage", {
      connection,
      prompt: "a cat",
      returnFile: true,
      additionalFields: '{"response_format": "b64_json"}',
    });
    expect((dataOf(inline) as Buffer).equals(PNG)).toBe(true);
  });
});

describe("Edit Image", () => {
  it("sends a file from an earlier step as a base64 data URL and returns the edit as a file", async () => {
    const result = await harness.action("editImage", {
      connection,
      prompt: "add a hat",
      image: earlierStepFile,
      returnFile: true,
    });
    expect(bodyOf(local.server, "/images/edits").image).toEqual({
      url: `data:image/png;base64,${PNG.toString("base64")}`,
    });
    expect((dataOf(result) as Buffer).equals(PNG)).toBe(true);
    expectNoKeyAtMediaHost(local.server);
  });

  it("recognises an image passed as octet-stream, and passes https URLs and file ids on", async () => {
    await harness.action("editImage", {
      connection,
      prompt: "add a hat",
      image: { data: PNG, contentType: "application/octet-stream" },
    });
    expect(bodyOf(local.server, "/images/edits").image).toEqual({
      url: expect.stringMatching(/^data:image\/png;base64,/),
    });
    local.server.reset();
    const result = await harness.action("editImage", {
      connection,
      prompt: "add a hat",
      image: "https://example.com/cat.png",
      n: "2",
    });
    expect(bodyOf(local.server, "/images/edits")).toMatchObject({
      image: { url: "https://example.com/cat.png" },
      n: 2,
    });
    expect(result?.data).toHaveLength(2);
  });

  it("edits several images together: an array from an earlier step, or a typed JSON array", async () => {
    const two = ["https://example.com/a.png", { data: PNG, contentType: "image/png" }];
    await harness.action("editImage", { connection, prompt: "<IMAGE_0> in <IMAGE_1>", image: two });
    const body = bodyOf(local.server, "/images/edits");
    expect(body.image).toBeUndefined();
    expect(body.images).toEqual([
      { url: "https://example.com/a.png" },
      { url: `data:image/png;base64,${PNG.toString("base64")}` },
    ]);
    local.server.reset();
    const typed = '["https://example.com/a.png", "https://example.com/b.png"]';
    await harness.action("editImage", { connection, prompt: "x", image: typed });
    expect(bodyOf(local.server, "/images/edits").images).toHaveLength(2);
    const error = await failureOf("editImage", {
      prompt: "x",
      image: [PNG_URL, "ftp://e.com/b.png"],
    });
    expect(error.message).toMatch(/^Image \(entry 2\): enter a URL/);
  });

  it("passes an http URL on to xAI as it is: ImageUrl.url is any public URL, fetched by xAI", async () => {
    await harness.action("editImage", {
      connection,
      prompt: "x",
      image: "http://example.com/cat.png",
    });
    expect(bodyOf(local.server, "/images/edits").image).toEqual({
      url: "http://example.com/cat.png",
    });
  });

  it.each([
    [
      "a text file",
      { data: Buffer.from("hello"), contentType: "text/plain" },
      /Image: must be a PNG, JPEG or WebP image; got a file of type text\/plain/,
    ],
    [
      "an image over 20 MiB",
      { data: Buffer.alloc(20 * 1024 * 1024 + 1), contentType: "image/png" },
      /Image: the file is 20,971,521 bytes, larger than the 20 MiB xAI accepts for an image/,
    ],
    ["an ftp URL", "ftp://example.com/cat.png", /Image: enter a URL, a data: URL, an xAI file id/],
    [
      "a data: URL with a malformed %-escape",
      "data:image/png,%E0%A4%A",
      /^Image: is not a valid data: URL: it has a malformed %-escape\.$/,
    ],
    ["a number", 42, /Image: expected a file from an earlier step/],
  ])("refuses %s before sending anything, naming the input", async (_name, image, message) => {
    const error = await failureOf("editImage", { prompt: "x", image });
    expect(error.message).toMatch(message);
    expect(local.server.requests).toHaveLength(0);
  });
});
