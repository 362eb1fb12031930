/** Wiring from configuration: the live index, retriever, answerer and app, as the server and tools use them. */
import type { Config } from "../core/config.ts";
import { createEmbedder } from "../core/embed/create.ts";
import type { Embedder } from "../core/embed/embedder.ts";
import { OpenAIEmbedder } from "../core/embed/openai.ts";
import type { Log } from "../core/util/log.ts";
import { CREDENTIAL_NAME, registerSecret } from "../core/util/log.ts";
import { LlmAnswerer } from "../api/answer/llm.ts";
import { AnswerService } from "../api/answer/service.ts";
import { FeedbackStore } from "../api/feedback/store.ts";
import { createApp } from "../api/app.ts";
import { LiveIndex } from "../api/index/live-index.ts";
import { DEFAULT_TUNING, Retriever } from "../api/retrieval/search.ts";
import { Gate } from "../core/util/gate.ts";

/** At query time an embedding endpoint gets one try: on failure the search goes on with keywords only. */
function queryEmbedder(config: Config["embedder"]): Embedder {
  return config.kind === "openai" ? new OpenAIEmbedder({ ...config, maxRetries: 0 }) : createEmbedder(config);
}

/** Keys from the configuration are scrubbed from every log line; an access key's id is a name, not a secret. */
export function registerSecrets(config: Config): void {
  registerSecret(config.llm?.apiKey);
  if (config.embedder.kind === "openai") registerSecret(config.embedder.apiKey);
  for (const [k, v] of Object.entries(config.storageOptions)) if (CREDENTIAL_NAME.test(k) && !/key_id$/i.test(k)) registerSecret(v);
}

export function composeServices(config: Config, log: Log) {
  registerSecrets(config);
  const embedder = queryEmbedder(config.embedder);
  const index = new LiveIndex({ uri: config.indexUri, storageOptions: config.storageOptions, refreshSeconds: config.refreshSeconds, log });
  const retriever = new Retriever(embedder, DEFAULT_TUNING, new Gate(config.server.searchConcurrency), config.server.searchCacheEntries);
  const answers = new AnswerService(retriever, config.llm ? new LlmAnswerer(config.llm) : null);
  return { embedder, index, retriever, answers };
}

export function composeApp(config: Config, log: Log, webDist: string | null) {
  const services = composeServices(config, log);
  const app = createApp({
    index: services.index, retriever: services.retriever, answers: services.answers, feedback: new FeedbackStore(config.feedbackFile), embedderId: services.embedder.id, webDist,
    corsOrigins: config.server.corsOrigins, rateLimitPerMinute: config.server.rateLimitPerMinute, trustProxy: config.server.trustProxy,
    requestTimeoutMs: config.server.requestTimeoutMs, log,
  });
  return { ...services, app };
}
