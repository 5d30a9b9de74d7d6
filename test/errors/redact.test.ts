import { PassThrough } from "node:stream";
import { AxiosHeaders } from "axios";
import { bearerToken, REDACTED, redactor } from "../../src/errors/redact";

const TOKEN = "test-token-9f8e7d6c5b4a";
const { text, deep } = redactor([TOKEN]);

describe("redactor(secrets).text", () => {
  it("replaces every occurrence of the call's secret", () => {
    expect(text(`key=${TOKEN}&again=${TOKEN}`)).toBe(`key=${REDACTED}&again=${REDACTED}`);
  });

  it("replaces the URL-encoded form of a secret", () => {
    const secret = "tok en/with+chars";
    const redact = redactor([secret]).text;
    expect(redact(`?k=${encodeURIComponent(secret)}`)).toBe(`?k=${REDACTED}`);
    expect(redact(`raw ${secret}`)).toBe(`raw ${REDACTED}`);
  });

  it("matches secrets literally, not as regular expressions", () => {
    const redact = redactor(["a.b*c+(d)"]).text;
    expect(redact("x a.b*c+(d) y")).toBe(`x ${REDACTED} y`);
    expect(redact("x aXbbbc+d y")).toBe("x aXbbbc+d y");
  });

  it("ignores empty secrets and matches a short one only as a whole word", () => {
    const redact = redactor(["", "   ", "test"]).text;
    expect(redact("a test key")).toBe(`a ${REDACTED} key`);
    expect(redact("tested, contest")).toBe("tested, contest");
  });

  it("removes the start of a secret that a truncation cut short", () => {
    expect(text(`key=${TOKEN.slice(0, 10)}…`)).toBe(`key=${REDACTED}…`);
    expect(text(`"${TOKEN.slice(0, 6)}…" and "${TOKEN.slice(0, 9)}…"`)).toBe(
      `"${REDACTED}…" and "${REDACTED}…"`,
    );
  });

  it("leaves words alone that merely end like a cut secret, or are too short to matter", () => {
    expect(text("the latest-tok…")).toBe("the latest-tok…");
    expect(text(`key=${TOKEN.slice(0, 5)}…`)).toBe(`key=${TOKEN.slice(0, 5)}…`);
    expect(text(`${TOKEN.slice(0, 10)} without a cut`)).toBe(`${TOKEN.slice(0, 10)} without a cut`);
  });

  it("uses a key with surrounding whitespace by its trimmed value", () => {
    expect(redactor(["  padded-secret-value \n"]).text("value padded-secret-value here")).toBe(
      `value ${REDACTED} here`,
    );
  });

  it("leaves Bearer and Basic followed by prose alone: xAI's own words survive", () => {
    expect(text("Missing or invalid bearer token.")).toBe("Missing or invalid bearer token.");
    expect(text("Basic models do not support tools.")).toBe("Basic models do not support tools.");
    expect(text("Authorization: Bearer some.unknown-token_123 next")).toBe(
      "Authorization: Bearer some.unknown-token_123 next",
    );
  });

  it("redacts a whole key shaped like an xAI key even if not one of the call's secrets", () => {
    const keyShaped = ["xai", "Q7".repeat(16)].join("-");
    expect(text(`key is ${keyShaped}.`)).toBe(`key is ${REDACTED}.`);
    expect(text(`token_${keyShaped}`)).toBe(`token_${REDACTED}`);
  });

  it("keeps request ids and short xai- words that are not whole keys", () => {
    expect(text("request id xai-req-1234")).toBe("request id xai-req-1234");
    expect(text(`xai-${"a".repeat(20)}`)).toBe(`xai-${"a".repeat(20)}`);
  });

  it("redacts the longest secret first when one contains another", () => {
    const redact = redactor(["inner-secret", "outer-inner-secret-suffix"]).text;
    expect(redact("outer-inner-secret-suffix")).toBe(REDACTED);
  });

  it("leaves ordinary text alone", () => {
    expect(text("The Bear ate honey at 10:00")).toBe("The Bear ate honey at 10:00");
  });

  it("remembers nothing across calls: one call's secret is not cut from another's text", () => {
    redactor(["first-call-secret-123"]);
    expect(redactor(["second-call-secret-456"]).text("first-call-secret-123")).toBe(
      "first-call-secret-123",
    );
  });

  it("redacts any of 60 keys given to their own call, the first as well as the last", () => {
    const keys = Array.from({ length: 60 }, (_, i) => `cycled-secret-key-${i}-abcdef`);
    const redactors = keys.map((key) => redactor([key]));
    expect(redactors[0]?.text(`echo ${keys[0]}`)).toBe(`echo ${REDACTED}`);
    expect(redactors[59]?.text(`echo ${keys[59]}`)).toBe(`echo ${REDACTED}`);
  });
});

describe("redactor(secrets).deep", () => {
  it("copies nested values, redacting strings and credential headers in any case", () => {
    const original = {
      url: `https://api.x.ai/v1/models?key=${TOKEN}`,
      headers: {
        Authorization: "anything at all",
        "PROXY-AUTHORIZATION": "x",
        "X-Api-Key": "y",
        Cookie: "session=1",
        Accept: "application/json",
      },
      list: [TOKEN, 1, true, null, { deeper: `Bearer ${TOKEN}` }],
    };
    const copy = deep(original);
    expect(copy).toEqual({
      url: `https://api.x.ai/v1/models?key=${REDACTED}`,
      headers: {
        Authorization: REDACTED,
        "PROXY-AUTHORIZATION": REDACTED,
        "X-Api-Key": REDACTED,
        Cookie: REDACTED,
        Accept: "application/json",
      },
      list: [REDACTED, 1, true, null, { deeper: `Bearer ${REDACTED}` }],
    });
    expect(original.list[0]).toBe(TOKEN);
    expect(copy).not.toBe(original);
  });

  it("handles cycles", () => {
    const node: Record<string, unknown> = { name: TOKEN };
    node.self = node;
    node.children = [node];
    expect(deep(node)).toEqual({
      name: REDACTED,
      self: "[Circular]",
      children: ["[Circular]"],
    });
  });

  it("copies a value shared by two branches without calling it circular", () => {
    const shared = { v: 1 };
    expect(deep({ a: shared, b: shared })).toEqual({ a: { v: 1 }, b: { v: 1 } });
  });

  it("summarises binary data and streams", () => {
    const copy = deep({
      buffer: Buffer.from(`secret ${TOKEN}`),
      bytes: new Uint8Array(7),
      arrayBuffer: new ArrayBuffer(3),
      stream: new PassThrough(),
    });
    expect(copy).toEqual({
      buffer: `<binary ${`secret ${TOKEN}`.length} bytes>`,
      bytes: "<binary 7 bytes>",
      arrayBuffer: "<binary 3 bytes>",
      stream: "<stream>",
    });
  });

  it("turns AxiosHeaders, Errors and keys into plain redacted data", () => {
    const copy = deep({
      headers: new AxiosHeaders({ Authorization: `Bearer ${TOKEN}`, "x-request-id": "r1" }),
      error: new Error(`failed with ${TOKEN}`),
      [TOKEN]: "key named like the token",
    }) as Record<string, unknown>;
    expect(JSON.stringify(copy)).not.toContain(TOKEN);
    expect(copy.headers).toEqual({ Authorization: REDACTED, "x-request-id": "r1" });
    expect(copy.error).toEqual({ name: "Error", message: `failed with ${REDACTED}` });
  });

  it("passes primitives through and redacts a top-level string", () => {
    expect(deep(5)).toBe(5);
    expect(deep(undefined)).toBeUndefined();
    expect(deep(TOKEN)).toBe(REDACTED);
  });
});

describe("bearerToken", () => {
  it("reads the key of a request's Authorization header, in any case", () => {
    expect(bearerToken({ Authorization: `Bearer ${TOKEN}` })).toBe(TOKEN);
    expect(bearerToken(new AxiosHeaders({ authorization: `bearer  ${TOKEN} ` }))).toBe(TOKEN);
    expect(bearerToken({ Accept: "application/json" })).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});
