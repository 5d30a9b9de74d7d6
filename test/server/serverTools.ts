import { stableHash } from "./ids";
import { isRecord, quoteForAnswer } from "./promptReading";
import type { ServerSideToolUsageDetails, ServerToolCallItem } from "./responseTypes";

/**
 * Server-side (agent) tools of the Responses API: xAI runs them itself and reports one completed
 * call item each, before the answer. https://docs.x.ai/docs/guides/tools/overview
 */

const WEB_SOURCES = [
  "https://docs.x.ai/docs/guides/tools/search-tools",
  "https://x.ai/news/grok-4",
];
const X_SOURCES = ["https://x.com/xai/status/1900000000000000001"];

const QUERY_LENGTH = 80;

export interface ServerToolRun {
  items: ServerToolCallItem[];
  /** URLs the answer cites (search tools only), in the order of the tools. */
  citations: string[];
  usage: ServerSideToolUsageDetails;
}

function emptyUsage(): ServerSideToolUsageDetails {
  return {
    web_search_calls: 0,
    x_search_calls: 0,
    x_posts_fetched: 0,
    x_users_fetched: 0,
    code_interpreter_calls: 0,
    file_search_calls: 0,
    mcp_calls: 0,
    document_search_calls: 0,
    image_generation_calls: 0,
  };
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((entry) => typeof entry === "string") : [];
}

function callItem(
  tool: Record<string, unknown>,
  id: string,
  query: string,
): ServerToolCallItem | undefined {
  const status = "completed" as const;
  switch (tool.type) {
    case "web_search":
    case "x_search": {
      const urls = tool.type === "web_search" ? WEB_SOURCES : X_SOURCES;
      const sources = urls.map((url) => ({ type: "url" as const, url }));
      const type = tool.type === "web_search" ? "web_search_call" : "x_search_call";
      return {
        type,
        id: `${tool.type === "web_search" ? "ws" : "xs"}_${id}`,
        status,
        action: { type: "search", query, sources },
      };
    }
    case "code_interpreter":
      return {
        type: "code_interpreter_call",
        id: `ci_${id}`,
        status,
        code: `print(len(${JSON.stringify(query)}))`,
        container_id: `cntr_${id}`,
        outputs: [{ type: "logs", logs: `${query.length}\n` }],
      };
    case "file_search": {
      const [store = "collection"] = stringList(tool.vector_store_ids);
      const result = { file_id: `file_${id}`, filename: `${store}.txt`, score: 0.9, text: query };
      return {
        type: "file_search_call",
        id: `fs_${id}`,
        status,
        queries: [query],
        results: [result],
      };
    }
    case "mcp": {
      const [name = "search"] = stringList(tool.allowed_tools);
      return {
        type: "mcp_call",
        id: `mcp_${id}`,
        status,
        server_label: typeof tool.server_label === "string" ? tool.server_label : "mcp",
        name,
        arguments: JSON.stringify({ query }),
        output: `Result of ${name} for "${query}"`,
      };
    }
    default:
      return undefined;
  }
}

const USAGE_FIELD: Record<ServerToolCallItem["type"], keyof ServerSideToolUsageDetails> = {
  web_search_call: "web_search_calls",
  x_search_call: "x_search_calls",
  code_interpreter_call: "code_interpreter_calls",
  file_search_call: "file_search_calls",
  mcp_call: "mcp_calls",
};

/** One call item per server-side tool in `tools` (function tools are the client's business). */
export function runServerTools(tools: unknown, prompt: string, requestHash: string): ServerToolRun {
  const run: ServerToolRun = { items: [], citations: [], usage: emptyUsage() };
  const query = quoteForAnswer(prompt).slice(0, QUERY_LENGTH);
  (Array.isArray(tools) ? tools : []).forEach((tool, index) => {
    if (!isRecord(tool)) return;
    const id = stableHash(`${requestHash}:tool:${index}`).slice(0, 24);
    const item = callItem(tool, id, query);
    if (!item) return;
    run.items.push(item);
    run.usage[USAGE_FIELD[item.type]]++;
    if (item.type === "web_search_call" || item.type === "x_search_call") {
      for (const source of item.action.sources) {
        if (!run.citations.includes(source.url)) run.citations.push(source.url);
      }
      if (item.type === "x_search_call") run.usage.x_posts_fetched += item.action.sources.length;
    }
  });
  return run;
}
