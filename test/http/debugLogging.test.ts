import { type CallContext, xai } from "../../src/http/client";
import { testConnection } from "../support/harness";
import { listenOnLoopback, type TinyServer } from "../support/tinyServer";

const TOKEN = "test-token-9f8e7d6c5b4a";
const connection = testConnection(TOKEN);

let local: TinyServer;
let failuresBeforeSuccess = 0;
const previousBaseUrl = process.env.XAI_BASE_URL;

beforeAll(async () => {
  local = await listenOnLoopback((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => {
      body += chunk.toString("utf8");
    });
    req.on("end", () => {
      const path = (req.url ?? "").split("?")[0];
      if (path === "/v1/fail") {
        res.writeHead(500, { "content-type": "application/json", "retry-after": "0" });
        res.end(JSON.stringify({ error: `internal, echo ${TOKEN}` }));
        return;
      }
      if (path === "/v1/flaky" && failuresBeforeSuccess > 0) {
        failuresBeforeSuccess -= 1;
        res.writeHead(503, { "content-type": "application/json", "retry-after": "0" });
        res.end('{"error":"busy"}');
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
  process.env.XAI_BASE_URL = local.baseUrl;
});

afterAll(async () => {
  if (previousBaseUrl === undefined) delete process.env.XAI_BASE_URL;
  else process.env.XAI_BASE_URL = previousBaseUrl;
  await local.close();
});

/** Prismatic's context with debug on (or off), keeping every debug and warn line. */
function debugContext(enabled = true) {
  const lines: string[] = [];
  const warnings: string[] = [];
  const context: CallContext = {
    logger: { debug: (line) => lines.push(line), warn: (line) => warnings.push(line) },
    debug: { enabled },
  };
  return { context, lines, warnings };
}

const client = (context: CallContext) => xai(connection, context, { deadlineMs: 10_000 });

describe("debug logging (Prismatic's debug mode)", () => {
  it("logs one line per request and per response, with every secret redacted", async () => {
    const { context, lines } = debugContext();
    const answer = await client(context).post<{ auth: string }>("/chat/completions", {
      prompt: `my key ${TOKEN}`,
    });
    // The server really received the key: the logs are the only place it is hidden.
    expect(answer.auth).toBe(`Bearer ${TOKEN}`);
    expect(lines).toHaveLength(2);
    expect(lines.join("\n")).not.toContain(TOKEN);
    expect(lines[0]).toBe('xAI request POST /chat/completions {"prompt":"my key [REDACTED]"}');
    expect(lines[1]).toBe("xAI response 200 on POST /chat/completions [request id req_1]");
  });

  it("redacts the call's other secrets too (an MCP authorization, …)", async () => {
    const { context, lines } = debugContext();
    const mcpSecret = "mcp-authorization-secret-42";
    await xai(connection, context, { deadlineMs: 10_000, secrets: [mcpSecret] }).post("/echo", {
      tools: [{ authorization: mcpSecret }],
    });
    expect(lines[0]).toContain("[REDACTED]");
    expect(lines.join("\n")).not.toContain(mcpSecret);
  });

  it("shortens large bodies", async () => {
    const { context, lines } = debugContext();
    await client(context).post("/echo", { text: "y".repeat(12000) });
    expect(lines[0]?.startsWith('xAI request POST /echo {"text":"yyy')).toBe(true);
    expect(lines[0]?.length).toBeLessThan(2100);
    expect(lines[0]?.endsWith("…")).toBe(true);
  });

  it("logs nothing when Prismatic's debug is off", async () => {
    const { context, lines } = debugContext(false);
    await client(context).get("/echo");
    expect(lines).toEqual([]);
  });

  it("logs an error response once, redacted, and still fails", async () => {
    const { context, lines } = debugContext();
    await expect(
      client(context).request({ method: "GET", path: "/fail", retry: { retries: 0 } }),
    ).rejects.toThrow("xAI API error 500");
    expect(lines.join("\n")).not.toContain(TOKEN);
    expect(lines.filter((line) => line.startsWith("xAI request GET /fail"))).toHaveLength(1);
    expect(lines.filter((line) => /^xAI response 500 on GET \/fail/.test(line))).toHaveLength(1);
  });

  it("logs each retried attempt's request, the final response once, and warns of each retry", async () => {
    const { context, lines, warnings } = debugContext();
    failuresBeforeSuccess = 2;
    await client(context).get("/flaky");
    expect(warnings).toEqual([
      "xAI answered 503 on GET /flaky; retry 1 of 3 in 0 ms",
      "xAI answered 503 on GET /flaky; retry 2 of 3 in 0 ms",
    ]);
    expect(lines.filter((line) => line.startsWith("xAI request GET /flaky"))).toHaveLength(3);
    expect(lines.filter((line) => line.startsWith("xAI response 200 on GET /flaky"))).toHaveLength(
      1,
    );
  });

  it("bounds every line, after redacting it whole", () => {
    const { context, lines } = debugContext();
    client(context).debug(() => `${"y".repeat(100_000)} ${TOKEN}`);
    expect(lines[0]?.length).toBeLessThanOrEqual(4000);
    expect(lines[0]?.endsWith("…")).toBe(true);
  });

  it("never lets a line that cannot be built break the call", () => {
    const { context, lines } = debugContext();
    expect(() =>
      client(context).debug(() => {
        throw new RangeError("Maximum call stack size exceeded");
      }),
    ).not.toThrow();
    expect(lines).toEqual([]);
  });

  it("never lets a failing logger break the request", async () => {
    const context: CallContext = {
      logger: {
        debug: () => {
          throw new Error("log sink down");
        },
        warn: () => undefined,
      },
      debug: { enabled: true },
    };
    await expect(client(context).get("/echo")).resolves.toMatchObject({ auth: `Bearer ${TOKEN}` });
  });
});
