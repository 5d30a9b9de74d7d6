import { action, input } from "@prismatic-io/spectral";
import { inputs as httpInputs, sendRawRequest } from "@prismatic-io/spectral/dist/clients/http";
import type { KeyValuePair } from "@prismatic-io/spectral/dist/types/Inputs";
import { authorizationHeaders, xaiBaseUrl } from "../client";
import { rawRequestExample } from "../examples";
import { connectionInput } from "../inputs";
import { toSafeRequestPath } from "../safePath";

// Spectral's raw-request inputs, without Debug Request (the original component has none).
const { debugRequest: _debugRequest, url: _url, ...requestInputs } = httpInputs;

/** Only the connection decides who is authorized: a typed Authorization header never replaces it. */
const isAuthorizationHeader = ({ key }: KeyValuePair<unknown>): boolean =>
  key.trim().toLowerCase() === "authorization";

/**
 * Raw Request: any xAI endpoint, through Spectral's `sendRawRequest`. URL takes a path only,
 * resolved against the xAI base URL, so the API key can never be sent to another host.
 * @see https://prismatic.io/docs/integrations/low-code-integration-designer/raw-request-actions/
 */
export const rawRequest = action({
  display: {
    label: "Raw Request",
    description: "Send raw HTTP request to xAI",
  },
  inputs: {
    connection: connectionInput,
    url: input({
      ...httpInputs.url,
      comments:
        "Input the path only (/models), The base URL is already included (https://api.x.ai/v1). For example, to connect to https://api.x.ai/v1/models, only /models is entered in this field.",
      example: "/models",
      clean: toSafeRequestPath,
    }),
    ...requestInputs,
  },
  perform: async (_context, { connection, headers, ...values }) => {
    const { data } = await sendRawRequest(
      xaiBaseUrl(),
      {
        ...values,
        headers: Array.isArray(headers)
          ? headers.filter((header) => !isAuthorizationHeader(header))
          : [],
        debugRequest: false,
      },
      authorizationHeaders(connection),
    );
    return { data };
  },
  examplePayload: { data: rawRequestExample },
});
