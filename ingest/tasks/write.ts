/** Responsibility records → the `tasks_<runId>` table (JSON rows plus filter columns), before the run is published. */
import type { Connection } from "@lancedb/lancedb";
import type { ResponsibilityRecord } from "../../core/tasks.ts";
import { taskRow } from "../../core/tasks.ts";

/**
 * Write the table and check it; returns the number of rows (0: no table is written, the run has
 * no tasks). Throws when the table cannot be written or reads back short, so the run is never published.
 */
export async function writeTasksTable(db: Connection, name: string, records: ResponsibilityRecord[]): Promise<number> {
  if (records.length === 0) return 0;
  const table = await db.createTable(name, records.map(taskRow));
  const count = await table.countRows();
  if (count !== records.length) throw new Error(`index verification failed: ${count} task rows written, ${records.length} expected`);
  return count;
}
