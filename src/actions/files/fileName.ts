import { mediaType } from "../../errors/errorBody";

/** Extensions for an upload that arrives without a name, by media type. */
const EXTENSIONS: Record<string, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
  "image/gif": "gif",
  "video/mp4": "mp4",
  "application/pdf": "pdf",
  "application/json": "json",
  "text/plain": "txt",
  "text/csv": "csv",
  "text/markdown": "md",
  "text/html": "html",
};

/** "file.png" from "image/png"; "file.bin" for types without a known extension. */
export const fileNameFor = (contentType: string): string =>
  `file.${EXTENSIONS[mediaType(contentType)] ?? "bin"}`;
