import { action } from "@prismatic-io/spectral";
import { xai } from "../../http/client";
import { readBody } from "../../http/download";
import { connectionInput } from "../../inputs/common";
import { GENERATION_DEADLINE_MS, MAX_MEDIA_BODY_BYTES } from "../../limits";
import { jsonOutput } from "../outputs";
import { fileIdInput, filePath } from "./fileIdInput";
import { binarySchema } from "./fileResult";

/**
 * Download File: `GET /files/{file_id}/content`, streamed and bounded, returned as a Prismatic file
 * with xAI's content type (`application/octet-stream`, per the OpenAPI description).
 * @see https://docs.x.ai/docs/api-reference#download-file-content
 */
export const downloadFile = action({
  display: {
    label: "Download File",
    description: "Download the content of a file uploaded to xAI, as a file a next step can use",
  },
  inputs: { connection: connectionInput, fileId: fileIdInput },
  perform: async (context, { connection, fileId }) => {
    const client = xai(connection, context, { deadlineMs: GENERATION_DEADLINE_MS });
    const path = filePath(fileId, "/content");
    const response = await client.request<NodeJS.ReadableStream>({
      method: "GET",
      path,
      responseType: "stream",
      maxBytes: MAX_MEDIA_BODY_BYTES,
      headers: { Accept: "*/*" },
    });
    try {
      return await readBody(response, MAX_MEDIA_BODY_BYTES, `Downloading file ${fileId}`);
    } catch (error) {
      throw await client.failure(error);
    }
  },
  outputSchema: jsonOutput(binarySchema),
  performSafety: "safe",
  examplePayload: {
    data: Buffer.from("Hello from xAI Files"),
    contentType: "application/octet-stream",
  },
});
