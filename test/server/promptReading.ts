/** Reads what the fake model needs from a chat or messages request body (which is untrusted JSON). */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export interface ConversationSummary {
  /** Text of the last `user` message (text parts joined by a space); "" when there is none. */
  lastUserText: string;
  /** Every text in the conversation, for the prompt-token estimate. */
  allText: string;
  messageCount: number;
  /** Image parts (`image_url` for chat, `image` for messages), which cost image tokens. */
  imageCount: number;
}

interface ContentReading {
  text: string;
  images: number;
}

/** Content is a string or an array of parts (`{type: "text", text}`, `{type: "image_url", ...}`). */
function readContent(content: unknown): ContentReading {
  if (typeof content === "string") return { text: content, images: 0 };
  if (!Array.isArray(content)) return { text: "", images: 0 };
  const texts: string[] = [];
  let images = 0;
  for (const part of content) {
    if (!isRecord(part)) continue;
    if (typeof part.text === "string") texts.push(part.text);
    if (part.type === "image_url" || part.type === "image") images++;
  }
  return { text: texts.join(" "), images };
}

export function readConversation(request: unknown): ConversationSummary {
  const body = isRecord(request) ? request : {};
  const messages = Array.isArray(body.messages) ? body.messages : [];
  const texts: string[] = [];
  let imageCount = 0;
  let lastUserText = "";
  // The Anthropic-compatible endpoint carries the system prompt outside `messages`.
  const system = readContent(body.system);
  if (system.text !== "") texts.push(system.text);
  for (const message of messages) {
    if (!isRecord(message)) continue;
    const content = readContent(message.content);
    texts.push(content.text);
    imageCount += content.images;
    if (message.role === "user") lastUserText = content.text;
  }
  return { lastUserText, allText: texts.join("\n"), messageCount: messages.length, imageCount };
}

/** Answer variants chosen by case-insensitive keywords in the last user message; they combine. */
export interface AnswerVariants {
  reasoning: boolean;
  toolCalls: boolean;
  citations: boolean;
  /** From "long:<N>": the answer text is exactly N words. */
  longWordCount: number | undefined;
}

/** Guard against a typo turning into a multi-gigabyte answer. */
const MAX_LONG_WORDS = 1_000_000;

export function variantsOf(lastUserText: string): AnswerVariants {
  const text = lastUserText.toLowerCase();
  const long = /long:(\d+)/.exec(text);
  return {
    reasoning: text.includes("reason"),
    toolCalls: text.includes("tools"),
    citations: text.includes("cite"),
    longWordCount: long ? Math.min(Number(long[1]), MAX_LONG_WORDS) : undefined,
  };
}

/** Shortens a quoted user text so default answers stay short. */
export function quoteForAnswer(text: string): string {
  const singleLine = text.replace(/\s+/g, " ").trim();
  return singleLine.length > 200 ? `${singleLine.slice(0, 200)}...` : singleLine;
}
