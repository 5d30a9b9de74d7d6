/**
 * Generated media as Prismatic files a next step can take (Slack, S3, Google Drive, email):
 * one item → `{ data: Buffer, contentType }`; several → `{ data: { files: [{ data, contentType, url }] } }`.
 * @see https://prismatic.io/docs/custom-connectors/actions/#returning-binary-data
 */

import type { JsonSchema } from "@prismatic-io/spectral/dist/types/jsonforms/JsonSchema";
import type { Downloaded } from "../../http/download";

export interface MediaFile {
  data: Buffer;
  contentType: string;
  /** Where xAI served it (undefined for base64 answers). */
  url?: string;
}

export type FileResult = { data: Buffer; contentType: string } | { data: { files: MediaFile[] } };

export function fileResult(files: (Downloaded | MediaFile)[]): FileResult {
  if (files.length === 1) {
    const [only] = files as [MediaFile];
    return { data: only.data, contentType: only.contentType };
  }
  return {
    data: {
      files: files.map(({ data, contentType, url }) => ({ data, contentType, url })),
    },
  };
}

/** The output schema of a step that always returns one file's bytes. */
export const binarySchema: JsonSchema = {
  type: "string",
  format: "binary",
  description: "The file's bytes (a Buffer); the step's content type says what they are.",
} as JsonSchema;
