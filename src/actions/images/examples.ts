/** Example payloads shaped like xAI's answers (spec/xai-openapi.json); a test checks each against the local server. */

export const generatedImageExample = {
  data: [
    {
      url: "https://imgen.x.ai/xai-imgen/xai-tmp-imgen-1a2b3c4d.png",
      mime_type: "image/png",
    },
  ],
};
