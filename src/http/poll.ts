/**
 * A generic poller for xAI's deferred work (videos, background responses): check, and while not
 * done wait — from `startMs`, growing by `factor` up to `maxMs`, or what the server's Retry-After
 * asks — until done or `deadlineMs` has passed. Each wait is logged with the time elapsed.
 */

import { setTimeout as sleep } from "node:timers/promises";
import { formatDuration } from "../errors/text";
import { MAX_RETRY_AFTER_MS } from "../limits";
import { retryAfterMs } from "./retry";

export interface PollSchedule {
  /** First wait. */
  startMs: number;
  /** Longest wait the backoff grows to (a Retry-After may ask for longer). */
  maxMs: number;
  /** Growth of the wait after each check; default 1.5. */
  factor?: number;
  /** Shortest wait, even when Retry-After says 0; default 500 ms. */
  minMs?: number;
  /** Give up when this long has passed since polling began. */
  deadlineMs: number;
}

/** Time, replaceable so a schedule can be measured without waiting (the benchmark does). */
export interface PollClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: PollClock = {
  now: () => Date.now(),
  sleep: (ms, signal) => sleep(ms, undefined, { signal }),
};

/** One check's outcome: the value when done, else the answer's headers (for Retry-After). */
export type PollCheck<T> =
  | { done: true; value: T }
  | { done: false; headers?: unknown /** e.g. "progress 40 %" */; note?: string };

export interface PollOptions<T> {
  check: () => Promise<PollCheck<T>>;
  schedule: PollSchedule;
  /** What is awaited, for the log: "video 3f2a…". */
  what: string;
  /** The error when the deadline passes, given the time elapsed. */
  onDeadline: (elapsedMs: number) => Error;
  /** Wait `startMs` before the first check (work just started cannot be done yet). */
  waitFirst?: boolean;
  signal?: AbortSignal;
  log?: (line: string) => void;
  clock?: PollClock;
}

/** Checks until done; throws `onDeadline(elapsed)` once the deadline passes. */
export async function pollUntil<T>(options: PollOptions<T>): Promise<T> {
  const { check, schedule, what, onDeadline, signal, log, clock = realClock } = options;
  const factor = schedule.factor ?? 1.5;
  const minMs = schedule.minMs ?? 500;
  const started = clock.now();
  let interval = schedule.startMs;
  let waitNext = options.waitFirst ? interval : undefined;
  let why = "started";
  for (let checks = 1; ; checks++) {
    if (waitNext !== undefined) {
      const elapsed = clock.now() - started;
      const left = schedule.deadlineMs - elapsed;
      if (left <= 0) throw onDeadline(elapsed);
      const ms = Math.min(waitNext, left);
      log?.(
        `${what}: ${why} after ${formatDuration(elapsed)}; checking again in ${formatDuration(ms)}`,
      );
      interval = Math.min(schedule.maxMs, interval * factor);
      // The call's own deadline ending the wait is reported as this poll's deadline.
      await clock.sleep(ms, signal).catch((error) => {
        throw signal?.aborted ? onDeadline(clock.now() - started) : error;
      });
    }
    const result = await check();
    if (result.done) return result.value;
    // A server's Retry-After is honoured up to MAX_RETRY_AFTER_MS, as for retries: checking again
    // after an hour would spend the whole deadline asleep.
    const asked = retryAfterMs(result.headers);
    waitNext = Math.max(
      minMs,
      asked === undefined ? interval : Math.min(asked, MAX_RETRY_AFTER_MS),
    );
    why = `not done at check ${checks}${result.note ? ` (${result.note})` : ""}`;
  }
}
