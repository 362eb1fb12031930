/**
 * The index the server answers from: the newest published run that opens and checks out.
 * Refreshed on an interval, so every replica moves to a re-ingested run without a restart;
 * a run that fails to open (corrupt, half-deleted, object store unreachable) is skipped in
 * favour of the previous one and retried later with backoff.
 *
 * The switch is one pointer swap after the new run is opened and warmed up (its full-text
 * index and vectors answered a query), so no request sees a half-open run and the first
 * requests on the new run are not slow; requests in flight finish on the run they started on,
 * whose tables garbage collection keeps for its grace period.
 */
import type { Table } from "@lancedb/lancedb";
import type { RunRow } from "../../core/index/layout.ts";
import { displayColumns } from "../../core/index/passage-row.ts";
import { describeError, IndexStore } from "../../core/index/store.ts";
import type { StoreOptions } from "../../core/index/store.ts";
import { InMemoryPassages } from "../retrieval/vectors.ts";
import { Catalog } from "./catalog.ts";

export interface OpenRun {
  run: RunRow;
  passages: Table;
  tasks: Table | null;
  catalog: Catalog;
  /** A run without a vector index, held in memory (see retrieval/vectors.ts); null when LanceDB's index serves vectors. */
  memory: InMemoryPassages | null;
  /** The passage display columns this run has (see core/index/passage-row.ts). */
  columns: string[];
}

export type IndexState = { state: "ok"; runId: string } | { state: "missing" | "error"; message: string };

export interface Logger {
  info(msg: string, extra?: Record<string, unknown>): void;
  error(msg: string, extra?: Record<string, unknown>): void;
}

/** A run that failed to open is retried after this long, doubling per failure up to MAX_RETRY_MS. */
const MIN_RETRY_MS = 5_000;
const MAX_RETRY_MS = 5 * 60_000;
/** The same refresh error is logged at most this often (a replica refreshes every few seconds). */
const REPEAT_LOG_MS = 60_000;

export class LiveIndex {
  private store: IndexStore | null = null;
  private open: OpenRun | null = null;
  private status: IndexState = { state: "missing", message: "the index has not been loaded yet" };
  private timer: NodeJS.Timeout | null = null;
  private refreshing: Promise<void> | null = null;
  private rechecking: Promise<boolean> | null = null;
  private failedRuns = new Map<string, { failures: number; retryAt: number }>();
  private lastError: { message: string; at: number } | null = null;

  constructor(private opts: StoreOptions & { refreshSeconds: number; log: Logger }) {}

  current(): OpenRun | null {
    return this.open;
  }

  state(): IndexState {
    return this.status;
  }

  async start(): Promise<void> {
    await this.refresh();
    if (this.opts.refreshSeconds > 0) {
      this.timer = setInterval(() => void this.refresh(), this.opts.refreshSeconds * 1000);
      this.timer.unref();
    }
  }

  /** Check for a newer run; concurrent calls share one check. Never throws. */
  refresh(): Promise<void> {
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async doRefresh(): Promise<void> {
    try {
      this.store ??= await IndexStore.connect(this.opts);
      const runs = await this.store.listRuns();
      this.lastError = null;
      if (runs.length === 0) {
        if (!this.open) this.status = { state: "missing", message: "no index has been built yet: run `npm run ingest`" };
        return;
      }
      const now = Date.now();
      for (const run of runs) {
        const failed = this.failedRuns.get(run.run_id);
        // A served run that failed a query (see recheck) is passed over like any run that failed to open.
        if (failed && now < failed.retryAt) continue;
        if (this.open?.run.run_id === run.run_id) return;
        try {
          const started = performance.now();
          this.open = await this.openRun(this.store, run);
          this.status = { state: "ok", runId: run.run_id };
          this.failedRuns.delete(run.run_id);
          this.opts.log.info("serving index run", { runId: run.run_id, passages: run.passages, openMs: Math.round(performance.now() - started) });
          return;
        } catch (err) {
          const failures = (failed?.failures ?? 0) + 1;
          const retryMs = Math.min(MAX_RETRY_MS, Math.max(MIN_RETRY_MS, this.opts.refreshSeconds * 1000) * 2 ** (failures - 1));
          this.failedRuns.set(run.run_id, { failures, retryAt: now + retryMs });
          this.opts.log.error("index run could not be opened; trying the previous one", {
            runId: run.run_id, error: this.describe(err), retryInSeconds: Math.round(retryMs / 1000),
          });
        }
      }
      if (!this.open) this.status = { state: "error", message: "no published index run could be opened: run `npm run ingest -- --force`" };
    } catch (err) {
      // Reconnect on the next refresh; the served run's tables stay usable after their connection closes.
      this.store?.close();
      this.store = null;
      if (!this.open) this.status = { state: "missing", message: "the index could not be read: run `npm run ingest`" };
      const message = this.describe(err);
      const now = Date.now();
      if (!this.lastError || this.lastError.message !== message || now - this.lastError.at >= REPEAT_LOG_MS) {
        this.lastError = { message, at: now };
        this.opts.log.error("index refresh failed; still serving the current run", { runId: this.open?.run.run_id ?? null, error: message });
      }
    }
  }

  /**
   * A query on the served run failed with a storage error: open that run again from scratch.
   * If it no longer opens (files deleted or corrupt under the running server), mark it failed
   * and fall back to the previous run. Resolves true when the served run changed, so the
   * caller can retry once on the new run. Concurrent failures share one check.
   */
  recheck(runId: string): Promise<boolean> {
    if (this.open?.run.run_id !== runId) return Promise.resolve(this.open !== null);
    this.rechecking ??= this.doRecheck(runId).finally(() => {
      this.rechecking = null;
    });
    return this.rechecking;
  }

  private async doRecheck(runId: string): Promise<boolean> {
    const served = this.open;
    if (!served || served.run.run_id !== runId) return this.open !== null;
    try {
      this.store ??= await IndexStore.connect(this.opts);
      await this.openRun(this.store, served.run);
      return false;
    } catch (err) {
      this.failedRuns.set(runId, { failures: 1, retryAt: Date.now() + MAX_RETRY_MS });
      this.opts.log.error("the served index run stopped answering; falling back to the previous run", { runId, error: this.describe(err) });
      await this.refreshing;
      await this.refresh();
      return this.open !== null && this.open.run.run_id !== runId;
    }
  }

  private async openRun(store: IndexStore, run: RunRow): Promise<OpenRun> {
    const tables = await store.openTables(run);
    const vectorIndexed = (await tables.passages.listIndices()).some((i) => i.columns.includes("vector"));
    const columns = displayColumns((await tables.passages.schema()).fields.map((f) => f.name));
    const [count, issueRows, docRows, memory] = await Promise.all([
      tables.passages.countRows(),
      tables.issues.query().toArray(),
      tables.documents.query().toArray(),
      run.dim > 0 && !vectorIndexed ? InMemoryPassages.load(tables.passages, run.dim, columns) : null,
      warmUp(tables.passages, vectorIndexed ? run.dim : 0),
    ]);
    if (count !== run.passages) throw new Error(`run ${run.run_id} has ${count} passages, ${run.passages} published`);
    if (memory && memory.size !== count) throw new Error(`run ${run.run_id}: ${memory.size} passages loaded into memory, ${count} in the table`);
    return { run, passages: tables.passages, tasks: tables.tasks, catalog: Catalog.fromJsonRows(issueRows, docRows), memory, columns };
  }

  private describe(err: unknown): string {
    return describeError(err, this.opts.storageOptions).slice(0, 300);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.store?.close();
  }
}

/**
 * Read what the first searches read (a data page, the full-text index, the vector index), so a run
 * that cannot answer is never switched to and the first requests after a switch are not slow
 * (on object storage the first read of an index fetches it).
 */
async function warmUp(passages: Table, dim: number): Promise<void> {
  const fullText = async () => {
    const probe = await passages.query().select(["text_seg"]).limit(1).toArray();
    const word = String(probe[0]?.text_seg ?? "").split(" ").find(Boolean);
    if (word) await passages.query().fullTextSearch(word, { columns: "text_seg" }).select(["id", "_score"]).limit(1).toArray();
  };
  const vectors = async () => {
    if (dim <= 0) return;
    const vector = new Array<number>(dim).fill(0);
    vector[0] = 1;
    await passages.query().nearestTo(vector).distanceType("cosine").select(["id", "_distance"]).limit(1).toArray();
  };
  await Promise.all([fullText(), vectors()]);
}
