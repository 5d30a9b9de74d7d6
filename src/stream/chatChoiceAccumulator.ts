import { arrayField, objectField, stringField } from "./jsonValues";
import { LatestFields } from "./latestFields";
import { TextParts } from "./textParts";
import { ToolCallAccumulator } from "./toolCallAccumulator";
import type { ChatCompletionChoice, ChatCompletionMessage, JsonObject, LogProbs } from "./types";

const HANDLED_CHOICE_FIELDS: ReadonlySet<string> = new Set([
  "index",
  "delta",
  "finish_reason",
  "logprobs",
]);
const HANDLED_DELTA_FIELDS: ReadonlySet<string> = new Set([
  "role",
  "content",
  "reasoning_content",
  "refusal",
  "tool_calls",
  "images",
]);

/** Collects the streamed deltas of one choice into the choice a non-streamed response would hold. */
export class ChatChoiceAccumulator {
  private role: string | undefined;
  private readonly content = new TextParts();
  private contentArrived = false;
  private readonly reasoning = new TextParts();
  private readonly refusal = new TextParts();
  private readonly toolCalls = new ToolCallAccumulator();
  private images: unknown[] | undefined;
  private readonly otherMessageFields = new LatestFields();
  private logprobs: LogProbsAccumulator | undefined;
  private readonly choiceFields = new LatestFields();

  constructor(readonly index: number) {}

  add(choice: JsonObject): void {
    this.choiceFields.remember("finish_reason", choice.finish_reason);
    for (const [key, value] of Object.entries(choice)) {
      if (!HANDLED_CHOICE_FIELDS.has(key)) this.choiceFields.remember(key, value);
    }
    const logprobs = objectField(choice, "logprobs");
    if (logprobs) {
      this.logprobs ??= new LogProbsAccumulator();
      this.logprobs.add(logprobs);
    }
    const delta = objectField(choice, "delta");
    if (delta) this.addDelta(delta);
  }

  /** Characters of text received so far: content, reasoning, refusal and tool-call arguments. */
  get receivedCharacters(): number {
    return (
      this.content.length +
      this.reasoning.length +
      this.refusal.length +
      this.toolCalls.argumentCharacters
    );
  }

  /** The start of the most telling text received: the content, else the reasoning, else tool input. */
  textStart(maxCharacters: number): string {
    if (this.content.length > 0) return this.content.head(maxCharacters);
    if (this.reasoning.length > 0) return this.reasoning.head(maxCharacters);
    if (this.refusal.length > 0) return this.refusal.head(maxCharacters);
    return this.toolCalls.argumentsStart(maxCharacters);
  }

  build(): ChatCompletionChoice {
    const finishReason = this.choiceFields.get("finish_reason");
    return {
      index: this.index,
      message: this.buildMessage(),
      ...(this.logprobs ? { logprobs: this.logprobs.build() } : {}),
      ...(finishReason === null || typeof finishReason === "string"
        ? { finish_reason: finishReason }
        : {}),
      ...this.choiceFields.others(HANDLED_CHOICE_FIELDS),
    };
  }

  private addDelta(delta: JsonObject): void {
    this.role = stringField(delta, "role") ?? this.role;
    const content = stringField(delta, "content");
    if (content !== undefined) {
      this.contentArrived = true;
      this.content.append(content);
    }
    this.reasoning.append(stringField(delta, "reasoning_content") ?? "");
    this.refusal.append(stringField(delta, "refusal") ?? "");
    const toolCalls = arrayField(delta, "tool_calls");
    if (toolCalls) this.toolCalls.add(toolCalls);
    const images = arrayField(delta, "images");
    if (images) {
      this.images ??= [];
      for (const image of images) this.images.push(image);
    }
    for (const [key, value] of Object.entries(delta)) {
      if (!HANDLED_DELTA_FIELDS.has(key)) this.otherMessageFields.remember(key, value);
    }
  }

  /**
   * Fields that never arrived stay absent, as in a non-streamed response. An empty `content` (xAI
   * sends `""` next to the role) only counts when there are no tool calls to stand for the answer.
   */
  private buildMessage(): ChatCompletionMessage {
    const hasContent =
      this.content.length > 0 || (this.contentArrived && this.toolCalls.size === 0);
    return {
      // Every assistant message has a role; xAI names it in the first delta of each choice.
      role: this.role ?? "assistant",
      ...(hasContent ? { content: this.content.join() } : {}),
      ...(this.reasoning.length > 0 ? { reasoning_content: this.reasoning.join() } : {}),
      ...(this.refusal.length > 0 ? { refusal: this.refusal.join() } : {}),
      ...(this.toolCalls.size > 0 ? { tool_calls: this.toolCalls.build() } : {}),
      ...(this.images
        ? { images: this.images.filter((image): image is string => typeof image === "string") }
        : {}),
      ...this.otherMessageFields.others(HANDLED_DELTA_FIELDS),
    };
  }
}

/** Log probabilities arrive a slice per chunk: their token lists are concatenated. */
class LogProbsAccumulator {
  private readonly lists = new Map<string, unknown[]>();
  private readonly otherFields = new LatestFields();

  add(logprobs: JsonObject): void {
    for (const [key, value] of Object.entries(logprobs)) {
      if (!Array.isArray(value)) {
        this.otherFields.remember(key, value);
        continue;
      }
      let list = this.lists.get(key);
      if (!list) {
        list = [];
        this.lists.set(key, list);
      }
      for (const item of value) list.push(item);
    }
  }

  build(): LogProbs {
    const merged: LogProbs = this.otherFields.others(new Set());
    for (const [key, list] of this.lists) {
      merged[key] = list;
    }
    return merged;
  }
}
