import { action } from "@prismatic-io/spectral";
import { xai } from "../../http/client";
import { connectionInput } from "../../inputs/common";
import { MODEL_CALL_DEADLINE_MS } from "../../limits";
import { xaiOutput } from "../outputs";
import { fileExample } from "./examples";
import { fileIdInput, filePath } from "./fileIdInput";

/**
 * Get File: `GET /files/{file_id}`, the file's metadata.
 * @see https://docs.x.ai/docs/api-reference#get-file
 */
export const getFile = action({
  display: { label: "Get File", description: "Get the metadata of a file uploaded to xAI" },
  inputs: { connection: connectionInput, fileId: fileIdInput },
  perform: async (context, { connection, fileId }) => {
    const client = xai(connection, context, { deadlineMs: MODEL_CALL_DEADLINE_MS });
    return { data: await client.get(filePath(fileId)) };
  },
  outputSchema: xaiOutput("File"),
  performSafety: "safe",
  examplePayload: { data: fileExample },
});
