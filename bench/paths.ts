import { join } from "node:path";

/** Where the benchmark reads and writes; every path is absolute. */
export const ROOT = join(__dirname, "..");
export const COMPONENT_BUNDLE = join(ROOT, "dist", "index.js");
export const COMPONENT_SOURCES = join(ROOT, "src");
export const WEBPACK_CONFIG = join(ROOT, "webpack.config.js");
export const FIXTURE_DIR = join(ROOT, "bench", "fixture");
/** Fixture and comparison builds (git-ignored). */
export const BENCH_BUILDS = join(FIXTURE_DIR, "dist");
export const BENCHMARKS_MD = join(ROOT, "BENCHMARKS.md");
export const WORKERS = join(ROOT, "bench", "workers");
