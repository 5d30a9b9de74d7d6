import { mediaBytes, startXaiServer, type XaiServer } from "./server/xaiServer";
import { responseBodyErrors, schemaErrors } from "./support/openapi";

const TOKEN = "test-token-media-5a4b3c";
const AUTH = { authorization: `Bearer ${TOKEN}` };

let server: XaiServer;

beforeAll(async () => {
  server = await startXaiServer({ acceptedToken: TOKEN });
});

afterAll(() => server.close());

beforeEach(() => server.reset());

/** The fields these tests read from xAI's JSON answers (each answer has some of them). */
interface Json {
  data: { id: string; url: string; b64_json: string; filename: string }[];
  models: { id: string }[];
  request_id: string;
  id: string;
  video: { url: string; duration: number };
  pagination_token: string;
  created_at: number;
  expires_at: number | null;
}

interface Answer {
  status: number;
  headers: Headers;
  json: Json;
}

async function api(method: string, path: string, body?: unknown): Promise<Answer> {
  const init: RequestInit = { method, headers: { ...AUTH } };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { ...AUTH, "content-type": "application/json" };
  }
  const response = await fetch(`${server.origin}${path}`, init);
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    json: text ? JSON.parse(text) : null,
  };
}

/** Asserts a JSON answer matches its OpenAPI response schema. */
function expectValid(answer: Answer, method: string, path: string): void {
  expect(responseBodyErrors(method, path, answer.status, answer.json)).toEqual([]);
}

function expectXaiError(answer: { status: number; json: unknown }, status: number): void {
  expect(answer.status).toBe(status);
  expect(Object.keys(answer.json as object).sort()).toEqual(["code", "error"]);
}

const HTTPS_IMAGE = { url: "https://example.com/cat.png" };
const HTTPS_VIDEO = { url: "https://example.com/clip.mp4" };

describe("media host", () => {
  it("listens on another loopback address than the API when it can", () => {
    const media = new URL(server.media.origin);
    expect(media.protocol).toBe("http:");
    if (process.platform === "linux") expect(media.hostname).toBe("127.0.0.2");
    expect(server.media.origin).not.toBe(server.origin);
  });

  it("serves a generated image as a real PNG and records the request headers", async () => {
    const answer = await api("POST", "/v1/images/generations", { prompt: "a cat", n: 2 });
    expect(answer.status).toBe(200);
    expectValid(answer, "POST", "/v1/images/generations");
    const urls: string[] = answer.json.data.map((image: { url: string }) => image.url);
    expect(new Set(urls).size).toBe(2);
    for (const url of urls) expect(url.startsWith(`${server.media.origin}/xai-imgen/`)).toBe(true);
    const image = await fetch(urls[0], { headers: { "x-probe": "yes" } });
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/png");
    const bytes = Buffer.from(await image.arrayBuffer());
    expect(bytes).toEqual(mediaBytes("image", 0));
    expect(bytes.subarray(1, 4).toString()).toBe("PNG");
    expect(server.media.requests).toHaveLength(1);
    expect(server.media.requests[0]).toMatchObject({
      method: "GET",
      path: new URL(urls[0]).pathname,
    });
    expect(server.media.requests[0].headers["x-probe"]).toBe("yes");
    expect(server.media.requests[0].headers.authorization).toBeUndefined();
  });

  it("keeps b64_json answers", async () => {
    const answer = await api("POST", "/v1/images/generations", {
      prompt: "a cat",
      response_format: "b64_json",
    });
    expectValid(answer, "POST", "/v1/images/generations");
    expect(answer.json.data[0].url).toBeUndefined();
    expect(Buffer.from(answer.json.data[0].b64_json, "base64")).toEqual(mediaBytes("image", 0));
  });

  it("answers 403 once a URL has expired (URL_TTL_MS in the prompt, or urlTtlMs)", async () => {
    const answer = await api("POST", "/v1/images/generations", { prompt: "a cat URL_TTL_MS=30" });
    const url: string = answer.json.data[0].url;
    expect(new URL(url).searchParams.get("expires")).toMatch(/^\d+$/);
    await new Promise((resolve) => setTimeout(resolve, 60));
    const expired = await fetch(url);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain("AccessDenied");

    server.media.urlTtlMs = 0;
    const again = await api("POST", "/v1/images/generations", { prompt: "a dog" });
    expect((await fetch(again.json.data[0].url)).status).toBe(403);
    expect((await fetch(`${server.media.origin}/nowhere`)).status).toBe(404);
  });

  it("cuts a body off after N bytes with the full Content-Length sent", async () => {
    const url = server.media.videoUrl("cut", { bytes: 100_000 });
    server.media.script({ cutAfterBytes: 1000 });
    const response = await fetch(url);
    expect(response.headers.get("content-length")).toBe("100000");
    await expect(response.arrayBuffer()).rejects.toThrow();
  });

  it("redirects to an http URL or another path when scripted, or when the URL asks", async () => {
    const url = server.media.videoUrl("moved");
    server.media.script(
      { redirectTo: "http://example.invalid/clip.mp4" },
      { redirectTo: "/xai-vidgen-bucket/other.mp4", status: 301 },
    );
    const toHttp = await fetch(url, { redirect: "manual" });
    expect(toHttp.status).toBe(302);
    expect(toHttp.headers.get("location")).toBe("http://example.invalid/clip.mp4");
    const toPath = await fetch(url, { redirect: "manual" });
    expect(toPath.status).toBe(301);
    expect(toPath.headers.get("location")).toBe("/xai-vidgen-bucket/other.mp4");
    const asked = await fetch(
      server.media.videoUrl("x", { redirect: "https://cdn.example/x.mp4" }),
      {
        redirect: "manual",
      },
    );
    expect(asked.headers.get("location")).toBe("https://cdn.example/x.mp4");
  });

  it("streams a 50 MB video without trouble", async () => {
    const size = 50 * 1024 * 1024;
    const response = await fetch(server.media.videoUrl("big", { bytes: size }));
    expect(response.headers.get("content-length")).toBe(String(size));
    let received = 0;
    let first: Uint8Array | undefined;
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      first ??= chunk;
      received += chunk.length;
    }
    expect(received).toBe(size);
    expect(
      Buffer.from(first ?? [])
        .subarray(4, 8)
        .toString(),
    ).toBe("ftyp");
  });

  it("answers HEAD with the length and no body", async () => {
    const response = await fetch(server.media.videoUrl("head", { bytes: 1234 }), {
      method: "HEAD",
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-length")).toBe("1234");
  });
});

describe("image edits", () => {
  it("edits one image given as an https URL or a data URL, n times", async () => {
    const one = await api("POST", "/v1/images/edits", {
      prompt: "add a hat",
      image: HTTPS_IMAGE,
      n: 3,
    });
    expect(one.status).toBe(200);
    expectValid(one, "POST", "/v1/images/edits");
    expect(one.json.data).toHaveLength(3);
    const dataUrl = `data:image/png;base64,${mediaBytes("image", 0).toString("base64")}`;
    const inline = await api("POST", "/v1/images/edits", {
      prompt: "add a hat",
      images: [{ url: dataUrl }, HTTPS_IMAGE],
      response_format: "b64_json",
    });
    expectValid(inline, "POST", "/v1/images/edits");
    expect(inline.json.data[0].b64_json).toEqual(expect.any(String));
  });

  it.each([
    ["no prompt", { image: HTTPS_IMAGE }, 422],
    ["no image", { prompt: "x" }, 400],
    ["an ftp URL", { prompt: "x", image: { url: "ftp://example.com/a.png" } }, 400],
    ["a non-image data URL", { prompt: "x", image: { url: "data:text/plain;base64,aGk=" } }, 400],
    ["both image and images", { prompt: "x", image: HTTPS_IMAGE, images: [HTTPS_IMAGE] }, 400],
    ["an unknown file_id", { prompt: "x", image: { file_id: "file_nope" } }, 404],
    ["n = 11", { prompt: "x", image: HTTPS_IMAGE, n: 11 }, 400],
  ])("rejects %s in xAI's error shape", async (_name, body, status) => {
    expectXaiError(await api("POST", "/v1/images/edits", body), status);
  });

  it("accepts a media-host URL from an earlier answer and an uploaded file", async () => {
    const generated = await api("POST", "/v1/images/generations", { prompt: "a cat" });
    const fromUrl = await api("POST", "/v1/images/edits", {
      prompt: "add a hat",
      image: { url: generated.json.data[0].url },
    });
    expect(fromUrl.status).toBe(200);
    const form = new FormData();
    form.append("file", new Blob([mediaBytes("image", 0)], { type: "image/png" }), "cat.png");
    const file = await api("POST", "/v1/files", form);
    const fromFile = await api("POST", "/v1/images/edits", {
      prompt: "add a hat",
      image: { file_id: file.json.id },
    });
    expect(fromFile.status).toBe(200);
  });
});

describe("video generation models", () => {
  it("lists and gets grok-imagine-video, 404 otherwise", async () => {
    const list = await api("GET", "/v1/video-generation-models");
    expectValid(list, "GET", "/v1/video-generation-models");
    expect(list.json.models.map((model: { id: string }) => model.id)).toEqual([
      "grok-imagine-video",
    ]);
    const one = await api("GET", "/v1/video-generation-models/grok-imagine-video");
    expectValid(one, "GET", "/v1/video-generation-models/{model_id}");
    expectXaiError(await api("GET", "/v1/video-generation-models/grok-3"), 404);
  });
});

describe("videos", () => {
  async function start(path: string, body: unknown): Promise<string> {
    const answer = await api("POST", path, body);
    expect(answer.status).toBe(200);
    expectValid(answer, "POST", path);
    return answer.json.request_id;
  }

  const poll = (id: string) => api("GET", `/v1/videos/${id}`);

  it("answers 202 pending twice, then 200 done with a video on the media host", async () => {
    const id = await start("/v1/videos/generations", { prompt: "a cat", duration: 5 });
    for (const progress of [0, 50]) {
      const pending = await poll(id);
      expect(pending.status).toBe(202);
      expect(pending.json).toEqual({ status: "pending", progress });
      expect(schemaErrors("VideoResponse", pending.json)).toEqual([]);
      expect(pending.headers.get("retry-after")).toBeNull();
    }
    const done = await poll(id);
    expect(done.status).toBe(200);
    expectValid(done, "GET", "/v1/videos/{request_id}");
    expect(done.json).toMatchObject({
      status: "done",
      model: "grok-imagine-video",
      video: { duration: 5, respect_moderation: true },
    });
    const again = await poll(id);
    expect(again.json.video.url).toBe(done.json.video.url);

    const video = await fetch(done.json.video.url);
    expect(video.headers.get("content-type")).toBe("video/mp4");
    const bytes = Buffer.from(await video.arrayBuffer());
    expect(bytes.length).toBe(64 * 1024);
    // Buffer.equals: jest's toEqual walks 64 K indices one by one.
    expect(bytes.equals(mediaBytes("video", 64 * 1024))).toBe(true);
  });

  it("follows POLLS=<k>, VIDEO_BYTES=<n> and RETRY_AFTER=<s> from the prompt", async () => {
    const now = await start("/v1/videos/generations", { prompt: "x POLLS=0 VIDEO_BYTES=1000" });
    const done = await poll(now);
    expect(done.status).toBe(200);
    expect(new URL(done.json.video.url).searchParams.get("bytes")).toBe("1000");

    const slow = await start("/v1/videos/generations", { prompt: "x POLLS=3 RETRY_AFTER=1" });
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      const answer = await poll(slow);
      statuses.push(answer.status);
      if (answer.status === 202) expect(answer.headers.get("retry-after")).toBe("1");
    }
    expect(statuses).toEqual([202, 202, 202, 200]);
  });

  it("ends failed with a VideoError for FAIL_VIDEO, and stays pending for NEVER_DONE", async () => {
    const failing = await start("/v1/videos/generations", { prompt: "FAIL_VIDEO POLLS=1" });
    expect((await poll(failing)).status).toBe(202);
    const failed = await poll(failing);
    expect(failed.status).toBe(200);
    expectValid(failed, "GET", "/v1/videos/{request_id}");
    expect(failed.json).toEqual({
      status: "failed",
      error: { code: "internal_error", message: expect.stringContaining("FAIL_VIDEO") },
    });

    const stuck = await start("/v1/videos/generations", { prompt: "NEVER_DONE" });
    for (let i = 0; i < 6; i++) expect((await poll(stuck)).status).toBe(202);
  });

  it("reports a moderated video with respect_moderation false and no url", async () => {
    const id = await start("/v1/videos/generations", { prompt: "MODERATED POLLS=0" });
    const done = await poll(id);
    expectValid(done, "GET", "/v1/videos/{request_id}");
    expect(done.json.video).toEqual({ url: "", duration: 8, respect_moderation: false });
  });

  it("answers 404 for an unknown request_id", async () => {
    expectXaiError(await poll("00000000-0000-0000-0000-000000000000"), 404);
  });

  it("edits and extends videos, including one it generated itself", async () => {
    const generated = await start("/v1/videos/generations", { prompt: "a cat POLLS=0" });
    const { url } = (await poll(generated)).json.video;
    const edit = await start("/v1/videos/edits", { prompt: "add snow", video: { url } });
    const extension = await start("/v1/videos/extensions", {
      prompt: "zoom out",
      video: { url: "data:video/mp4;base64,AAAA" },
      duration: 4,
    });
    expect(new Set([generated, edit, extension]).size).toBe(3);
    await poll(extension);
    await poll(extension);
    expect((await poll(extension)).json.video.duration).toBe(4);
  });

  it("starts image-to-video without a prompt", async () => {
    await start("/v1/videos/generations", { image: HTTPS_IMAGE, duration: "6" });
  });

  it.each([
    ["/v1/videos/generations", "no prompt and no image", {}, 400],
    ["/v1/videos/generations", "duration 16", { prompt: "x", duration: 16 }, 400],
    ["/v1/videos/generations", "an unknown model", { prompt: "x", model: "grok-3" }, 404],
    ["/v1/videos/generations", "a bad resolution", { prompt: "x", resolution: "4k" }, 422],
    ["/v1/videos/edits", "no prompt", { video: HTTPS_VIDEO }, 422],
    ["/v1/videos/edits", "no video", { prompt: "x" }, 422],
    ["/v1/videos/edits", "an ftp video", { prompt: "x", video: { url: "ftp://e.com/a.mp4" } }, 400],
    [
      "/v1/videos/edits",
      "a non-mp4 video",
      { prompt: "x", video: { url: "https://e.com/a.mov" } },
      400,
    ],
    [
      "/v1/videos/extensions",
      "duration 11",
      { prompt: "x", video: HTTPS_VIDEO, duration: 11 },
      400,
    ],
    ["/v1/videos/extensions", "a non-JSON body", "{oops", 400],
  ])("%s rejects %s", async (path, _name, body, status) => {
    const init: RequestInit = {
      method: "POST",
      headers: { ...AUTH, "content-type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    };
    const response = await fetch(`${server.origin}${path}`, init);
    expectXaiError({ status: response.status, json: await response.json() }, status);
  });

  it("requires the API key and the right method", async () => {
    const response = await fetch(`${server.origin}/v1/videos/generations`, { method: "POST" });
    expect(response.status).toBe(401);
    const wrongMethod = await api("GET", "/v1/videos/generations");
    expectXaiError(wrongMethod, 405);
    expect(wrongMethod.headers.get("allow")).toBe("POST");
  });
});

describe("files", () => {
  const ALL_BYTES = Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256));

  async function upload(name: string, bytes: Buffer, fields: [string, string][] = []) {
    const form = new FormData();
    for (const [key, value] of fields) form.append(key, value);
    form.append("file", new Blob([bytes], { type: "application/x-test" }), name);
    return api("POST", "/v1/files", form);
  }

  it("round-trips an upload byte for byte and records the raw request bytes", async () => {
    const uploaded = await upload("bytes.bin", ALL_BYTES, [["purpose", "assistants"]]);
    expect(uploaded.status).toBe(200);
    expectValid(uploaded, "POST", "/v1/files");
    expect(uploaded.json).toMatchObject({
      object: "file",
      bytes: 512,
      filename: "bytes.bin",
      purpose: "assistants",
      expires_at: null,
    });
    expect(uploaded.json.id).toMatch(/^file_[0-9a-f-]{36}$/);
    const recorded = server.requests[0];
    expect(recorded.rawBytes.includes(ALL_BYTES)).toBe(true);
    expect(recorded.rawBody).toBe(recorded.rawBytes.toString("utf8"));

    const content = await fetch(`${server.origin}/v1/files/${uploaded.json.id}/content`, {
      headers: AUTH,
    });
    expect(content.status).toBe(200);
    expect(content.headers.get("content-type")).toBe("application/octet-stream");
    expect(Buffer.from(await content.arrayBuffer())).toEqual(ALL_BYTES);

    const meta = await api("GET", `/v1/files/${uploaded.json.id}`);
    expectValid(meta, "GET", "/v1/files/{file_id}");
    expect(meta.json).toEqual(uploaded.json);
  });

  it("sets expires_at from expires_after sent before the file, and refuses it after", async () => {
    const expiring = await upload("a.txt", Buffer.from("hi"), [["expires_after", "3600"]]);
    expect(expiring.json.expires_at).toBe(expiring.json.created_at + 3600);
    const form = new FormData();
    form.append("file", new Blob(["hi"]), "b.txt");
    form.append("expires_after", "3600");
    expectXaiError(await api("POST", "/v1/files", form), 400);
    expectXaiError(await upload("c.txt", Buffer.from("hi"), [["expires_after", "60"]]), 400);
  });

  it("refuses a body that is not multipart, or has no named file part", async () => {
    expectXaiError(await api("POST", "/v1/files", { file: "x" }), 400);
    const form = new FormData();
    form.append("purpose", "assistants");
    expectXaiError(await api("POST", "/v1/files", form), 400);
  });

  it("lists files in pages of `limit`, resuming from pagination_token or after", async () => {
    const ids: string[] = [];
    for (const name of ["a", "b", "c", "d", "e"]) {
      ids.push((await upload(`${name}.txt`, Buffer.from(name))).json.id);
    }
    const first = await api("GET", "/v1/files?limit=2&order=asc");
    expectValid(first, "GET", "/v1/files");
    expect(first.json.data.map((file: { id: string }) => file.id)).toEqual(ids.slice(0, 2));
    expect(first.json.pagination_token).toBe(ids[1]);
    const second = await api(
      "GET",
      `/v1/files?limit=2&order=asc&pagination_token=${first.json.pagination_token}`,
    );
    expect(second.json.data.map((file: { id: string }) => file.id)).toEqual(ids.slice(2, 4));
    // The end: fewer than `limit` files.
    const last = await api(
      "GET",
      `/v1/files?limit=2&order=asc&after=${second.json.pagination_token}`,
    );
    expect(last.json.data.map((file: { id: string }) => file.id)).toEqual([ids[4]]);

    const newestFirst = await api("GET", "/v1/files");
    expect(newestFirst.json.data.map((file: { id: string }) => file.id)).toEqual(
      [...ids].reverse(),
    );
    const bySize = await api("GET", "/v1/files?sort_by=filename&order=desc&limit=1");
    expect(bySize.json.data[0].filename).toBe("e.txt");
    expectXaiError(await api("GET", "/v1/files?limit=0"), 400);
    expectXaiError(await api("GET", "/v1/files?pagination_token=file_unknown"), 400);
  });

  it("deletes a file, after which it is gone everywhere (404)", async () => {
    const { id } = (await upload("gone.txt", Buffer.from("bye"))).json;
    const deleted = await api("DELETE", `/v1/files/${id}`);
    expectValid(deleted, "DELETE", "/v1/files/{file_id}");
    expect(deleted.json).toEqual({ id, deleted: true, object: "file" });
    expectXaiError(await api("GET", `/v1/files/${id}`), 404);
    expectXaiError(await api("GET", `/v1/files/${id}/content`), 404);
    expectXaiError(await api("DELETE", `/v1/files/${id}`), 404);
    expect((await api("GET", "/v1/files")).json.data).toEqual([]);
  });

  it("forgets files on reset()", async () => {
    await upload("x.txt", Buffer.from("x"));
    server.reset();
    expect((await api("GET", "/v1/files")).json.data).toEqual([]);
  });
});
