import { median } from "../stats";
import type { Figures, Measurement } from "../workers/measureRun";

const MEASUREMENTS: Measurement[] = ["time", "memory"];

/**
 * Runs every case `runs` times for time and `runs` times for memory, one fresh process each,
 * rotating the order of cases so that no case always follows the same one.
 */
export const repeatRuns = async <TCase>(
  cases: TCase[],
  runs: number,
  runOnce: (testCase: TCase, measurement: Measurement) => Promise<Figures>,
): Promise<Map<TCase, Figures[]>> => {
  const figures = new Map<TCase, Figures[]>(cases.map((testCase) => [testCase, []]));
  for (let run = 0; run < runs; run++) {
    for (const measurement of MEASUREMENTS) {
      for (let step = 0; step < cases.length; step++) {
        const testCase = cases[(run + step) % cases.length];
        figures.get(testCase)?.push(await runOnce(testCase, measurement));
      }
    }
  }
  return figures;
};

/** Median of one figure over the runs that measured it. */
export const medianFigure = (figures: Figures[] | undefined, field: keyof Figures): number =>
  median((figures ?? []).flatMap((figure) => (figure[field] === undefined ? [] : [figure[field]])));
