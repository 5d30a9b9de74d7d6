/**
 * Assembles a streamed `POST /chat/completions` answer (`chat.completion.chunk` events, then
 * `data: [DONE]`) into the `chat.completion` the same request returns without streaming, the way
 * openai-node's ChatCompletionStream accumulates deltas: text joined, tool-call fragments merged,
 * logprobs and images extended, and any field xAI adds later kept.
 * @see https://docs.x.ai/docs/guides/streaming-response
 */

import { XaiApiError } from "../errors/classes";
import { dataEntries, isJsonObject, type JsonObject as Json, withoutEmpty } from "../inputs/clean";
import { MAX_STREAM_PARTS } from "../limits";
import { type Assembler, eventJson, type SseEvent } from "./sse";

/** Text that arrives in pieces; any other text replaces the one before (an id, a role, a name). */
const JOINED = new Set(["content", "reasoning_content", "refusal", "arguments"]);

/** Fields repeated on every chunk: the last non-null value wins, null only when nothing else came. */
function keep(into: Json, from: Json, skip: ReadonlySet<string>): void {
  for (const [key, value] of dataEntries(from)) {
    if (skip.has(key) || value === undefined || (value === null && key in into)) continue;
    into[key] = value;
  }
}

/**
 * A delta merged into what came before: text joined, lists extended, objects merged, any other
 * value replaced (never by null or "").
 */
function merge(into: Json, delta: Json): Json {
  for (const [key, value] of dataEntries(delta)) {
    const had = into[key];
    if (JOINED.has(key) && (typeof value === "string" || typeof had === "string")) {
      // Text is joined; anything else in its place (an object, null) never replaces it.
      if (typeof value === "string") into[key] = (typeof had === "string" ? had : "") + value;
    } else if (Array.isArray(value) && Array.isArray(had)) {
      for (const item of value) had.push(item); // not push(...value): an event may hold 1M items
    } else if (isJsonObject(value) && isJsonObject(had)) merge(had, value);
    else if (had === undefined || (value !== null && value !== "")) {
      into[key] = value;
    }
  }
  return into;
}

const length = (text: unknown): number => (typeof text === "string" ? text.length : 0);

/** A tool call as a plain response shows it: id, type, function { name, arguments }, the rest. */
function toolCall({ index: _, id, type, function: fn, ...rest }: Json): Json {
  const named = isJsonObject(fn)
    ? withoutEmpty({ name: fn.name, arguments: "", ...fn })
    : undefined;
  return withoutEmpty({ id, type, function: named, ...rest });
}

/** Parts of a choice chunk merged on their own; its other fields are kept as they come. */
const CHOICE_PARTS = new Set(["index", "delta", "logprobs"]);

class Choice {
  private readonly fields: Json = {};
  private readonly message: Json = {};
  private readonly calls = new Map<number, Json>();
  /** Each call's index by its id, and one past the highest index: lookups stay O(1) per fragment. */
  private readonly callIds = new Map<string, number>();
  private nextCall = 0;
  private lastCall?: number;
  private logprobs?: Json;

  constructor(readonly index: number) {}

  /** How many tool calls it holds. */
  get callCount(): number {
    return this.calls.size;
  }

  add(choice: Json): void {
    keep(this.fields, choice, CHOICE_PARTS);
    // Log probabilities arrive a slice per chunk: their token lists are concatenated.
    if (isJsonObject(choice.logprobs)) this.logprobs = merge(this.logprobs ?? {}, choice.logprobs);
    if (!isJsonObject(choice.delta)) return;
    const { tool_calls: calls, ...delta } = choice.delta;
    merge(this.message, delta);
    if (Array.isArray(calls)) for (const call of calls) if (isJsonObject(call)) this.addCall(call);
  }

  /**
   * A fragment joins the call with its `index`, else the call with its `id` (a new id starts a new
   * call), else the one before.
   */
  private addCall(fragment: Json): void {
    let index = Number.isSafeInteger(fragment.index) ? (fragment.index as number) : undefined;
    if (index === undefined && typeof fragment.id === "string") {
      index = this.callIds.get(fragment.id) ?? this.nextCall;
    }
    index ??= this.lastCall ?? 0;
    const call = merge(this.calls.get(index) ?? {}, fragment);
    this.calls.set(index, call);
    if (typeof call.id === "string") this.callIds.set(call.id, index);
    this.nextCall = Math.max(this.nextCall, index + 1);
    this.lastCall = index;
  }

  /** The text that arrived: answer, reasoning, refusal, then each tool call's arguments. */
  texts(): string[] {
    const { content, reasoning_content, refusal } = this.message;
    const args = [...this.calls.values()].map((call) => (call.function as Json)?.arguments);
    const texts = [content, reasoning_content, refusal, ...args];
    return texts.filter((text): text is string => typeof text === "string");
  }

  build(): Json {
    const { role, content, reasoning_content, refusal, images, ...rest } = this.message;
    const calls = [...this.calls].sort(([a], [b]) => a - b).map(([, call]) => toolCall(call));
    // xAI sends content "" beside the role; it stands for the answer only when no tool call does.
    const hasContent = length(content) > 0 || (content === "" && calls.length === 0);
    const message = withoutEmpty({
      role: role ?? "assistant",
      content: hasContent ? content : undefined,
      reasoning_content: length(reasoning_content) ? reasoning_content : undefined,
      refusal: length(refusal) ? refusal : undefined,
      tool_calls: calls.length ? calls : undefined,
      images: Array.isArray(images)
        ? images.filter((image) => typeof image === "string")
        : undefined,
      ...rest,
    });
    const { finish_reason, ...others } = this.fields;
    return withoutEmpty({
      index: this.index,
      message,
      logprobs: this.logprobs,
      finish_reason,
      ...others,
    });
  }
}

/** Top-level fields with a place of their own, in the order of a non-streamed response. */
const ORDERED_FIELDS = [
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
];
/** A chunk's own parts: the answer is a "chat.completion", its choices are merged. */
const CHUNK_PARTS = new Set(["object", "choices"]);

export class ChatCompletionAssembler implements Assembler<Json> {
  readonly endMarker = "data: [DONE]";
  private readonly fields: Json = {};
  private readonly choices = new Map<number, Choice>();
  private chunks = 0;
  /** Choices and tool calls so far, held to MAX_STREAM_PARTS. */
  private parts = 0;

  take(event: SseEvent, redact?: (text: string) => string): boolean {
    const data = event.data.trim();
    if (data === "[DONE]") {
      if (this.chunks > 0) return true;
      throw new XaiApiError(
        "xAI's stream was malformed: it finished without sending any part of the answer",
        { code: "STREAM_ERROR" },
      );
    }
    if (data === "") return false;
    const chunk = eventJson(event, redact);
    this.chunks++;
    keep(this.fields, chunk, CHUNK_PARTS);
    for (const choice of Array.isArray(chunk.choices) ? chunk.choices : []) {
      if (!isJsonObject(choice)) continue;
      const index = typeof choice.index === "number" ? choice.index : 0;
      let accumulated = this.choices.get(index);
      if (!accumulated) {
        accumulated = new Choice(index);
        this.choices.set(index, accumulated);
        this.parts++;
      }
      const calls = accumulated.callCount;
      accumulated.add(choice);
      this.parts += accumulated.callCount - calls;
      if (this.parts > MAX_STREAM_PARTS) {
        throw new XaiApiError(
          `xAI's stream held more than ${MAX_STREAM_PARTS.toLocaleString("en")} choices and tool calls, so reading stopped`,
          { code: "LIMIT_EXCEEDED" },
        );
      }
    }
    return false;
  }

  result(): Json {
    const placed = Object.fromEntries(ORDERED_FIELDS.map((key) => [key, undefined]));
    const choices = this.ordered().map((choice) => choice.build());
    return withoutEmpty({ ...placed, ...this.fields, object: "chat.completion", choices });
  }

  progress() {
    const texts = this.ordered().map((choice) => choice.texts());
    return {
      characters: texts.flat().reduce((total, text) => total + text.length, 0),
      // What a cut-off message quotes: the first choice's first text.
      text: texts[0]?.find((text) => text.length > 0) ?? "",
      partial: this.result(),
    };
  }

  private ordered(): Choice[] {
    return [...this.choices.values()].sort((a, b) => a.index - b.index);
  }
}
