import { dataSource } from "@prismatic-io/spectral";
import { listAllFiles } from "../actions/files/pages";
import { formatBytes } from "../errors/text";
import { xai } from "../http/client";
import { connectionInput } from "../inputs/common";
import { MODEL_CALL_DEADLINE_MS } from "../limits";

/** A picklist longer than this is of no use to a person; the newest files come first. */
const MAX_PICKER_FILES = 1000;

/**
 * Files uploaded to xAI (`GET /files`), for every File ID input: "report.pdf (47.1 KiB)" → file id.
 * @see https://docs.x.ai/docs/api-reference#list-files
 */
export const selectFile = dataSource({
  display: { label: "Select File", description: "Select a file uploaded to xAI" },
  dataSourceType: "picklist",
  inputs: { connection: connectionInput },
  perform: async (context, { connection }) => {
    const client = xai(connection, context, { deadlineMs: MODEL_CALL_DEADLINE_MS });
    const { data } = await listAllFiles(client, MAX_PICKER_FILES, MAX_PICKER_FILES);
    return {
      result: data.map((file) => ({
        key: file.id,
        label: `${typeof file.filename === "string" ? file.filename : file.id}${typeof file.bytes === "number" ? ` (${formatBytes(file.bytes)})` : ""}`,
      })),
    };
  },
  examplePayload: {
    result: [{ key: "file_5b2c1e0f-3d4a-4b5c-8d9e-0a1b2c3d4e5f", label: "report.pdf (47.1 KiB)" }],
  },
});
