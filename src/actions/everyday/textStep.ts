/**
 * The one path of the everyday text steps: the chosen (or default) model, the Create Response
 * request builder and runner (src/actions/responses/request.ts), and a check that the response
 * completed, so a step never hands on half an answer.
 * @see https://docs.x.ai/docs/api-reference#create-new-response
 */

import type { ActionContext, Connection } from "@prismatic-io/spectral";
import { type Xai, xai } from "../../http/client";
import { GENERATION_DEADLINE_MS } from "../../limits";
import { notCompleted, type ResponseData } from "../responses/outputText";
import { buildResponseRequest, type ResponseValues, runResponse } from "../responses/request";
import { modelOrDefault } from "./defaultModel";

export type TextStepValues = Omit<ResponseValues, "model"> & { model?: string };

export interface TextStepResult {
  response: ResponseData;
  /** The call's client, for failures found in the answer (redacted with the call's secrets). */
  client: Xai;
}

export async function runTextStep(
  context: ActionContext,
  connection: Connection,
  values: TextStepValues,
): Promise<TextStepResult> {
  const model = await modelOrDefault(context, connection, values.model);
  const { body, secrets } = buildResponseRequest({ ...values, model });
  const client = xai(connection, context, { deadlineMs: GENERATION_DEADLINE_MS, secrets });
  const response = await runResponse(client, body);
  if (response.status !== "completed") {
    throw await client.failure(notCompleted(response, "the step has no complete answer"));
  }
  return { response, client };
}
