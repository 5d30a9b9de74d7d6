import { PassThrough } from "node:stream";
import { AxiosHeaders } from "axios";
import { REDACTED, redactDeep, redactText, rememberSecret } from "../src/secrets";

const TOKEN = "test-token-9f8e7d6c5b4a";

beforeAll(() => rememberSecret(TOKEN));

describe("redactText", () => {
  it("replaces every occurrence of a remembered secret", () => {
    expect(redactText(`key=${TOKEN}&again=${TOKEN}`)).toBe(`key=${REDACTED}&again=${REDACTED}`);
  });

  it("replaces the URL-encoded form of a remembered secret", () => {
    const secret = "tok en/with+chars";
    rememberSecret(secret);
    expect(redactText(`?k=${encodeURIComponent(secret)}`)).toBe(`?k=${REDACTED}`);
    expect(redactText(`raw ${secret}`)).toBe(`raw ${REDACTED}`);
  });

  it("matches secrets literally, not as regular expressions", () => {
    rememberSecret("a.b*c+(d)");
    expect(redactText("x a.b*c+(d) y")).toBe(`x ${REDACTED} y`);
    expect(redactText("x aXbbbc+d y")).toBe("x aXbbbc+d y");
  });

  it("ignores values too short to be keys", () => {
    rememberSecret("abc");
    rememberSecret("");
    rememberSecret("   ");
    expect(redactText("abc stays")).toBe("abc stays");
  });

  it("remembers a key with surrounding whitespace by its trimmed value", () => {
    rememberSecret("  padded-secret-value \n");
    expect(redactText("value padded-secret-value here")).toBe(`value ${REDACTED} here`);
  });

  it("redacts any Bearer or Basic credential, remembered or not", () => {
    expect(redactText("Authorization: Bearer some.unknown-token_123 next")).toBe(
      `Authorization: Bearer ${REDACTED} next`,
    );
    expect(redactText('{"h":"Basic dXNlcjpwYXNz"}')).toBe(`{"h":"Basic ${REDACTED}"}`);
  });

  it("redacts anything shaped like an xAI key even if never remembered", () => {
    const keyShaped = ["xai", "Q7".repeat(15)].join("-");
    expect(redactText(`key is ${keyShaped}.`)).toBe(`key is ${REDACTED}.`);
  });

  it("redacts the longest secret first when one contains another", () => {
    rememberSecret("inner-secret");
    rememberSecret("outer-inner-secret-suffix");
    expect(redactText("outer-inner-secret-suffix")).toBe(REDACTED);
  });

  it("leaves ordinary text alone", () => {
    expect(redactText("The Bear ate honey at 10:00")).toBe("The Bear ate honey at 10:00");
  });
});

describe("redactDeep", () => {
  it("copies nested values, redacting strings and credential headers in any case", () => {
    const original = {
      url: `https://api.x.ai/v1/models?key=${TOKEN}`,
      headers: {
        Authorization: "anything at all",
        "PROXY-AUTHORIZATION": "x",
        "X-Api-Key": "y",
        Cookie: "session=1",
        "set-cookie": ["a=1"],
        Accept: "application/json",
      },
      list: [TOKEN, 1, true, null, { deeper: `Bearer ${TOKEN}` }],
    };
    const copy = redactDeep(original);
    expect(copy).toEqual({
      url: `https://api.x.ai/v1/models?key=${REDACTED}`,
      headers: {
        Authorization: REDACTED,
        "PROXY-AUTHORIZATION": REDACTED,
        "X-Api-Key": REDACTED,
        Cookie: REDACTED,
        "set-cookie": REDACTED,
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
    expect(redactDeep(node)).toEqual({
      name: REDACTED,
      self: "[Circular]",
      children: ["[Circular]"],
    });
  });

  it("copies a value shared by two branches without calling it circular", () => {
    const shared = { v: 1 };
    expect(redactDeep({ a: shared, b: shared })).toEqual({ a: { v: 1 }, b: { v: 1 } });
  });

  it("summarises binary data and streams", () => {
    const copy = redactDeep({
      buffer: Buffer.from(`secret ${TOKEN}`),
      bytes: new Uint8Array(7),
      arrayBuffer: new ArrayBuffer(3),
      stream: new PassThrough(),
    });
    expect(copy).toEqual({
      buffer: `<Buffer ${`secret ${TOKEN}`.length} bytes>`,
      bytes: "<binary 7 bytes>",
      arrayBuffer: "<binary 3 bytes>",
      stream: "<stream>",
    });
  });

  it("turns AxiosHeaders, Maps, Errors and keys into plain redacted data", () => {
    const copy = redactDeep({
      headers: new AxiosHeaders({ Authorization: `Bearer ${TOKEN}`, "x-request-id": "r1" }),
      map: new Map([["k", TOKEN]]),
      error: new Error(`failed with ${TOKEN}`),
      [TOKEN]: "key named like the token",
    });
    expect(JSON.stringify(copy)).not.toContain(TOKEN);
    expect(copy.headers).toEqual({ Authorization: REDACTED, "x-request-id": "r1" });
    expect(copy.map).toEqual({ k: REDACTED });
    expect(copy.error).toEqual({ name: "Error", message: `failed with ${REDACTED}` });
  });

  it("passes primitives through and redacts a top-level string", () => {
    expect(redactDeep(5)).toBe(5);
    expect(redactDeep(undefined)).toBeUndefined();
    expect(redactDeep(TOKEN)).toBe(REDACTED);
  });
});

describe("the remembered set is bounded", () => {
  it("keeps the 50 most recent secrets", () => {
    const secrets = Array.from(
      { length: 60 },
      (_, i) => `bounded-secret-${i.toString().padStart(2, "0")}`,
    );
    for (const secret of secrets) rememberSecret(secret);
    expect(redactText(secrets[0] ?? "")).toBe(secrets[0]);
    expect(redactText(secrets[9] ?? "")).toBe(secrets[9]);
    expect(redactText(secrets[10] ?? "")).toBe(REDACTED);
    expect(redactText(secrets[59] ?? "")).toBe(REDACTED);
  });

  it("moves a secret remembered again to the front", () => {
    rememberSecret(TOKEN);
    for (let i = 0; i < 49; i += 1) rememberSecret(`filler-secret-${i}`);
    expect(redactText(TOKEN)).toBe(REDACTED);
  });
});
