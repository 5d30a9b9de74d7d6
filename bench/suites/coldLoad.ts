import { statSync } from "node:fs";
import { runNodeJson } from "../children";
import { formatBytes, formatMs, type Row } from "../report";
import { median } from "../stats";

/**
 * Benchmark 1: `require()` of a bundle in a fresh Node process (no loaders), timed inside the
 * child around the require, and the bundle's size. Bundles are loaded in alternating order.
 */

/** Runs in `node -e`; process.argv[1] is the bundle. */
const LOAD_SCRIPT = [
  "const start = process.hrtime.bigint();",
  "require(process.argv[1]);",
  "const ms = Number(process.hrtime.bigint() - start) / 1e6;",
  "console.log(JSON.stringify({ ms }));",
].join("\n");

export interface ColdLoadBundles {
  /** dist/index.js from `npm run build`. */
  component: string;
  /** The minimal fixture built with the same config. */
  fixture: string;
  /** Both built with webpack's defaults (no trimming). */
  componentUntrimmed: string;
  fixtureUntrimmed: string;
}

interface Measured {
  loadMs: number;
  bytes: number;
}

const measureLoads = async (
  bundles: ColdLoadBundles,
  runs: number,
): Promise<Record<keyof ColdLoadBundles, Measured>> => {
  const names = Object.keys(bundles) as (keyof ColdLoadBundles)[];
  const times = Object.fromEntries(names.map((name) => [name, [] as number[]]));
  for (let run = 0; run < runs; run++) {
    for (let step = 0; step < names.length; step++) {
      const name = names[(run + step) % names.length];
      const { ms } = await runNodeJson<{ ms: number }>(["-e", LOAD_SCRIPT, bundles[name]]);
      times[name].push(ms);
    }
  }
  const measured = (name: keyof ColdLoadBundles): Measured => ({
    loadMs: median(times[name]),
    bytes: statSync(bundles[name]).size,
  });
  return {
    component: measured("component"),
    fixture: measured("fixture"),
    componentUntrimmed: measured("componentUntrimmed"),
    fixtureUntrimmed: measured("fixtureUntrimmed"),
  };
};

export const coldLoadRows = async (bundles: ColdLoadBundles, runs: number): Promise<Row[]> => {
  const { component, fixture, componentUntrimmed, fixtureUntrimmed } = await measureLoads(
    bundles,
    runs,
  );
  const row = (
    measure: string,
    subject: Measured,
    baseline: Measured,
    key: keyof Measured,
    goal?: Row["goal"],
  ): Row => {
    const format = key === "loadMs" ? formatMs : formatBytes;
    return {
      benchmark: 1,
      measure,
      measured: format(subject[key]),
      baseline: format(baseline[key]),
      ratio: subject[key] / baseline[key],
      goal,
    };
  };
  return [
    row(
      `Load time (require), component / minimal, same config (${runs} runs each)`,
      component,
      fixture,
      "loadMs",
      { limit: 1.05 },
    ),
    row("Bundle size, component / minimal, same config", component, fixture, "bytes", {
      limit: 1.1,
    }),
    row("Load time, component trimmed / minimal untrimmed", component, fixtureUntrimmed, "loadMs", {
      limit: 1,
      strictlyBelow: true,
    }),
    row(
      "Bundle size, component trimmed / minimal untrimmed",
      component,
      fixtureUntrimmed,
      "bytes",
      {
        limit: 1,
        strictlyBelow: true,
      },
    ),
    row("Load time, minimal: trimmed / untrimmed", fixture, fixtureUntrimmed, "loadMs"),
    row("Bundle size, minimal: trimmed / untrimmed", fixture, fixtureUntrimmed, "bytes"),
    row("Load time, component: trimmed / untrimmed", component, componentUntrimmed, "loadMs"),
    row("Bundle size, component: trimmed / untrimmed", component, componentUntrimmed, "bytes"),
    row(
      "Load time, untrimmed: component / minimal",
      componentUntrimmed,
      fixtureUntrimmed,
      "loadMs",
    ),
    row(
      "Bundle size, untrimmed: component / minimal",
      componentUntrimmed,
      fixtureUntrimmed,
      "bytes",
    ),
  ];
};
