import { malformedStreamError } from "./eventPayload";
import { arrayField, isJsonObject, stringField } from "./jsonValues";
import { TextParts } from "./textParts";
import type { JsonObject, MessageResponseContent } from "./types";

/** The block type that a delta implies, for a delta whose block never started. */
const BLOCK_TYPE_OF_DELTA: Readonly<Record<string, string>> = {
  text_delta: "text",
  input_json_delta: "tool_use",
  thinking_delta: "thinking",
  signature_delta: "thinking",
};

/**
 * One block of a streamed message's content (text, thinking, tool_use, ...), put together from its
 * `content_block_start`, `content_block_delta` and `content_block_stop` events.
 * Event shapes: https://docs.anthropic.com/en/docs/build-with-claude/streaming
 */
export class ContentBlockAccumulator {
  private readonly start: JsonObject;
  private readonly text = new TextParts();
  private readonly thinking = new TextParts();
  private readonly signature = new TextParts();
  private readonly inputJson = new TextParts();
  private citations: unknown[] | undefined;
  private parsedInput: { value: unknown } | undefined;

  constructor(
    readonly index: number,
    start: JsonObject,
  ) {
    this.start = start;
    // A start block may already hold text (usually ""); deltas continue it.
    this.text.append(stringField(start, "text") ?? "");
    this.thinking.append(stringField(start, "thinking") ?? "");
    this.signature.append(stringField(start, "signature") ?? "");
  }

  static fromDelta(index: number, delta: JsonObject): ContentBlockAccumulator {
    const type = BLOCK_TYPE_OF_DELTA[stringField(delta, "type") ?? ""] ?? "text";
    return new ContentBlockAccumulator(index, { type });
  }

  get type(): string {
    return stringField(this.start, "type") ?? "text";
  }

  addDelta(delta: JsonObject): void {
    switch (stringField(delta, "type")) {
      case "text_delta":
        this.text.append(stringField(delta, "text") ?? "");
        break;
      case "input_json_delta":
        this.inputJson.append(stringField(delta, "partial_json") ?? "");
        break;
      case "thinking_delta":
        this.thinking.append(stringField(delta, "thinking") ?? "");
        break;
      case "signature_delta":
        this.signature.append(stringField(delta, "signature") ?? "");
        break;
      case "citations_delta":
        this.citations ??= [...(arrayField(this.start, "citations") ?? [])];
        if (delta.citation !== undefined) this.citations.push(delta.citation);
        break;
      default:
        // A delta type added after this was written: nothing known to merge.
        break;
    }
  }

  /** At `content_block_stop`: parse the tool input now, so bad JSON is reported where it happened. */
  stop(): void {
    if (this.type === "tool_use") this.parsedInput = { value: this.parseInput() };
  }

  /** Characters of answer text received: text, thinking and tool input (not the signature). */
  get receivedCharacters(): number {
    return this.text.length + this.thinking.length + this.inputJson.length;
  }

  textStart(kind: "text" | "thinking" | "input", maxCharacters: number): string {
    const parts =
      kind === "text" ? this.text : kind === "thinking" ? this.thinking : this.inputJson;
    return parts.head(maxCharacters);
  }

  /**
   * The block as a non-streamed response holds it: the start block's fields in their order, with
   * the streamed text filled in. `complete: false` (for a cut-off answer) keeps tool input that is
   * not valid JSON yet as its raw text instead of failing.
   */
  build(complete: boolean): MessageResponseContent {
    const block: MessageResponseContent = { ...this.start, type: this.type };
    switch (this.type) {
      case "text":
        block.text = this.text.join();
        break;
      case "thinking":
        block.thinking = this.thinking.join();
        if (this.signature.length > 0 || "signature" in this.start) {
          block.signature = this.signature.join();
        }
        break;
      case "tool_use":
        block.input = this.builtInput(complete);
        break;
      default:
        if (this.text.length > 0) block.text = this.text.join();
        break;
    }
    if (this.citations) block.citations = this.citations;
    return block;
  }

  private builtInput(complete: boolean): unknown {
    if (this.parsedInput) return this.parsedInput.value;
    if (complete) return this.parseInput();
    try {
      return this.parseInput();
    } catch {
      return this.inputJson.join();
    }
  }

  /** The streamed JSON text of a tool's input, parsed; no text means the start block's input or {}. */
  private parseInput(): unknown {
    const json = this.inputJson.join();
    if (json.trim() === "") {
      return isJsonObject(this.start.input) ? this.start.input : {};
    }
    try {
      return JSON.parse(json);
    } catch (error) {
      const name = stringField(this.start, "name") ?? "a tool";
      throw malformedStreamError(`the input for ${name} is not valid JSON`, json, error);
    }
  }
}
