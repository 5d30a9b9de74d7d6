import { readFileSync } from "node:fs";
import { availableParallelism, cpus, totalmem } from "node:os";

/** The machine the figures come from, as BENCHMARKS.md records it. */
export const describeMachine = (): string => {
  let model = cpus()[0]?.model ?? "unknown CPU";
  try {
    model = /model name\s*:\s*(.+)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? model;
  } catch {
    // Not Linux: os.cpus() is good enough.
  }
  const memory = `${(totalmem() / 1024 ** 3).toFixed(1)} GiB RAM`;
  return `${model.trim()}, ${availableParallelism()} cores, ${memory}, Node ${process.version} (${process.platform}/${process.arch})`;
};
