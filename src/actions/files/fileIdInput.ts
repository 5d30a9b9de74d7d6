import { input } from "@prismatic-io/spectral";
import * as clean from "../../inputs/clean";

export const fileIdInput = input({
  label: "File ID",
  type: "string",
  required: true,
  comments: "The id of a file uploaded to xAI (file_…).",
  example: "file_5b2c1e0f-3d4a-4b5c-8d9e-0a1b2c3d4e5f",
  dataSource: "selectFile",
  clean: clean.pathId("File ID", "file_5b2c1e0f-3d4a-4b5c-8d9e-0a1b2c3d4e5f"),
});

export const filePath = (fileId: string, suffix = ""): string =>
  `/files/${encodeURIComponent(fileId)}${suffix}`;
