import { TEST_TOKEN, testConnection, useLocalXai } from "../support/harness";
import { everyday } from "./everydayHarness";

const local = useLocalXai();
const connection = testConnection();
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

interface AskData {
  text: string;
  citations: string[];
  model: string;
  usage: Record<string, unknown> | null;
  responseId: string;
}

const ask = async (params: Record<string, unknown>) =>
  (await everyday.action("askGrok", { connection, ...params })) as { data: AskData };

const responsesRequest = () => {
  const found = local.server.requests.filter((request) => request.path === "/v1/responses");
  expect(found).toHaveLength(1);
  return found[0];
};

describe("Ask Grok", () => {
  it("asks the first language model the picker lists when Model is empty, and returns plain text", async () => {
    const picker = (await everyday.dataSource("selectLanguageModel", { connection })) as {
      result: { key: string }[];
    };
    local.server.reset();
    const { data } = await ask({ prompt: "What is 101 times 3?" });
    expect(local.server.requests.map((request) => request.path)).toEqual([
      "/v1/language-models",
      "/v1/responses",
    ]);
    const request = responsesRequest();
    expect(request.headers.authorization).toBe(`Bearer ${TEST_TOKEN}`);
    expect(request.body).toEqual({ model: picker.result[0].key, input: "What is 101 times 3?" });
    expect(data).toEqual({
      text: expect.any(String),
      citations: [],
      model: picker.result[0].key,
      usage: expect.objectContaining({ total_tokens: expect.any(Number) }),
      responseId: expect.any(String),
    });
    expect(data.text.length).toBeGreaterThan(0);
  });

  it("sends instructions and the search tools, and returns the URLs xAI cited", async () => {
    const { data } = await ask({
      prompt: "Latest news about xAI?",
      instructions: "Answer briefly.",
      model: "grok-4.3",
      webSearch: true,
      xSearch: "true",
    });
    expect(responsesRequest().body).toEqual({
      model: "grok-4.3",
      input: "Latest news about xAI?",
      instructions: "Answer briefly.",
      tools: [{ type: "web_search" }, { type: "x_search" }],
    });
    expect(data.citations.length).toBeGreaterThan(0);
    for (const url of data.citations) expect(url).toMatch(/^https:\/\//);
    expect(new Set(data.citations).size).toBe(data.citations.length);
    expect(local.server.requests.some((r) => r.path === "/v1/language-models")).toBe(false);
  });

  it("sends images (a URL and a file from an earlier step) as input_image parts beside the prompt", async () => {
    await ask({
      prompt: "What is in these images?",
      model: "grok-4.3",
      images: ["https://example.com/cat.jpg", { data: PNG, contentType: "image/png" }],
    });
    expect(responsesRequest().body).toEqual({
      model: "grok-4.3",
      input: [
        {
          role: "user",
          content: [
            { type: "input_text", text: "What is in these images?" },
            { type: "input_image", image_url: "https://example.com/cat.jpg" },
            { type: "input_image", image_url: `data:image/png;base64,${PNG.toString("base64")}` },
          ],
        },
      ],
    });
  });

  it("refuses an image that is not an image, before anything is sent", async () => {
    await expect(
      ask({
        prompt: "Describe it",
        model: "grok-4.3",
        images: [
          "https://example.com/cat.jpg",
          { data: Buffer.from("hello"), contentType: "text/plain" },
        ],
      }),
    ).rejects.toThrow(
      "Images (entry 2): must be a PNG, JPEG or WebP image; got a file of type text/plain.",
    );
    await expect(
      ask({ prompt: "Describe it", model: "grok-4.3", images: "data:text/plain;base64,aGVsbG8=" }),
    ).rejects.toThrow("Images: must be a PNG, JPEG or WebP image; got a file of type text/plain.");
    expect(local.server.requests).toHaveLength(0);
  });

  it("fails, rather than returning half an answer, when the response did not complete", async () => {
    await expect(ask({ prompt: "Tell me a story INCOMPLETE", model: "grok-4.3" })).rejects.toThrow(
      /ended with status "incomplete" \(max_output_tokens\), so the step has no complete answer/,
    );
    await expect(ask({ prompt: "FAIL_RESPONSE", model: "grok-4.3" })).rejects.toThrow(
      /ended with status "failed" \(The model failed/,
    );
  });

  it("requires a prompt", async () => {
    await expect(ask({ prompt: "  " })).rejects.toThrow(
      "Prompt: is required and must not be empty.",
    );
    expect(local.server.requests).toHaveLength(0);
  });
});
