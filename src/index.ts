import { component } from "@prismatic-io/spectral";
import { runAgent } from "./actions/agent/runAgent";
import { createChatCompletion } from "./actions/chat/createChatCompletion";
import { createMessage } from "./actions/chat/createMessage";
import { askGrok } from "./actions/everyday/askGrok";
import { classifyText } from "./actions/everyday/classifyText";
import { createEmbeddings } from "./actions/everyday/createEmbeddings";
import { extractData } from "./actions/everyday/extractData";
import { getApiKeyInfo } from "./actions/everyday/getApiKeyInfo";
import { tokenizeText } from "./actions/everyday/tokenizeText";
import { deleteFile } from "./actions/files/deleteFile";
import { downloadFile } from "./actions/files/downloadFile";
import { getFile } from "./actions/files/getFile";
import { listFiles } from "./actions/files/listFiles";
import { uploadFile } from "./actions/files/uploadFile";
import { editImage } from "./actions/images/editImage";
import { generateImage } from "./actions/images/generateImage";
import { rawRequest } from "./actions/misc/rawRequest";
import { getModel } from "./actions/models/getModel";
import { listModels } from "./actions/models/listModels";
import { createResponse } from "./actions/responses/createResponse";
import { deleteResponse } from "./actions/responses/deleteResponse";
import { getResponse } from "./actions/responses/getResponse";
import { editVideo } from "./actions/videos/editVideo";
import { extendVideo } from "./actions/videos/extendVideo";
import { generateVideo } from "./actions/videos/generateVideo";
import { getVideo } from "./actions/videos/getVideo";
import { xaiGrokConnection } from "./connection";
import { selectEmbeddingModel } from "./dataSources/embeddings";
import { selectFile } from "./dataSources/files";
import { selectImageModel, selectLanguageModel, selectModel } from "./dataSources/models";
import { selectVideoModel } from "./dataSources/videos";
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
  actions: {
    createChatCompletion,
    createMessage,
    generateImage,
    getModel,
    listModels,
    rawRequest,
    createResponse,
    getResponse,
    deleteResponse,
    editImage,
    generateVideo,
    editVideo,
    extendVideo,
    getVideo,
    uploadFile,
    listFiles,
    getFile,
    downloadFile,
    deleteFile,
    askGrok,
    extractData,
    classifyText,
    createEmbeddings,
    tokenizeText,
    getApiKeyInfo,
    runAgent,
  },
  dataSources: {
    selectModel,
    selectLanguageModel,
    selectImageModel,
    selectVideoModel,
    selectFile,
    selectEmbeddingModel,
  },
});
