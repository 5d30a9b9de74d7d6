import { action, input } from "@prismatic-io/spectral";
import { xai } from "../../http/client";
import * as clean from "../../inputs/clean";
import { connectionInput } from "../../inputs/common";
import { MAX_LISTED_FILES, MODEL_CALL_DEADLINE_MS, RAW_REQUEST_DEADLINE_MS } from "../../limits";
import { xaiOutput } from "../outputs";
import { listFilesExample } from "./examples";
import { listAllFiles, listFilePage } from "./pages";

const DEFAULT_PAGE_SIZE = 100;

/**
 * List Files: `GET /files`, one page, or with Fetch All every page up to 10,000 files.
 * @see https://docs.x.ai/docs/api-reference#list-files
 */
export const listFiles = action({
  display: { label: "List Files", description: "List the files uploaded to xAI" },
  inputs: {
    connection: connectionInput,
    fetchAll: input({
      label: "Fetch All",
      type: "boolean",
      required: false,
      default: "false",
      comments: `Follow the pages to the end (at most ${MAX_LISTED_FILES.toLocaleString("en")} files).`,
      clean: clean.booleanValue,
    }),
    limit: input({
      label: "Limit",
      type: "string",
      required: false,
      comments: "Files per page (xAI's default: 100).",
      example: "100",
      clean: clean.optionalNumber({ label: "Limit", min: 1, integer: true }),
    }),
    after: input({
      label: "After",
      type: "string",
      required: false,
      comments: "The pagination_token of the previous page, to go on from there.",
      clean: clean.optionalText("After"),
    }),
  },
  perform: async (context, { connection, fetchAll, limit, after }) => {
    const deadlineMs = fetchAll ? RAW_REQUEST_DEADLINE_MS : MODEL_CALL_DEADLINE_MS;
    const client = xai(connection, context, { deadlineMs });
    const data = fetchAll
      ? await listAllFiles(client, limit ?? DEFAULT_PAGE_SIZE, MAX_LISTED_FILES, after)
      : await listFilePage(client, { limit, after });
    return { data };
  },
  outputSchema: xaiOutput("ListFilesResponse"),
  performSafety: "safe",
  examplePayload: { data: listFilesExample },
});
