import { askGrok } from "../../src/actions/everyday/askGrok";
import { classifyText } from "../../src/actions/everyday/classifyText";
import { createEmbeddings } from "../../src/actions/everyday/createEmbeddings";
import { extractData } from "../../src/actions/everyday/extractData";
import { getApiKeyInfo } from "../../src/actions/everyday/getApiKeyInfo";
import { tokenizeText } from "../../src/actions/everyday/tokenizeText";
import { TEST_TOKEN, testConnection, useLocalXai } from "../support/harness";
import { everyday } from "./everydayHarness";

const local = useLocalXai();
const connection = testConnection();

type Json = Record<string, unknown>;
const run = async (key: string, params: Json, withConnection = connection) =>
  ((await everyday.action(key, { connection: withConnection, ...params })) as { data: Json }).data;

describe("Select Embedding Model", () => {
  it("lists xAI's embedding models and aliases, sorted", async () => {
    const { result } = (await everyday.dataSource("selectEmbeddingModel", { connection })) as {
      result: { key: string; label: string }[];
    };
    expect(local.server.requests[0].path).toBe("/v1/embedding-models");
    expect(result.map(({ key }) => key)).toEqual([
      "grok-embedding-small",
      "grok-embedding-small-latest",
      "v1",
    ]);
    expect(result[0].label).toBe("grok-embedding-small — text in");
  });
});

describe("Create Embeddings", () => {
  it("embeds one text", async () => {
    const data = await run("createEmbeddings", { input: "Hello", model: "v1" });
    expect(local.server.requests[0].body).toEqual({
      model: "v1",
      input: "Hello",
      encoding_format: "float",
    });
    expect(data).toMatchObject({ object: "list", model: "v1", data: [{ index: 0 }] });
    expect((data.data as { embedding: number[] }[])[0].embedding).toHaveLength(1024);
  });

  it("embeds a JSON array of texts, with Dimensions", async () => {
    const data = await run("createEmbeddings", {
      input: '["first", "second"]',
      model: "grok-embedding-small",
      dimensions: "8",
    });
    expect(local.server.requests[0].body).toMatchObject({
      input: ["first", "second"],
      dimensions: 8,
    });
    const vectors = data.data as { embedding: number[] }[];
    expect(vectors.map((vector) => vector.embedding.length)).toEqual([8, 8]);
  });

  it("sends a text that only starts with a bracket as text", async () => {
    await run("createEmbeddings", { input: "[Draft] notes", model: "v1" });
    expect(local.server.requests[0].body).toMatchObject({ input: "[Draft] notes" });
  });

  it("sends token IDs from an earlier step as they are: one list, or several", async () => {
    const one = await run("createEmbeddings", { input: [9906, 1917, 0], model: "v1" });
    expect(local.server.requests[0].body).toMatchObject({ input: [9906, 1917, 0] });
    expect(one.data as unknown[]).toHaveLength(1);
    const lists = [[9906], [1917, -1, 2147483647]];
    const two = await run("createEmbeddings", { input: lists, model: "v1" });
    expect(local.server.requests[1].body).toMatchObject({ input: lists });
    expect(two.data as unknown[]).toHaveLength(2);
    // Typed text stays the text to embed, even when it is JSON.
    await run("createEmbeddings", { input: "[1, 2]", model: "v1" });
    expect(local.server.requests[2].body).toMatchObject({ input: "[1, 2]" });
  });

  it("refuses mixed entries and token IDs that are not int32 whole numbers, before sending", async () => {
    const refusals: [unknown, string][] = [
      [
        ["a", 1],
        "Input: entry 2 is a token ID but entry 1 is a text; use all texts, all token IDs or all lists of token IDs.",
      ],
      [[1, [2]], "Input: entry 2 is a list of token IDs but entry 1 is a token ID;"],
      [[1, 2.5], "Input: entry 2 must be a token ID (a whole number within int32), got 2.5."],
      [
        [[1], [2, 2147483648]],
        "Input: entry 2 item 2 must be a token ID (a whole number within int32), got 2147483648.",
      ],
      [
        [[1], ["a"]],
        'Input: entry 2 item 1 must be a token ID (a whole number within int32), got the text "a".',
      ],
    ];
    for (const [input, message] of refusals) {
      await expect(run("createEmbeddings", { input, model: "v1" })).rejects.toThrow(message);
    }
    expect(local.server.requests).toHaveLength(0);
  });

  it("refuses empty texts, too many texts and a bad Dimensions before anything is sent", async () => {
    await expect(run("createEmbeddings", { input: '["a", ""]', model: "v1" })).rejects.toThrow(
      "Input: entry 2 must be a non-empty text",
    );
    const many = Array.from({ length: 129 }, () => "x");
    await expect(run("createEmbeddings", { input: many, model: "v1" })).rejects.toThrow(
      "Input: must hold from 1 to 128 texts; got 129.",
    );
    await expect(
      run("createEmbeddings", { input: "a", model: "v1", dimensions: "1.5" }),
    ).rejects.toThrow("Dimensions: must be a whole number of at least 1");
    expect(local.server.requests).toHaveLength(0);
  });

  it("passes xAI's refusal on as the component's error", async () => {
    await expect(
      run("createEmbeddings", { input: "a", model: "grok-embedding-small", dimensions: "4096" }),
    ).rejects.toThrow(/^xAI API error 400 \(bad request\) on POST \/embeddings: .*dimensions/);
  });
});

describe("Tokenize Text", () => {
  it("returns xAI's tokens and their count, the text sent exactly as given", async () => {
    const data = await run("tokenizeText", { text: "Hello world! ", model: "grok-4.3" });
    expect(local.server.requests[0].body).toEqual({ text: "Hello world! ", model: "grok-4.3" });
    const tokens = data.token_ids as { string_token: string }[];
    expect(data.count).toBe(tokens.length);
    expect(tokens.map((token) => token.string_token).join("")).toBe("Hello world! ");
  });

  it("uses the first language model the picker lists when Model is empty", async () => {
    await run("tokenizeText", { text: "Hi" });
    const [list, tokenize] = local.server.requests;
    expect(list.path).toBe("/v1/language-models");
    expect((tokenize.body as Json).model).toEqual(expect.any(String));
  });
});

describe("Get API Key Info", () => {
  const LONG_KEY = `xai-${"Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z".repeat(2)}`;

  it("keeps xAI's own mask of a long key (start...end) and never the key", async () => {
    const data = await run("getApiKeyInfo", {}, testConnection(LONG_KEY));
    expect(local.server.requests[0].path).toBe("/v1/api-key");
    expect(data).toMatchObject({
      redacted_api_key: `xai-...${LONG_KEY.slice(-4)}`,
      name: "Local test key",
      acls: ["api-key:model:*", "api-key:endpoint:*"],
      api_key_blocked: false,
    });
    expect(JSON.stringify(data)).not.toContain(LONG_KEY.slice(4, 20));
  });

  it("redacts the mask of a short key, which would give away too much of it", async () => {
    const data = await run("getApiKeyInfo", {});
    expect(data.redacted_api_key).toBe("[REDACTED]");
    expect(JSON.stringify(data)).not.toContain(TEST_TOKEN.slice(-4));
  });

  it("redacts the key wherever xAI echoes it", async () => {
    local.server.script({
      path: "/v1/api-key",
      body: { redacted_api_key: LONG_KEY, name: `key ${LONG_KEY}`, acls: [] },
    });
    const data = await run("getApiKeyInfo", {}, testConnection(LONG_KEY));
    expect(data).toEqual({ redacted_api_key: "[REDACTED]", name: "key [REDACTED]", acls: [] });
  });
});

describe("designer safety", () => {
  it("keeps the designer from running the steps that cost money", () => {
    for (const paid of [askGrok, extractData, classifyText, createEmbeddings]) {
      expect(paid.performSafety).toBe("notAllowed");
    }
    for (const free of [tokenizeText, getApiKeyInfo]) expect(free.performSafety).toBe("safe");
    expect(classifyText.outputSchema).toBeUndefined();
  });
});
