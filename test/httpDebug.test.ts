import { createClient } from "@prismatic-io/spectral/dist/clients/http";
import axios from "axios";
import { attachDebugLogging, summarizeBody } from "../src/httpDebug";
import { isTransientError, retryDelayMs } from "../src/retryPolicy";
import { rememberSecret } from "../src/secrets";
import { listenOnLoopback, type TinyServer } from "./support/tinyServer";

const TOKEN = "test-token-9f8e7d6c5b4a";

let local: TinyServer;
let baseUrl: string;
let failuresBeforeSuccess = 0;

beforeAll(async () => {
  rememberSecret(TOKEN);
  local = await listenOnLoopback((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => {
      body += chunk.toString("utf8");
    });
    req.on("end", () => {
      const path = (req.url ?? "").split("?")[0];
      if (path === "/v1/fail") {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: `internal, echo ${TOKEN}` }));
        return;
      }
      if (path === "/v1/flaky" && failuresBeforeSuccess > 0) {
        failuresBeforeSuccess -= 1;
        res.writeHead(503, { "content-type": "application/json", "retry-after": "0" });
        res.end('{"error":"busy"}');
        return;
      }
      if (path === "/v1/big") {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ text: "x".repeat(20000) }));
        return;
      }
      res.writeHead(200, {
        "content-type": "application/json",
        "set-cookie": `session=${TOKEN}`,
        "x-request-id": "req_1",
      });
      res.end(JSON.stringify({ echo: body, auth: req.headers.authorization }));
    });
  });
  baseUrl = local.baseUrl;
});

afterAll(() => local.close());

function loggingClient() {
  const lines: string[] = [];
  const client = axios.create({
    baseURL: baseUrl,
    headers: { Authorization: `Bearer ${TOKEN}`, "X-Api-Key": TOKEN, Cookie: `c=${TOKEN}` },
  });
  attachDebugLogging(client, () => (line) => lines.push(line));
  return { client, lines };
}

function parsed(line: string | undefined): Record<string, unknown> {
  expect(line).toBeDefined();
  return JSON.parse((line ?? "").replace(/^xAI HTTP \w+ /, "")) as Record<string, unknown>;
}

describe("attachDebugLogging", () => {
  it("logs the request and the response with every secret redacted", async () => {
    const { client, lines } = loggingClient();
    const response = await client.post(
      "/chat/completions",
      { prompt: `my key ${TOKEN}` },
      {
        params: { key: TOKEN },
      },
    );
    // The server really received the key: the logs are the only place it is hidden.
    expect(response.data.auth).toBe(`Bearer ${TOKEN}`);
    expect(lines).toHaveLength(2);
    expect(lines.join("\n")).not.toContain(TOKEN);

    expect(lines[0]?.startsWith("xAI HTTP request ")).toBe(true);
    const request = parsed(lines[0]);
    expect(request).toMatchObject({
      method: "POST",
      url: `${baseUrl}/chat/completions?key=[REDACTED]`,
      body: { prompt: "my key [REDACTED]" },
    });
    expect(request.headers).toMatchObject({
      Authorization: "[REDACTED]",
      "X-Api-Key": "[REDACTED]",
      Cookie: "[REDACTED]",
    });

    expect(lines[1]?.startsWith("xAI HTTP response ")).toBe(true);
    const logged = parsed(lines[1]);
    expect(logged).toMatchObject({ method: "POST", status: 200 });
    expect(typeof logged.durationMs).toBe("number");
    expect(logged.headers).toMatchObject({ "set-cookie": "[REDACTED]", "x-request-id": "req_1" });
  });

  it("summarises large bodies and streams", async () => {
    const { client, lines } = loggingClient();
    await client.post("/echo", { text: "y".repeat(12000) });
    expect(parsed(lines[0]).body).toBe(
      `<body: ${JSON.stringify({ text: "y".repeat(12000) }).length} bytes>`,
    );
    await client.get("/big");
    expect(parsed(lines[3]).body).toBe(
      `<body: ${JSON.stringify({ text: "x".repeat(20000) }).length} bytes>`,
    );
    const streamed = await client.get("/echo", { responseType: "stream" });
    streamed.data.resume();
    expect(parsed(lines[5]).body).toBe("<stream>");
  });

  it("logs an error response once, redacted, and still rejects", async () => {
    const { client, lines } = loggingClient();
    await expect(client.get("/fail")).rejects.toThrow("status code 500");
    expect(lines).toHaveLength(2);
    expect(lines[1]?.startsWith("xAI HTTP error ")).toBe(true);
    expect(parsed(lines[1])).toMatchObject({
      method: "GET",
      status: 500,
      code: "ERR_BAD_RESPONSE",
      body: { error: "internal, echo [REDACTED]" },
    });
    expect(lines.join("\n")).not.toContain(TOKEN);
  });

  it("logs each retried attempt's request and the final outcome once with Spectral's client", async () => {
    const client = createClient({
      baseUrl,
      headers: { Authorization: `Bearer ${TOKEN}` },
      retryConfig: {
        retries: 3,
        retryCondition: isTransientError,
        retryDelay: (count, error) => retryDelayMs(count, error, () => 0),
      },
    });
    const lines: string[] = [];
    attachDebugLogging(client, () => (line) => lines.push(line));
    failuresBeforeSuccess = 2;
    await client.get("/flaky");
    expect(lines.filter((line) => line.startsWith("xAI HTTP request "))).toHaveLength(3);
    expect(lines.filter((line) => line.startsWith("xAI HTTP response "))).toHaveLength(1);

    lines.length = 0;
    await expect(client.get("/fail")).rejects.toThrow("status code 500");
    expect(lines.filter((line) => line.startsWith("xAI HTTP request "))).toHaveLength(4);
    expect(lines.filter((line) => line.startsWith("xAI HTTP error "))).toHaveLength(1);
    expect(lines.join("\n")).not.toContain(TOKEN);
  });

  it("never lets a failing logger break the request", async () => {
    const client = axios.create({ baseURL: baseUrl });
    attachDebugLogging(client, () => () => {
      throw new Error("log sink down");
    });
    await expect(client.get("/echo")).resolves.toMatchObject({ status: 200 });
  });
});

describe("summarizeBody", () => {
  it("keeps small bodies, redacted, and summarises binary ones", () => {
    expect(summarizeBody({ a: TOKEN })).toEqual({ a: "[REDACTED]" });
    expect(summarizeBody(`x ${TOKEN}`)).toBe("x [REDACTED]");
    expect(summarizeBody(Buffer.alloc(5))).toBe("<body: 5 bytes>");
    expect(summarizeBody("z".repeat(10241))).toBe("<body: 10241 bytes>");
    expect(summarizeBody(undefined)).toBeUndefined();
  });
});
