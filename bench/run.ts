import {
  buildComponentUntrimmed,
  buildFixture,
  buildFixtureUntrimmed,
  ensureComponentBuild,
} from "./builds";
import { describeMachine } from "./machine";
import { COMPONENT_BUNDLE } from "./paths";
import { markdownTable, type Row, textTable, verdictOf } from "./report";
import { writeResultsSection } from "./resultsSection";
import { startServerProcess } from "./serverProcess";
import { msSince } from "./stats";
import { coldLoadRows } from "./suites/coldLoad";
import { imageRows } from "./suites/images";
import { perCallRows } from "./suites/perCall";
import { streamRows } from "./suites/streams";

/**
 * `npm run bench`: builds what is missing, then measures the built component (dist/index.js)
 * against its baselines on a local xAI server and prints one table of medians.
 *   --write   also replace the results section of BENCHMARKS.md
 *   --quick   fewer runs (a smoke test of the benchmark itself; figures are noisier)
 */

const args = new Set(process.argv.slice(2));
const quick = args.has("--quick");

const SETTINGS = {
  coldLoadRuns: quick ? 5 : 20,
  perCall: { processes: quick ? 1 : 3, warmupRounds: 100, rounds: quick ? 100 : 400 },
  streams: { sizes: [20_000, 40_000], runs: quick ? 1 : 5, warmupWords: 2_000 },
  images: { n: 10, b64Chars: 2 * 1024 * 1024, runs: quick ? 1 : 5 },
};

const started = process.hrtime.bigint();
const progress = (message: string) => {
  process.stderr.write(`[bench ${(msSince(started) / 1000).toFixed(0)}s] ${message}\n`);
};

const main = async (): Promise<void> => {
  progress("building dist/index.js if src/ changed (npm run build)");
  const componentRebuilt = ensureComponentBuild();
  progress("building the minimal fixture and the untrimmed comparison bundles if needed");
  const fixture = await buildFixture();
  const fixtureUntrimmed = await buildFixtureUntrimmed();
  const componentUntrimmed = await buildComponentUntrimmed();
  const rebuilt = [
    componentRebuilt,
    fixture.rebuilt,
    fixtureUntrimmed.rebuilt,
    componentUntrimmed.rebuilt,
  ];
  const builds = `${rebuilt.filter(Boolean).length} of 4 bundles rebuilt`;
  progress(builds);

  const rows: Row[] = [];
  progress(`1/4 cold load (${SETTINGS.coldLoadRuns} fresh processes per bundle)`);
  rows.push(
    ...(await coldLoadRows(
      {
        component: COMPONENT_BUNDLE,
        fixture: fixture.bundle,
        componentUntrimmed: componentUntrimmed.bundle,
        fixtureUntrimmed: fixtureUntrimmed.bundle,
      },
      SETTINGS.coldLoadRuns,
    )),
  );

  const server = await startServerProcess();
  try {
    const common = { bundle: COMPONENT_BUNDLE, baseUrl: server.baseUrl };
    progress("2/4 per-call overhead");
    rows.push(...(await perCallRows({ ...common, ...SETTINGS.perCall })));
    progress("3/4 streams");
    rows.push(...(await streamRows({ ...common, ...SETTINGS.streams })));
    progress("4/4 images");
    rows.push(...(await imageRows({ ...common, ...SETTINGS.images })));
  } finally {
    await server.stop();
  }

  const machine = describeMachine();
  const elapsed = `${(msSince(started) / 1000).toFixed(0)} s`;
  console.log(`\n${machine}\n\n${textTable(rows)}\n`);
  const misses = rows.filter((row) => verdictOf(row) === "MISS").length;
  const goals = rows.filter((row) => verdictOf(row) !== "").length;
  console.log(
    `${goals - misses}/${goals} goals met; whole run ${elapsed} (${builds})${quick ? " (--quick)" : ""}.`,
  );
  if (args.has("--write")) {
    const date = new Date().toISOString().slice(0, 10);
    writeResultsSection(
      `Measured ${date} on: ${machine}.\n\`npm run bench\` took ${elapsed} (${builds}).\n\n${markdownTable(rows)}`,
    );
    progress("BENCHMARKS.md updated");
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
