import { readFileSync } from "node:fs";
import { join } from "node:path";
import { renderReference } from "../scripts/referenceDoc";
import component from "../src/index";
import { normalizeText, parseSections, type SpecRow, specSections } from "./support/specTables";

const referencePath = join(__dirname, "../docs/reference.md");
const committed = readFileSync(referencePath, "utf8");

const normalized = (rows: SpecRow[]) =>
  rows.map((row) => ({ ...row, comments: normalizeText(row.comments) }));

describe("docs/reference.md", () => {
  it("is what `npm run docs` generates from the component now (run it after changing inputs)", () => {
    expect(committed).toBe(renderReference(component));
  });

  it("contains every table of the published spec, row for row, under the same headings", () => {
    const reference = parseSections(committed);
    for (const section of specSections()) {
      const generated = reference.find((candidate) => candidate.heading === section.heading);
      expect({ heading: section.heading, rows: normalized(generated?.rows ?? []) }).toEqual({
        heading: section.heading,
        rows: normalized(section.rows),
      });
    }
  });
});
