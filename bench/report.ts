/** Rows of the benchmark table and how they print (plain text for the terminal, Markdown). */

export interface Goal {
  /** The ratio must be at most this (or below it when `strictlyBelow`). */
  limit: number;
  strictlyBelow?: boolean;
}

export interface Row {
  /** Which benchmark (its number in BENCHMARKS.md, "What is measured") the row belongs to. */
  benchmark: number;
  measure: string;
  measured: string;
  baseline: string;
  /** component / baseline; undefined for rows that only report a figure. */
  ratio?: number;
  goal?: Goal;
  /** A yes/no goal instead of a ratio (e.g. "a cyclic context works"): what is asked, and whether it held. */
  check?: { goal: string; passed: boolean };
}

export type Verdict = "PASS" | "MISS" | "";

export const verdictOf = ({ ratio, goal, check }: Row): Verdict => {
  if (check) return check.passed ? "PASS" : "MISS";
  if (!goal || ratio === undefined) return "";
  const met = goal.strictlyBelow ? ratio < goal.limit : ratio <= goal.limit;
  return met ? "PASS" : "MISS";
};

export const formatMs = (ms: number): string =>
  ms >= 100 ? `${ms.toFixed(0)} ms` : ms >= 10 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(3)} ms`;

/** Per-call figures read best in microseconds. */
export const formatUs = (ms: number): string => `${(ms * 1000).toFixed(0)} µs`;

export const formatBytes = (bytes: number): string =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(2)} MiB`
    : `${(bytes / 1024).toFixed(1)} KiB`;

const formatRatio = (ratio: number | undefined): string =>
  ratio === undefined ? "" : `${ratio.toFixed(ratio < 10 ? 3 : 1)}x`;

const formatGoal = (goal: Goal | undefined): string =>
  goal ? `${goal.strictlyBelow ? "<" : "<="} ${goal.limit}x` : "";

const HEADERS = ["#", "Measure", "Measured", "Baseline", "Ratio", "Goal", "Result"];

const cellsOf = (row: Row): string[] => [
  String(row.benchmark),
  row.measure,
  row.measured,
  row.baseline,
  formatRatio(row.ratio),
  row.check?.goal ?? formatGoal(row.goal),
  verdictOf(row),
];

export const textTable = (rows: Row[]): string => {
  const lines = [HEADERS, ...rows.map(cellsOf)];
  const widths = HEADERS.map((_, column) =>
    Math.max(...lines.map((cells) => cells[column].length)),
  );
  const render = (cells: string[]) =>
    cells.map((cell, column) => cell.padEnd(widths[column])).join("  ");
  return [
    render(HEADERS),
    widths.map((width) => "-".repeat(width)).join("  "),
    ...lines.slice(1).map(render),
  ]
    .map((line) => line.trimEnd())
    .join("\n");
};

export const markdownTable = (rows: Row[]): string => {
  const escapeCell = (cell: string) => cell.replace(/\|/g, "\\|");
  const render = (cells: string[]) => `| ${cells.map(escapeCell).join(" | ")} |`;
  return [
    render(HEADERS),
    `|${HEADERS.map(() => "---").join("|")}|`,
    ...rows.map((row) => render(cellsOf(row))),
  ].join("\n");
};
