/**
 * `GET /files` page by page, following `pagination_token` to the end or to `maxFiles`.
 * @see https://docs.x.ai/docs/api-reference#list-files
 */

import type { Xai } from "../../http/client";

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

/** The most files a step or picker gathers. */
export const MAX_LISTED_FILES = 10_000;

export async function listFilePage(
  client: Xai,
  params: { limit?: number; after?: string },
): Promise<FilesPage> {
  const answer = await client.get<FilesPage>("/files", {
    limit: params.limit,
    pagination_token: params.after,
  });
  const data = await client.listIn<XaiFile>(answer, "data", "GET /files");
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
  const files: XaiFile[] = [];
  const seen = new Set<string>();
  let token = after;
  for (;;) {
    const asked = Math.min(pageSize, maxFiles - files.length);
    const page = await listFilePage(client, { limit: asked, after: token });
    // Never more than asked for, whatever a page holds.
    for (const file of page.data.slice(0, asked)) files.push(file);
    const next = page.pagination_token ?? undefined;
    // A short page is the last one (xAI returns a token on every page).
    const ended = page.data.length < asked || !next || seen.has(next);
    if (ended) return { data: files, pagination_token: null };
    if (files.length >= maxFiles) return { data: files, pagination_token: next };
    seen.add(next);
    token = next;
  }
}
