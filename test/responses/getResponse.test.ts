import { getResponse } from "../../src/actions/responses/wait";
import { xai } from "../../src/http/client";
import { capturingLogger, testConnection, useLocalXai } from "../support/harness";
import { type Loose, MODEL, responses, run } from "./support";

const local = useLocalXai();
const connection = testConnection();

const create = (params: Record<string, unknown>) =>
  run("createResponse", { connection, model: MODEL, input: "Hello", ...params });

const rejection = async (promise: Promise<unknown>): Promise<Loose> => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the step to fail");
};

const pending = (id: string, status: string, headers: Record<string, string> = {}) => ({
  path: `/v1/responses/${id}`,
  headers,
  body: { id, object: "response", status, output: [] },
});

describe("Get Response", () => {
  it("returns a stored response with output_text, without waiting by default", async () => {
    const created = await create({});
    const data = await run("getResponse", { connection, responseId: created.id });
    expect(data).toEqual(created);
    const queued = await create({ background: "true" });
    const now = await run("getResponse", { connection, responseId: queued.id });
    expect(now.status).toBe("queued");
    expect(now.output_text).toBe("");
  });

  it("waits for a background response: 1 s, then 2 s, logging each wait", async () => {
    const schema = '{"type": "object", "properties": {"answer": {"type": "string"}}}';
    const queued = await create({ background: "true", jsonSchema: schema });
    expect(queued.status).toBe("queued");
    expect(queued).not.toHaveProperty("output_parsed");
    const { lines, logger } = capturingLogger();
    const started = Date.now();
    const result = (await responses.action(
      "getResponse",
      { connection, responseId: queued.id, waitForCompletion: "true" },
      { logger } as never,
    )) as { data: Loose };
    expect(Date.now() - started).toBeGreaterThanOrEqual(2900);
    expect(result.data.status).toBe("completed");
    expect(result.data.output_parsed).toEqual(JSON.parse(result.data.output_text));
    expect(lines).toEqual([
      expect.stringMatching(
        new RegExp(
          `^xAI response ${queued.id}: not done at check 1 \\(queued\\) after \\d+ ms; checking again in 1 s$`,
        ),
      ),
      expect.stringMatching(
        new RegExp(
          `^xAI response ${queued.id}: not done at check 2 \\(in_progress\\) after .+; checking again in 2 s$`,
        ),
      ),
    ]);
    expect(local.server.requests.map((request) => request.method)).toEqual([
      "POST",
      "GET",
      "GET",
      "GET",
    ]);
  });

  it("honours Retry-After between polls", async () => {
    const created = await create({});
    local.server.script(
      pending(created.id, "queued", { "retry-after-ms": "600" }),
      pending(created.id, "in_progress", { "retry-after-ms": "700" }),
    );
    const { lines, logger } = capturingLogger();
    const started = Date.now();
    const client = xai(connection, { logger }, { deadlineMs: 5000 });
    const data = await getResponse(client, created.id, { wait: true });
    // The backoff alone would wait 1 s, then 2 s.
    expect(Date.now() - started).toBeLessThan(2500);
    expect(data.status).toBe("completed");
    expect(lines).toEqual([
      expect.stringMatching(
        new RegExp(
          `^xAI response ${created.id}: not done at check 1 \\(queued\\) after \\d+ ms; checking again in 600 ms$`,
        ),
      ),
      expect.stringMatching(
        new RegExp(
          `^xAI response ${created.id}: not done at check 2 \\(in_progress\\) after .+; checking again in 700 ms$`,
        ),
      ),
    ]);
  });

  it("stops at the call's deadline with an error naming the last status", async () => {
    local.server.script(pending("slow", "in_progress"), pending("slow", "in_progress"));
    const client = xai(connection, undefined, { deadlineMs: 400 });
    const error = await rejection(getResponse(client, "slow", { wait: true }));
    expect(error.name).toBe("XaiApiError");
    expect(error.code).toBe("DEADLINE_EXCEEDED");
    expect(error.message).toBe(
      "xAI response slow was still in_progress when the call's 400 ms deadline was reached; run Get Response again later.",
    );
  });

  it("fails with xAI's 404 for an unknown id, escaping the id in the path", async () => {
    const error = await rejection(run("getResponse", { connection, responseId: "a/b?c" }));
    expect(error.message).toMatch(
      /^xAI API error 404 \(not found\) on GET \/responses\/a%2Fb%3Fc: /,
    );
  });
});

describe("Delete Response", () => {
  it("deletes a stored response, after which Get Response and Delete Response answer 404", async () => {
    const created = await create({});
    const data = await run("deleteResponse", { connection, responseId: created.id });
    expect(data).toEqual({ id: created.id, object: "response", deleted: true });
    expect(local.server.requests[1]?.method).toBe("DELETE");
    const again = await rejection(run("deleteResponse", { connection, responseId: created.id }));
    expect(again.message).toMatch(/^xAI API error 404 \(not found\) on DELETE \/responses\//);
    const gone = await rejection(run("getResponse", { connection, responseId: created.id }));
    expect(gone.status).toBe(404);
  });
});
