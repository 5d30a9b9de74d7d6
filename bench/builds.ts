import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import webpack, { type Configuration } from "webpack";
import {
  BENCH_BUILDS,
  COMPONENT_BUNDLE,
  COMPONENT_SOURCES,
  FIXTURE_DIR,
  ROOT,
  WEBPACK_CONFIG,
} from "./paths";

interface ConfigOptions {
  entry?: string;
  outputDir?: string;
  tsconfig?: string;
  trimmed?: boolean;
}

// The same factory `npm run build` uses (webpack.config.js is plain JavaScript).
const { createConfig } = require(WEBPACK_CONFIG) as {
  createConfig: (options?: ConfigOptions) => Configuration;
};

/** Inputs every bundle depends on, besides its own sources. */
const SHARED_INPUTS = [
  WEBPACK_CONFIG,
  join(ROOT, "package-lock.json"),
  join(ROOT, "tsconfig.json"),
];
const FIXTURE_INPUTS = [join(FIXTURE_DIR, "src"), join(FIXTURE_DIR, "tsconfig.json")];
const COMPONENT_INPUTS = [
  COMPONENT_SOURCES,
  join(ROOT, "tsconfig.build.json"),
  join(ROOT, "assets"),
];

const newestChange = (path: string): number => {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(
    stats.mtimeMs,
    ...readdirSync(path).map((name) => newestChange(join(path, name))),
  );
};

const isStale = (output: string, inputs: string[]): boolean =>
  !existsSync(output) || statSync(output).mtimeMs < Math.max(...inputs.map(newestChange));

/** `npm run build`, when dist/index.js is missing or older than what it is built from. */
export const ensureComponentBuild = (): boolean => {
  if (!isStale(COMPONENT_BUNDLE, [...COMPONENT_INPUTS, ...SHARED_INPUTS])) return false;
  const build = spawnSync("npm", ["run", "build", "--silent"], { cwd: ROOT, encoding: "utf8" });
  if (build.status !== 0) {
    throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
  }
  return true;
};

const runWebpack = (config: Configuration): Promise<void> =>
  new Promise((resolve, reject) => {
    webpack(config, (error, stats) => {
      if (error || !stats) return reject(error ?? new Error("webpack returned no stats"));
      if (stats.hasErrors()) return reject(new Error(stats.toString("errors-only")));
      resolve();
    });
  });

export interface ComparisonBuild {
  /** The bundle's index.js. */
  bundle: string;
  rebuilt: boolean;
}

const comparisonBuild = async (
  name: string,
  inputs: string[],
  options: ConfigOptions,
): Promise<ComparisonBuild> => {
  const outputDir = join(BENCH_BUILDS, name);
  const bundle = join(outputDir, "index.js");
  if (!isStale(bundle, [...inputs, ...SHARED_INPUTS])) return { bundle, rebuilt: false };
  await runWebpack(createConfig({ ...options, outputDir }));
  return { bundle, rebuilt: true };
};

const FIXTURE_OPTIONS: ConfigOptions = {
  entry: "./bench/fixture/src/index.ts",
  tsconfig: "bench/fixture/tsconfig.json",
};

/** The minimal fixture with the project's (trimmed) config. */
export const buildFixture = () => comparisonBuild("fixture", FIXTURE_INPUTS, FIXTURE_OPTIONS);

/** The minimal fixture and the component with webpack's defaults (no trimming), for comparison. */
export const buildFixtureUntrimmed = () =>
  comparisonBuild("fixture-untrimmed", FIXTURE_INPUTS, { ...FIXTURE_OPTIONS, trimmed: false });

export const buildComponentUntrimmed = () =>
  comparisonBuild("component-untrimmed", COMPONENT_INPUTS, { trimmed: false });
