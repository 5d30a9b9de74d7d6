import { runAgent } from "./agent/runAgent";
import { createChatCompletion } from "./chat/createChatCompletion";
import { createMessage } from "./chat/createMessage";
import { askGrok } from "./everyday/askGrok";
import { classifyText } from "./everyday/classifyText";
import { createEmbeddings } from "./everyday/createEmbeddings";
import { extractData } from "./everyday/extractData";
import { getApiKeyInfo } from "./everyday/getApiKeyInfo";
import { tokenizeText } from "./everyday/tokenizeText";
import { deleteFile } from "./files/deleteFile";
import { downloadFile } from "./files/downloadFile";
import { getFile } from "./files/getFile";
import { listFiles } from "./files/listFiles";
import { uploadFile } from "./files/uploadFile";
import { editImage } from "./images/editImage";
import { generateImage } from "./images/generateImage";
import { rawRequest } from "./misc/rawRequest";
import { getModel } from "./models/getModel";
import { listModels } from "./models/listModels";
import { createResponse } from "./responses/createResponse";
import { deleteResponse } from "./responses/deleteResponse";
import { getResponse } from "./responses/getResponse";
import { editVideo } from "./videos/editVideo";
import { extendVideo } from "./videos/extendVideo";
import { generateVideo } from "./videos/generateVideo";
import { getVideo } from "./videos/getVideo";

/** Every action, keyed as the component lists them: Prismatic's six first, in its order (a contract). */
export const actions = {
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
};
