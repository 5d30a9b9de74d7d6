import { isJsonObject, type JsonObject } from "../../inputs/clean";

/**
 * The URLs a response cites: xAI's top-level `citations`, then the `url_citation` annotations of
 * its message text, each URL once, in order.
 * @see https://docs.x.ai/docs/guides/tools/search-tools
 */
export function citationsOf(response: JsonObject): string[] {
  const urls = new Set<string>();
  const add = (url: unknown) => {
    if (typeof url === "string" && url !== "") urls.add(url);
  };
  if (Array.isArray(response.citations)) response.citations.forEach(add);
  for (const item of Array.isArray(response.output) ? response.output : []) {
    if (!isJsonObject(item) || item.type !== "message" || !Array.isArray(item.content)) continue;
    for (const part of item.content) {
      if (!isJsonObject(part) || !Array.isArray(part.annotations)) continue;
      for (const note of part.annotations) {
        if (isJsonObject(note) && note.type === "url_citation") add(note.url);
      }
    }
  }
  return [...urls];
}
