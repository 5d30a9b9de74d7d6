import { modelResponseExample } from "../../src/actions/responses/examples";
import { capturingLogger, testConnection, useLocalXai } from "../support/harness";
import { everyday } from "./everydayHarness";

const local = useLocalXai();
const connection = testConnection();
const CATEGORIES = ["Billing", "Technical", "Sales"];

const classify = async (params: Record<string, unknown>, context?: Record<string, unknown>) =>
  (await everyday.action(
    "classifyText",
    { connection, model: "grok-4.3", categories: CATEGORIES, ...params },
    context,
  )) as { branch: string; data: { category: string; reason: string } };

/** A completed response whose answer text is `answer` as JSON. */
const answering = (answer: unknown) => ({
  path: "/v1/responses",
  body: {
    ...modelResponseExample,
    output: [
      {
        ...modelResponseExample.output[0],
        content: [{ type: "output_text", text: JSON.stringify(answer), annotations: [] }],
      },
    ],
  },
});

describe("Classify and Branch", () => {
  it("forces the answer into the categories and takes the branch Grok names", async () => {
    const result = await classify({
      text: "My billing statement shows two charges.",
      instructions: "Billing covers charges.",
    });
    expect(result).toEqual({
      branch: "Billing",
      data: { category: "Billing", reason: expect.any(String) },
    });
    const [request] = local.server.requests;
    const body = request.body as Record<string, unknown>;
    expect(body.input).toBe("My billing statement shows two charges.");
    expect(body.store).toBe(false);
    expect(body.instructions).toMatch(
      /^Classify the user's text into exactly one of these categories: "Billing", "Technical", "Sales"\..*\n\nBilling covers charges\.$/s,
    );
    expect(body.text).toEqual({
      format: {
        type: "json_schema",
        name: "output",
        strict: true,
        schema: expect.objectContaining({
          properties: expect.objectContaining({ category: { type: "string", enum: CATEGORIES } }),
          required: ["category", "reason"],
        }),
      },
    });
  });

  it("takes the Other branch for an answer outside the list, and says so in the log", async () => {
    local.server.script(answering({ category: "Refunds", reason: "Asks for money back." }));
    const { logger, lines } = capturingLogger();
    const result = await classify({ text: "Give me my money back." }, { logger });
    expect(result).toEqual({
      branch: "Other",
      data: { category: "Other", reason: "Asks for money back." },
    });
    expect(lines.join("\n")).toContain(
      'Grok answered "Refunds", which is not one of the categories',
    );
  });

  it("takes the Other branch when the answer names no category at all", async () => {
    const { logger, lines } = capturingLogger();
    const result = await classify({ text: "Sales pitch NONCONFORMING" }, { logger });
    expect(result).toEqual({
      branch: "Other",
      data: { category: "Other", reason: expect.any(String) },
    });
    expect(lines.join("\n")).toContain("Grok answered with no category; taking the Other branch.");
  });

  it("maps an answer that differs only in case to the listed category", async () => {
    local.server.script(answering({ category: " technical", reason: "An outage." }));
    expect((await classify({ text: "The app is down." })).branch).toBe("Technical");
  });

  it("refuses fewer than 2 or more than 50 categories, and repeated ones, before anything is sent", async () => {
    await expect(classify({ text: "x", categories: ["Billing", " "] })).rejects.toThrow(
      "Categories: enter from 2 to 50 categories (one per entry); got 1.",
    );
    const many = Array.from({ length: 51 }, (_, index) => `Category ${index}`);
    await expect(classify({ text: "x", categories: many })).rejects.toThrow("got 51.");
    await expect(classify({ text: "x", categories: ["Billing", "billing "] })).rejects.toThrow(
      'Categories: "billing" is listed twice.',
    );
    // "Other" is the step's own branch: a category of that name could not be told from it.
    await expect(classify({ text: "x", categories: ["Billing", "other"] })).rejects.toThrow(
      'Categories: "other" is the step\'s own branch for a text outside the list',
    );
    expect(local.server.requests).toHaveLength(0);
  });
});
