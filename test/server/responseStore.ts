import { pendingView, type ResponseHistory } from "./responseAnswers";
import type { ConversationItem } from "./responseInput";
import type { ModelResponse } from "./responseTypes";

/**
 * The responses one test server has stored (xAI keeps them 30 days unless `store` is false), for
 * `GET`/`DELETE /v1/responses/{id}` and `previous_response_id`.
 */

interface StoredResponse {
  response: ModelResponse;
  conversation: ConversationItem[];
  /** Background responses report queued, in_progress, then the finished response. */
  background: boolean;
  polls: number;
}

/** The statuses successive GETs of a background response report before it is finished. */
const BACKGROUND_STEPS = ["queued", "in_progress"] as const;

export class ResponseStore {
  private readonly stored = new Map<string, StoredResponse>();

  save(response: ModelResponse, conversation: ConversationItem[]): void {
    this.stored.set(response.id, {
      response,
      conversation,
      background: response.background,
      polls: 0,
    });
  }

  has(id: string): boolean {
    return this.stored.has(id);
  }

  /** The conversation a request continuing `id` builds on. */
  history(id: string): ResponseHistory | undefined {
    const entry = this.stored.get(id);
    if (!entry) return undefined;
    return { items: entry.conversation, instructions: entry.response.instructions };
  }

  /** What `GET /v1/responses/{id}` reports now (each GET of a background job moves it on). */
  poll(id: string): ModelResponse | undefined {
    const entry = this.stored.get(id);
    if (!entry) return undefined;
    if (!entry.background) return entry.response;
    const step = BACKGROUND_STEPS[entry.polls++];
    return step ? pendingView(entry.response, step) : entry.response;
  }

  delete(id: string): boolean {
    return this.stored.delete(id);
  }

  clear(): void {
    this.stored.clear();
  }
}
