import { VIDEO_POLLING } from "../../src/actions/videos/videoJob";
import { type PollClock, pollUntil } from "../../src/http/poll";

/** Time that passes only when the poller sleeps; no server (the schedule alone is measured). */
function fakeClock(): PollClock & { t: number } {
  const clock = {
    t: 0,
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.t += ms;
    },
  };
  return clock;
}

/** Checks sent for a job that is done `jobMs` after it started, on VIDEO_POLLING. */
async function checksFor(
  jobMs: number,
  retryAfter?: string,
): Promise<{ checks: number; waits: number[] }> {
  const clock = fakeClock();
  const waits: number[] = [];
  let checks = 0;
  const sleep = clock.sleep;
  clock.sleep = async (ms) => {
    waits.push(ms);
    await sleep(ms);
  };
  await pollUntil({
    check: async () => {
      checks++;
      return clock.t >= jobMs
        ? { done: true, value: "done" }
        : { done: false, headers: retryAfter ? { "retry-after": retryAfter } : {} };
    },
    schedule: VIDEO_POLLING,
    what: "job",
    onDeadline: () => new Error("deadline"),
    waitFirst: true,
    clock,
  });
  return { checks, waits };
}

describe("pollUntil on the video schedule", () => {
  it("waits 2 s first, backs off by 1.5x to 15 s", async () => {
    const { waits } = await checksFor(120_000);
    expect(waits.slice(0, 7)).toEqual([2000, 3000, 4500, 6750, 10125, 15000, 15000]);
  });

  it("sends at most 12 requests (start + checks) for a 60 s job", async () => {
    const { checks } = await checksFor(60_000);
    expect(1 + checks).toBeLessThanOrEqual(12);
  });

  it("honours a Retry-After only up to 60 s, as for retries: an hour would sleep past the deadline", async () => {
    const { waits, checks } = await checksFor(200_000, "86400");
    expect(waits).toEqual([2000, 60_000, 60_000, 60_000, 60_000]);
    expect(checks).toBe(5);
  });

  it("honours Retry-After instead of the backoff", async () => {
    const { waits } = await checksFor(10_000, "4");
    expect(waits).toEqual([2000, 4000, 4000]);
  });

  it("stops at the deadline with the error it is given", async () => {
    const clock = fakeClock();
    const lines: string[] = [];
    const polled = pollUntil({
      check: async () => ({ done: false }),
      schedule: { ...VIDEO_POLLING, deadlineMs: 60_000 },
      what: "job",
      onDeadline: (elapsed) => new Error(`gave up after ${elapsed} ms`),
      clock,
      log: (line) => lines.push(line),
    });
    await expect(polled).rejects.toThrow("gave up after 60000 ms");
    expect(lines[0]).toBe("job: not done at check 1 after 0 ms; checking again in 2 s");
  });
});
