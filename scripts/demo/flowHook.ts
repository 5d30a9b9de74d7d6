/**
 * A tiny loopback webhook standing in for the integration's "Look Up Customer" flow: Run Agent's
 * `context.invokeFlow` POSTs Grok's arguments to it and hands its JSON answer back to Grok.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { FlowSchemas } from "@prismatic-io/spectral";

export const LOOK_UP_CUSTOMER = "Look Up Customer";

/** The flow's invoke schema, as Prismatic hands it in `context.flowSchemas`. */
export const flowSchemas: FlowSchemas = {
  [LOOK_UP_CUSTOMER]: {
    invoke: {
      title: "Find a customer of the CRM by email; returns their id, name and plan",
      $schema: "https://json-schema.org/draft/2020-12/schema",
      type: "object",
      properties: { email: { type: "string", description: "The customer's email" } },
      required: ["email"],
    },
  },
};

export interface FlowHook {
  url: string;
  /** The emails the flow was asked about. */
  lookups: string[];
  close(): Promise<void>;
}

const readJson = (request: IncomingMessage): Promise<Record<string, unknown>> =>
  new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}"));
      } catch {
        resolve({});
      }
    });
  });

export async function startFlowHook(): Promise<FlowHook> {
  const lookups: string[] = [];
  const server = createServer(async (request, response) => {
    const { email } = await readJson(request);
    lookups.push(String(email));
    const answer = { id: "cus_123", name: "Ada Lovelace", email, plan: "Pro" };
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/trigger/look-up-customer`,
    lookups,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
