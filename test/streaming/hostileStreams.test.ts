import { once } from "node:events";
import { bundleHarness } from "../support/bundle";
import { TEST_TOKEN, testConnection } from "../support/harness";
import { useReplyingServer } from "../support/tinyServer";

/** Streamed answers from a broken or hostile server, through the built bundle. */

const harness = bundleHarness();
const connection = testConnection();
const chat = { model: "grok-4.3", messages: '[{"role": "user", "content": "Hi"}]', stream: true };

/** Answers every request with `server.reply`. */
const server = useReplyingServer();

const SSE = { "content-type": "text/event-stream" };
const event = (data: unknown): string => `data: ${JSON.stringify(data)}\n\n`;
const chunk = (delta: Record<string, unknown>, index = 0) =>
  event({ id: "c1", object: "chat.completion.chunk", choices: [{ index, delta }] });
const DONE = "data: [DONE]\n\n";

/** Answers the next request with `body` as an event stream. */
const streams = (...body: string[]) => {
  server.reply = (res) => {
    res.writeHead(200, SSE);
    for (const part of body) res.write(part);
    res.end();
  };
};

const failureOf = async (action: string, params: Record<string, unknown>) => {
  try {
    await harness.action(action, { connection, ...params });
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error(`${action} did not fail`);
};

type Chat = { data: { choices: { message: { content?: string } }[] } };

describe("streams that keep the connection open", () => {
  it("release the socket once the answer is complete, not when the server next sends", async () => {
    let socketClosed: Promise<unknown> | undefined;
    server.reply = (res) => {
      socketClosed = once(res.socket as NodeJS.EventEmitter, "close");
      res.writeHead(200, SSE);
      res.write(chunk({ role: "assistant", content: "Hi" }) + DONE); // and never ends
    };
    const result = (await harness.action("createChatCompletion", { connection, ...chat })) as Chat;
    expect(result.data.choices[0].message.content).toBe("Hi");
    const closed = await Promise.race([
      socketClosed?.then(() => "closed"),
      new Promise((resolve) => setTimeout(resolve, 2000, "still open")),
    ]);
    expect(closed).toBe("closed");
  });
});

describe("the per-event limit", () => {
  it("counts data lines however many comments come between them", async () => {
    const line = `data: ${"x".repeat(1024 * 1024)}\n: keep-alive\n`;
    streams(line.repeat(10), "\n", DONE);
    const error = await failureOf("createChatCompletion", chat);
    expect(error).toMatchObject({ code: "LIMIT_EXCEEDED" });
    expect(error.message).toMatch(/an event larger than the 8 MiB limit/);
  });

  it("does not count events without data (pings), which hold nothing", async () => {
    streams("event: ping\nid: 1\n\n".repeat(600_000), chunk({ content: "ok" }), DONE);
    const result = (await harness.action("createChatCompletion", { connection, ...chat })) as Chat;
    expect(result.data.choices[0].message.content).toBe("ok");
  });
});

describe("what a streamed answer may hold", () => {
  it("stops at 100,000 choices and tool calls, which cost memory far beyond their bytes", async () => {
    const choices = (from: number) =>
      event({
        choices: Array.from({ length: 60_000 }, (_, i) => ({ index: from + i, delta: {} })),
      });
    streams(choices(0), choices(60_000), DONE);
    const error = await failureOf("createChatCompletion", chat);
    expect(error).toMatchObject({ name: "XaiApiError", code: "LIMIT_EXCEEDED" });
    expect(error.message).toMatch(/more than 100,000 choices and tool calls/);
  });

  it("refuses an event nested deeper than xAI's JSON, which no step could store", async () => {
    const deep = `${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}`;
    streams(`data: {"choices":[{"index":0,"delta":{"content":"x","extra":${deep}}}]}\n\n`, DONE);
    const error = await failureOf("createChatCompletion", chat);
    expect(error).toMatchObject({ name: "XaiApiError", code: "STREAM_ERROR" });
    expect(error.message).toMatch(/an event nests deeper than 128 levels/);
    server.reply = (res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(`{"object":"list","data":[],"x":${deep}}`);
    };
    const list = await failureOf("listModels", {});
    expect(list).toMatchObject({ code: "NOT_JSON" });
    expect(list.message).toMatch(/answer to GET \/models nests deeper than 128 levels/);
  });

  it("keeps text when a fragment brings something else in its place", async () => {
    streams(
      chunk({ content: "Hel" }),
      chunk({ content: "lo" }),
      chunk({ content: { x: 1 } }),
      DONE,
    );
    const result = (await harness.action("createChatCompletion", { connection, ...chat })) as Chat;
    expect(result.data.choices[0].message.content).toBe("Hello");
  });
});

describe("what a failure carries", () => {
  it("bounds the text of a cut-off answer's partial", async () => {
    streams(chunk({ content: "y".repeat(200_000) }));
    const error = await failureOf("createChatCompletion", chat);
    expect(error.name).toBe("StreamCutOffError");
    const partial = error.partial as Chat["data"];
    expect(partial.choices[0].message.content).toHaveLength(64 * 1024);
  });

  it("never quotes part of the key when it cuts xAI's words short", async () => {
    const words = `${"m".repeat(390)}${TEST_TOKEN} overloaded`;
    streams(event({ error: { message: words, code: "overloaded" } }));
    const error = await failureOf("createChatCompletion", chat);
    expect(error.message).toMatch(/^xAI reported an error in the stream: m+\[REDACTED/);
    expect(error.message).not.toContain(TEST_TOKEN.slice(0, 6));
  });

  it("quotes xAI's error when a gateway sends it as the body of a 200 event stream", async () => {
    streams('{"error": {"message": "Team credits exhausted", "code": "insufficient_quota"}}');
    const error = await failureOf("createChatCompletion", chat);
    expect(error).toMatchObject({ name: "XaiApiError", code: "insufficient_quota" });
    expect(error.message).toMatch(/xAI answered the stream with an error: Team credits exhausted/);
  });
});

describe("results", () => {
  it("never carry the API key, whatever xAI quotes back", async () => {
    streams(chunk({ content: `your key is ${TEST_TOKEN}` }), DONE);
    const streamed = (await harness.action("createChatCompletion", {
      connection,
      ...chat,
    })) as Chat;
    expect(streamed.data.choices[0].message.content).toBe("your key is [REDACTED]");

    server.reply = (res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ choices: [{ message: { content: TEST_TOKEN } }] }));
    };
    const plain = await harness.action("createChatCompletion", {
      connection,
      ...chat,
      stream: false,
    });
    expect(JSON.stringify(plain)).not.toContain(TEST_TOKEN);

    server.reply = (res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ echo: { authorization: `Bearer ${TEST_TOKEN}` } }));
    };
    const raw = await harness.action("rawRequest", { connection, url: "/echo", method: "GET" });
    expect(JSON.stringify(raw)).not.toContain(TEST_TOKEN);

    streams(
      event({
        type: "response.completed",
        response: { id: "r", status: "completed", output: [], note: TEST_TOKEN },
      }),
    );
    const response = await harness.action("createResponse", {
      connection,
      model: "grok-4.3",
      input: "Hi",
      stream: true,
    });
    expect(JSON.stringify(response)).not.toContain(TEST_TOKEN);
  });
});

describe("a streamed request answered with plain JSON", () => {
  it("fails when the JSON nests deeper than xAI's own, as a plain call does", async () => {
    server.reply = (res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(`{"id":"c1","choices":[],"x":${"[".repeat(5000)}${"]".repeat(5000)}}`);
    };
    const error = await failureOf("createChatCompletion", chat);
    expect(error).toMatchObject({ name: "XaiApiError", code: "NOT_JSON" });
  });
});
