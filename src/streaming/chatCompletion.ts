/**
 * Assembles a streamed `POST /chat/completions` answer (`chat.completion.chunk` events, then
 * `data: [DONE]`) into the `chat.completion` the same request returns without streaming: every
 * choice, content, reasoning, refusal, tool calls (fragments merged), logprobs, finish reason, usage,
 * citations and any field xAI adds later.
 * @see https://docs.x.ai/docs/guides/streaming-response
 */

import { XaiApiError } from "../errors/classes";
import { isJsonObject, type JsonObject as Json, withoutEmpty } from "../inputs/clean";
import { type Assembler, eventJson, type SseEvent } from "./sse";

const str = (record: Json, key: string): string | undefined =>
  typeof record[key] === "string" ? (record[key] as string) : undefined;

/**
 * Fields repeated on every chunk, kept as a plain response shows them: the last non-null value wins,
 * null only when nothing else came, absent when never sent; in order of first arrival.
 */
class Latest {
  private readonly values = new Map<string, unknown>();
  /** Remembers every field of `record` but those in `skip`. */
  remember(record: Json, skip: ReadonlySet<string>): void {
    for (const [key, value] of Object.entries(record)) {
      if (skip.has(key) || value === undefined || (value === null && this.values.has(key)))
        continue;
      this.values.set(key, value);
    }
  }
  get(key: string): unknown {
    return this.values.get(key);
  }
  /** The fields not in `placed`, to spread into a result. */
  others(placed: ReadonlySet<string>): Json {
    return Object.fromEntries([...this.values].filter(([key]) => !placed.has(key)));
  }
}

/** Text pieces joined once at the end: O(n) for n characters. */
class Text {
  private readonly parts: string[] = [];
  length = 0;
  arrived = false;
  add(piece: unknown): void {
    if (typeof piece !== "string") return;
    this.arrived = true;
    if (piece === "") return;
    this.parts.push(piece);
    this.length += piece.length;
  }
  join(): string {
    const joined = this.parts.join("");
    this.parts.splice(0, this.parts.length, joined);
    return joined;
  }
}

const TOOL_CALL_FIELDS = new Set(["index", "id", "type", "function"]);

class ToolCall {
  id?: string;
  type?: string;
  name?: string;
  readonly args = new Text();
  hasFunction = false;
  readonly rest = new Latest();
  add(fragment: Json): void {
    this.id = str(fragment, "id") ?? this.id;
    this.type = str(fragment, "type") ?? this.type;
    const fn = fragment.function;
    if (isJsonObject(fn)) {
      this.hasFunction = true;
      // Like OpenAI's SDK: a name replaces the previous one, argument fragments are concatenated.
      this.name = str(fn, "name") || this.name;
      this.args.add(fn.arguments ?? "");
    }
    this.rest.remember(fragment, TOOL_CALL_FIELDS);
  }
  build(): Json {
    const fn = this.hasFunction ? { name: this.name, arguments: this.args.join() } : undefined;
    return withoutEmpty({
      id: this.id,
      type: this.type,
      function: fn && withoutEmpty(fn),
      ...this.rest.others(TOOL_CALL_FIELDS),
    });
  }
}

/** Parts of a choice chunk merged on their own; `finish_reason` is remembered with the rest. */
const CHOICE_PARTS = new Set(["index", "delta", "logprobs"]);
const CHOICE_FIELDS = new Set([...CHOICE_PARTS, "finish_reason"]);
const DELTA_FIELDS = new Set([
  "role",
  "content",
  "reasoning_content",
  "refusal",
  "tool_calls",
  "images",
]);

class Choice {
  role?: string;
  readonly content = new Text();
  readonly reasoning = new Text();
  readonly refusal = new Text();
  readonly toolCalls = new Map<number, ToolCall>();
  private lastToolIndex?: number;
  images?: unknown[];
  readonly messageRest = new Latest();
  readonly choiceRest = new Latest();
  logprobs?: Map<string, unknown[]>;
  readonly logprobsRest = new Latest();

  constructor(readonly index: number) {}

  add(choice: Json): void {
    this.choiceRest.remember(choice, CHOICE_PARTS);
    if (isJsonObject(choice.logprobs)) this.addLogprobs(choice.logprobs);
    const delta = choice.delta;
    if (!isJsonObject(delta)) return;
    this.role = str(delta, "role") ?? this.role;
    this.content.add(delta.content);
    this.reasoning.add(delta.reasoning_content);
    this.refusal.add(delta.refusal);
    if (Array.isArray(delta.tool_calls))
      for (const call of delta.tool_calls) this.addToolCall(call);
    if (Array.isArray(delta.images)) this.images = [...(this.images ?? []), ...delta.images];
    this.messageRest.remember(delta, DELTA_FIELDS);
  }

  /** A fragment joins the call with its `index`, else the call with its `id`, else the one before. */
  private addToolCall(fragment: unknown): void {
    if (!isJsonObject(fragment)) return;
    let index = typeof fragment.index === "number" ? fragment.index : undefined;
    const id = str(fragment, "id");
    if (index === undefined && id !== undefined) {
      index = [...this.toolCalls].find(([, call]) => call.id === id)?.[0];
      index ??= this.toolCalls.size === 0 ? 0 : Math.max(...this.toolCalls.keys()) + 1;
    }
    index ??= this.lastToolIndex ?? 0;
    const call = this.toolCalls.get(index) ?? new ToolCall();
    this.toolCalls.set(index, call);
    call.add(fragment);
    this.lastToolIndex = index;
  }

  /** Log probabilities arrive a slice per chunk: their token lists are concatenated. */
  private addLogprobs(logprobs: Json): void {
    this.logprobs ??= new Map();
    for (const [key, value] of Object.entries(logprobs)) {
      if (Array.isArray(value)) {
        const list = this.logprobs.get(key) ?? [];
        list.push(...value);
        this.logprobs.set(key, list);
      }
    }
    this.logprobsRest.remember(logprobs, new Set(this.logprobs.keys()));
  }

  get characters(): number {
    let total = this.content.length + this.reasoning.length + this.refusal.length;
    for (const call of this.toolCalls.values()) total += call.args.length;
    return total;
  }

  text(): string {
    for (const text of [this.content, this.reasoning, this.refusal])
      if (text.length) return text.join();
    return [...this.toolCalls.values()][0]?.args.join() ?? "";
  }

  build(): Json {
    const calls = [...this.toolCalls].sort(([a], [b]) => a - b).map(([, call]) => call.build());
    // xAI sends content "" beside the role; it stands for the answer only when no tool call does.
    const hasContent = this.content.length > 0 || (this.content.arrived && calls.length === 0);
    const message = withoutEmpty({
      role: this.role ?? "assistant",
      content: hasContent ? this.content.join() : undefined,
      reasoning_content: this.reasoning.length ? this.reasoning.join() : undefined,
      refusal: this.refusal.length ? this.refusal.join() : undefined,
      tool_calls: calls.length ? calls : undefined,
      images: this.images?.filter((image) => typeof image === "string"),
      ...this.messageRest.others(DELTA_FIELDS),
    });
    const logprobs = this.logprobs && {
      ...this.logprobsRest.others(new Set()),
      ...Object.fromEntries(this.logprobs),
    };
    const finishReason = this.choiceRest.get("finish_reason");
    return withoutEmpty({
      index: this.index,
      message,
      logprobs,
      finish_reason:
        finishReason === null || typeof finishReason === "string" ? finishReason : undefined,
      ...this.choiceRest.others(CHOICE_FIELDS),
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
const PLACED_FIELDS = new Set(ORDERED_FIELDS);
/** A chunk's own parts: the answer is a "chat.completion", its choices are merged. */
const CHUNK_PARTS = new Set(["object", "choices"]);

export class ChatCompletionAssembler implements Assembler<Json> {
  readonly endMarker = "data: [DONE]";
  private readonly fields = new Latest();
  private readonly choices = new Map<number, Choice>();
  private chunks = 0;

  take(event: SseEvent): boolean {
    const data = event.data.trim();
    if (data === "[DONE]") {
      if (this.chunks > 0) return true;
      throw new XaiApiError(
        "xAI's stream was malformed: it finished without sending any part of the answer",
        { code: "STREAM_ERROR" },
      );
    }
    if (data === "") return false;
    const chunk = eventJson(event);
    this.chunks++;
    this.fields.remember(chunk, CHUNK_PARTS);
    const choices = Array.isArray(chunk.choices) ? chunk.choices : [];
    for (const choice of choices) {
      if (!isJsonObject(choice)) continue;
      const index = typeof choice.index === "number" ? choice.index : 0;
      const accumulated = this.choices.get(index) ?? new Choice(index);
      this.choices.set(index, accumulated);
      accumulated.add(choice);
    }
    return false;
  }

  result(): Json {
    const completion = Object.fromEntries(ORDERED_FIELDS.map((key) => [key, this.fields.get(key)]));
    completion.object = "chat.completion";
    completion.choices = this.ordered().map((choice) => choice.build());
    return withoutEmpty({ ...completion, ...this.fields.others(PLACED_FIELDS) });
  }

  progress() {
    const choices = this.ordered();
    return {
      characters: choices.reduce((total, choice) => total + choice.characters, 0),
      text: choices[0]?.text() ?? "",
      partial: this.result(),
    };
  }

  private ordered(): Choice[] {
    return [...this.choices.values()].sort((a, b) => a.index - b.index);
  }
}
