import { action, input, util } from "@prismatic-io/spectral";
import { inputs as httpInputs, toAxiosRetryConfig } from "@prismatic-io/spectral/dist/clients/http";
import type { KeyValuePair } from "@prismatic-io/spectral/dist/types/Inputs";
import FormData from "form-data";
import { InputError } from "../../errors/classes";
import { readHeader } from "../../errors/errorBody";
import { xai } from "../../http/client";
import { toRawRequestPath } from "../../http/rawPath";
import { connectionInput } from "../../inputs/common";
import { MAX_MEDIA_BODY_BYTES, RAW_REQUEST_DEADLINE_MS } from "../../limits";
import { modelExample } from "../models/examples";
import { jsonOutput } from "../outputs";

// Spectral's raw-request inputs, without Debug Request (the original component has none).
const { debugRequest: _debugRequest, url: _url, ...requestInputs } = httpInputs;

type Pairs = KeyValuePair<unknown>[] | undefined;

const pairsToObject = (pairs: Pairs): Record<string, string> =>
  Object.fromEntries(
    (Array.isArray(pairs) ? pairs : []).map(({ key, value }) => [key, String(value)]),
  );

/** Data that looks like JSON (an object, an array, or text that parses as one) is sent as JSON. */
function looksLikeJson(data: unknown): boolean {
  if (typeof data === "object" && data !== null && !Buffer.isBuffer(data)) return true;
  if (typeof data !== "string" || !/^\s*[[{]/.test(data)) return false;
  try {
    JSON.parse(data);
    return true;
  } catch {
    return false;
  }
}

function multipart(formData: Pairs, fileData: Pairs, names: Record<string, string> | undefined) {
  const form = new FormData();
  for (const { key, value } of formData ?? []) form.append(key, value);
  for (const { key, value } of fileData ?? []) {
    form.append(key, util.types.toBufferDataPayload(value).data, { filename: names?.[key] || key });
  }
  return form;
}

/**
 * Raw Request: any xAI endpoint on the component's client (its limits, redaction and a 10-minute
 * deadline when Timeout is empty). URL takes a path under https://api.x.ai/v1 (a leading /v1 is
 * accepted), so the API key can never be sent to another host; the connection's key always wins
 * over a typed Authorization header.
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
      clean: toRawRequestPath,
    }),
    ...requestInputs,
  },
  perform: async (context, values) => {
    const { data, formData, fileData, fileDataFileNames } = values;
    const hasForm = [formData, fileData].some((pairs) => Array.isArray(pairs) && pairs.length > 0);
    if (data && hasForm) {
      throw new InputError("Data", "use either Data or Form Data / File Data, not both.");
    }
    const headers = pairsToObject(values.headers);
    for (const name of Object.keys(headers)) {
      if (name.trim().toLowerCase() === "authorization") delete headers[name];
    }
    const body = hasForm ? multipart(formData, fileData, fileDataFileNames) : data || undefined;
    if (body instanceof FormData) Object.assign(headers, body.getHeaders());
    else if (looksLikeJson(body) && readHeader(headers, "content-type") === undefined) {
      headers["Content-Type"] = "application/json";
    }
    const responseType = String(values.responseType || "json").toLowerCase();
    const binary = responseType === "arraybuffer" || responseType === "binary";
    const client = xai(values.connection, context, { deadlineMs: RAW_REQUEST_DEADLINE_MS });
    const response = await client.request({
      method: values.method as "GET",
      path: values.url,
      body,
      params: pairsToObject(values.queryParams),
      headers,
      responseType: binary ? "arraybuffer" : responseType === "json" ? "json" : ("text" as "json"),
      maxBytes: MAX_MEDIA_BODY_BYTES,
      timeoutMs: values.timeout || undefined,
      // Spectral's own reading of these inputs, as the original's sendRawRequest: network errors
      // and 5xx of idempotent methods only (a POST is never sent twice), 2^(n-1) × the delay.
      retry: toAxiosRetryConfig({
        retries: values.maxRetries ?? 0,
        retryDelay: values.retryDelayMS ?? 0,
        retryAllErrors: values.retryAllErrors,
        useExponentialBackoff: values.useExponentialBackoff,
      }),
    });
    // xAI's answer as it is, but for the API key (a proxy or endpoint may echo the request back).
    if (!binary) return { data: client.withoutSecrets(response.data) };
    const contentType = readHeader(response.headers, "content-type") ?? "application/octet-stream";
    return { data: Buffer.from(response.data as ArrayBuffer), contentType };
  },
  outputSchema: jsonOutput({ description: "xAI's answer: JSON, text, or a file for binary" }),
  performSafety: "notAllowed",
  examplePayload: { data: { object: "list", data: [modelExample] } },
});
