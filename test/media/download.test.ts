import { xai } from "../../src/http/client";
import { download as downloadWith } from "../../src/http/download";
import { mediaBytes } from "../server/xaiServer";
import { connection, failureOf, harness, useLocalServer } from "./support";

const local = useLocalServer();
const options = { what: "the video" };
/** A download inside a call of its own (its deadline and secrets), as the actions make one. */
const download = (url: string, given: { what: string; maxBytes?: number }) =>
  downloadWith(xai(connection, undefined, { deadlineMs: 30_000 }), url, given);

describe("media download", () => {
  it("streams a video into one Buffer with the host's content type and no credentials", async () => {
    const url = local.server.media.videoUrl("clip", { bytes: 300_000 });
    const file = await download(url, options);
    expect(file.contentType).toBe("video/mp4");
    expect(file.data.equals(mediaBytes("video", 300_000))).toBe(true);
    expect(local.server.media.requests[0].headers.authorization).toBeUndefined();
  });

  it("follows a redirect to another path, refuses one to a non-https URL", async () => {
    const url = local.server.media.videoUrl("moved", { bytes: 1000 });
    const other = local.server.media.videoUrl("other", { bytes: 1000 });
    local.server.media.script({ redirectTo: other });
    expect((await download(url, options)).data.equals(mediaBytes("video", 1000))).toBe(true);
    local.server.media.script({ redirectTo: "http://example.com/clip.mp4" });
    await expect(download(url, options)).rejects.toMatchObject({
      code: "REDIRECT_REFUSED",
      message: expect.stringContaining("redirects to a URL that is not https (http:)"),
    });
  });

  it("stops at the call's own deadline, which covers polling and the download together", async () => {
    local.server.media.script({ hang: true });
    const call = xai(connection, undefined, { deadlineMs: 300 });
    const error = (await downloadWith(call, local.server.media.videoUrl("slow"), options).catch(
      (failure: Error) => failure,
    )) as Error;
    expect(error).toMatchObject({ name: "XaiApiError", code: "DEADLINE_EXCEEDED" });
    expect(error.message).toMatch(/timed out: the call's 300 ms deadline/);
  });

  it("refuses an http URL off loopback before sending anything", async () => {
    await expect(download("http://example.com/a.mp4", options)).rejects.toMatchObject({
      code: "INSECURE_URL",
    });
  });

  it("refuses http on loopback when XAI_BASE_URL is not on this machine, as in production", async () => {
    const url = local.server.media.videoUrl("clip", { bytes: 1000 });
    const saved = process.env.XAI_BASE_URL;
    process.env.XAI_BASE_URL = "https://api.x.ai/v1";
    try {
      await expect(download(url, options)).rejects.toMatchObject({ code: "INSECURE_URL" });
      const error = await failureOf("uploadFile", { file: url });
      expect(error.name).toBe("InputError");
      expect(error.message).toMatch(/^File: enter an https URL, a data: URL, an xAI file id/);
    } finally {
      process.env.XAI_BASE_URL = saved;
    }
    expect(local.server.media.requests).toHaveLength(0);
  });

  it("fails clearly on a cut-off body, an expired URL and a body over the limit", async () => {
    const url = local.server.media.videoUrl("cut", { bytes: 100_000 });
    local.server.media.script({ cutAfterBytes: 5000 });
    await expect(download(url, options)).rejects.toMatchObject({
      name: "StreamCutOffError",
      message: expect.stringMatching(/^Downloading the video was cut off after .* of 97\.7 KiB/),
    });
    const expired = local.server.media.videoUrl("old", { ttlMs: -1 });
    const refused = await download(expired, options).catch((error: Error) => error);
    expect(refused).toMatchObject({
      status: 403,
      message: expect.stringMatching(
        /failed with 403 \(forbidden\): .*AccessDenied.*may be too old/,
      ),
    });
    // The signed query string stays out of the message.
    expect((refused as Error).message).not.toContain("expires=");
    await expect(
      download(local.server.media.videoUrl("big", { bytes: 5000 }), { ...options, maxBytes: 4000 }),
    ).rejects.toMatchObject({ code: "LIMIT_EXCEEDED" });
  });

  it("fails the step when the media host answers a generated image or video with a page", async () => {
    const page = "<html><head><title>Sign in</title></head><body>Please sign in</body></html>";
    local.server.media.script({ body: page, headers: { "content-type": "text/html" } });
    const image = await failureOf("generateImage", { prompt: "a cat", returnFile: true });
    expect(image.name).toBe("XaiApiError");
    expect(image.code).toBe("NOT_MEDIA");
    expect(image.message).toMatch(
      /^Downloading the image from 127\.0\.0\.2:\d+\/\S+ gave text\/html, not an image: an HTML page answered.*"Sign in Please sign in"\.$/,
    );
    local.server.media.script({ body: "<Error/>", headers: { "content-type": "application/xml" } });
    const video = await failureOf("generateVideo", { prompt: "a cat", returnFile: true });
    expect(video.message).toMatch(
      /^Downloading the video from .* gave application\/xml, not a video: "<Error\/>"\.$/,
    );
    // An MP4 sent as application/mp4 (RFC 4337) and an image sent as octet-stream are returned.
    local.server.media.script({ headers: { "content-type": "application/mp4" } });
    const clip = await harness.action("generateVideo", {
      connection,
      prompt: "a cat",
      returnFile: true,
    });
    expect((clip as { contentType: string }).contentType).toBe("application/mp4");
    local.server.media.script({ headers: { "content-type": "application/octet-stream" } });
    const file = (await harness.action("generateImage", {
      connection,
      prompt: "a cat",
      returnFile: true,
    })) as { data: Buffer };
    expect(Buffer.isBuffer(file.data)).toBe(true);
  });

  it("fails the step when the media host cuts an image download off", async () => {
    local.server.media.script({ cutAfterBytes: 10 });
    const error = await failureOf("generateImage", { prompt: "a cat", returnFile: true });
    expect(error.name).toBe("StreamCutOffError");
    await expect(
      harness.action("generateImage", { connection, prompt: "a cat", returnFile: true }),
    ).resolves.toBeDefined();
  });
});
