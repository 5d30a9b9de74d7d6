import { waitForVideo } from "../../src/actions/videos/videoJob";
import { xai } from "../../src/http/client";
import { mediaBytes } from "../server/xaiServer";
import { capturingLogger } from "../support/harness";
import {
  bodyOf,
  connection,
  dataOf,
  expectNoKeyAtMediaHost,
  failureOf,
  harness,
  MEDIA_TOKEN,
  useLocalServer,
} from "./support";

const local = useLocalServer();

const polls = () =>
  local.server.requests.filter((r) => r.method === "GET" && r.path.startsWith("/v1/videos/"));

async function start(prompt: string): Promise<string> {
  const started = await harness.action("generateVideo", {
    connection,
    prompt,
    waitForCompletion: false,
  });
  const { request_id } = dataOf(started) as { request_id: string };
  expect(request_id).toEqual(expect.any(String));
  return request_id;
}

describe("Generate Video", () => {
  it("returns { request_id } at once without waiting", async () => {
    await start("a cat");
    expect(polls()).toHaveLength(0);
  });

  it("waits, then returns the video as a file byte-identical to the media host's", async () => {
    const size = 200_000;
    const { logger, lines } = capturingLogger();
    const result = await harness.action(
      "generateVideo",
      {
        connection,
        prompt: `a cat POLLS=0 VIDEO_BYTES=${size}`,
        duration: "5",
        aspectRatio: "16:9",
        resolution: "720p",
        returnFile: true,
      },
      { logger },
    );
    expect(result?.contentType).toBe("video/mp4");
    expect((dataOf(result) as Buffer).equals(mediaBytes("video", size))).toBe(true);
    expect(bodyOf(local.server, "/videos/generations")).toEqual({
      prompt: `a cat POLLS=0 VIDEO_BYTES=${size}`,
      duration: 5,
      aspect_ratio: "16:9",
      resolution: "720p",
    });
    expect(lines.some((line) => /started after \d+ ms; checking again in 2 s/.test(line))).toBe(
      true,
    );
    expectNoKeyAtMediaHost(local.server);
  });

  it("animates an image from an earlier step; requires a prompt or an image", async () => {
    const png = mediaBytes("image", 0);
    await harness.action("generateVideo", {
      connection,
      image: { data: png, contentType: "image/png" },
      waitForCompletion: false,
    });
    expect(bodyOf(local.server, "/videos/generations").image).toEqual({
      url: `data:image/png;base64,${png.toString("base64")}`,
    });
    const error = await failureOf("generateVideo", { waitForCompletion: false });
    expect(error.message).toBe("Prompt: is required unless an Image is given.");
  });
});

describe("Get Video", () => {
  it("completes a job that needs 3 polls, honouring Retry-After, logging each wait", async () => {
    const id = await start("a cat POLLS=2 RETRY_AFTER=1");
    const { logger, lines } = capturingLogger();
    const began = Date.now();
    const result = await harness.action("getVideo", { connection, requestId: id }, { logger });
    expect(polls()).toHaveLength(3);
    // Two waits of the 1 s xAI asked for, not the 2 s and 3 s of the backoff.
    expect(Date.now() - began).toBeLessThan(4000);
    expect(result?.data).toMatchObject({ status: "done", video: { duration: 8 } });
    const waits = lines.filter((line) => line.startsWith(`Video ${id}: not done`));
    expect(waits).toHaveLength(2);
    expect(waits[1]).toMatch(
      /not done at check 2 \(progress 50 %\) after 1(\.\d)? s; checking again in 1 s/,
    );
  });

  it("logs each wait through the one log path: the key redacted, the line bounded", async () => {
    const odd = `queued ${MEDIA_TOKEN} ${"x".repeat(10_000)}`;
    local.server.script(
      {
        path: "/v1/videos/vid_log",
        status: 202,
        body: { status: odd },
        headers: { "retry-after": "0" },
      },
      { path: "/v1/videos/vid_log", body: { status: "done", video: { url: null } } },
    );
    const { logger, lines } = capturingLogger();
    await harness.action("getVideo", { connection, requestId: "vid_log" }, { logger });
    const wait = lines.find((line) => line.startsWith("Video vid_log: not done"));
    expect(wait).toMatch(/^Video vid_log: not done at check 1 \(queued \[REDACTED\] x+…$/);
    expect(wait?.length).toBe(4000);
  });

  it("without waiting returns the pending status", async () => {
    const id = await start("a cat");
    const result = await harness.action("getVideo", {
      connection,
      requestId: id,
      waitForCompletion: false,
      returnFile: true,
    });
    expect(result?.data).toEqual({ status: "pending", progress: 0 });
  });

  it("fails a failed job with xAI's reason and the request id", async () => {
    const id = await start("FAIL_VIDEO POLLS=0");
    const error = await failureOf("getVideo", { requestId: id });
    expect(error.name).toBe("XaiApiError");
    expect(error.message).toBe(
      `Video ${id} failed (internal_error): Video generation failed: the prompt asked for FAIL_VIDEO.`,
    );
    expect(error.requestId).toBe(id);
  });

  it("reads a failed job's error whatever its shape, never as [object Object]", async () => {
    local.server.script({
      path: "/v1/videos/vid_odd",
      body: { status: "failed", error: { message: { detail: "moderated" }, code: 7 } },
    });
    const error = await failureOf("getVideo", { requestId: "vid_odd" });
    expect(error.message).toBe(
      'Video vid_odd failed (7): {"message":{"detail":"moderated"},"code":7}.',
    );
    expect(error.code).toBe("7");
  });

  it("fails, never returning it, when a video's status nests deeper than xAI's own JSON", async () => {
    local.server.script({
      path: "/v1/videos/vid_deep",
      headers: { "content-type": "application/json" },
      body: `{"status":"done","x":${"[".repeat(5000)}${"]".repeat(5000)}}`,
    });
    const error = await failureOf("getVideo", { requestId: "vid_deep" });
    expect(error).toMatchObject({ name: "XaiApiError", code: "NOT_JSON" });
  });

  it("fails a job past the deadline with the request id (a short deadline given to the waiter)", async () => {
    const id = await start("NEVER_DONE");
    const client = xai(connection, undefined, { deadlineMs: 60_000 });
    const schedule = { startMs: 50, maxMs: 100, minMs: 10, deadlineMs: 400 };
    const waited = waitForVideo(client, id, { schedule });
    await expect(waited).rejects.toMatchObject({
      name: "XaiApiError",
      code: "DEADLINE_EXCEEDED",
      requestId: id,
      message: expect.stringContaining(
        `(the 400 ms deadline); xAI may still finish it: run Get Video with request id ${id} to pick it up`,
      ),
    });
    expect(polls().length).toBeGreaterThanOrEqual(3);
  });

  it("fails when the media host cuts the download off", async () => {
    const id = await start("a cat POLLS=0 VIDEO_BYTES=100000");
    local.server.media.script({ cutAfterBytes: 10_000 });
    const error = await failureOf("getVideo", { requestId: id, returnFile: true });
    expect(error.name).toBe("StreamCutOffError");
    expect(error.message).toMatch(/^Downloading the video was cut off/);
    expectNoKeyAtMediaHost(local.server);
  });
});

describe("Edit and Extend Video", () => {
  it("edits a video from an earlier step and extends one by URL", async () => {
    const clip = mediaBytes("video", 4096);
    const edited = await harness.action("editVideo", {
      connection,
      prompt: "add snow POLLS=0",
      video: { data: clip, contentType: "video/mp4" },
      returnFile: true,
    });
    expect(bodyOf(local.server, "/videos/edits").video).toEqual({
      url: `data:video/mp4;base64,${clip.toString("base64")}`,
    });
    expect(edited?.contentType).toBe("video/mp4");
    const extended = await harness.action("extendVideo", {
      connection,
      prompt: "zoom out POLLS=0",
      video: "https://example.com/clip.mp4",
      duration: "4",
    });
    expect(extended?.data).toMatchObject({ status: "done", video: { duration: 4 } });
  });

  it("refuses a video URL without .mp4 and a non-video file before sending", async () => {
    const byUrl = await failureOf("extendVideo", { prompt: "x", video: "https://e.com/a.mov" });
    expect(byUrl.message).toMatch(/^Video: a video URL must end in \.mp4/);
    const notVideo = await failureOf("editVideo", {
      prompt: "x",
      video: { data: mediaBytes("image", 0), contentType: "image/png" },
    });
    expect(notVideo.message).toBe("Video: must be an MP4 video; got a file of type image/png.");
    expect(local.server.requests).toHaveLength(0);
  });
});
