import { action } from "@prismatic-io/spectral";
import { xai } from "../../http/client";
import { connectionInput } from "../../inputs/common";
import { MODEL_CALL_DEADLINE_MS } from "../../limits";
import { xaiOutput } from "../outputs";
import { deletedFileExample } from "./examples";
import { fileIdInput, filePath } from "./fileIdInput";

/**
 * Delete File: `DELETE /files/{file_id}`.
 * @see https://docs.x.ai/docs/api-reference#delete-file
 */
export const deleteFile = action({
  display: { label: "Delete File", description: "Delete a file uploaded to xAI" },
  inputs: { connection: connectionInput, fileId: fileIdInput },
  perform: async (context, { connection, fileId }) => {
    const client = xai(connection, context, { deadlineMs: MODEL_CALL_DEADLINE_MS });
    return { data: await client.delete(filePath(fileId)) };
  },
  outputSchema: xaiOutput("DeleteFileResponse"),
  performSafety: "notAllowed",
  examplePayload: { data: deletedFileExample },
});
