/** What every group of demo steps needs: how to call an action, the models, local or real xAI. */
import type { ActionContext } from "@prismatic-io/spectral";

export type Params = Record<string, unknown>;

export interface Models {
  language: string;
  image: string;
  video: string;
  embedding: string;
}

export interface Demo {
  /** True against the local xAI server, false against real xAI. */
  local: boolean;
  models: Models;
  /** Calls an action of the built component with the connection (and extra context). */
  call(action: string, params: Params, context?: Partial<ActionContext>): () => Promise<unknown>;
  /** `text` for the local server's prompt grammar (e.g. POLLS=0); nothing with real xAI. */
  directive(text: string): string;
}
