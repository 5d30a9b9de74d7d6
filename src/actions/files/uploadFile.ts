import { action, input } from "@prismatic-io/spectral";
import FormData from "form-data";
import { InputError } from "../../errors/classes";
import { type Xai, xai } from "../../http/client";
import { download } from "../../http/download";
import * as clean from "../../inputs/clean";
import { connectionInput } from "../../inputs/common";
import { FILE_RULES, type FileValue, fileInput } from "../../inputs/files";
import { GENERATION_DEADLINE_MS } from "../../limits";
import { xaiOutput } from "../outputs";
import { fileExample } from "./examples";
import { fileNameFor } from "./fileName";

type Bytes = Extract<FileValue, { kind: "bytes" }>;

/** The bytes to upload: as given, or fetched (without the API key) from an https URL. */
async function bytesOf(client: Xai, file: FileValue): Promise<Bytes> {
  if (file.kind === "bytes") return file;
  if (file.kind === "fileId") {
    throw new InputError(
      "File",
      `${file.fileId} is already an xAI file; pass the file's bytes or a URL.`,
    );
  }
  const fetched = await download(client, file.url, {
    what: "the file",
    maxBytes: FILE_RULES.any.maxBytes,
  });
  const name = clean.decodedOrAsIs(new URL(file.url).pathname.split("/").pop() ?? "");
  return {
    kind: "bytes",
    data: fetched.data,
    contentType: fetched.contentType,
    name: name || undefined,
  };
}

/**
 * Upload File: `POST /files`, multipart (`UploadFileMultipartRequest`). `purpose` goes before
 * `file`, as xAI reads the parts in order. The body is built as one Buffer so a retry can resend it.
 * @see https://docs.x.ai/docs/api-reference#upload-file
 */
export const uploadFile = action({
  display: {
    label: "Upload File",
    description: "Upload a file to xAI, for chat and Responses attachments and collections",
  },
  inputs: {
    connection: connectionInput,
    file: fileInput({
      label: "File",
      kind: "any",
      required: true,
      example: "https://example.com/report.pdf",
      comments:
        "A file from an earlier step, a data: URL, an https URL, or text (uploaded as a text file). At most 50 MiB.",
      fetchedHere: true,
    }),
    fileName: input({
      label: "File Name",
      type: "string",
      required: false,
      comments:
        "Name recorded at xAI; by default the file's own name, or one derived from its type (file.png).",
      example: "report.pdf",
      clean: clean.optionalText("File Name"),
    }),
    purpose: input({
      label: "Purpose",
      type: "string",
      required: false,
      comments:
        'Optional label, accepted for OpenAI compatibility; "assistants" is the usual value.',
      example: "assistants",
      clean: clean.optionalText("Purpose"),
    }),
  },
  perform: async (context, { connection, file, fileName, purpose }) => {
    const client = xai(connection, context, { deadlineMs: GENERATION_DEADLINE_MS });
    const bytes = await bytesOf(client, file as FileValue);
    const form = new FormData();
    if (purpose) form.append("purpose", purpose);
    form.append("file", bytes.data, {
      filename: fileName ?? bytes.name ?? fileNameFor(bytes.contentType),
      contentType: bytes.contentType,
    });
    const response = await client.jsonResponse({
      method: "POST",
      path: "/files",
      body: form.getBuffer(),
      headers: form.getHeaders(),
    });
    return { data: response.data };
  },
  outputSchema: xaiOutput("File"),
  performSafety: "notAllowed",
  examplePayload: { data: fileExample },
});
