/**
 * Connecting to the index (a folder or any LanceDB URI such as s3://…), publishing and opening runs.
 *
 * Works the same on a local folder and on object storage (S3, MinIO, OSS, GCS, Azure): reads
 * never list the bucket (tables are opened by name; only garbage collection lists), and every
 * error that leaves this module has credential values from the storage options removed.
 */
import * as lancedb from "@lancedb/lancedb";
import type { Connection, Table } from "@lancedb/lancedb";
import { CREDENTIAL_NAME } from "../util/log.ts";
import type { RunRow } from "./layout.ts";
import { REQUIRED_TABLES, RUNS_TABLE, RunSchema, runIdOfTable, tableName } from "./layout.ts";

export interface StoreOptions {
  uri: string;
  storageOptions: Record<string, string>;
}

export type RunTables = Record<(typeof REQUIRED_TABLES)[number], Table> & { tasks: Table | null };

/** An index operation failed; the message never contains credentials. */
export class IndexStoreError extends Error {}

/** `text` with every credential value of `storageOptions` (and user-info in URIs) replaced by `***`. */
export function redactSecrets(text: string, storageOptions: Record<string, string> = {}): string {
  let out = text;
  const secrets = Object.entries(storageOptions)
    .filter(([k, v]) => CREDENTIAL_NAME.test(k) && v.length >= 4)
    .map(([, v]) => v)
    .sort((a, b) => b.length - a.length);
  for (const s of secrets) out = out.split(s).join("***");
  return out.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi, "$1***@");
}

/** A LanceDB error as one readable line: no Rust source locations, no credentials. */
export function describeError(err: unknown, storageOptions: Record<string, string> = {}): string {
  const raw = err instanceof Error ? err.message : String(err);
  const text = raw
    .replace(/,?\s*\/(?:usr|rustc|home|root)\/[^\s,)]*\.rs:\d+:\d+/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return redactSecrets(text, storageOptions).slice(0, 600);
}

function isMissingTable(err: unknown): boolean {
  return err instanceof Error && /Table '[^']*' was not found|was not found/i.test(err.message);
}

export class IndexStore {
  private runsTable: Table | null = null;
  private constructor(
    readonly db: Connection,
    readonly uri: string,
    private readonly storageOptions: Record<string, string>,
  ) {}

  static async connect(opts: StoreOptions): Promise<IndexStore> {
    try {
      const db = await lancedb.connect(opts.uri, { storageOptions: opts.storageOptions });
      return new IndexStore(db, opts.uri, opts.storageOptions);
    } catch (err) {
      throw new IndexStoreError(`could not connect to the index at ${redactSecrets(opts.uri)}: ${describeError(err, opts.storageOptions)}`);
    }
  }

  private async guard<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof IndexStoreError) throw err;
      throw new IndexStoreError(`${what}: ${describeError(err, this.storageOptions)}`);
    }
  }

  /** Published runs, newest first. Reads the latest committed version of the runs table. */
  listRuns(): Promise<RunRow[]> {
    return this.guard("could not read the published runs", async () => {
      const runs = await this.openRunsTable();
      if (!runs) return [];
      await runs.checkoutLatest();
      const rows = await runs.query().toArray();
      return rows
        .map((r) => RunSchema.safeParse({ ...r, created_at: Number(r.created_at) }))
        .flatMap((p) => (p.success ? [p.data] : []))
        .sort((a, b) => b.created_at - a.created_at);
    });
  }

  /** The runs table, or null before the first publish. Opened by name: no bucket listing. */
  private async openRunsTable(): Promise<Table | null> {
    if (this.runsTable) return this.runsTable;
    try {
      this.runsTable = await this.db.openTable(RUNS_TABLE);
    } catch (err) {
      if (isMissingTable(err)) return null;
      throw err;
    }
    return this.runsTable;
  }

  /**
   * The tables of a run. Pass the run row when you have it: `tasks` is then opened only when the
   * run has tasks; with a bare id a missing `tasks` table is taken as none.
   */
  openTables(run: RunRow | string): Promise<RunTables> {
    const runId = typeof run === "string" ? run : run.run_id;
    return this.guard(`could not open the tables of run ${runId}`, async () => {
      const [passages, documents, issues] = await Promise.all(REQUIRED_TABLES.map((k) => this.db.openTable(tableName(k, runId))));
      let tasks: Table | null = null;
      if (typeof run === "string" || run.tasks > 0) {
        try {
          tasks = await this.db.openTable(tableName("tasks", runId));
        } catch (err) {
          if (typeof run !== "string" || !isMissingTable(err)) throw err;
        }
      }
      return { passages: passages!, documents: documents!, issues: issues!, tasks };
    });
  }

  /** Make a run visible to readers: one append to the runs table, after all its tables are complete. */
  publish(run: RunRow): Promise<void> {
    const row = RunSchema.parse(run);
    return this.guard(`could not publish run ${row.run_id}`, async () => {
      const runs = await this.openRunsTable();
      if (runs) {
        await runs.add([row]);
        return;
      }
      try {
        this.runsTable = await this.db.createTable(RUNS_TABLE, [row]);
      } catch {
        // Another ingest created the table first: append instead.
        this.runsTable = await this.db.openTable(RUNS_TABLE);
        await this.runsTable.add([row]);
      }
    });
  }

  /** Every table name in the index (paged, so large buckets are listed completely). */
  private async allTableNames(): Promise<string[]> {
    const names: string[] = [];
    const limit = 1000;
    for (;;) {
      const page = await this.db.tableNames({ limit, ...(names.length ? { startAfter: names[names.length - 1] } : {}) });
      names.push(...page);
      if (page.length < limit) return names;
    }
  }

  /**
   * Drop the tables of old runs and of interrupted ingests. Keeps the newest `keep` (at least 1)
   * complete published runs (a published run whose tables are gone does not count: replicas skip
   * it and serve the one before), every run superseded less than `graceMs` ago (a replica may serve
   * it until its next refresh, and requests in flight finish on it), unpublished tables younger
   * than `graceMs` (an ingest may be writing them), and the run being written now.
   */
  collectGarbage(opts: { keep: number; graceMs: number; activeRunId?: string; now?: number }): Promise<string[]> {
    return this.guard("could not collect old index runs", async () => {
      const now = opts.now ?? Date.now();
      const runs = await this.listRuns();
      const names = await this.allTableNames();
      const present = new Set(names);
      const complete = runs.filter((r) => REQUIRED_TABLES.every((k) => present.has(tableName(k, r.run_id))));
      const kept = new Set(complete.slice(0, Math.max(1, opts.keep)).map((r) => r.run_id));
      complete.forEach((r, i) => {
        // A run is served until a newer complete run is published: it retires at that run's created_at.
        const retiredAt = i === 0 ? now : complete[i - 1]!.created_at;
        if (now - retiredAt < opts.graceMs || now - r.created_at < opts.graceMs) kept.add(r.run_id);
      });
      if (opts.activeRunId) kept.add(opts.activeRunId);
      const published = new Set(runs.map((r) => r.run_id));
      const dropped: string[] = [];
      for (const name of names) {
        const runId = runIdOfTable(name);
        if (!runId || kept.has(runId)) continue;
        if (!published.has(runId)) {
          const started = parseInt(runId.slice(1, -4), 36);
          if (!Number.isFinite(started) || now - started < opts.graceMs) continue;
        }
        await this.db.dropTable(name);
        dropped.push(name);
      }
      // Best effort: a failed compaction leaves the runs table as it was and is retried next time.
      await this.compactRuns({ olderThan: new Date(now - opts.graceMs) }).catch(() => false);
      return dropped;
    });
  }

  /**
   * Compact the runs table (one small file per publish) and delete its versions older than
   * `olderThan`, so each reader's refresh stays a few requests however many runs were published.
   * Readers are unaffected: they check out the latest version on every refresh (a refresh that
   * checked out a version in the very instant it was cleaned up fails once and is retried).
   */
  compactRuns(opts: { olderThan: Date; minFragments?: number }): Promise<boolean> {
    return this.guard("could not compact the runs table", async () => {
      const runs = await this.openRunsTable();
      if (!runs) return false;
      await runs.checkoutLatest();
      const stats = await runs.stats();
      if (stats.fragmentStats.numFragments < (opts.minFragments ?? 16)) return false;
      await runs.optimize({ cleanupOlderThan: opts.olderThan });
      return true;
    });
  }

  close(): void {
    this.runsTable?.close();
    this.db.close();
  }
}
