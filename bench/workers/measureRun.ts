import { msSince } from "../stats";
import { measurePeakMemory } from "./memory";

/**
 * One measured run in a worker process: either its time or its memory, never both, since the
 * memory sampler would slow the timed run (so each kind gets its own fresh processes).
 */
export type Measurement = "time" | "memory";

export interface Figures {
  /** Wall-clock time. */
  ms?: number;
  /** CPU time of this process (user + system), which leaves out the server's share. */
  cpuMs?: number;
  peakRssAddedBytes?: number;
  peakJsAddedBytes?: number;
}

export const measureRun = async <T>(
  measurement: Measurement,
  work: () => Promise<T>,
): Promise<{ result: T; figures: Figures }> => {
  if (measurement === "memory") {
    const { value, peakRssAddedBytes, peakJsAddedBytes } = await measurePeakMemory(work);
    return { result: value, figures: { peakRssAddedBytes, peakJsAddedBytes } };
  }
  const cpuBefore = process.cpuUsage();
  const start = process.hrtime.bigint();
  const result = await work();
  const ms = msSince(start);
  const cpu = process.cpuUsage(cpuBefore);
  return { result, figures: { ms, cpuMs: (cpu.user + cpu.system) / 1000 } };
};
