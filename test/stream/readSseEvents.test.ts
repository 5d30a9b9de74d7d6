import { Readable } from "node:stream";
import { readSseEvents, type SseEvent } from "../../src/stream/readSseEvents";
import { StreamIdleTimeoutError } from "../../src/stream/streamErrors";

const collect = async (
  body: AsyncIterable<Uint8Array | string>,
  options?: Parameters<typeof readSseEvents>[1],
): Promise<SseEvent[]> => {
  const events: SseEvent[] = [];
  for await (const event of readSseEvents(body, options)) events.push(event);
  return events;
};

const oneByteChunks = (text: string): Readable => {
  const bytes = Buffer.from(text, "utf8");
  return Readable.from(Array.from(bytes, (_, i) => bytes.subarray(i, i + 1)));
};

/** A body that never sends anything, as a stalled connection would. */
const silentBody = (): Readable => new Readable({ read() {} });

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe("readSseEvents", () => {
  it("reads data, event and id fields and skips comment lines", async () => {
    const text =
      ": ping\n\n" +
      'id: 7\nevent: message_start\ndata: {"a":1}\n\n' +
      ": keep-alive\n" +
      "data: plain\n\n" +
      "data: line one\ndata: line two\n\n";
    expect(await collect(Readable.from([Buffer.from(text)]))).toStrictEqual([
      { id: "7", event: "message_start", data: '{"a":1}' },
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

  it("accepts string chunks (a Readable with an encoding set)", async () => {
    async function* strings(): AsyncGenerator<string> {
      yield "data: hel";
      yield "lo\n";
      yield "\n";
    }
    expect(await collect(strings())).toStrictEqual([{ data: "hello" }]);
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

  it("fails with StreamIdleTimeoutError and destroys the body when nothing arrives", async () => {
    const body = silentBody();
    const started = Date.now();
    const reading = collect(body, { idleTimeoutMs: 50 });
    await expect(reading).rejects.toBeInstanceOf(StreamIdleTimeoutError);
    await expect(reading).rejects.toThrow("xAI sent nothing for 50 ms");
    expect(Date.now() - started).toBeLessThan(5000);
    expect(body.destroyed).toBe(true);
  });

  it("times out a body that is a plain async generator too", async () => {
    async function* stalls(): AsyncGenerator<Uint8Array> {
      yield Buffer.from("data: first\n\n");
      await new Promise(() => undefined);
    }
    const seen: SseEvent[] = [];
    const reading = (async () => {
      for await (const event of readSseEvents(stalls(), { idleTimeoutMs: 50 })) seen.push(event);
    })();
    await expect(reading).rejects.toBeInstanceOf(StreamIdleTimeoutError);
    expect(seen).toStrictEqual([{ data: "first" }]);
  });

  it("counts keep-alive comments as activity", async () => {
    async function* slowButAlive(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < 10; i++) {
        await sleep(20);
        yield Buffer.from(": ping\n\n");
      }
      yield Buffer.from("data: finally\n\n");
    }
    // 10 pings 20 ms apart take ~200 ms, longer than the 150 ms idle limit.
    expect(await collect(slowButAlive(), { idleTimeoutMs: 150 })).toStrictEqual([
      { data: "finally" },
    ]);
  });

  it("fails with the signal's reason and destroys the body when the signal aborts", async () => {
    const body = silentBody();
    const controller = new AbortController();
    const reason = new Error("step cancelled");
    const reading = collect(body, { signal: controller.signal });
    setTimeout(() => controller.abort(reason), 10);
    await expect(reading).rejects.toBe(reason);
    expect(body.destroyed).toBe(true);
  });

  it("does not start reading when the signal has already aborted", async () => {
    const body = Readable.from([Buffer.from("data: a\n\n")]);
    const reason = new Error("already cancelled");
    await expect(collect(body, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(body.destroyed).toBe(true);
  });

  it("passes on the body's own error", async () => {
    async function* resets(): AsyncGenerator<Uint8Array> {
      yield Buffer.from("data: a\n\n");
      throw Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });
    }
    await expect(collect(resets())).rejects.toThrow("read ECONNRESET");
  });

  it("releases the body when the reader stops early", async () => {
    const body = Readable.from([Buffer.from("data: a\n\n"), Buffer.from("data: b\n\n")]);
    for await (const event of readSseEvents(body)) {
      expect(event).toStrictEqual({ data: "a" });
      break;
    }
    expect(body.destroyed).toBe(true);
  });
});
