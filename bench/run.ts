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
import { mediaRows } from "./suites/media";
import { perCallRows } from "./suites/perCall";
import { responseStreamRows } from "./suites/responsesStream";
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
  // The team's standard: at least 3,000 warm-up calls per client before per-call figures.
  perCall: {
    processes: quick ? 1 : 3,
    warmupRounds: 3_000,
    rounds: quick ? 100 : 400,
    executionStateEntries: 10_000,
  },
  streams: { sizes: [20_000, 40_000], runs: quick ? 1 : 5, warmupWords: 2_000 },
  images: { n: 10, b64Chars: 2 * 1024 * 1024, runs: quick ? 1 : 5 },
  responsesStream: { sizes: [20_000, 40_000], runs: quick ? 1 : 5, warmupWords: 2_000 },
  media: { videoBytes: 50 * 1024 * 1024, runs: quick ? 1 : 3, jobMs: 60_000 },
};

/** Where the local xAI server runs, stated with the results (see serverProcess.ts). */
const SERVER_PLACEMENT =
  "the local xAI server (test/server) runs in its own process (bench/serverMain.ts) on 127.0.0.1; every measurement runs in a fresh child process";

/** What every suite that calls the server needs. */
interface Common {
  bundle: string;
  baseUrl: string;
}

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
  // The suites in BENCHMARKS.md's order ("What is measured"); each returns its table rows.
  // Cold load needs no server and runs before the server process starts.
  const serverSuites: [string, (common: Common) => Promise<Row[]>][] = [
    [
      `per-call overhead (${SETTINGS.perCall.warmupRounds} warm-up calls per client)`,
      (common) => perCallRows({ ...common, ...SETTINGS.perCall }),
    ],
    ["chat streams", (common) => streamRows({ ...common, ...SETTINGS.streams })],
    ["images", (common) => imageRows({ ...common, ...SETTINGS.images })],
    [
      "Responses streams",
      (common) => responseStreamRows({ ...common, ...SETTINGS.responsesStream }),
    ],
    ["media", (common) => mediaRows({ ...common, ...SETTINGS.media })],
  ];
  const total = serverSuites.length + 1;
  progress(`1/${total} cold load (${SETTINGS.coldLoadRuns} fresh processes per bundle)`);
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
    const common: Common = { bundle: COMPONENT_BUNDLE, baseUrl: server.baseUrl };
    for (const [index, [name, run]] of serverSuites.entries()) {
      progress(`${index + 2}/${total} ${name}`);
      // The table numbers benchmarks by their place here (cold load is 1).
      const benchmark = index + 2;
      rows.push(...(await run(common)).map((row) => ({ ...row, benchmark })));
    }
  } finally {
    await server.stop();
  }

  const machine = describeMachine();
  const elapsed = `${(msSince(started) / 1000).toFixed(0)} s`;
  console.log(`\n${machine}\nServer: ${SERVER_PLACEMENT}.\n\n${textTable(rows)}\n`);
  const misses = rows.filter((row) => verdictOf(row) === "MISS").length;
  const goals = rows.filter((row) => verdictOf(row) !== "").length;
  console.log(
    `${goals - misses}/${goals} goals met; whole run ${elapsed} (${builds})${quick ? " (--quick)" : ""}.`,
  );
  if (args.has("--write")) {
    const date = new Date().toISOString().slice(0, 10);
    writeResultsSection(
      `Measured ${date} on: ${machine}.\nServer: ${SERVER_PLACEMENT}.\n\`npm run bench\` took ${elapsed} (${builds}).\n\n${markdownTable(rows)}`,
    );
    progress("BENCHMARKS.md updated");
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
