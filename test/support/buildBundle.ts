import { execFileSync } from "node:child_process";
import { join } from "node:path";

/**
 * Jest's globalSetup: builds dist/index.js once per run, so tests can assert what ships (error
 * names after minification, the action list) without each file running webpack.
 */
export default function buildBundle(): void {
  execFileSync("npx", ["webpack", "--no-stats"], { cwd: join(__dirname, "../.."), stdio: "pipe" });
}
