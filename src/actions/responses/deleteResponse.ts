import { action } from "@prismatic-io/spectral";
import { xai } from "../../http/client";
import { connectionInput } from "../../inputs/common";
import { MODEL_CALL_DEADLINE_MS } from "../../limits";
import { xaiOutput } from "../outputs";
import { deleteResponseExample } from "./examples";
import { responseIdInput } from "./getResponse";
import { responsePath } from "./wait";

/**
 * Delete Response: `DELETE /responses/{response_id}`, removes a stored response from xAI.
 * @see https://docs.x.ai/docs/api-reference#delete-response
 */
export const deleteResponse = action({
  display: {
    label: "Delete Response",
    description: "Delete a stored xAI Grok response",
  },
  inputs: {
    connection: connectionInput,
    responseId: responseIdInput,
  },
  perform: async (context, { connection, responseId }) => {
    const client = xai(connection, context, { deadlineMs: MODEL_CALL_DEADLINE_MS });
    return { data: await client.delete(responsePath(responseId)) };
  },
  outputSchema: xaiOutput("DeleteStoredCompletionResponse"),
  performSafety: "notAllowed",
  examplePayload: { data: deleteResponseExample },
});
