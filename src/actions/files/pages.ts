/**
 * `GET /files` page by page, following `pagination_token` to the end or to `maxFiles`.
 * @see https://docs.x.ai/docs/api-reference#list-files
 */

import type { Xai } from "../../http/client";
import { isJsonObject } from "../../inputs/clean";
import { MAX_LISTED_FILES } from "../../limits";

/** An uploaded file (`File`); other fields are passed on untouched. */
export interface XaiFile {
  id: string;
  filename?: string;
  bytes?: number;
  [field: string]: unknown;
}

export interface FilesPage {
  data: XaiFile[];
  pagination_token?: string | null;
}

export async function listFilePage(
  client: Xai,
  params: { limit?: number; after?: string },
): Promise<FilesPage> {
  const answer = await client.get<FilesPage>("/files", {
    limit: params.limit,
    pagination_token: params.after,
  });
  const isFile = (file: unknown) => isJsonObject(file) && typeof file.id === "string";
  const data = await client.listIn<XaiFile>(answer, "data", "GET /files", isFile);
  return { ...answer, data };
}

/**
 * Every file, `pageSize` at a time, up to `maxFiles`. `pagination_token` is null at the end, or
 * the token to go on from when the bound was reached.
 */
export async function listAllFiles(
  client: Xai,
  pageSize: number,
  maxFiles = MAX_LISTED_FILES,
  after?: string,
): Promise<FilesPage> {
  const files = new Map<string, XaiFile>();
  const seen = new Set<string>();
  let token = after;
  for (;;) {
    const asked = Math.min(pageSize, maxFiles - files.size);
    const page = await listFilePage(client, { limit: asked, after: token });
    const before = files.size;
    // Never more than asked for, whatever a page holds; a file a looping server repeats, once.
    for (const file of page.data.slice(0, asked)) if (!files.has(file.id)) files.set(file.id, file);
    const { pagination_token: given } = page;
    const next = typeof given === "string" && given !== "" ? given : undefined;
    // A short page is the last one (xAI returns a token on every page).
    const ended = page.data.length < asked || !next || seen.has(next) || files.size === before;
    if (ended) return { data: [...files.values()], pagination_token: null };
    if (files.size >= maxFiles) return { data: [...files.values()], pagination_token: next };
    seen.add(next);
    token = next;
  }
}
