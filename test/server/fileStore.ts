import { stableHash, uuidFromHash } from "./ids";

/**
 * The in-memory Files API store (`File` in the OpenAPI description).
 * https://docs.x.ai/docs/api-reference#files
 */

export interface XaiFile {
  id: string;
  object: "file";
  bytes: number;
  created_at: number;
  expires_at: number | null;
  filename: string;
  purpose: string;
}

export interface StoredFile {
  meta: XaiFile;
  data: Buffer;
  /** The Content-Type of the uploaded part (the download itself is application/octet-stream). */
  contentType: string;
  /** Upload order, the tie-breaker of every sort. */
  sequence: number;
  deleted: boolean;
}

export type FileSortKey = "created_at" | "filename" | "size";

export interface FilePageQuery {
  limit: number;
  order: "asc" | "desc";
  sortBy: FileSortKey;
  /** The id of the last file of the previous page. */
  after: string | undefined;
}

export interface FilePage {
  data: XaiFile[];
  pagination_token: string | null;
}

function compare(a: StoredFile, b: StoredFile, key: FileSortKey): number {
  const primary =
    key === "filename"
      ? a.meta.filename.localeCompare(b.meta.filename)
      : key === "size"
        ? a.meta.bytes - b.meta.bytes
        : a.meta.created_at - b.meta.created_at;
  return primary !== 0 ? primary : a.sequence - b.sequence;
}

export class FileStore {
  /** Deleted files stay as tombstones so a page token naming one still resumes the listing. */
  private readonly files = new Map<string, StoredFile>();
  private uploads = 0;

  add(upload: {
    filename: string;
    data: Buffer;
    contentType: string;
    purpose: string;
    expiresAfter?: number;
  }): XaiFile {
    const sequence = ++this.uploads;
    const createdAt = Math.floor(Date.now() / 1000);
    const meta: XaiFile = {
      id: `file_${uuidFromHash(stableHash(`file:${sequence}:${upload.filename}`))}`,
      object: "file",
      bytes: upload.data.length,
      created_at: createdAt,
      expires_at: upload.expiresAfter === undefined ? null : createdAt + upload.expiresAfter,
      filename: upload.filename,
      purpose: upload.purpose,
    };
    this.files.set(meta.id, {
      meta,
      data: upload.data,
      contentType: upload.contentType,
      sequence,
      deleted: false,
    });
    return meta;
  }

  private live(file: StoredFile | undefined): file is StoredFile {
    if (!file || file.deleted) return false;
    return file.meta.expires_at === null || Date.now() / 1000 < file.meta.expires_at;
  }

  /** A live (not deleted, not expired) file. */
  find(id: string): StoredFile | undefined {
    const file = this.files.get(id);
    return this.live(file) ? file : undefined;
  }

  delete(id: string): boolean {
    const file = this.find(id);
    if (file) file.deleted = true;
    return file !== undefined;
  }

  /** One page, or undefined when `after` names no file this store ever held. */
  page(query: FilePageQuery): FilePage | undefined {
    const sign = query.order === "asc" ? 1 : -1;
    const sorted = [...this.files.values()].sort((a, b) => sign * compare(a, b, query.sortBy));
    let start = 0;
    if (query.after !== undefined) {
      const index = sorted.findIndex((file) => file.meta.id === query.after);
      if (index === -1) return undefined;
      start = index + 1;
    }
    const data = sorted
      .slice(start)
      .filter((file) => this.live(file))
      .slice(0, query.limit)
      .map((file) => ({ ...file.meta }));
    return { data, pagination_token: data.at(-1)?.id ?? query.after ?? null };
  }

  clear(): void {
    this.files.clear();
  }
}
