import { isRecord, quoteForAnswer, variantsOf } from "./promptReading";
import type { Directives } from "./responseDirectives";
import type { Turn } from "./responseInput";
import type { UrlCitation } from "./responseTypes";
import { conformingValue, nonconformingValue } from "./structuredOutput";
import { fillerText } from "./textPieces";

/**
 * What the fake model says in one turn: the function calls it makes (CALL, CHAIN, a forced
 * tool_choice) or its text (plain, quoting tool results, or JSON for structured outputs).
 * The prompt grammar is described in responseDirectives.ts.
 */

interface FunctionTool {
  name: string;
  parameters: unknown;
}

function functionTools(tools: unknown): FunctionTool[] {
  if (!Array.isArray(tools)) return [];
  return tools
    .filter((tool) => isRecord(tool) && tool.type === "function" && typeof tool.name === "string")
    .map((tool) => ({ name: String(tool.name), parameters: tool.parameters }));
}

/** The tool `tool_choice` forces: "required" (the first one) or a named function. */
function forcedTool(toolChoice: unknown, tools: FunctionTool[]): FunctionTool | undefined {
  if (toolChoice === "required") return tools[0];
  if (!isRecord(toolChoice) || toolChoice.type !== "function") return undefined;
  const name = isRecord(toolChoice.function) ? toolChoice.function.name : toolChoice.name;
  return tools.find((tool) => tool.name === name);
}

function argumentsFor(tool: FunctionTool, prompt: string): string {
  const value = isRecord(tool.parameters) ? conformingValue(tool.parameters, prompt) : {};
  return JSON.stringify(value ?? {});
}

export interface CallPlan {
  name: string;
  arguments: string;
}

/** The function calls this turn answers with (none: answer with text). */
export function plannedCalls(
  body: Record<string, unknown>,
  turn: Turn,
  directives: Directives,
): CallPlan[] {
  const tools = functionTools(body.tools);
  if (tools.length === 0 || body.tool_choice === "none") return [];
  const callIds = new Set(
    turn.afterUser.flatMap((item) => (item.kind === "message" ? [] : [item.callId])),
  );
  if (directives.chain !== undefined && callIds.size < directives.chain) {
    return [{ name: tools[0].name, arguments: argumentsFor(tools[0], turn.userText) }];
  }
  if (turn.afterUser.some((item) => item.kind === "function_call_output")) return [];
  if (directives.calls.length > 0) return directives.calls;
  const forced = forcedTool(body.tool_choice, tools);
  return forced ? [{ name: forced.name, arguments: argumentsFor(forced, turn.userText) }] : [];
}

function toolResultsText(turn: Turn): string {
  const names = new Map<string, string>();
  const results: string[] = [];
  for (const item of turn.afterUser) {
    if (item.kind === "function_call") names.set(item.callId, item.name);
    if (item.kind === "function_call_output") {
      const name = names.get(item.callId) ?? "tool";
      results.push(`${name} (${item.callId}) returned: ${item.output}`);
    }
  }
  return `Received ${results.length} tool result(s). ${results.join("\n")}`;
}

function plainText(turn: Turn): string {
  if (turn.afterUser.some((item) => item.kind === "function_call_output")) {
    return toolResultsText(turn);
  }
  const longWordCount = variantsOf(turn.userText).longWordCount;
  if (longWordCount !== undefined) return fillerText(longWordCount);
  const said = turn.userText ? ` You said: "${quoteForAnswer(turn.userText)}".` : "";
  return `Hello!${said} This is a deterministic answer from the local xAI test server.`;
}

/** The text format requested in `text.format`, e.g. {type: "json_schema", schema}. */
export function textFormat(body: Record<string, unknown>): Record<string, unknown> {
  const format = isRecord(body.text) ? body.text.format : undefined;
  return isRecord(format) ? format : { type: "text" };
}

export function answerText(
  body: Record<string, unknown>,
  turn: Turn,
  directives: Directives,
): string {
  const format = textFormat(body);
  if (format.type === "json_schema") {
    const make = directives.nonconforming ? nonconformingValue : conformingValue;
    return JSON.stringify(make(format.schema, turn.userText));
  }
  if (format.type === "json_object") return JSON.stringify({ answer: plainText(turn) });
  return plainText(turn);
}

/** Appends xAI-style inline citations, `[[1]](url)`, each with its url_citation annotation. */
export function withCitations(
  text: string,
  urls: string[],
): { text: string; annotations: UrlCitation[] } {
  if (urls.length === 0) return { text, annotations: [] };
  let cited = `${text} Sources:`;
  const annotations = urls.map((url, index): UrlCitation => {
    const marker = `[[${index + 1}]](${url})`;
    const start = cited.length + 1;
    cited += ` ${marker}`;
    return {
      type: "url_citation",
      url,
      title: String(index + 1),
      start_index: start,
      end_index: start + marker.length,
    };
  });
  return { text: cited, annotations };
}

/** The first `limit` words (keeping the original spacing). */
export function firstWords(text: string, limit: number): string {
  const words = text.split(/(?<=\S)(?=\s)/);
  return words.slice(0, Math.max(0, limit)).join("");
}
