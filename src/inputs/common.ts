import { input } from "@prismatic-io/spectral";
import * as clean from "./clean";

/**
 * Inputs shared by several actions. Labels, comments and defaults are those of Prismatic's own
 * xAI Grok component (spec/xai-grok-connector.md); keys are part of the contract.
 */

export const connectionInput = input({
  label: "Connection",
  type: "connection",
  required: true,
});

const MODEL_COMMENTS =
  "Model name for the model to use. Obtainable [here](https://docs.x.ai/docs/models).";

/** Model input for chat and messages; the picker offers xAI's language models. */
export const languageModel = (defaultModel?: string) =>
  input({
    label: "Model",
    type: "string",
    required: true,
    comments: MODEL_COMMENTS,
    example: "grok-4.3",
    dataSource: "selectLanguageModel",
    ...(defaultModel ? { default: defaultModel } : {}),
    clean: clean.requiredText("Model"),
  });

/** Messages: a JSON array (or an array from an earlier step) of messages in these roles. */
export const messagesInput = (comments: string, rule: Omit<clean.MessagesRule, "label">) =>
  input({
    label: "Messages",
    type: "code",
    language: "json",
    required: true,
    comments,
    example: '[{"role": "user", "content": "Hello, Grok!"}]',
    clean: clean.messages({ label: "Messages", ...rule }),
  });

export const additionalFields = (docsAnchor: string) =>
  input({
    label: "Additional Fields",
    type: "code",
    language: "json",
    required: false,
    comments: `Additional fields that are not supported by the action inputs. See [xAI API docs](https://docs.x.ai/docs/api-reference#${docsAnchor}) for possible values.`,
    example: '{"reasoning_effort": "low"}',
    clean: clean.additionalFields("Additional Fields"),
  });
