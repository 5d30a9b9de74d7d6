import { InputError } from "../../src/errors/classes";
import { describeRequest, errorHook } from "../../src/errors/describe";
import { XAI_API_BASE_URL } from "../../src/http/client";
import { toRawRequestPath } from "../../src/http/rawPath";

/** Joins like axios does (base + path) and lets the WHATWG parser normalise the result. */
function resolveLikeAxios(path: string): URL {
  return new URL(`${XAI_API_BASE_URL}${path}`);
}

describe("toRawRequestPath accepts paths under the xAI base URL", () => {
  const accepted: [string, string][] = [
    ["/models", "/models"],
    ["models", "/models"],
    ["models?x=1", "/models?x=1"],
    ["/chat/completions", "/chat/completions"],
    ["  /language-models/grok-4  ", "/language-models/grok-4"],
    ["/files/file_123%20abc", "/files/file_123%20abc"],
    ["/models?next=//evil.com&q=a:b", "/models?next=//evil.com&q=a:b"],
    ["https://api.x.ai/v1/models", "/models"],
    ["HTTPS://API.X.AI/v1/models?limit=2", "/models?limit=2"],
    ["https://api.x.ai:443/v1/chat/completions", "/chat/completions"],
    ["/", "/"],
    ["/models@example", "/models@example"],
    // xAI's docs write every path with /v1: it is the base path, not doubled.
    ["/v1/models", "/models"],
    ["v1/models?limit=2", "/models?limit=2"],
    ["/v1", "/"],
    ["/v1x/models", "/v1x/models"],
    // Encoded characters stay encoded in the path, which stays on xAI.
    ["%2F%2Fevil.com", "/%2F%2Fevil.com"],
    ["/%5Cevil.com", "/%5Cevil.com"],
    ["/%0d%0aHost:evil", "/%0d%0aHost:evil"],
    // Surrounding whitespace, line breaks included, is trimmed like any typed input.
    ["/models\r\n", "/models"],
    ["/models\u2028", "/models"],
    ["?x=1", "/?x=1"],
    // Spaces, quotes and non-ASCII are sent percent-encoded, as axios (the original) sent them.
    ["/models two", "/models%20two"],
    ['/files?filter=name:"a b"', "/files?filter=name:%22a%20b%22"],
    ["/files/a b?q=c d", "/files/a%20b?q=c%20d"],
    ["/files/caf\u00e9\u00a0x", "/files/caf%C3%A9%C2%A0x"],
    ["https://api.x.ai/v1/files?q=<a>", "/files?q=%3Ca%3E"],
  ];

  it.each(accepted)("%j -> %j, and it resolves under https://api.x.ai/v1/", (input, expected) => {
    const path = toRawRequestPath(input);
    expect(path).toBe(expected);
    const resolved = resolveLikeAxios(path);
    expect(resolved.origin).toBe("https://api.x.ai");
    expect(`${resolved.pathname}/`.startsWith("/v1/")).toBe(true);
  });
});

describe("toRawRequestPath refuses anything that could leave https://api.x.ai/v1", () => {
  const ELSEWHERE = /points to another address\.$/;
  const CHARACTER = /contains a backslash, # or control character\.$/;
  const LEAVES = /would leave https:\/\/api\.x\.ai\/v1\.$/;
  const refused: [string, RegExp][] = [
    ["https://evil.com/v1/models", ELSEWHERE],
    ["HTTPS://EVIL.COM", ELSEWHERE],
    ["http://api.x.ai/v1/models", ELSEWHERE],
    ["https://api.x.ai/models", ELSEWHERE],
    ["https://api.x.ai/v2/models", ELSEWHERE],
    ["https://api.x.ai:8443/v1/models", ELSEWHERE],
    ["https://api.x.ai@evil.com/v1/models", ELSEWHERE],
    ["https://api.x.ai:443@evil.com/v1", ELSEWHERE],
    ["https://user:pw@api.x.ai/v1/models", ELSEWHERE],
    ["https://api.x.ai.evil.com/v1/models", ELSEWHERE],
    ["//evil.com/models", ELSEWHERE],
    ["///evil.com", ELSEWHERE],
    ["file:///etc/passwd", ELSEWHERE],
    ["javascript:alert(1)", ELSEWHERE],
    ["data:text/plain,hello", ELSEWHERE],
    ["mailto:someone@example.com", ELSEWHERE],
    ["models:search", ELSEWHERE],
    ["\\\\evil.com\\models", CHARACTER],
    ["/\\evil.com", CHARACTER],
    ["https:/\\evil.com", CHARACTER],
    ["/models\tx", CHARACTER],
    ["/models\nHost: evil.com", CHARACTER],
    ["/mo\u0000dels", CHARACTER],
    ["/\u202Emodels", CHARACTER],
    ["/models\u200Bx", CHARACTER],
    ["/models\u00a0\u200Bx", CHARACTER],
    ["/models x\r\nHost: evil.com", CHARACTER],
    ["/a b/../../outside", LEAVES],
    ["https://api.x.ai /v1/models", ELSEWHERE],
    ["/models#fragment", CHARACTER],
    ["/%2e%2e/secret", LEAVES],
    ["/.%2E/secret", LEAVES],
    ["/../models", LEAVES],
    ["models/../../outside", LEAVES],
    ["https://api.x.ai/v1/../evil", LEAVES],
    ["/./models", LEAVES],
    ["/v1/../models", LEAVES],
    ["/bad%ZZ", /has a malformed percent-encoding \(%\)\.$/],
    ["", /is empty\.$/],
    ["   ", /is empty\.$/],
  ];

  it.each(refused)("refuses %j", (input, why) => {
    let thrown: unknown;
    try {
      toRawRequestPath(input);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InputError);
    const message = (thrown as Error).message;
    expect(message.startsWith("URL: enter a path under https://api.x.ai/v1, like /models; ")).toBe(
      true,
    );
    // The input is named, with invisible characters made visible.
    expect(message).toContain(JSON.stringify(input));
    expect(message).toMatch(why);
  });

  it.each([
    [null, /"null" is not text/],
    [undefined, /"undefined" is not text/],
    [42, /"42" is not text/],
    [{ url: "/models" }, /is not text/],
  ])("refuses the non-text value %p", (input, why) => {
    expect(() => toRawRequestPath(input)).toThrow(why);
  });

  it("does not repeat an API key typed into the URL input once the error hook has seen it", async () => {
    const key = `xai-${"k3Y".repeat(16)}`;
    let thrown: unknown;
    try {
      toRawRequestPath(`https://evil.com/collect?key=${key}`);
    } catch (error) {
      thrown = error;
    }
    const reported = await errorHook(thrown);
    expect(reported.name).toBe("InputError");
    expect(reported.message).toContain("[REDACTED]");
    expect(reported.message).not.toContain(key);
  });
});

describe("describeRequest", () => {
  it("gives the upper-case method and the path relative to the base URL, without the query", () => {
    expect(
      describeRequest({
        method: "post",
        baseURL: "https://api.x.ai/v1",
        url: "/chat/completions?stream=true",
      }),
    ).toEqual({ method: "POST", path: "/chat/completions" });
  });

  it("handles a base URL with a trailing slash and a path without a leading one", () => {
    expect(
      describeRequest({ method: "get", baseURL: "http://127.0.0.1:8080/v1/", url: "models" }),
    ).toEqual({ method: "GET", path: "/models" });
  });

  it("keeps the full path when there is no base URL to strip", () => {
    expect(describeRequest({ url: "https://api.x.ai/v1/models" })).toEqual({
      method: "GET",
      path: "/v1/models",
    });
  });

  it("copes with a missing config", () => {
    expect(describeRequest(undefined)).toEqual({ method: "GET", path: "/" });
  });
});
