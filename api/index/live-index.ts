/**
 * The index the server answers from: the newest published run that opens and checks out.
 * Refreshed on an interval, so every replica moves to a re-ingested run without a restart;
 * a run that fails to open (corrupt, half-deleted) is skipped in favour of the previous one.
 */
import type { Table } from "@lancedb/lancedb";
import type { RunRow } from "../../core/index/layout.ts";
import { IndexStore } from "../../core/index/store.ts";
import type { StoreOptions } from "../../core/index/store.ts";
import { Catalog } from "./catalog.ts";

export interface OpenRun {
  run: RunRow;
  passages: Table;
  tasks: Table | null;
  catalog: Catalog;
}

export type IndexState = { state: "ok"; runId: string } | { state: "missing" | "error"; message: string };

export interface Logger {
  info(msg: string, extra?: Record<string, unknown>): void;
  error(msg: string, extra?: Record<string, unknown>): void;
}

export class LiveIndex {
  private store: IndexStore | null = null;
  private open: OpenRun | null = null;
  private status: IndexState = { state: "missing", message: "the index has not been loaded yet" };
  private timer: NodeJS.Timeout | null = null;
  private refreshing: Promise<void> | null = null;
  private failedRuns = new Set<string>();

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

  /** Check for a newer run; concurrent calls share one check. */
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
      if (runs.length === 0) {
        if (!this.open) this.status = { state: "missing", message: "no index has been built yet: run `npm run ingest`" };
        return;
      }
      for (const run of runs) {
        if (this.open?.run.run_id === run.run_id) return;
        if (this.failedRuns.has(run.run_id)) continue;
        try {
          this.open = await this.openRun(this.store, run);
          this.status = { state: "ok", runId: run.run_id };
          this.opts.log.info("serving index run", { runId: run.run_id, passages: run.passages });
          return;
        } catch (err) {
          this.failedRuns.add(run.run_id);
          this.opts.log.error("index run could not be opened; trying the previous one", { runId: run.run_id, error: errName(err) });
        }
      }
      if (!this.open) this.status = { state: "error", message: "no published index run could be opened: run `npm run ingest -- --force`" };
    } catch (err) {
      this.store = null;
      if (!this.open) this.status = { state: "missing", message: "the index could not be read: run `npm run ingest`" };
      this.opts.log.error("index refresh failed", { error: errName(err) });
    }
  }

  private async openRun(store: IndexStore, run: RunRow): Promise<OpenRun> {
    const tables = await store.openTables(run.run_id);
    const [count, issueRows, docRows] = await Promise.all([
      tables.passages.countRows(),
      tables.issues.query().toArray(),
      tables.documents.query().toArray(),
    ]);
    if (count !== run.passages) throw new Error(`run ${run.run_id} has ${count} passages, ${run.passages} published`);
    await tables.passages.query().limit(1).toArray();
    return { run, passages: tables.passages, tasks: tables.tasks, catalog: Catalog.fromJsonRows(issueRows, docRows) };
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.store?.close();
  }
}

function errName(err: unknown): string {
  return err instanceof Error ? err.message.split("\n")[0]!.slice(0, 200) : String(err);
}
