/**
 * What Generate Image and Edit Image return: xAI's `data` array of images, or, with Return File,
 * the images themselves as Prismatic files (downloaded from their URLs, or decoded from b64_json).
 */

import { input } from "@prismatic-io/spectral";
import { XaiApiError } from "../../errors/classes";
import { mediaType } from "../../errors/errorBody";
import type { Xai } from "../../http/client";
import { download, isMediaType } from "../../http/download";
import * as clean from "../../inputs/clean";
import { MAX_MEDIA_BODY_BYTES } from "../../limits";
import { type FileResult, fileResult, type MediaFile } from "../files/fileResult";

export interface GeneratedImage {
  url?: string | null;
  b64_json?: string | null;
  mime_type?: string | null;
}

/** The "Return File" input of the media steps. */
export const returnFileInput = (what: string) =>
  input({
    label: "Return File",
    type: "boolean",
    required: false,
    default: "false",
    comments: `When on, the step downloads the generated ${what} and returns it as a file a next step can upload (one file, or \`files\` when there are several). When off, it returns xAI's answer with links that expire.`,
    clean: clean.booleanValue,
  });

/** A b64_json image, held to what a downloaded one must be: image bytes of an image type. */
async function decoded(client: Xai, image: GeneratedImage, what: string): Promise<MediaFile> {
  const data = Buffer.from(image.b64_json ?? "", "base64");
  const contentType = image.mime_type ? mediaType(image.mime_type) : "image/png";
  if (data.length > 0 && isMediaType(contentType, "image")) return { data, contentType };
  const problem = data.length > 0 ? `type ${JSON.stringify(contentType)}` : "no base64 bytes";
  throw await client.failure(
    new XaiApiError(`xAI's b64_json for ${what} is not an image: it has ${problem}`, {
      code: "NOT_MEDIA",
    }),
  );
}

/**
 * Downloads (or decodes) each image in turn, so at most one download is in flight; together they
 * stay within the media limit, so ten images cannot hold ten times its size.
 */
async function imageFiles(client: Xai, images: GeneratedImage[]): Promise<MediaFile[]> {
  const files: MediaFile[] = [];
  let left = MAX_MEDIA_BODY_BYTES;
  for (const [index, image] of images.entries()) {
    const what = images.length === 1 ? "the image" : `image ${index + 1}`;
    let file: MediaFile;
    if (typeof image.b64_json === "string" && image.b64_json !== "") {
      file = await decoded(client, image, what);
    } else if (typeof image.url === "string" && image.url !== "") {
      file = await download(client, image.url, { what, maxBytes: left, media: "image" });
    } else {
      throw await client.failure(
        new XaiApiError(`xAI's answer has no url or b64_json for ${what}`, { code: "NO_MEDIA" }),
      );
    }
    files.push(file);
    left -= file.data.length;
  }
  return files;
}

/**
 * POSTs an image request (its answer read up to the media body limit: base64 images are large) and
 * returns `{ data: images }`, or the images as files when `returnFile` is on.
 */
export async function postImages(
  client: Xai,
  path: string,
  body: clean.JsonObject,
  returnFile: boolean,
): Promise<{ data: GeneratedImage[] } | FileResult> {
  const answer = await client.post(path, body, MAX_MEDIA_BODY_BYTES);
  const images = await client.listIn<GeneratedImage>(
    answer,
    "data",
    `POST ${path}`,
    clean.isJsonObject,
  );
  if (!returnFile) return { data: images };
  return fileResult(await imageFiles(client, images));
}
