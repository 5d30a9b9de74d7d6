/** Small statistics helpers; benchmarks report medians, which shrug off the odd slow run. */

export const median = (values: readonly number[]): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Milliseconds from a `process.hrtime.bigint()` start. */
export const msSince = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;
