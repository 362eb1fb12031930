/** Connecting to the index (a folder or any LanceDB URI such as s3://…), publishing and opening runs. */
import * as lancedb from "@lancedb/lancedb";
import type { Connection, Table } from "@lancedb/lancedb";
import type { RunRow } from "./layout.ts";
import { REQUIRED_TABLES, RUNS_TABLE, RunSchema, runIdOfTable, tableName } from "./layout.ts";

export interface StoreOptions {
  uri: string;
  storageOptions: Record<string, string>;
}

export class IndexStore {
  private runsTable: Table | null = null;
  private constructor(readonly db: Connection, readonly uri: string) {}

  static async connect(opts: StoreOptions): Promise<IndexStore> {
    const db = await lancedb.connect(opts.uri, { storageOptions: opts.storageOptions });
    return new IndexStore(db, opts.uri);
  }

  /** Published runs, newest first. Reads the latest committed version of the runs table. */
  async listRuns(): Promise<RunRow[]> {
    const runs = await this.openRunsTable();
    if (!runs) return [];
    await runs.checkoutLatest();
    const rows = await runs.query().toArray();
    return rows
      .map((r) => RunSchema.safeParse({ ...r, created_at: Number(r.created_at) }))
      .flatMap((p) => (p.success ? [p.data] : []))
      .sort((a, b) => b.created_at - a.created_at);
  }

  private async openRunsTable(): Promise<Table | null> {
    if (this.runsTable) return this.runsTable;
    const names = await this.db.tableNames();
    if (!names.includes(RUNS_TABLE)) return null;
    this.runsTable = await this.db.openTable(RUNS_TABLE);
    return this.runsTable;
  }

  async openTables(runId: string): Promise<Record<(typeof REQUIRED_TABLES)[number], Table> & { tasks: Table | null }> {
    const [passages, documents, issues] = await Promise.all(REQUIRED_TABLES.map((k) => this.db.openTable(tableName(k, runId))));
    const names = await this.db.tableNames();
    const tasks = names.includes(tableName("tasks", runId)) ? await this.db.openTable(tableName("tasks", runId)) : null;
    return { passages: passages!, documents: documents!, issues: issues!, tasks };
  }

  /** Make a run visible to readers: one append to the runs table, after all its tables are complete. */
  async publish(run: RunRow): Promise<void> {
    const row = RunSchema.parse(run);
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
  }

  /**
   * Drop the tables of old runs and of interrupted ingests. Keeps the newest `keep`
   * published runs, anything younger than `graceMs`, and the run being written now.
   */
  async collectGarbage(opts: { keep: number; graceMs: number; activeRunId?: string; now?: number }): Promise<string[]> {
    const now = opts.now ?? Date.now();
    const runs = await this.listRuns();
    const kept = new Set(runs.slice(0, opts.keep).map((r) => r.run_id));
    for (const r of runs) if (now - r.created_at < opts.graceMs) kept.add(r.run_id);
    if (opts.activeRunId) kept.add(opts.activeRunId);
    const dropped: string[] = [];
    for (const name of await this.db.tableNames()) {
      const runId = runIdOfTable(name);
      if (!runId || kept.has(runId)) continue;
      const created = parseInt(runId.slice(1, -4), 36);
      if (Number.isFinite(created) && now - created < opts.graceMs) continue;
      await this.db.dropTable(name);
      dropped.push(name);
    }
    return dropped;
  }

  close(): void {
    this.db.close();
  }
}
