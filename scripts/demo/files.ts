/** The Files API: upload a tiny text file, list, read, download and delete it. */
import type { Demo } from "./context";
import { fileSummary, type Json, size, step } from "./step";

export async function fileSteps({ call }: Demo): Promise<void> {
  const file = { data: Buffer.from("Hello from the xAI Grok demo.\n"), contentType: "text/plain" };
  const uploaded = await step(
    "Upload File",
    "uploadFile",
    call("uploadFile", { file, fileName: "demo.txt", purpose: "assistants" }),
    (data) => `${data.id} (${data.filename}, ${size(data.bytes)})`,
  );
  const fileId: string | undefined = uploaded?.data.id;
  await step(
    "List Files",
    "listFiles",
    call("listFiles", {}),
    (data) =>
      `${data.data.length} file(s)${fileId ? `, the upload ${data.data.some((f: Json) => f.id === fileId) ? "among them" : "NOT among them"}` : ""}`,
  );
  await step(
    "Get File",
    "getFile",
    call("getFile", { fileId }),
    (data) => `${data.id}: ${data.filename}, ${size(data.bytes)}, created ${data.created_at}`,
  );
  await step("Download File", "downloadFile", call("downloadFile", { fileId }), fileSummary);
  await step(
    "Delete File",
    "deleteFile",
    call("deleteFile", { fileId }),
    (data) => `${data.id} deleted: ${data.deleted}`,
  );
}
