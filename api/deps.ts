/** What the HTTP app needs, injected so tests can pass fakes or real pieces on a temp index. */
import type { Log } from "../core/util/log.ts";
import type { AnswerService } from "./answer/service.ts";
import type { FeedbackStore } from "./feedback/store.ts";
import type { IndexState, OpenRun } from "./index/live-index.ts";
import type { Retriever } from "./retrieval/search.ts";

export interface IndexSource {
  current(): OpenRun | null;
  state(): IndexState;
  /** A query on this run failed: check it again; true when another run is now served (retry once on it). */
  recheck?(runId: string): Promise<boolean>;
}

export interface AppDeps {
  index: IndexSource;
  retriever: Retriever;
  answers: AnswerService;
  feedback: FeedbackStore;
  embedderId: string;
  /** Folder of the built web UI, or null to serve the API only. */
  webDist: string | null;
  corsOrigins: string[];
  rateLimitPerMinute: number;
  trustProxy: boolean;
  requestTimeoutMs: number;
  log: Log;
}
