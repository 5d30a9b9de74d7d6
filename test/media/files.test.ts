import spec from "../../spec/xai-openapi.json";
import { fileExample } from "../../src/actions/files/examples";
import { videoExample } from "../../src/actions/videos/examples";
import { VIDEO_ASPECT_RATIOS, VIDEO_RESOLUTIONS } from "../../src/actions/videos/inputs";
import { schemaErrors } from "../support/openapi";
import { connection, dataOf, failureOf, harness, useLocalServer } from "./support";

const local = useLocalServer();
const BYTES = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7) % 256));

async function upload(params: Record<string, unknown>) {
  const result = await harness.action("uploadFile", { connection, ...params });
  return dataOf(result) as { id: string; filename: string; bytes: number; purpose: string };
}

describe("xAI Files", () => {
  it("logs a 40 MiB upload in debug mode by its size, not as a JSON array of every byte", async () => {
    const lines: string[] = [];
    const log = (line: unknown) => lines.push(String(line));
    const logger = { debug: log, warn: log, info: log, error: log, metric: log, trace: log, log };
    const file = { data: Buffer.alloc(40 * 1024 * 1024, 7), contentType: "application/pdf" };
    // Prismatic derives context.debug.enabled from globalDebug.
    await harness.action("uploadFile", { connection, file }, {
      logger,
      globalDebug: true,
    } as never);
    const request = lines.find((line) => line.startsWith("xAI request POST /files"));
    expect(request).toMatch(/^xAI request POST \/files "<binary 419\d{5} bytes>"$/);
  });

  it("uploads a file from an earlier step as multipart and downloads it byte for byte", async () => {
    const file = await upload({
      file: { data: BYTES, contentType: "application/pdf" },
      purpose: "assistants",
    });
    expect(file).toMatchObject({ filename: "file.pdf", bytes: 3000, purpose: "assistants" });
    const sent = local.server.requests[0];
    expect(sent.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    expect(sent.rawBody.indexOf('name="purpose"')).toBeLessThan(
      sent.rawBody.indexOf('name="file"'),
    );
    expect(sent.rawBody).toContain("Content-Type: application/pdf");

    const got = await harness.action("getFile", { connection, fileId: file.id });
    expect(got?.data).toEqual(file);
    const content = await harness.action("downloadFile", { connection, fileId: file.id });
    expect(content?.contentType).toBe("application/octet-stream");
    expect((dataOf(content) as Buffer).equals(BYTES)).toBe(true);

    const deleted = await harness.action("deleteFile", { connection, fileId: file.id });
    expect(deleted?.data).toEqual({ id: file.id, deleted: true, object: "file" });
    const gone = await failureOf("getFile", { fileId: file.id });
    expect(gone.message).toMatch(/404 \(not found\) on GET \/files\//);
  });

  it("names uploads by File Name, by a data: URL's type, or by an https URL's last segment", async () => {
    expect(
      (await upload({ file: "data:text/plain;base64,aGk=", fileName: "hi.txt" })).filename,
    ).toBe("hi.txt");
    expect((await upload({ file: "data:image/png;base64,aGk=" })).filename).toBe("file.png");
    const video = local.server.media.videoUrl("clip", { bytes: 2000 });
    const fromUrl = await upload({ file: video });
    expect(fromUrl).toMatchObject({ filename: "clip.mp4", bytes: 2000 });
    expect(local.server.media.requests[0].headers.authorization).toBeUndefined();
  });

  it("refuses a file over xAI's 50 MiB before sending", async () => {
    const error = await failureOf("uploadFile", {
      file: { data: Buffer.alloc(50 * 1024 * 1024 + 1), contentType: "video/mp4" },
    });
    expect(error.message).toMatch(
      /^File: the file is 52,428,801 bytes, larger than the 50 MiB xAI accepts for a file\.$/,
    );
    expect(local.server.requests).toHaveLength(0);
  });

  it("lists one page, or every page with Fetch All", async () => {
    const ids: string[] = [];
    for (const name of ["a", "b", "c", "d", "e"]) {
      ids.push(
        (
          await upload({
            file: { data: Buffer.from(name), contentType: "text/plain" },
            fileName: `${name}.txt`,
          })
        ).id,
      );
    }
    const page = await harness.action("listFiles", { connection, limit: "2" });
    expect((dataOf(page) as { data: unknown[] }).data).toHaveLength(2);
    local.server.reset();
    for (const name of ["a", "b", "c", "d", "e"]) {
      await upload({
        file: { data: Buffer.from(name), contentType: "text/plain" },
        fileName: `${name}.txt`,
      });
    }
    const all = await harness.action("listFiles", { connection, limit: "2", fetchAll: true });
    const { data, pagination_token } = dataOf(all) as {
      data: { filename: string }[];
      pagination_token: null;
    };
    expect(data.map((file) => file.filename)).toEqual([
      "e.txt",
      "d.txt",
      "c.txt",
      "b.txt",
      "a.txt",
    ]);
    expect(pagination_token).toBeNull();
    expect(local.server.requests.filter((r) => r.method === "GET")).toHaveLength(3);
  });
});

describe("pickers", () => {
  it("selectFile labels files by name and size, keyed by id", async () => {
    const file = await upload({
      file: { data: BYTES, contentType: "text/csv" },
      fileName: "data.csv",
    });
    const picked = await harness.dataSource("selectFile", { connection });
    expect(picked?.result).toEqual([{ key: file.id, label: "data.csv (2.9 KiB)" }]);
  });

  it("selectVideoModel lists xAI's video models", async () => {
    const picked = await harness.dataSource("selectVideoModel", { connection });
    expect(picked?.result).toEqual([
      { key: "grok-imagine-video", label: "grok-imagine-video — text, image, video in, video out" },
    ]);
  });
});

describe("definitions", () => {
  type Schemas = Record<string, { enum?: string[] }>;
  const schemas = (spec as unknown as { components: { schemas: Schemas } }).components.schemas;

  it("offers the aspect ratios and resolutions the OpenAPI description lists", () => {
    expect([...VIDEO_ASPECT_RATIOS]).toEqual(schemas.VideoAspectRatio.enum);
    expect([...VIDEO_RESOLUTIONS]).toEqual(schemas.VideoResolution.enum);
  });

  it("has examples valid against xAI's schemas", () => {
    expect(schemaErrors("VideoResponse", videoExample)).toEqual([]);
    expect(schemaErrors("File", fileExample)).toEqual([]);
  });
});
