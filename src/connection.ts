import { connection } from "@prismatic-io/spectral";

/**
 * API-key connection, as in Prismatic's own xAI Grok component.
 * Keys are part of the contract: integrations reference `xaiGrokConnection` and `token`.
 * @see https://docs.x.ai/docs/api-reference#authentication
 */
export const xaiGrokConnection = connection({
  key: "xaiGrokConnection",
  display: {
    label: "xAI Grok",
    description: "Connection to xAI Grok API using API key authentication",
  },
  inputs: {
    token: {
      label: "API Key",
      type: "password",
      required: true,
      comments: "Your xAI Grok API key.",
    },
  },
});
