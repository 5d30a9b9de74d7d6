import type { ServerResponse } from "node:http";
import type { PlannedResponse } from "./responseWriter";

/** A planned response whose body is bytes (file downloads), written by writeBinaryPlan. */
export interface BinaryPlan extends PlannedResponse {
  bytes: Buffer;
}

export function isBinaryPlan(plan: PlannedResponse): plan is BinaryPlan {
  return Buffer.isBuffer((plan as Partial<BinaryPlan>).bytes);
}

function waitForDrain(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off("drain", done);
      response.off("close", done);
      resolve();
    };
    response.on("drain", done);
    response.on("close", done);
  });
}

/**
 * Writes body chunks with backpressure (so huge generated bodies stay out of memory). With
 * `cutAfterBytes`, destroys the socket once that many body bytes are out, whatever
 * Content-Length promised. Never throws on client disconnects.
 */
export async function writeChunks(
  response: ServerResponse,
  chunks: Iterable<Buffer>,
  cutAfterBytes?: number,
): Promise<void> {
  let remaining = cutAfterBytes ?? Number.POSITIVE_INFINITY;
  // The status line and headers go out even when the cut comes before any body byte.
  response.flushHeaders();
  for (const chunk of chunks) {
    if (response.destroyed) return;
    if (chunk.length > remaining) {
      const last = chunk.subarray(0, remaining);
      if (last.length > 0) {
        await new Promise<void>((resolve) => response.write(last, () => resolve()));
      }
      response.socket?.destroy();
      response.destroy();
      return;
    }
    remaining -= chunk.length;
    if (!response.write(chunk)) await waitForDrain(response);
  }
  if (!response.destroyed) response.end();
}

export async function writeBinaryPlan(
  response: ServerResponse,
  plan: BinaryPlan,
  options: { resetAfterBytes?: number } = {},
): Promise<void> {
  if (response.destroyed) return;
  response.writeHead(plan.status, {
    ...plan.headers,
    "content-length": String(plan.bytes.length),
  });
  await writeChunks(response, [plan.bytes], options.resetAfterBytes);
}
