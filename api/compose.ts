/** Wiring from configuration: the live index, retriever, answerer and app, as the server and tools use them. */
import type { Config } from "../core/config.ts";
import { createEmbedder } from "../core/embed/create.ts";
import type { Log } from "../core/util/log.ts";
import { LlmAnswerer } from "./answer/llm.ts";
import { AnswerService } from "./answer/service.ts";
import { createApp } from "./app.ts";
import { LiveIndex } from "./index/live-index.ts";
import { Retriever } from "./retrieval/search.ts";

export function composeServices(config: Config, log: Log) {
  const embedder = createEmbedder(config.embedder);
  const index = new LiveIndex({ uri: config.indexUri, storageOptions: config.storageOptions, refreshSeconds: config.refreshSeconds, log });
  const retriever = new Retriever(embedder);
  const answers = new AnswerService(retriever, config.llm ? new LlmAnswerer(config.llm) : null);
  return { embedder, index, retriever, answers };
}

export function composeApp(config: Config, log: Log, webDist: string | null) {
  const services = composeServices(config, log);
  const app = createApp({
    index: services.index, retriever: services.retriever, answers: services.answers, embedderId: services.embedder.id, webDist,
    corsOrigins: config.server.corsOrigins, rateLimitPerMinute: config.server.rateLimitPerMinute, trustProxy: config.server.trustProxy,
    requestTimeoutMs: config.server.requestTimeoutMs, log,
  });
  return { ...services, app };
}
