import { readFileSync, writeFileSync } from "node:fs";
import { getHeapStatistics } from "node:v8";

/**
 * Peak memory of this process during one piece of work, two ways:
 * - RSS: Linux resets the peak ("VmHWM") when "5" is written to /proc/self/clear_refs, so
 *   earlier spikes (loading, warm-up) do not hide a smaller peak. RSS also counts memory the
 *   allocators keep after freeing it, which differs between processes by tens of MB.
 * - JS memory (V8 heap in use + external memory such as Buffers), sampled every millisecond;
 *   both clients read the network asynchronously, so the sampler runs between chunks.
 * @see https://man7.org/linux/man-pages/man5/proc_pid_clear_refs.5.html
 */

const collectGarbage = (): void => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("run with --expose-gc");
  gc();
  gc();
};

const peakRssKb = (): number => {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
  return match ? Number(match[1]) : process.resourceUsage().maxRSS;
};

const jsMemoryBytes = (): number => {
  const heap = getHeapStatistics();
  return heap.used_heap_size + heap.external_memory;
};

const SAMPLE_EVERY_MS = 1;

export interface MeasuredPeak<T> {
  value: T;
  /** Peak RSS during `work` minus RSS just before it, in bytes. */
  peakRssAddedBytes: number;
  /** Peak sampled JS memory during `work` minus JS memory just before it, in bytes. */
  peakJsAddedBytes: number;
}

export const measurePeakMemory = async <T>(work: () => Promise<T>): Promise<MeasuredPeak<T>> => {
  collectGarbage();
  const baselineRssKb = process.memoryUsage().rss / 1024;
  const baselineJs = jsMemoryBytes();
  let peakJs = baselineJs;
  const sample = () => {
    peakJs = Math.max(peakJs, jsMemoryBytes());
  };
  writeFileSync("/proc/self/clear_refs", "5");
  const sampler = setInterval(sample, SAMPLE_EVERY_MS);
  try {
    const value = await work();
    sample();
    return {
      value,
      peakRssAddedBytes: Math.max(0, (peakRssKb() - baselineRssKb) * 1024),
      peakJsAddedBytes: peakJs - baselineJs,
    };
  } finally {
    clearInterval(sampler);
  }
};
