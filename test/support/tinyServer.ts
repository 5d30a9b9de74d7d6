import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface TinyServer {
  server: http.Server;
  /** "http://127.0.0.1:<port>/v1" */
  baseUrl: string;
  close(): Promise<void>;
}

/** A bare HTTP server on 127.0.0.1 for tests that need one exact server behaviour. */
export const listenOnLoopback = async (handler: http.RequestListener): Promise<TinyServer> => {
  const server = http.createServer(handler);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    server,
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
};

/**
 * For one test file: a loopback server that XAI_BASE_URL points at, answering each request with
 * whatever `reply` holds at the time (set it in a test before calling an action).
 */
export const useReplyingServer = () => {
  const state = { reply: (res: http.ServerResponse): void => void res.end() };
  let local: TinyServer | undefined;
  const previous = process.env.XAI_BASE_URL;
  beforeAll(async () => {
    local = await listenOnLoopback((req, res) => {
      req.resume();
      state.reply(res);
    });
    process.env.XAI_BASE_URL = local.baseUrl;
  });
  afterAll(async () => {
    if (previous === undefined) delete process.env.XAI_BASE_URL;
    else process.env.XAI_BASE_URL = previous;
    await local?.close();
  });
  return state;
};
