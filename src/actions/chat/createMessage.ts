import { action, input } from "@prismatic-io/spectral";
import { createXaiClient, GENERATION_DEADLINE_MS } from "../client";
import { messageExample } from "../examples";
import { additionalFields, connectionInput, languageModel, messagesInput } from "../inputs";
import { postMaybeStreamed } from "../streaming";
import * as clean from "../validation";
import { explainDeprecatedEndpoint } from "./deprecatedMessages";

/**
 * Create Message: xAI's Anthropic-compatible `POST /messages`. `{"stream": true}` in Additional
 * Fields streams, and the events are assembled into the one message the plain call returns.
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
      ["user", "assistant"],
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
  perform: async (context, { connection, messages, model, maxTokens, ...rest }) => {
    const body = { model, messages, max_tokens: maxTokens, ...rest.additionalFields };
    const client = createXaiClient(connection, { deadlineMs: GENERATION_DEADLINE_MS, context });
    try {
      return { data: await postMaybeStreamed(client, "/messages", body, "message") };
    } catch (error) {
      throw explainDeprecatedEndpoint(error);
    }
  },
  examplePayload: { data: messageExample },
});
