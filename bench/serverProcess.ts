import { spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { ROOT } from "./paths";

export interface ServerProcess {
  /** "http://127.0.0.1:<port>/v1" */
  baseUrl: string;
  stop(): Promise<void>;
}

/** Starts test/server/xaiServer.ts in its own process (see serverMain.ts). */
export const startServerProcess = (): Promise<ServerProcess> =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", join(ROOT, "bench", "serverMain.ts")],
      {
        cwd: ROOT,
        stdio: ["pipe", "pipe", "inherit"],
      },
    );
    const exited = new Promise<void>((done) => child.once("exit", () => done()));
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the xAI test server exited early (${code})`)));
    const lines = createInterface({ input: child.stdout });
    lines.once("line", (line) => {
      const { baseUrl } = JSON.parse(line) as { baseUrl: string };
      resolve({
        baseUrl,
        stop: async () => {
          child.stdin.end();
          await exited;
        },
      });
    });
  });
