import { component } from "@prismatic-io/spectral";
import { actions } from "./actions";
import { xaiGrokConnection } from "./connection";
import { selectFile } from "./dataSources/files";
import {
  selectEmbeddingModel,
  selectImageModel,
  selectLanguageModel,
  selectModel,
  selectVideoModel,
} from "./dataSources/models";
import { errorHook } from "./errors/describe";

/**
 * xAI Grok: a drop-in replacement for Prismatic's own component (same keys and inputs), plus xAI's
 * current APIs.
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
  hooks: { error: errorHook },
  connections: [xaiGrokConnection],
  actions,
  dataSources: {
    selectModel,
    selectLanguageModel,
    selectImageModel,
    selectVideoModel,
    selectFile,
    selectEmbeddingModel,
  },
});
