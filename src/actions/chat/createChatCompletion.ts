import { action, input } from "@prismatic-io/spectral";
import { xai } from "../../http/client";
import * as clean from "../../inputs/clean";
import {
  additionalFields,
  connectionInput,
  languageModel,
  messagesInput,
} from "../../inputs/common";
import { GENERATION_DEADLINE_MS } from "../../limits";
import { ChatCompletionAssembler } from "../../streaming/chatCompletion";
import { postStreamed } from "../../streaming/sse";
import { xaiOutput } from "../outputs";
import { chatCompletionExample } from "./examples";

/** Roles of xAI's chat `Message` (spec/xai-openapi.json); only the assistant may leave content out. */
export const CHAT_ROLES = ["system", "user", "assistant", "tool", "function"] as const;

/**
 * Create Chat Completion: `POST /chat/completions` (legacy at xAI; Create Response is the new API).
 * With Stream on, the streamed answer is assembled into the `chat.completion` the plain call returns.
 * @see https://docs.x.ai/docs/api-reference#chat-completions
 */
export const createChatCompletion = action({
  display: {
    label: "Create Chat Completion",
    description: "Create a chat completion using xAI Grok",
  },
  inputs: {
    connection: connectionInput,
    model: languageModel(),
    messages: messagesInput(
      "A list of messages that make up the the chat conversation. Different models support different message types, such as image and text.",
      { roles: CHAT_ROLES, contentOptional: ["assistant"] },
    ),
    temperature: input({
      label: "Temperature",
      type: "string",
      required: false,
      default: "1",
      comments:
        "What sampling temperature to use, between 0 and 2. Higher values like 0.8 will make the output more random, while lower values like 0.2 will make it more focused and deterministic.",
      clean: clean.optionalNumber({ label: "Temperature", min: 0, max: 2 }),
    }),
    topP: input({
      label: "Top P",
      type: "string",
      required: false,
      default: "1",
      comments:
        "An alternative to sampling with `Temperature`, called nucleus sampling, where the model considers the results of the tokens with `Top P` probability mass. It is generally recommended to alter this or `Temperature` but not both.",
      clean: clean.optionalNumber({ label: "Top P", min: 0, max: 1, minExclusive: true }),
    }),
    stream: input({
      label: "Stream",
      type: "boolean",
      required: false,
      default: "false",
      comments: "If set, partial message deltas will be sent.",
      clean: clean.booleanValue,
    }),
    additionalFields: additionalFields("chat-completions"),
  },
  perform: async (
    context,
    { connection, model, messages, temperature, topP, stream, additionalFields },
  ) => {
    const body = {
      ...clean.withoutEmpty({ model, messages, temperature, top_p: topP }),
      ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
      ...additionalFields,
    };
    const client = xai(connection, context, { deadlineMs: GENERATION_DEADLINE_MS });
    const data =
      body.stream === true
        ? await postStreamed(client, "/chat/completions", body, new ChatCompletionAssembler())
        : await client.post("/chat/completions", body);
    return { data: client.withoutSecrets(data) };
  },
  outputSchema: xaiOutput("ChatResponse"),
  performSafety: "notAllowed",
  examplePayload: { data: chatCompletionExample },
});
