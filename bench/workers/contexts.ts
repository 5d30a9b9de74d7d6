/**
 * Action contexts for the per-call benchmark. Prismatic hands every step a context with a logger,
 * state stores and the execution's state; a large `executionState` must not make a call slower
 * (issue 9: axios used to deep-merge the whole context on every request).
 */

const ignore = (): void => {};

/** Prismatic hands actions a logger; this one drops every line. */
export const silentLogger = {
  metric: ignore,
  trace: ignore,
  debug: ignore,
  info: ignore,
  log: ignore,
  warn: ignore,
  error: ignore,
};

/** `entries` records, each a small object like a step's result kept in executionState. */
const executionStateOf = (entries: number): Record<string, unknown> =>
  Object.fromEntries(
    Array.from({ length: entries }, (_, index) => [
      `record${index}`,
      { id: index, name: `Record ${index}`, tags: ["a", "b"], updatedAt: "2026-11-25T09:00:00Z" },
    ]),
  );

/**
 * A context shaped like the one Prismatic's runtime passes (the fields of Spectral's test
 * `createActionContext`), with a silent logger and `executionStateEntries` records.
 */
export const prismaticContext = (executionStateEntries: number): Record<string, unknown> => ({
  logger: silentLogger,
  instanceState: { cursor: "abc" },
  crossFlowState: {},
  executionState: executionStateOf(executionStateEntries),
  integrationState: {},
  configVars: {},
  components: {},
  stepId: "stepId",
  executionId: "executionId",
  webhookUrls: { "Flow 1": "https://example.com" },
  webhookApiKeys: { "Flow 1": ["example-123"] },
  invokeUrl: "https://example.com",
  customer: { id: "customerId", name: "Customer 1", externalId: "1234" },
  instance: { id: "instanceId", name: "Instance 1" },
  user: { id: "userId", email: "user@example.com", name: "User 1", externalId: "1234" },
  integration: { id: "integrationId", name: "Integration 1", versionSequenceId: "1" },
  flow: { id: "flowId", name: "Flow 1", stableId: "flowStableId" },
  startedAt: "2026-11-25T09:00:00Z",
  globalDebug: false,
});

/** A Prismatic-like context that contains itself (a cycle through `executionState` too). */
export const cyclicContext = (): Record<string, unknown> => {
  const context = prismaticContext(10);
  context.self = context;
  (context.executionState as Record<string, unknown>).context = context;
  return context;
};
