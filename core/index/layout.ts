/**
 * The LanceDB layout, in one place. Every ingest writes a fresh set of tables suffixed
 * with its run id, then publishes the run by appending one row to `runs` (one atomic
 * commit). Readers serve the newest published run whose tables open, so a half-written
 * or interrupted ingest is never seen.
 */
import { z } from "zod";

export const RUNS_TABLE = "runs";
export const TABLE_KINDS = ["passages", "documents", "issues", "tasks"] as const;
export type TableKind = (typeof TABLE_KINDS)[number];
/** Tables every run has; `tasks` exists only for runs that extracted responsibilities. */
export const REQUIRED_TABLES = ["passages", "documents", "issues"] as const;

const RUN_ID = /^r[0-9a-z]{6,20}$/;

export function tableName(kind: TableKind, runId: string): string {
  if (!RUN_ID.test(runId)) throw new Error(`invalid run id ${runId}`);
  return `${kind}_${runId}`;
}

export function runIdOfTable(name: string): string | null {
  const m = /^(?:passages|documents|issues|tasks)_(r[0-9a-z]{6,20})$/.exec(name);
  return m ? m[1]! : null;
}

export function newRunId(now = Date.now()): string {
  return `r${now.toString(36)}${Math.floor(Math.random() * 36 ** 4).toString(36).padStart(4, "0")}`;
}

export const RunSchema = z.object({
  run_id: z.string().regex(RUN_ID),
  created_at: z.number(),
  corpus_hash: z.string(),
  embedder: z.string(),
  dim: z.number().int(),
  passages: z.number().int(),
  documents: z.number().int(),
  issues: z.number().int(),
  tasks: z.number().int(),
  report: z.string(),
});
export type RunRow = z.infer<typeof RunSchema>;

/** Documents and issues are stored as JSON next to their ids: small, read whole at start-up. */
export type JsonRow = {
  id: string;
  issue_id: string;
  json: string;
};
