import { readFileSync, writeFileSync } from "node:fs";
import { BENCHMARKS_MD } from "./paths";

const START = "<!-- bench-results:start -->";
const END = "<!-- bench-results:end -->";

/** Replaces the generated part of BENCHMARKS.md (between the markers) with `content`. */
export const writeResultsSection = (content: string): void => {
  const text = readFileSync(BENCHMARKS_MD, "utf8");
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start === -1 || end < start) {
    throw new Error(`${BENCHMARKS_MD} has no ${START} ... ${END} section to update`);
  }
  const updated = `${text.slice(0, start + START.length)}\n${content.trim()}\n${text.slice(end)}`;
  writeFileSync(BENCHMARKS_MD, updated);
};
