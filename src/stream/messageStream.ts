import { consumeEvents } from "./consumeEvents";
import { ContentBlockAccumulator } from "./contentBlockAccumulator";
import { errorInPayload, malformedStreamError, parseEventData } from "./eventPayload";
import { isJsonObject, numberField, objectField, stringField } from "./jsonValues";
import { LatestFields } from "./latestFields";
import type { ReadSseOptions, SseEvent } from "./readSseEvents";
import { PREVIEW_CHARACTERS, StreamCutOffError } from "./streamErrors";
import type { JsonObject, MessageResponse, MessageUsage } from "./types";

const END_EVENT = "message_stop";

/** Message fields with a place of their own in the assembled message. */
const PLACED_FIELDS: ReadonlySet<string> = new Set([
  "id",
  "type",
  "role",
  "content",
  "model",
  "stop_reason",
  "stop_sequence",
  "usage",
]);

/**
 * Reads a streamed `/v1/messages` response (Anthropic-compatible, `stream: true`; event shapes as in
 * https://docs.anthropic.com/en/docs/build-with-claude/streaming) and returns the message the same
 * request would have returned without streaming.
 *
 * Throws StreamCutOffError when the stream ends or fails before `message_stop`, StreamEventError when
 * xAI sends an `error` event or something unreadable, and StreamIdleTimeoutError / the signal's reason
 * as readSseEvents does.
 */
export async function assembleMessageStream(
  body: AsyncIterable<Uint8Array | string>,
  options: ReadSseOptions = {},
): Promise<MessageResponse> {
  const message = new MessageAccumulator();
  await consumeEvents(body, options, {
    handle: (event) => message.handle(event),
    cutOff: (cause) => message.cutOff(cause),
  });
  return message.finish();
}

class MessageAccumulator {
  private readonly fields = new LatestFields();
  private usage: JsonObject | undefined;
  private started = false;
  private readonly blocks = new Map<number, ContentBlockAccumulator>();

  /** Takes one event; returns true at `message_stop`. */
  handle(event: SseEvent): boolean {
    // Some servers end with `data: [DONE]` as chat streams do; only message_stop ends a message.
    if (event.data.trim() === "[DONE]") return false;
    const payload = parseEventData(event);
    const type = event.event ?? stringField(payload, "type");
    const error = errorInPayload(payload, type);
    if (error) throw error;

    switch (type) {
      case "message_start":
        this.start(objectField(payload, "message") ?? {});
        break;
      case "content_block_start": {
        const index = this.blockIndex(payload);
        const start = objectField(payload, "content_block") ?? {};
        this.blocks.set(index, new ContentBlockAccumulator(index, start));
        break;
      }
      case "content_block_delta":
        this.addDelta(this.blockIndex(payload), objectField(payload, "delta") ?? {});
        break;
      case "content_block_stop":
        this.blocks.get(this.blockIndex(payload))?.stop();
        break;
      case "message_delta":
        this.addMessageDelta(payload);
        break;
      case END_EVENT:
        return true;
      default:
        // `ping` keeps the connection alive; event types added later carry nothing to merge.
        break;
    }
    return false;
  }

  finish(): MessageResponse {
    if (!this.started) {
      throw malformedStreamError(`it sent ${END_EVENT} without a message_start`, undefined);
    }
    return this.build(true);
  }

  cutOff(cause?: unknown): StreamCutOffError {
    let receivedCharacters = 0;
    for (const block of this.blocks.values()) receivedCharacters += block.receivedCharacters;
    return new StreamCutOffError({
      receivedCharacters,
      receivedTextStart: this.receivedTextStart(),
      partial: this.build(false),
      endMarker: END_EVENT,
      cause,
    });
  }

  private start(message: JsonObject): void {
    this.started = true;
    for (const [key, value] of Object.entries(message)) {
      if (key === "usage") this.mergeUsage(value);
      else if (key !== "content") this.fields.remember(key, value);
    }
  }

  private addDelta(index: number, delta: JsonObject): void {
    let block = this.blocks.get(index);
    if (!block) {
      block = ContentBlockAccumulator.fromDelta(index, delta);
      this.blocks.set(index, block);
    }
    block.addDelta(delta);
  }

  /** `message_delta` carries the stop reason and the final output token count. */
  private addMessageDelta(payload: JsonObject): void {
    const delta = objectField(payload, "delta") ?? {};
    for (const [key, value] of Object.entries(delta)) this.fields.remember(key, value);
    this.mergeUsage(payload.usage);
  }

  /** Later usage numbers win over message_start's; a null in a later event erases nothing. */
  private mergeUsage(usage: unknown): void {
    if (!isJsonObject(usage)) return;
    this.usage ??= {};
    for (const [key, value] of Object.entries(usage)) {
      if (value !== null && value !== undefined) this.usage[key] = value;
      else if (!(key in this.usage)) this.usage[key] = value;
    }
  }

  private blockIndex(payload: JsonObject): number {
    return numberField(payload, "index") ?? 0;
  }

  private orderedBlocks(): ContentBlockAccumulator[] {
    return [...this.blocks.values()].sort((a, b) => a.index - b.index);
  }

  private receivedTextStart(): string {
    const blocks = this.orderedBlocks();
    for (const kind of ["text", "thinking", "input"] as const) {
      const start = takeStart(blocks, kind);
      if (start !== "") return start;
    }
    return "";
  }

  /** Keys in the order of a non-streamed response; fields that never arrived are left out. */
  private build(complete: boolean): MessageResponse {
    const { fields } = this;
    const id = fields.get("id");
    const role = fields.get("role");
    const model = fields.get("model");
    const stopReason = fields.get("stop_reason");
    const stopSequence = fields.get("stop_sequence");
    const usage: MessageUsage | undefined = this.usage;
    return {
      ...(typeof id === "string" ? { id } : {}),
      type: "message",
      ...(typeof role === "string" ? { role } : {}),
      content: this.orderedBlocks().map((block) => block.build(complete)),
      ...(typeof model === "string" ? { model } : {}),
      ...(typeof stopReason === "string" || stopReason === null ? { stop_reason: stopReason } : {}),
      ...(typeof stopSequence === "string" || stopSequence === null
        ? { stop_sequence: stopSequence }
        : {}),
      ...(usage ? { usage } : {}),
      ...fields.others(PLACED_FIELDS),
    };
  }
}

/** The first ~500 characters of one kind of text, across blocks in order. */
function takeStart(blocks: ContentBlockAccumulator[], kind: "text" | "thinking" | "input"): string {
  const pieces: string[] = [];
  let length = 0;
  for (const block of blocks) {
    if (length >= PREVIEW_CHARACTERS) break;
    const piece = block.textStart(kind, PREVIEW_CHARACTERS - length);
    pieces.push(piece);
    length += piece.length;
  }
  return pieces.join("");
}
