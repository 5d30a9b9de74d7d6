import { startXaiServer } from "../test/server/xaiServer";

/**
 * Child-process entry: runs the local xAI server on loopback so its CPU and memory are not
 * counted against the client being measured. Prints `{"baseUrl": ...}` once listening and
 * stops when the parent closes stdin.
 */
const main = async (): Promise<void> => {
  const server = await startXaiServer();
  process.stdout.write(`${JSON.stringify({ baseUrl: server.baseUrl })}\n`);
  process.stdin.resume();
  process.stdin.on("end", () => {
    void server.close().then(() => process.exit(0));
  });
};

void main();
