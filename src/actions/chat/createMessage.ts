import { action, input } from "@prismatic-io/spectral";
import { XaiApiError } from "../../errors/classes";
import { xai } from "../../http/client";
import * as clean from "../../inputs/clean";
import {
  additionalFields,
  connectionInput,
  languageModel,
  messagesInput,
} from "../../inputs/common";
import { GENERATION_DEADLINE_MS } from "../../limits";
import { xaiOutput } from "../outputs";
import { messageExample } from "./examples";

/**
 * Create Message: xAI's Anthropic-compatible `POST /messages`, which xAI removed on 2026-02-20 (it
 * answers 410 Gone). Kept so integrations built on the original keep their step; a 410 says what
 * to use instead, any other failure is reported as usual.
 * @see https://docs.x.ai/docs/api-reference#messages-anthropic-compatible
 */
export const createMessage = action({
  display: {
    label: "Create Message",
    description: "Create a message using the Anthropic-compatible messages API endpoint",
  },
  inputs: {
    connection: connectionInput,
    messages: messagesInput(
      "Input messages. See [xAI API docs](https://docs.x.ai/docs/api-reference#messages-anthropic-compatible) for possible values.",
      {},
    ),
    model: languageModel("grok-3-fast-latest"),
    maxTokens: input({
      label: "Max Tokens",
      type: "string",
      required: true,
      default: "100",
      comments:
        "The maximum number of tokens to generate before stopping. The model may stop before the max_tokens when it reaches the stop sequence.",
      clean: clean.requiredNumber({ label: "Max Tokens", min: 1, integer: true }),
    }),
    additionalFields: additionalFields("messages-anthropic-compatible"),
  },
  perform: async (context, { connection, messages, model, maxTokens, additionalFields }) => {
    const body = { model, messages, max_tokens: maxTokens, ...additionalFields };
    const client = xai(connection, context, { deadlineMs: GENERATION_DEADLINE_MS });
    try {
      return { data: await client.post("/messages", body) };
    } catch (error) {
      if (error instanceof XaiApiError && error.status === 410) {
        throw new XaiApiError(
          `xAI removed the Anthropic-compatible messages endpoint (410 Gone on POST /messages); use Create Chat Completion or Create Response instead${error.requestId ? ` [request id ${error.requestId}]` : ""}`,
          { status: 410, method: "POST", path: "/messages", requestId: error.requestId },
        );
      }
      throw error;
    }
  },
  outputSchema: xaiOutput("MessageResponse"),
  performSafety: "notAllowed",
  examplePayload: { data: messageExample },
});
