import { describeRequest, toSafeRequestPath, XAI_API_BASE_URL } from "../src/safePath";
import { rememberSecret } from "../src/secrets";

const TOKEN = "test-token-9f8e7d6c5b4a";

/** Joins like axios does (base + path) and lets the WHATWG parser normalise the result. */
function resolveLikeAxios(path: string): URL {
  return new URL(`${XAI_API_BASE_URL}${path}`);
}

describe("toSafeRequestPath accepts paths under the xAI base URL", () => {
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
  ];

  it.each(accepted)("%j -> %j, and it resolves under https://api.x.ai/v1/", (input, expected) => {
    const path = toSafeRequestPath(input);
    expect(path).toBe(expected);
    const resolved = resolveLikeAxios(path);
    expect(resolved.origin).toBe("https://api.x.ai");
    expect(resolved.pathname.startsWith("/v1/")).toBe(true);
  });
});

describe("toSafeRequestPath refuses anything that could leave https://api.x.ai/v1", () => {
  const refused: [string, RegExp][] = [
    ["https://evil.com/v1/models", /points to https:\/\/evil\.com/],
    ["HTTPS://EVIL.COM", /points to https:\/\/evil\.com/],
    ["http://api.x.ai/v1/models", /points to http:\/\/api\.x\.ai/],
    ["https://api.x.ai/models", /only paths under https:\/\/api\.x\.ai\/v1/],
    ["https://api.x.ai/v2/models", /only paths under/],
    ["https://api.x.ai:8443/v1/models", /points to https:\/\/api\.x\.ai:8443/],
    ["https://api.x.ai@evil.com/v1/models", /points to https:\/\/evil\.com/],
    ["https://api.x.ai:443@evil.com/v1", /points to https:\/\/evil\.com/],
    ["https://user:pw@api.x.ai/v1/models", /points to/],
    ["https://api.x.ai.evil.com/v1/models", /points to https:\/\/api\.x\.ai\.evil\.com/],
    ["//evil.com/models", /starts with \/\//],
    ["///evil.com", /starts with \/\//],
    ["file:///etc/passwd", /points to a "file:" URL/],
    ["javascript:alert(1)", /points to a "javascript:" URL/],
    ["data:text/plain,hello", /points to a "data:" URL/],
    ["mailto:someone@example.com", /points to/],
    ["models:search", /points to/],
    ["\\\\evil.com\\models", /backslash/],
    ["/\\evil.com", /backslash/],
    ["https:/\\evil.com", /backslash/],
    ["/models\tx", /control or invisible character \(U\+0009\)/],
    ["/models\nHost: evil.com", /control or invisible character \(U\+000A\)/],
    ["/models\r\n", /control or invisible character \(U\+000D\)/],
    ["/mo\u0000dels", /U\+0000/],
    ["/models\u2028", /U\+2028/],
    ["/\u202Emodels", /U\+202E/],
    ["/models two", /contains a space/],
    ["%2F%2Fevil.com", /encoded slash/],
    ["/%2F%2Fevil.com", /encoded slash/],
    ["/%2e%2e/secret", /"\." or "\.\." segment/],
    ["/.%2E/secret", /"\." or "\.\." segment/],
    ["/../models", /"\." or "\.\." segment/],
    ["models/../../outside", /"\." or "\.\." segment/],
    ["https://api.x.ai/v1/../evil", /"\." or "\.\." segment/],
    ["/./models", /"\." or "\.\." segment/],
    ["/%5Cevil.com", /backslash or control character in percent-encoding/],
    ["/%0d%0aHost:evil", /backslash or control character in percent-encoding/],
    ["/bad%ZZ", /malformed percent-encoding/],
    ["/models#fragment", /contains #/],
    ["?x=1", /query but no path/],
    ["", /is empty/],
    ["   ", /is empty/],
  ];

  it.each(refused)("refuses %j", (input, why) => {
    let thrown: unknown;
    try {
      toSafeRequestPath(input);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    const message = (thrown as Error).message;
    expect(message.startsWith("URL: enter the path only, like /models — ")).toBe(true);
    // The input is named, with invisible characters made visible.
    expect(message).toContain(JSON.stringify(input));
    expect(message).toMatch(why);
  });

  it("has a large set of hostile inputs", () => {
    expect(refused.length).toBeGreaterThanOrEqual(15);
  });

  it.each([
    [null, /got null, not text/],
    [undefined, /got undefined, not text/],
    [42, /got number, not text/],
    [{ url: "/models" }, /got object, not text/],
  ])("refuses the non-text value %p", (input, why) => {
    expect(() => toSafeRequestPath(input)).toThrow(why);
  });

  it("does not repeat an API key typed into the URL input", () => {
    rememberSecret(TOKEN);
    let message = "";
    try {
      toSafeRequestPath(`https://evil.com/collect?key=${TOKEN}`);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("[REDACTED]");
    expect(message).not.toContain(TOKEN);
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
    ).toEqual({ method: "POST", path: "/chat/completions", host: "api.x.ai" });
  });

  it("handles a base URL with a trailing slash and a path without a leading one", () => {
    expect(
      describeRequest({ method: "get", baseURL: "http://127.0.0.1:8080/v1/", url: "models" }),
    ).toEqual({ method: "GET", path: "/models", host: "127.0.0.1:8080" });
  });

  it("keeps the full path when there is no base URL to strip", () => {
    expect(describeRequest({ url: "https://api.x.ai/v1/models" })).toEqual({
      method: "GET",
      path: "/v1/models",
      host: "api.x.ai",
    });
  });

  it("copes with a missing config", () => {
    expect(describeRequest(undefined)).toEqual({ method: "GET", path: "/", host: undefined });
  });
});
