import { action, input } from "@prismatic-io/spectral";
import { xai } from "../../http/client";
import * as clean from "../../inputs/clean";
import { connectionInput } from "../../inputs/common";
import { GENERATION_DEADLINE_MS } from "../../limits";
import { modelResponseExample } from "./examples";
import { responseOutput } from "./outputSchema";
import { parsedOutput, withOutputText } from "./outputText";
import { withoutSecrets } from "./request";
import { getResponse as fetchResponse } from "./wait";

export const responseIdInput = input({
  label: "Response ID",
  type: "string",
  required: true,
  comments: "The ID of a stored response (the `id` Create Response returned).",
  example: "ad5663da-63e6-86c6-e0be-ff15effa8357",
  clean: clean.pathId("Response ID", "ad5663da-63e6-86c6-e0be-ff15effa8357"),
});

/**
 * Get Response: `GET /responses/{response_id}`, a stored response (e.g. one created in the
 * background). With Wait For Completion on, polls until it is no longer queued or in progress.
 * @see https://docs.x.ai/docs/api-reference#get-response
 */
export const getResponse = action({
  display: {
    label: "Get Response",
    description: "Retrieve a stored xAI Grok response, optionally waiting until it is complete",
  },
  inputs: {
    connection: connectionInput,
    responseId: responseIdInput,
    waitForCompletion: input({
      label: "Wait For Completion",
      type: "boolean",
      required: false,
      default: "false",
      comments:
        "Poll until the response is no longer queued or in progress (1 s, backing off to 10 s; at most 10 minutes).",
      clean: clean.booleanValue,
    }),
  },
  perform: async (context, { connection, responseId, waitForCompletion }) => {
    const client = xai(connection, context, { deadlineMs: GENERATION_DEADLINE_MS });
    const response = await fetchResponse(client, responseId, { wait: waitForCompletion });
    const data = withOutputText(withoutSecrets(client, response), { parse: false });
    // A finished structured-output response is parsed too, like Create Response does.
    const format = (response.text as { format?: { type?: unknown } } | undefined)?.format;
    if (format?.type === "json_schema" && response.status === "completed") {
      try {
        data.output_parsed = parsedOutput(response, data.output_text);
      } catch (error) {
        throw await client.failure(error);
      }
    }
    return { data };
  },
  outputSchema: responseOutput(
    "For a completed response with a JSON Schema: the answer parsed as JSON.",
  ),
  performSafety: "safe",
  examplePayload: { data: modelResponseExample },
});
