import { testConnection, useLocalXai } from "../support/harness";
import { everyday } from "./everydayHarness";

const local = useLocalXai();
const connection = testConnection();
const TEXT = "Invoice 1042 from Ada Lovelace (ada@example.com), total due 42.50 EUR.";
const SCHEMA = {
  type: "object",
  properties: { name: { type: "string" }, total: { type: "number" } },
  required: ["name", "total"],
};

const extract = async (params: Record<string, unknown>) =>
  (await everyday.action("extractData", { connection, model: "grok-4.3", ...params })) as {
    data: Record<string, unknown>;
  };

const sentBody = () => {
  const [request] = local.server.requests.filter((r) => r.path === "/v1/responses");
  return request.body as Record<string, unknown>;
};

describe("Extract Structured Data", () => {
  it("sends the schema as strict structured output and returns the object", async () => {
    const { data } = await extract({
      text: TEXT,
      schema: JSON.stringify(SCHEMA),
      instructions: "Names as written.",
    });
    const body = sentBody();
    expect(body).toEqual({
      model: "grok-4.3",
      input: TEXT,
      instructions: expect.stringMatching(/^Extract the data .*\n\nNames as written\.$/s),
      text: { format: { type: "json_schema", name: "output", schema: SCHEMA, strict: true } },
      store: false,
    });
    expect(data).toEqual({ name: expect.any(String), total: expect.any(Number) });
  });

  it("takes a list of field names as an object of text fields", async () => {
    const { data } = await extract({ text: TEXT, schema: "name,\n email" });
    const format = (sentBody().text as { format: { schema: unknown } }).format;
    expect(format.schema).toEqual({
      type: "object",
      properties: { name: { type: "string" }, email: { type: "string" } },
      required: ["name", "email"],
      additionalProperties: false,
    });
    expect(Object.keys(data).sort()).toEqual(["email", "name"]);
    await extract({ text: TEXT, schema: ["name"] });
  });

  it("reads a 2020-12 schema with its own dialect", async () => {
    const schema = { $schema: "https://json-schema.org/draft/2020-12/schema", ...SCHEMA };
    const { data } = await extract({ text: TEXT, schema });
    expect(data).toEqual({ name: expect.any(String), total: expect.any(Number) });
  });

  it("fails with the first validation error when xAI's answer breaks the schema, never returning it", async () => {
    const failure = extract({ text: `${TEXT} NONCONFORMING`, schema: SCHEMA });
    await expect(failure).rejects.toThrow(
      "xAI's answer does not follow the Schema: must have required property 'name'.",
    );
    await expect(failure).rejects.toMatchObject({ code: "OUTPUT_NOT_VALID" });
  });

  it("refuses a schema that is not one, before anything is sent", async () => {
    await expect(extract({ text: TEXT, schema: '{"type": "objekt"}' })).rejects.toThrow(
      /^Schema: is not a valid JSON Schema: .*type/,
    );
    await expect(extract({ text: TEXT, schema: "[1, 2]" })).rejects.toThrow(
      "Schema: field 1 must be a name, got a number.",
    );
    await expect(extract({ text: TEXT, schema: "name, name" })).rejects.toThrow(
      'Schema: the field "name" is listed twice.',
    );
    await expect(extract({ text: TEXT, schema: "" })).rejects.toThrow("Schema: is required");
    // The step returns an object: a schema of a string, or of anything, is a mistake.
    for (const schema of ['{"type": "string"}', "{}"]) {
      await expect(extract({ text: TEXT, schema })).rejects.toThrow(
        /^Schema: must describe an object \("type": "object" with its "properties"\)/,
      );
    }
    expect(local.server.requests).toHaveLength(0);
  });

  it("fails, never returning it, when xAI's answer nests deeper than its own JSON", async () => {
    const deep = `{"name":${"[".repeat(5000)}${"]".repeat(5000)}}`;
    const output = [{ type: "message", content: [{ type: "output_text", text: deep }] }];
    local.server.script({
      path: "/v1/responses",
      body: { id: "r1", object: "response", status: "completed", output },
    });
    await expect(extract({ text: TEXT, schema: SCHEMA })).rejects.toMatchObject({
      code: "OUTPUT_NOT_JSON",
      message: expect.stringContaining("nests deeper than 128 levels"),
    });
  });
});
