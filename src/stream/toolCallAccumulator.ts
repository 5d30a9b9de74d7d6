import { isJsonObject, numberField, objectField, stringField } from "./jsonValues";
import { LatestFields } from "./latestFields";
import { TextParts } from "./textParts";
import type { JsonObject, ToolCall, ToolCallFunction } from "./types";

const HANDLED_TOOL_CALL_FIELDS: ReadonlySet<string> = new Set(["index", "id", "type", "function"]);

/** One tool call, put together from its streamed fragments. */
class ToolCallParts {
  id: string | undefined;
  type: string | undefined;
  functionArrived = false;
  name: string | undefined;
  readonly argumentParts = new TextParts();
  readonly otherFields = new LatestFields();

  add(fragment: JsonObject): void {
    this.id = stringField(fragment, "id") ?? this.id;
    this.type = stringField(fragment, "type") ?? this.type;
    const fn = objectField(fragment, "function");
    if (fn) {
      this.functionArrived = true;
      // Like OpenAI's SDK: a name replaces the previous one, argument fragments are concatenated.
      this.name = stringField(fn, "name") || this.name;
      this.argumentParts.append(stringField(fn, "arguments") ?? "");
    }
    for (const [key, value] of Object.entries(fragment)) {
      if (!HANDLED_TOOL_CALL_FIELDS.has(key)) this.otherFields.remember(key, value);
    }
  }

  build(): ToolCall {
    const fn: ToolCallFunction = {
      ...(this.name === undefined ? {} : { name: this.name }),
      arguments: this.argumentParts.join(),
    };
    return {
      ...(this.id === undefined ? {} : { id: this.id }),
      ...(this.type === undefined ? {} : { type: this.type }),
      ...(this.functionArrived ? { function: fn } : {}),
      ...this.otherFields.others(HANDLED_TOOL_CALL_FIELDS),
    };
  }
}

/**
 * The tool calls of one choice. Fragments belong to the call with the same `index`; a fragment
 * without an index joins the call with its `id`, or else continues the call it follows.
 */
export class ToolCallAccumulator {
  private readonly calls = new Map<number, ToolCallParts>();
  private lastIndex: number | undefined;

  add(fragments: unknown[]): void {
    for (const fragment of fragments) {
      if (!isJsonObject(fragment)) continue;
      const index = this.indexOf(fragment);
      let call = this.calls.get(index);
      if (!call) {
        call = new ToolCallParts();
        this.calls.set(index, call);
      }
      call.add(fragment);
      this.lastIndex = index;
    }
  }

  get size(): number {
    return this.calls.size;
  }

  get argumentCharacters(): number {
    let total = 0;
    for (const call of this.calls.values()) total += call.argumentParts.length;
    return total;
  }

  /** The start of the first call's arguments, for a cut-off message. */
  argumentsStart(maxCharacters: number): string {
    return this.ordered()[0]?.argumentParts.head(maxCharacters) ?? "";
  }

  build(): ToolCall[] {
    return this.ordered().map((call) => call.build());
  }

  private ordered(): ToolCallParts[] {
    return [...this.calls.entries()].sort(([a], [b]) => a - b).map(([, call]) => call);
  }

  private indexOf(fragment: JsonObject): number {
    const index = numberField(fragment, "index");
    if (index !== undefined) return index;
    const id = stringField(fragment, "id");
    if (id !== undefined) {
      for (const [known, call] of this.calls) if (call.id === id) return known;
      return this.calls.size === 0 ? 0 : Math.max(...this.calls.keys()) + 1;
    }
    return this.lastIndex ?? 0;
  }
}
