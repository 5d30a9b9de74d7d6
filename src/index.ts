import { component } from "@prismatic-io/spectral";
import { createChatCompletion } from "./actions/chat";
import { getModel } from "./actions/getModel";
import { generateImage } from "./actions/image";
import { listModels } from "./actions/listModels";
import { createMessage } from "./actions/message";
import { rawRequest } from "./actions/rawRequest";
import { xaiGrokConnection } from "./connection";
import { selectImageModel, selectLanguageModel, selectModel } from "./dataSources";
import { toFriendlyError } from "./errors";

/**
 * xAI Grok: a drop-in replacement for Prismatic's own component, with the same keys and inputs.
 * @see https://prismatic.io/docs/custom-connectors/
 */
export default component({
  key: "xai-grok",
  public: false,
  display: {
    label: "xAI Grok",
    description:
      "xAI Grok is an AI-powered component that provides advanced chat and image generation capabilities.",
    iconPath: "icon.png",
    category: "Application Connectors",
  },
  hooks: { error: toFriendlyError },
  connections: [xaiGrokConnection],
  actions: {
    createChatCompletion,
    createMessage,
    generateImage,
    getModel,
    listModels,
    rawRequest,
  },
  dataSources: { selectModel, selectLanguageModel, selectImageModel },
});
