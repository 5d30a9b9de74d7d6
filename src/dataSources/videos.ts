import { modalities, modelPicker } from "./models";

/**
 * Video generation models (`GET /video-generation-models`), for the video steps.
 * @see https://docs.x.ai/docs/api-reference#list-video-generation-models
 */
export const selectVideoModel = modelPicker({
  label: "Select Video Model",
  description: "Select an xAI video generation model",
  path: "/video-generation-models",
  describe: (model) =>
    `${modalities(model.input_modalities)} in, ${modalities(model.output_modalities, "video")} out`,
  example: [
    { key: "grok-imagine-video", label: "grok-imagine-video — text, image, video in, video out" },
  ],
});
