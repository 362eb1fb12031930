/** Records → a new run of LanceDB tables (segmented text, vectors, FTS index), published atomically. */
import { Index } from "@lancedb/lancedb";
import type { Table } from "@lancedb/lancedb";
import type { Embedder } from "../core/embed/embedder.ts";
import type { GazetteDocument, Issue, Passage } from "../core/model.ts";
import type { JsonRow, RunRow } from "../core/index/layout.ts";
import type { PassageRow } from "../core/index/passage-row.ts";
import { passageRow } from "../core/index/passage-row.ts";
import { newRunId, tableName } from "../core/index/layout.ts";
import type { IndexStore } from "../core/index/store.ts";
import { segmentForIndex } from "../core/text/segment.ts";
import type { Records } from "./records.ts";
import type { ResponsibilityRecord } from "../core/tasks.ts";
import { writeTasksTable } from "./tasks/write.ts";

export interface BuildProgress {
  (event: { stage: "parse" | "segment" | "embed" | "write" | "index" | "publish"; done: number; total: number }): void;
}

export interface BuildTimings {
  segmentMs: number;
  embedMs: number;
  writeMs: number;
  indexMs: number;
}

/** The text a passage is searched by: its document title and section path give context to short passages. */
export function searchableText(doc: Pick<GazetteDocument, "title" | "docNumber">, passage: Pick<Passage, "heading" | "text">): string {
  return [doc.title, doc.docNumber ?? "", passage.heading, passage.text].filter(Boolean).join("\n");
}

export const FTS_OPTIONS = { baseTokenizer: "whitespace", lowercase: true, stem: false, removeStopWords: false, asciiFolding: false, withPosition: false } as const;

/**
 * Vector indices (measured by `npm run bench:scale`, 1024-d hashed vectors, 2 cores): brute force costs
 * ~5 ms per 1k rows (0.5 s at 100k, 5.2 s at 1M), so index from 5k rows (smaller runs are searched in
 * memory by the API). IVF_RQ (RaBitQ, 1 bit per dimension) builds in 22 s at 100k and 137 s at 1M
 * (IVF_PQ with 32 sub-vectors: 90 s at 100k, recall@10 ≤ 0.65). Its recall needs query settings:
 * at 1M, recall@10 0.40 with LanceDB's defaults, 0.88 with nprobes 100 + refineFactor 20, 0.93 with
 * nprobes 200 + refineFactor 20 (p95 33 ms), which is what api/retrieval/search.ts uses.
 */
const VECTOR_INDEX_MIN_ROWS = 5_000;

export async function createIndices(passages: Table, rows: number): Promise<void> {
  await passages.createIndex("text_seg", { config: Index.fts(FTS_OPTIONS) });
  if (rows >= 10_000) await passages.createIndex("document_id", { config: Index.btree() });
  if (rows >= VECTOR_INDEX_MIN_ROWS) {
    await passages.createIndex("vector", {
      config: Index.ivfRq({ distanceType: "cosine", numPartitions: Math.round(Math.sqrt(rows)) }),
    });
  }
}

/** Segment and embed in small batches (progress, endpoint limits); write in large ones: each `add` is a fragment, and every search visits every fragment. */
const BATCH = 256;
const WRITE_ROWS = 16_384;

export async function buildRun(
  store: IndexStore,
  records: Records,
  embedder: Embedder,
  meta: { corpusHash: string; report: unknown; tasks?: ResponsibilityRecord[] },
  progress: BuildProgress = () => {},
): Promise<{ run: RunRow; timings: BuildTimings }> {
  const runId = newRunId();
  const docs = new Map(records.documents.map((d) => [d.id, d]));
  const issues = new Map(records.issues.map((i) => [i.id, i]));
  const timings: BuildTimings = { segmentMs: 0, embedMs: 0, writeMs: 0, indexMs: 0 };
  const total = records.passages.length;
  let table: Table | null = null;
  let pending: PassageRow[] = [];
  const write = async () => {
    const t = performance.now();
    if (table) await table.add(pending);
    else table = await store.db.createTable(tableName("passages", runId), pending);
    timings.writeMs += performance.now() - t;
    pending = [];
  };
  for (let i = 0; i < total; i += BATCH) {
    const batch = records.passages.slice(i, i + BATCH);
    const texts = batch.map((p) => searchableText(docs.get(p.documentId)!, p));
    let t = performance.now();
    const segs = texts.map(segmentForIndex);
    timings.segmentMs += performance.now() - t;
    progress({ stage: "segment", done: i + batch.length, total });
    t = performance.now();
    const vectors = await embedder.embed(texts);
    timings.embedMs += performance.now() - t;
    progress({ stage: "embed", done: i + batch.length, total });
    pending.push(...batch.map((p, j) => passageRow(p, docs.get(p.documentId)!, issues.get(p.issueId)!, segs[j]!, vectors[j]!)));
    if (pending.length >= WRITE_ROWS || i + batch.length >= total) await write();
    progress({ stage: "write", done: i + batch.length, total });
  }
  if (!table) throw new Error("no passages to index");
  let t = performance.now();
  await store.db.createTable(tableName("documents", runId), jsonRows(records.documents, (d) => d.issueId));
  await store.db.createTable(tableName("issues", runId), jsonRows(records.issues, (i) => i.id));
  const taskRows = await writeTasksTable(store.db, tableName("tasks", runId), meta.tasks ?? []);
  timings.writeMs += performance.now() - t;
  t = performance.now();
  progress({ stage: "index", done: 0, total: 1 });
  await createIndices(table, total);
  timings.indexMs = performance.now() - t;
  await verifyRun(table, total);
  const run: RunRow = {
    run_id: runId, created_at: Date.now(), corpus_hash: meta.corpusHash, embedder: embedder.id, dim: embedder.dim,
    passages: total, documents: records.documents.length, issues: records.issues.length, tasks: taskRows, report: JSON.stringify(meta.report),
  };
  progress({ stage: "publish", done: 0, total: 1 });
  await store.publish(run);
  return { run, timings };
}

function jsonRows<T extends { id: string }>(items: T[], issueOf: (x: T) => string): JsonRow[] {
  return items.map((x) => ({ id: x.id, issue_id: issueOf(x), json: JSON.stringify(x) }));
}

/** Before publishing: every row is there and the full-text index answers. */
async function verifyRun(passages: Table, expected: number): Promise<void> {
  const count = await passages.countRows();
  if (count !== expected) throw new Error(`index verification failed: ${count} passages written, ${expected} expected`);
  const probe = await passages.query().limit(1).toArray();
  const word = String(probe[0]?.text_seg ?? "").split(" ")[0];
  if (word) {
    const hits = await passages.query().fullTextSearch(word, { columns: "text_seg" }).limit(1).toArray();
    if (hits.length === 0) throw new Error("index verification failed: full-text search returned nothing");
  }
}
