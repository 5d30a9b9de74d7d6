import { readFileSync } from "node:fs";
import { join } from "node:path";
import { outputSchemas, outputSchemasPath } from "../scripts/generateOutputSchemas";
import { renderReference } from "../scripts/referenceDoc";
import component from "../src/index";
import { parseSections, specSections } from "./support/specTables";

const referencePath = join(__dirname, "../docs/reference.md");
const committed = readFileSync(referencePath, "utf8");

describe("docs/reference.md", () => {
  it("is what `npm run docs` generates from the component now (run it after changing inputs)", () => {
    expect(committed).toBe(renderReference(component));
  });

  it("contains every table of the published spec, row for row, under the same headings", () => {
    const reference = parseSections(committed);
    for (const section of specSections()) {
      const generated = reference.find((candidate) => candidate.heading === section.heading);
      // The spec's rows come first; appended inputs and the output fields follow them.
      const rows = (generated?.rows ?? []).slice(0, section.rows.length);
      expect({ heading: section.heading, rows }).toEqual({
        heading: section.heading,
        rows: section.rows,
      });
    }
  });
});

describe("src/actions/outputSchemas.json", () => {
  it("is what `npm run schemas` generates from spec/xai-openapi.json now", () => {
    const openapi = JSON.parse(readFileSync(join(__dirname, "../spec/xai-openapi.json"), "utf8"));
    expect(readFileSync(outputSchemasPath, "utf8")).toBe(
      `${JSON.stringify(outputSchemas(openapi))}\n`,
    );
  });
});
