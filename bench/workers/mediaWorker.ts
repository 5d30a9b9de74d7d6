import { createConnection, createHarness } from "@prismatic-io/spectral/dist/testing";
import axios from "axios";
import { BENCH_TOKEN, JSON_HEADERS, loadComponent } from "./clients";
import { type Figures, type Measurement, measureRun } from "./measureRun";
import { readInput, runWorkerMain } from "./workerIo";

/**
 * Benchmark 5, one measurement per process: Get Video with Return File on a finished job whose
 * video is `videoBytes` long, served by the local media host: the whole download as one Buffer.
 * Uses the built bundle once it registers getVideo, else the action from src/ (through tsx).
 */

export interface MediaInput {
  bundle: string;
  baseUrl: string;
  videoBytes: number;
  measurement: Measurement;
}

export interface MediaResult extends Figures {
  fileBytes: number;
  source: "bundle" | "src";
}

type Run = (params: Record<string, unknown>) => Promise<{ data?: unknown } | undefined>;

async function getVideoRunner(
  bundle: string,
  baseUrl: string,
): Promise<{ run: Run; source: MediaResult["source"] }> {
  const built = require(bundle) as { default: { actions: Record<string, unknown> } };
  if (built.default.actions.getVideo) {
    const component = loadComponent(bundle, baseUrl);
    return { run: (params) => component.action("getVideo", params), source: "bundle" };
  }
  process.env.XAI_BASE_URL = baseUrl;
  const { component } = await import("@prismatic-io/spectral");
  const { getVideo } = await import("../../src/actions/videos/getVideo");
  const { xaiGrokConnection } = await import("../../src/connection");
  const { errorHook } = await import("../../src/errors/describe");
  const harness = createHarness(
    component({
      key: "bench-media",
      public: false,
      display: { label: "bench", description: "bench", iconPath: "icon.png" },
      hooks: { error: errorHook },
      connections: [xaiGrokConnection],
      actions: { getVideo },
    }),
  );
  const connection = createConnection(xaiGrokConnection, { token: BENCH_TOKEN });
  return { run: (params) => harness.action("getVideo", { connection, ...params }), source: "src" };
}

/** A finished job (POLLS=0) whose video has `bytes` bytes; started outside the measurement. */
async function finishedJob(baseUrl: string, bytes: number): Promise<string> {
  const body = { prompt: `a lighthouse POLLS=0 VIDEO_BYTES=${bytes}` };
  const started = await axios.post<{ request_id: string }>(`${baseUrl}/videos/generations`, body, {
    headers: JSON_HEADERS,
  });
  return started.data.request_id;
}

const main = async (): Promise<MediaResult> => {
  const { bundle, baseUrl, videoBytes, measurement } = readInput<MediaInput>();
  const { run, source } = await getVideoRunner(bundle, baseUrl);
  const fetch = async (bytes: number) => {
    const requestId = await finishedJob(baseUrl, bytes);
    return () => run({ requestId, waitForCompletion: false, returnFile: true });
  };
  // Warm up with a tiny video so the measured call runs warm code.
  await (await fetch(1000))();
  const measured = await fetch(videoBytes);
  const { result, figures } = await measureRun(measurement, measured);
  const data = result?.data;
  if (!Buffer.isBuffer(data) || data.length !== videoBytes) {
    throw new Error(
      `expected a ${videoBytes}-byte Buffer, got ${Buffer.isBuffer(data) ? data.length : typeof data}`,
    );
  }
  return { ...figures, fileBytes: data.length, source };
};

runWorkerMain(main);
