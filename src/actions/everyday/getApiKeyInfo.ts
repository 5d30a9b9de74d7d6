import { action } from "@prismatic-io/spectral";
import { apiKey, xai } from "../../http/client";
import { connectionInput } from "../../inputs/common";
import { MODEL_CALL_DEADLINE_MS } from "../../limits";
import { xaiOutput } from "../outputs";
import { apiKeyInfoExample } from "./examples";
import { withSafeMask } from "./keyInfo";

/**
 * Get API Key Info: `GET /api-key`, the connection key's name, status, ACLs and team, as xAI
 * sends them, with the key itself never in the result (see keyInfo.ts).
 * @see https://docs.x.ai/docs/api-reference#get-api-key-info
 */
export const getApiKeyInfo = action({
  display: {
    label: "Get API Key Info",
    description: "Get the name, status, permissions and team of the connection's API key",
  },
  inputs: { connection: connectionInput },
  perform: async (context, { connection }) => {
    const client = xai(connection, context, { deadlineMs: MODEL_CALL_DEADLINE_MS });
    const answer = await client.get("/api-key");
    const safe = withSafeMask(answer, client.withoutSecrets(answer), apiKey(connection));
    return { data: safe as Record<string, unknown> };
  },
  outputSchema: xaiOutput("ApiKey"),
  performSafety: "safe",
  examplePayload: { data: apiKeyInfoExample },
});
