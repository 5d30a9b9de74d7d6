/**
 * Assembles a streamed `POST /responses` answer. xAI's events follow OpenAI's Responses streaming
 * (`response.created`, `response.output_item.added`, `response.output_text.delta`, …) and end with a
 * snapshot of the whole response (`response.completed`, `response.incomplete` or `response.failed`):
 * that snapshot is the result, the same object the plain call returns. The deltas are kept only to
 * say what had arrived when a stream is cut off before its snapshot.
 * @see https://docs.x.ai/docs/guides/streaming-response
 */

import { isJsonObject, type JsonObject as Json } from "../inputs/clean";
import { type Assembler, eventJson, type SseEvent } from "./sse";

/** The events that carry the finished response. */
const FINAL_EVENTS = new Set(["response.completed", "response.incomplete", "response.failed"]);

/**
 * The text of every `output_text` part of the messages in a response's `output`, joined in order:
 * the `output_text` OpenAI's SDK adds to a response (and Create Response adds too).
 */
export function outputTextOf(output: unknown): string {
  const messages = Array.isArray(output) ? output : [];
  const parts = messages.flatMap((item) =>
    isJsonObject(item) && item.type === "message" && Array.isArray(item.content)
      ? item.content
      : [],
  );
  const texts = parts.map((part) =>
    isJsonObject(part) && part.type === "output_text" ? part.text : "",
  );
  return texts.filter((text): text is string => typeof text === "string").join("");
}

export class ResponseAssembler implements Assembler<Json> {
  readonly endMarker = "response.completed";
  private final?: Json;
  /** The last snapshot before the end (`response.created`, `response.in_progress`). */
  private started?: Json;
  /** Items finished so far (`response.output_item.done`), for a partial answer. */
  private readonly doneItems: unknown[] = [];
  /** Text deltas of the item being written, joined only when a cut needs them. */
  private pending: string[] = [];
  private pendingItem?: unknown;
  private characters = 0;

  take(event: SseEvent, redact?: (text: string) => string): boolean {
    // `[DONE]` (OpenAI-style end marker) and keep-alive data carry nothing; without the final
    // snapshot the stream then ends as cut off.
    const data = event.data;
    if (data === "[DONE]" || data.trim() === "") return false;
    const json = eventJson(event, redact);
    const type = typeof json.type === "string" ? json.type : event.event;
    if (type === "response.output_text.delta") {
      this.addDelta(typeof json.delta === "string" ? json.delta : "", json.item_id);
      return false;
    }
    if (type !== undefined && FINAL_EVENTS.has(type) && isJsonObject(json.response)) {
      this.final = json.response;
      return true;
    }
    if (type === "response.output_item.done") {
      // The finished item holds its whole text: its deltas are no longer needed.
      this.doneItems.push(json.item);
      this.pending = [];
      this.pendingItem = undefined;
    } else if (isJsonObject(json.response)) {
      this.started = json.response;
    }
    return false;
  }

  private addDelta(delta: string, itemId: unknown): void {
    if (delta) {
      this.pending.push(delta);
      this.characters += delta.length;
    }
    this.pendingItem ??= itemId;
  }

  result(): Json {
    return this.final ?? {};
  }

  progress() {
    const current = this.pending.join("");
    const text = outputTextOf(this.doneItems) + current;
    const output = [...this.doneItems];
    if (current) {
      output.push({
        type: "message",
        ...(typeof this.pendingItem === "string" ? { id: this.pendingItem } : {}),
        role: "assistant",
        status: "incomplete",
        content: [{ type: "output_text", text: current, annotations: [] }],
      });
    }
    return {
      characters: this.characters,
      text,
      partial: { ...this.started, status: "incomplete", output },
    };
  }
}
