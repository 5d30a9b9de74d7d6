import type { ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";

/** What to send for one request, decided before any byte is written. */
export interface PlannedResponse {
  status: number;
  headers: Record<string, string>;
  /** A complete body, sent with Content-Length. */
  body?: string;
  /** Server-sent events, sent chunked; each one its own network write unless `batched`. */
  events?: string[];
  /** Coalesce events into ~64 KB writes without gaps (huge benchmark streams). */
  batched?: boolean;
}

export interface WriteOptions {
  /** Destroy the socket once this many body bytes have been written. */
  resetAfterBytes?: number;
}

/** Gap between separately written SSE events, so each lands in its own TCP segment. */
const EVENT_GAP_MS = 1;
const BATCH_BYTES = 64 * 1024;

/**
 * Writes body text while counting bytes; cuts the connection after `limit` bytes.
 * Resolves `false` once the response can no longer be written (cut or closed by the client).
 */
class BodyWriter {
  private remaining: number;
  private stopped = false;

  constructor(
    private readonly response: ServerResponse,
    limit: number | undefined,
  ) {
    this.remaining = limit ?? Number.POSITIVE_INFINITY;
    response.once("close", () => {
      this.stopped = true;
    });
  }

  get open(): boolean {
    return !this.stopped && !this.response.destroyed;
  }

  async write(text: string): Promise<boolean> {
    if (!this.open) return false;
    if (this.remaining === Number.POSITIVE_INFINITY) {
      if (!this.response.write(text)) await this.drained();
      return this.open;
    }
    const bytes = Buffer.from(text);
    if (bytes.length < this.remaining) {
      this.remaining -= bytes.length;
      if (!this.response.write(bytes)) await this.drained();
      return this.open;
    }
    await this.cut(bytes.subarray(0, this.remaining));
    return false;
  }

  /** Sends the last allowed bytes, then destroys the socket mid-body. */
  private async cut(lastBytes: Buffer): Promise<void> {
    this.stopped = true;
    if (lastBytes.length > 0) {
      await new Promise<void>((resolve) => this.response.write(lastBytes, () => resolve()));
    }
    this.response.socket?.destroy();
    this.response.destroy();
  }

  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.response.off("drain", done);
        this.response.off("close", done);
        resolve();
      };
      this.response.on("drain", done);
      this.response.on("close", done);
    });
  }
}

async function writeEventsSeparately(writer: BodyWriter, events: string[]): Promise<boolean> {
  for (let index = 0; index < events.length; index++) {
    if (index > 0) await sleep(EVENT_GAP_MS);
    if (!(await writer.write(events[index]))) return false;
  }
  return true;
}

async function writeEventsBatched(writer: BodyWriter, events: string[]): Promise<boolean> {
  let batch = "";
  for (const event of events) {
    batch += event;
    if (batch.length < BATCH_BYTES) continue;
    if (!(await writer.write(batch))) return false;
    batch = "";
    // Yield so the client (often in the same process) can consume what was written.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return batch === "" || writer.write(batch);
}

/** Sends a planned response, honouring `resetAfterBytes`. Never throws on client disconnects. */
export async function writePlannedResponse(
  response: ServerResponse,
  plan: PlannedResponse,
  options: WriteOptions = {},
): Promise<void> {
  if (response.destroyed) return;
  const headers = { ...plan.headers };
  if (plan.body !== undefined) headers["content-length"] = String(Buffer.byteLength(plan.body));
  response.writeHead(plan.status, headers);
  response.flushHeaders();
  const writer = new BodyWriter(response, options.resetAfterBytes);
  let complete: boolean;
  if (plan.events) {
    complete = plan.batched
      ? await writeEventsBatched(writer, plan.events)
      : await writeEventsSeparately(writer, plan.events);
  } else {
    complete = plan.body === undefined || plan.body === "" || (await writer.write(plan.body));
  }
  if (complete && writer.open) response.end();
}
