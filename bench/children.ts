import { spawn } from "node:child_process";
import { join } from "node:path";
import { ROOT, WORKERS } from "./paths";

/** Node flags for TypeScript workers: tsx's loader, and `gc()` for clean memory baselines. */
const TS_WORKER_FLAGS = ["--import", "tsx", "--expose-gc"];

export interface ChildOptions {
  env?: Record<string, string>;
  /** Kill the child after this long (a hung benchmark must not hang `npm run bench`). */
  timeoutMs?: number;
}

/**
 * Runs `node <args>` in a fresh process and returns the JSON object it printed as its last
 * stdout line. Rejects with the child's stderr when it fails.
 */
export const runNodeJson = <T>(args: string[], options: ChildOptions = {}): Promise<T> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (text: string) => {
      stdout += text;
    });
    child.stderr.setEncoding("utf8").on("data", (text: string) => {
      stderr += text;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 120_000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const lastLine = stdout.trim().split("\n").pop() ?? "";
      if (code !== 0) {
        reject(new Error(`node ${args.join(" ")} exited with ${code ?? signal}:\n${stderr}`));
        return;
      }
      try {
        resolve(JSON.parse(lastLine) as T);
      } catch {
        reject(new Error(`node ${args.join(" ")} printed no JSON result:\n${stdout}\n${stderr}`));
      }
    });
  });

/** Runs one of bench/workers/*.ts in a fresh process with `input` and returns its result. */
export const runWorker = <TInput, TResult>(
  worker: string,
  input: TInput,
  options: ChildOptions = {},
): Promise<TResult> =>
  runNodeJson<TResult>([...TS_WORKER_FLAGS, join(WORKERS, worker), JSON.stringify(input)], options);
