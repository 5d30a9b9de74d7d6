import { Readable } from "node:stream";
import { XaiApiError } from "../../src/errors/classes";
import { readChunks } from "../../src/http/readChunks";
import { MAX_SSE_EVENT_CHARS } from "../../src/limits";
import { eventJson, readEvents, type SseEvent } from "../../src/streaming/sse";
import { oneByteChunks, rejectionOf } from "./byteSources";

const collect = async (body: AsyncIterable<Buffer>): Promise<SseEvent[]> => {
  const events: SseEvent[] = [];
  for await (const event of readEvents(body)) events.push(event);
  return events;
};

/** A body that never sends anything, as a stalled connection would. */
const silentBody = (): Readable => new Readable({ read() {} });

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe("readEvents", () => {
  it("reads data and event fields and skips comment lines", async () => {
    const text =
      ": ping\n\n" +
      'id: 7\nevent: message_start\ndata: {"a":1}\n\n' +
      ": keep-alive\n" +
      "data: plain\n\n" +
      "data: line one\ndata: line two\n\n";
    expect(await collect(Readable.from([Buffer.from(text)]))).toStrictEqual([
      { event: "message_start", data: '{"a":1}' },
      { data: "plain" },
      { data: "line one\nline two" },
    ]);
  });

  it("gives the same events for CRLF and CR line endings as for LF", async () => {
    const lf = "event: a\ndata: 1\n\nid: x\ndata: 2\n\n";
    const expected = await collect(Readable.from([Buffer.from(lf)]));
    expect(expected).toHaveLength(2);
    for (const ending of ["\r\n", "\r"]) {
      const text = lf.replaceAll("\n", ending);
      expect(await collect(oneByteChunks(text))).toStrictEqual(expected);
    }
  });

  it("decodes multi-byte characters split across chunks at every byte", async () => {
    const text = 'data: {"t":"Café ☕ 🎉 日本"}\n\n';
    const bytes = Buffer.from(text, "utf8");
    for (let cut = 1; cut < bytes.length; cut++) {
      const events = await collect(Readable.from([bytes.subarray(0, cut), bytes.subarray(cut)]));
      expect(events).toStrictEqual([{ data: '{"t":"Café ☕ 🎉 日本"}' }]);
    }
    expect(await collect(oneByteChunks(text))).toStrictEqual([{ data: '{"t":"Café ☕ 🎉 日本"}' }]);
  });

  it("keeps a last event whose lines are complete but drops one cut off mid-line", async () => {
    expect(await collect(Readable.from([Buffer.from("data: a\n\ndata: [DONE]\n")]))).toStrictEqual([
      { data: "a" },
      { data: "[DONE]" },
    ]);
    expect(await collect(Readable.from([Buffer.from('data: a\n\ndata: {"x":')]))).toStrictEqual([
      { data: "a" },
    ]);
  });

  it("fails naming the limit when one event grows past it, and releases the body", async () => {
    const piece = Buffer.from(`data: ${"x".repeat(1024 * 1024)}`);
    let sent = 0;
    const endless = new Readable({
      read() {
        sent += piece.length;
        this.push(piece);
      },
    });
    const error = await rejectionOf(collect(endless));
    expect(error).toBeInstanceOf(XaiApiError);
    expect((error as XaiApiError).code).toBe("LIMIT_EXCEEDED");
    expect((error as Error).message).toBe(
      "xAI's stream sent an event larger than the 8 MiB limit, so reading stopped",
    );
    expect(sent).toBeLessThan(MAX_SSE_EVENT_CHARS + 4 * piece.length);
    expect(endless.destroyed).toBe(true);
  });

  it("passes on the body's own error", async () => {
    async function* resets(): AsyncGenerator<Buffer> {
      yield Buffer.from("data: a\n\n");
      throw Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });
    }
    await expect(collect(resets())).rejects.toThrow("read ECONNRESET");
  });

  it("releases the body when the reader stops early", async () => {
    const body = Readable.from([Buffer.from("data: a\n\n"), Buffer.from("data: b\n\n")]);
    for await (const event of readEvents(body)) {
      expect(event).toStrictEqual({ data: "a" });
      break;
    }
    expect(body.destroyed).toBe(true);
  });
});

describe("readChunks (the idle limit under every stream)", () => {
  const drain = async (body: AsyncIterable<Buffer>, idleMs: number): Promise<Buffer[]> => {
    const chunks: Buffer[] = [];
    for await (const chunk of readChunks(body, idleMs, "xAI's stream")) chunks.push(chunk);
    return chunks;
  };

  it("fails naming the idle limit and destroys the body when nothing arrives", async () => {
    const body = silentBody();
    const started = Date.now();
    const error = await rejectionOf(drain(body, 50));
    expect(error).toBeInstanceOf(XaiApiError);
    expect((error as Error).message).toBe(
      "xAI's stream stopped: nothing arrived for 50 ms (the idle limit)",
    );
    expect((error as XaiApiError).code).toBe("IDLE_TIMEOUT");
    expect(Date.now() - started).toBeLessThan(5000);
    expect(body.destroyed).toBe(true);
  });

  it("times out a body that is a plain async generator too", async () => {
    async function* stalls(): AsyncGenerator<Buffer> {
      yield Buffer.from("data: first\n\n");
      await new Promise(() => undefined);
    }
    const seen: string[] = [];
    const reading = (async () => {
      for await (const chunk of readChunks(stalls(), 50, "xAI's stream")) seen.push(String(chunk));
    })();
    await expect(reading).rejects.toThrow("nothing arrived for 50 ms");
    expect(seen).toStrictEqual(["data: first\n\n"]);
  });

  it("counts every arriving byte, keep-alive comments included, as activity", async () => {
    async function* slowButAlive(): AsyncGenerator<Buffer> {
      for (let i = 0; i < 10; i++) {
        await sleep(20);
        yield Buffer.from(": ping\n\n");
      }
      yield Buffer.from("data: finally\n\n");
    }
    // 10 pings 20 ms apart take ~200 ms, longer than the 150 ms idle limit.
    expect(await drain(slowButAlive(), 150)).toHaveLength(11);
  });
});

describe("eventJson", () => {
  it("parses an event's data as a JSON object", () => {
    expect(eventJson({ data: '{"a":1}' })).toEqual({ a: 1 });
  });

  it("fails with xAI's message for an error event, in each of xAI's shapes", () => {
    const nested = { error: { message: "Service overloaded", type: "server_error", code: "x" } };
    expect(() => eventJson({ data: JSON.stringify(nested) })).toThrow(
      "xAI reported an error in the stream: Service overloaded",
    );
    expect(() => eventJson({ data: '{"error":"Rate limit reached","code":"rl"}' })).toThrow(
      "xAI reported an error in the stream: Rate limit reached",
    );
    expect(() => eventJson({ event: "error", data: "upstream went away" })).toThrow(
      "xAI reported an error in the stream: upstream went away",
    );
  });

  it("reports data that is not a JSON object as a malformed stream", () => {
    expect(() => eventJson({ data: '{"id": "x", choices' })).toThrow(
      /^xAI's stream was malformed: an event's data is not a JSON object/,
    );
    expect(() => eventJson({ data: "42" })).toThrow("malformed");
  });
});
