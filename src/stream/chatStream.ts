import { ChatChoiceAccumulator } from "./chatChoiceAccumulator";
import { consumeEvents } from "./consumeEvents";
import { errorInPayload, malformedStreamError, parseEventData } from "./eventPayload";
import { arrayField, isJsonObject, numberField } from "./jsonValues";
import { LatestFields } from "./latestFields";
import type { ReadSseOptions, SseEvent } from "./readSseEvents";
import { PREVIEW_CHARACTERS, StreamCutOffError } from "./streamErrors";
import type { ChatCompletion, OutputFile, Usage } from "./types";

const DONE_MARKER = "[DONE]";

/** Top-level chunk fields with a place of their own in the assembled completion. */
const PLACED_FIELDS: ReadonlySet<string> = new Set([
  "id",
  "object",
  "created",
  "model",
  "choices",
  "usage",
  "system_fingerprint",
  "citations",
  "service_tier",
  "output_files",
]);

/**
 * Reads a streamed `/v1/chat/completions` response (`stream: true`; see
 * https://docs.x.ai/docs/guides/streaming-response) and returns the `chat.completion` object the same
 * request would have returned without streaming.
 *
 * Throws StreamCutOffError when the stream ends or fails before `data: [DONE]`, StreamEventError when
 * xAI reports an error inside the stream or sends something that is not a chunk, and
 * StreamIdleTimeoutError / the signal's reason as readSseEvents does.
 */
export async function assembleChatStream(
  body: AsyncIterable<Uint8Array | string>,
  options: ReadSseOptions = {},
): Promise<ChatCompletion> {
  const completion = new ChatCompletionAccumulator();
  await consumeEvents(body, options, {
    handle: (event) => completion.handle(event),
    cutOff: (cause) => completion.cutOff(cause),
  });
  return completion.finish();
}

class ChatCompletionAccumulator {
  private readonly fields = new LatestFields();
  private readonly choices = new Map<number, ChatChoiceAccumulator>();
  private chunksSeen = 0;

  /** Takes one event; returns true at `[DONE]`. */
  handle(event: SseEvent): boolean {
    const data = event.data.trim();
    if (data === DONE_MARKER) return true;
    if (data === "") return false;
    const chunk = parseEventData(event);
    const error = errorInPayload(chunk, event.event);
    if (error) throw error;

    this.chunksSeen++;
    for (const [key, value] of Object.entries(chunk)) {
      if (key !== "choices" && key !== "object") this.fields.remember(key, value);
    }
    for (const choice of arrayField(chunk, "choices") ?? []) {
      if (!isJsonObject(choice)) {
        throw malformedStreamError("a chunk's choice is not a JSON object", chunk);
      }
      const index = numberField(choice, "index") ?? 0;
      let accumulator = this.choices.get(index);
      if (!accumulator) {
        accumulator = new ChatChoiceAccumulator(index);
        this.choices.set(index, accumulator);
      }
      accumulator.add(choice);
    }
    return false;
  }

  finish(): ChatCompletion {
    if (this.chunksSeen === 0) {
      throw malformedStreamError("it finished without sending any part of the answer", undefined);
    }
    return this.build();
  }

  cutOff(cause?: unknown): StreamCutOffError {
    let receivedCharacters = 0;
    for (const choice of this.choices.values()) receivedCharacters += choice.receivedCharacters;
    return new StreamCutOffError({
      receivedCharacters,
      receivedTextStart: this.orderedChoices()[0]?.textStart(PREVIEW_CHARACTERS) ?? "",
      partial: this.build(),
      endMarker: DONE_MARKER,
      cause,
    });
  }

  /** Keys in the order of a non-streamed response; fields that never arrived are left out. */
  private build(): ChatCompletion {
    const { fields } = this;
    const id = fields.get("id");
    const created = fields.get("created");
    const model = fields.get("model");
    const usage = fields.get("usage");
    const fingerprint = fields.get("system_fingerprint");
    const citations = fields.get("citations");
    const serviceTier = fields.get("service_tier");
    const outputFiles = fields.get("output_files");
    return {
      ...(typeof id === "string" ? { id } : {}),
      object: "chat.completion",
      ...(typeof created === "number" ? { created } : {}),
      ...(typeof model === "string" ? { model } : {}),
      choices: this.orderedChoices().map((choice) => choice.build()),
      ...(isUsage(usage) || usage === null ? { usage } : {}),
      ...(typeof fingerprint === "string" || fingerprint === null
        ? { system_fingerprint: fingerprint }
        : {}),
      ...(isStringArray(citations) || citations === null ? { citations } : {}),
      ...(typeof serviceTier === "string" ? { service_tier: serviceTier } : {}),
      ...(isOutputFileArray(outputFiles) || outputFiles === null
        ? { output_files: outputFiles }
        : {}),
      ...fields.others(PLACED_FIELDS),
    };
  }

  private orderedChoices(): ChatChoiceAccumulator[] {
    return [...this.choices.values()].sort((a, b) => a.index - b.index);
  }
}

/** Usage is passed through as xAI sent it; only its being an object is checked. */
function isUsage(value: unknown): value is Usage {
  return isJsonObject(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

function isOutputFileArray(value: unknown): value is OutputFile[] {
  return (
    Array.isArray(value) &&
    value.every(
      (file) =>
        isJsonObject(file) && typeof file.file_id === "string" && typeof file.name === "string",
    )
  );
}
