import { readFileSync } from "node:fs";
import { join } from "node:path";

export interface SpecRow {
  input: string;
  comments: string;
  default: string;
}

export interface SpecSection {
  heading: string;
  description: string;
  rows: SpecRow[];
}

const cells = (line: string): string[] =>
  line
    .trim()
    .replace(/^\||\|$/g, "")
    .split("|")
    .map((cell) => cell.trim());

/** The "### Heading", its first prose line and its Input / Comments / Default table. */
export const parseSections = (markdown: string): SpecSection[] => {
  const sections: SpecSection[] = [];
  let current: SpecSection | undefined;
  for (const line of markdown.split(/\r?\n/)) {
    if (line.startsWith("### ")) {
      current = { heading: line.slice(4).trim(), description: "", rows: [] };
      sections.push(current);
    } else if (current && line.startsWith("|")) {
      const [input, comments, defaultValue] = cells(line);
      if (input === "Input" || /^-+$/.test(input)) continue;
      current.rows.push({ input, comments, default: defaultValue ?? "" });
    } else if (current && !current.description && line.trim() && !line.startsWith("#")) {
      current.description = line.trim();
    }
  }
  return sections;
};

export const specPath = join(__dirname, "../../spec/xai-grok-connector.md");

export const specSections = (): SpecSection[] => parseSections(readFileSync(specPath, "utf8"));
