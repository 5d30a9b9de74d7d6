/** Example payloads shaped like xAI's answers (spec/xai-openapi.json); a test checks each against the local server. */

/** `VideoResponse` of a finished video. */
export const videoExample = {
  status: "done",
  video: {
    url: "https://vidgen.x.ai/xai-vidgen-bucket/xai-video-0f5e1b2c.mp4",
    duration: 8,
    respect_moderation: true,
  },
  model: "grok-imagine-video",
  progress: 100,
  usage: { cost_in_usd_ticks: 4000000000 },
};

/** `StartDeferredResponse`: what a step returns without waiting. */
export const startedVideoExample = { request_id: "0f5e1b2c-3d4a-4b5c-8d9e-0a1b2c3d4e5f" };
