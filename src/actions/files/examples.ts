/** Example payloads shaped like xAI's answers (spec/xai-openapi.json); a test checks each against the local server. */

export const fileExample = {
  id: "file_5b2c1e0f-3d4a-4b5c-8d9e-0a1b2c3d4e5f",
  object: "file",
  bytes: 48213,
  created_at: 1772323200,
  expires_at: null,
  filename: "report.pdf",
  purpose: "assistants",
};

export const listFilesExample = { data: [fileExample], pagination_token: fileExample.id };

export const deletedFileExample = { id: fileExample.id, deleted: true, object: "file" };
