/**
 * Images and videos, kept cheap with real xAI: one generated image (then edited), one 2-second
 * 480p video (the shortest Extend Video takes), edited and extended by 2 seconds.
 */
import type { Demo } from "./context";
import { fileSummary, type Json, type Summary, step } from "./step";

const videoSummary: Summary = (data, result) =>
  Buffer.isBuffer(data)
    ? fileSummary(data, result)
    : data.request_id
      ? `started, request id ${data.request_id}`
      : `${data.status}: ${data.video?.duration ?? "?"} s video at ${data.video?.url ? new URL(data.video.url).host : "no url"} (${data.model ?? "?"})`;

export async function mediaSteps({ call, models, directive }: Demo): Promise<void> {
  const generated = await step(
    "Generate Image",
    "generateImage",
    call("generateImage", {
      prompt: "A lighthouse at dawn, watercolor",
      model: models.image,
      n: "1",
    }),
    (data) =>
      `${data.length} image(s): ${data.map((image: Json) => (image.url ? `${image.mime_type ?? "image"} at ${new URL(image.url).host}` : `${image.b64_json?.length} base64 characters`)).join(", ")}`,
  );
  const image: Json = generated?.data[0];
  await step(
    "Edit Image (returned as a file)",
    "editImage",
    call("editImage", {
      prompt: "Add a red boat in front of the lighthouse",
      image: image?.url ?? (image?.b64_json && `data:image/jpeg;base64,${image.b64_json}`),
      model: models.image,
      n: "1",
      returnFile: "true",
    }),
    fileSummary,
  );

  const started = await step(
    "Generate Video (not waiting)",
    "generateVideo",
    call("generateVideo", {
      prompt: `A paper boat drifting on a puddle${directive(" POLLS=0")}`,
      model: models.video,
      duration: "2",
      resolution: "480p",
      waitForCompletion: "false",
    }),
    videoSummary,
  );
  const video = await step(
    "Get Video (waiting)",
    "getVideo",
    call("getVideo", { requestId: started?.data.request_id }),
    videoSummary,
  );
  const videoUrl: string | undefined = video?.data.video?.url;
  await step(
    "Edit Video (returned as a file)",
    "editVideo",
    call("editVideo", {
      prompt: `Make it black and white${directive(" POLLS=0")}`,
      video: videoUrl,
      model: models.video,
      returnFile: "true",
    }),
    videoSummary,
  );
  await step(
    "Extend Video",
    "extendVideo",
    call("extendVideo", {
      prompt: `The boat sails out of frame${directive(" POLLS=0")}`,
      video: videoUrl,
      duration: "2",
      model: models.video,
    }),
    videoSummary,
  );
}
