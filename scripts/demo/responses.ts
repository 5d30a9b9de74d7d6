/** The Responses API: create a stored response, read it back, delete it. */
import type { Demo } from "./context";
import { excerpt, type Json, step } from "./step";

const outputText = (data: Json): string =>
  (data.output ?? [])
    .filter((item: Json) => item.type === "message")
    .flatMap((item: Json) => item.content ?? [])
    .map((part: Json) => part.text ?? "")
    .join("");

export async function responseSteps({ call, models }: Demo): Promise<void> {
  const created = await step(
    "Create Response",
    "createResponse",
    call("createResponse", {
      model: models.language,
      input: "Name one planet, in one word.",
      maxOutputTokens: "200",
    }),
    (data) =>
      `${data.id}: ${data.model} answered ${excerpt(outputText(data))} (${data.status}, ${data.usage?.total_tokens ?? "?"} tokens)`,
  );
  const responseId: string | undefined = created?.data.id;
  await step(
    "Get Response",
    "getResponse",
    call("getResponse", { responseId }),
    (data) => `${data.id} is ${data.status}: ${excerpt(outputText(data))}`,
  );
  await step(
    "Delete Response",
    "deleteResponse",
    call("deleteResponse", { responseId }),
    (data) => `${data.id} deleted: ${data.deleted}`,
  );
}
