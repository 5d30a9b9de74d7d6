import { isRecord } from "./promptReading";
import type { OutputItem } from "./responseTypes";

/**
 * The Responses API `input` (a string or an array of items) reduced to what the fake model reads.
 * https://docs.x.ai/docs/api-reference#create-new-response
 */

export type ConversationItem =
  | { kind: "message"; role: string; text: string; images: number }
  | { kind: "function_call"; callId: string; name: string; arguments: string }
  | { kind: "function_call_output"; callId: string; output: string };

/** `input_text` / `output_text` parts give text (one line each), `input_image` parts count. */
function readContent(content: unknown): { text: string; images: number } {
  if (typeof content === "string") return { text: content, images: 0 };
  if (!Array.isArray(content)) return { text: "", images: 0 };
  const texts: string[] = [];
  let images = 0;
  for (const part of content) {
    if (!isRecord(part)) continue;
    if (typeof part.text === "string") texts.push(part.text);
    if (part.type === "input_image") images++;
  }
  return { text: texts.join("\n"), images };
}

function readItem(item: unknown): ConversationItem | undefined {
  if (!isRecord(item)) return undefined;
  if (item.type === "function_call_output") {
    const output = readContent(item.output).text;
    return { kind: "function_call_output", callId: String(item.call_id ?? ""), output };
  }
  if (item.type === "function_call") {
    return {
      kind: "function_call",
      callId: String(item.call_id ?? ""),
      name: String(item.name ?? ""),
      arguments: String(item.arguments ?? ""),
    };
  }
  if (typeof item.role === "string" && (item.type === undefined || item.type === "message")) {
    return { kind: "message", role: item.role, ...readContent(item.content) };
  }
  // Server-side tool call items and reasoning items sent back carry nothing the fake reads.
  return undefined;
}

/** The items of a request's `input`. */
export function readInput(input: unknown): ConversationItem[] {
  if (typeof input === "string") return [{ kind: "message", role: "user", text: input, images: 0 }];
  if (!Array.isArray(input)) return [];
  return input.map(readItem).filter((item): item is ConversationItem => item !== undefined);
}

/** Output items as they join the conversation (for previous_response_id chains). */
export function outputAsConversation(output: OutputItem[]): ConversationItem[] {
  const items: ConversationItem[] = [];
  for (const item of output) {
    if (item.type === "message") {
      const text = item.content.map((part) => part.text).join("\n");
      items.push({ kind: "message", role: "assistant", text, images: 0 });
    } else if (item.type === "function_call") {
      const { call_id: callId, name, arguments: args } = item;
      items.push({ kind: "function_call", callId, name, arguments: args });
    }
  }
  return items;
}

export interface Turn {
  /** Text of the last user message of the conversation ("" when there is none). */
  userText: string;
  /** Items after that message: tool calls and their outputs within this turn. */
  afterUser: ConversationItem[];
}

export function currentTurn(conversation: ConversationItem[]): Turn {
  let lastUser = -1;
  conversation.forEach((item, index) => {
    if (item.kind === "message" && item.role === "user") lastUser = index;
  });
  const user = conversation[lastUser];
  return {
    userText: user?.kind === "message" ? user.text : "",
    afterUser: conversation.slice(lastUser + 1),
  };
}

/** Every text of the conversation (for the input-token estimate). */
export function conversationText(items: ConversationItem[]): string {
  return items
    .map((item) => {
      if (item.kind === "message") return item.text;
      if (item.kind === "function_call") return `${item.name} ${item.arguments}`;
      return item.output;
    })
    .join("\n");
}

export function conversationImages(items: ConversationItem[]): number {
  let images = 0;
  for (const item of items) if (item.kind === "message") images += item.images;
  return images;
}
