import { harness, testConnection, useLocalXai } from "./support/harness";

const local = useLocalXai();
const connection = testConnection();

type Choice = { key: string; label: string };
const choicesOf = async (dataSource: string): Promise<Choice[]> =>
  ((await harness.dataSource(dataSource, { connection })) as { result: Choice[] }).result;

const sorted = (keys: string[]) => [...keys].sort((a, b) => a.localeCompare(b, "en"));

describe("model pickers", () => {
  it("selectModel lists every model id from GET /models, sorted, labelled with its id", async () => {
    const choices = await choicesOf("selectModel");
    expect(local.server.requests.map(({ path }) => path)).toEqual(["/v1/models"]);
    const keys = choices.map(({ key }) => key);
    expect(keys).toEqual(sorted(keys));
    expect(keys).toEqual(expect.arrayContaining(["grok-3", "grok-4.3", "grok-imagine-image"]));
    for (const { key, label } of choices) expect(label).toBe(key);
  });

  it("selectLanguageModel offers only language models and their aliases, each once, sorted, saying what they take", async () => {
    const choices = await choicesOf("selectLanguageModel");
    expect(local.server.requests.map(({ path }) => path)).toEqual(["/v1/language-models"]);
    const keys = choices.map(({ key }) => key);
    expect(keys).toEqual(sorted(keys));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(
      expect.arrayContaining(["grok-4.3", "grok-3", "grok-3-fast-latest", "grok-4.3-latest"]),
    );
    expect(keys.some((key) => key.includes("image"))).toBe(false);
    expect(choices).toContainEqual({ key: "grok-4.3", label: "grok-4.3 — text, image in" });
    expect(choices).toContainEqual({ key: "grok-3", label: "grok-3 — text in" });
    expect(choices).toContainEqual({
      key: "grok-3-fast-latest",
      label: "grok-3-fast-latest — alias of grok-3, text in",
    });
  });

  it("selectImageModel offers only image generation models, sorted", async () => {
    const choices = await choicesOf("selectImageModel");
    expect(local.server.requests.map(({ path }) => path)).toEqual(["/v1/image-generation-models"]);
    const keys = choices.map(({ key }) => key);
    expect(keys).toEqual(sorted(keys));
    expect(keys).toEqual(expect.arrayContaining(["grok-imagine-image", "grok-2-image-1212"]));
    expect(keys.some((key) => key.startsWith("grok-4"))).toBe(false);
    expect(choices).toContainEqual({
      key: "grok-imagine-image",
      label: "grok-imagine-image — text, image in, image out",
    });
  });

  it("fails with the same clear error as the actions when xAI fails", async () => {
    local.server.script({
      path: "/v1/language-models",
      status: 400,
      body: { code: "bad", error: "Team is blocked." },
    });
    await expect(choicesOf("selectLanguageModel")).rejects.toThrow(
      /^xAI API error 400 \(bad request\) on GET \/language-models: Team is blocked\./,
    );
  });

  it("fails clearly, sending nothing, when the connection is missing", async () => {
    await expect(harness.dataSource("selectImageModel", {})).rejects.toThrow(/^Connection: /);
    expect(local.server.requests).toHaveLength(0);
  });
});
