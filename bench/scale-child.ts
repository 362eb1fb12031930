/**
 * One corpus size of the scale benchmark, in its own process (spawned by bench/scale.ts):
 *
 *  1. the real corpus is ingested into a temp index (its documents and issues are the catalog);
 *  2. N synthetic passages (bench/synthetic.ts) are segmented and embedded by worker threads with
 *     the product's functions and streamed into a passages table in batches (`table.add`);
 *  3. the product's `createIndices` builds FTS, btree and (≥100k rows) the vector index; the run is
 *     published like an ingest publishes it;
 *  4. the product's retriever answers the dev-set questions (hybrid search, stage timings);
 *  5. vector recall@10 against exact search (`bypassVectorIndex`) over ~100 query vectors, for the
 *     query-time settings (nprobes, refineFactor, ef) and, optionally, other vector index types;
 *  6. LanceDB FTS vs MiniSearch BM25 (≤ 100k passages), and the real server child serving the run;
 *  7. FTS query shapes: which part of the product's FTS query costs the time;
 *  8. other vector index types (slowest builds last).
 *
 * Prints `BENCH_PHASE {...}` after each phase (a killed run keeps what it measured) and a final
 * `BENCH_RESULT {...}`.
 *
 *   tsx bench/scale-child.ts --size=100000 --store=/tmp/dir [--variants=ivf_pq_m128,ivf_flat,hnsw_sq]
 *     [--gen-budget-s=2700] [--passes=2] [--recall-queries=100] [--minisearch] [--server]
 */
import { join } from "node:path";
import os from "node:os";
import { Worker } from "node:worker_threads";
import type { Table } from "@lancedb/lancedb";
import { BooleanQuery, Index, MatchQuery, Occur } from "@lancedb/lancedb";
import { createRequire } from "node:module";
import type { DataType, Field, Float32 } from "apache-arrow";
import { Catalog } from "../api/index/catalog.ts";
import { DEFAULT_TUNING, Retriever } from "../api/retrieval/search.ts";
import { understand } from "../api/question/understand.ts";
import { loadConfig } from "../core/config.ts";
import { hashedVector } from "../core/embed/hashed.ts";
import { cutForSearch } from "../core/text/segment.ts";
import type { RunRow } from "../core/index/layout.ts";
import { newRunId, tableName } from "../core/index/layout.ts";
import { PASSAGE_DISPLAY_COLUMNS, passageRow } from "../core/index/passage-row.ts";
import { IndexStore } from "../core/index/store.ts";
import { createIndices } from "../ingest/build-index.ts";
import { listCorpusFiles, parseCorpus } from "../ingest/corpus.ts";
import { toRecords } from "../ingest/records.ts";
import { runIngest } from "../ingest/run-ingest.ts";
import { duBytes, round } from "./machine.ts";
import { buildMiniSearch, ftsIndexBytes, openServices, timeLanceFts, timeMiniSearch } from "./query.ts";
import { devQuestions } from "./questions.ts";
import { startServer } from "./server.ts";
import { ratio, summarize } from "./stats.ts";
import type { Summary } from "./stats.ts";
import { SyntheticCorpus } from "./synthetic.ts";
import type { WorkerInit, WorkerReply, WorkerTask } from "./scale-worker.ts";

function arg(name: string, fallback?: string): string | undefined {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`) || a === `--${name}`);
  if (!hit) return fallback;
  return hit.includes("=") ? hit.slice(hit.indexOf("=") + 1) : "true";
}

const SIZE = Number(arg("size", "20000"));
const STORE = arg("store")!;
const VARIANTS = (arg("variants", "") ?? "").split(",").filter(Boolean);
const GEN_BUDGET_S = Number(arg("gen-budget-s", "2700"));
const PASSES = Number(arg("passes", "2"));
const RECALL_QUERIES = Number(arg("recall-queries", "100"));
const WITH_MINISEARCH = arg("minisearch") === "true";
const WITH_SERVER = arg("server") === "true";
const DIM = 1024;
const TASK_ROWS = 1000;
const WRITE_ROWS = 16_384;
if (!STORE) throw new Error("--store is required");

const result: Record<string, unknown> = { size: SIZE, dim: DIM };
const rssMB = () => round(process.memoryUsage().rss / 2 ** 20, 0);
const log = (s: string) => process.stderr.write(`[scale ${SIZE} ${new Date().toISOString().slice(11, 19)}] ${s}\n`);
function phase(name: string, data: unknown): void {
  result[name] = data;
  process.stdout.write(`BENCH_PHASE ${JSON.stringify({ name, data })}\n`);
}

// ---------------------------------------------------------------- 1. the real corpus, for the catalog
const config = loadConfig({ GONGBAO_INDEX_URI: STORE, GONGBAO_LOG: "silent", GONGBAO_REFRESH_SECONDS: "0", GONGBAO_LLM: "off" });
await runIngest(config, {});
const store = await IndexStore.connect({ uri: STORE, storageOptions: {} });
const realRun = (await store.listRuns())[0]!;
const realTables = await store.openTables(realRun);
const records = toRecords((await parseCorpus(listCorpusFiles(config.corpusDir))).issues);
const corpus = new SyntheticCorpus(records);
log(`real corpus: ${records.passages.length} passages, ${corpus.sentenceCount} sentences`);
const questions = devQuestions();
const catalog = new Catalog(records.issues, records.documents);
const queryVectors = questions.slice(0, RECALL_QUERIES).map((q) => hashedVector(understand(q, catalog).vectorText, DIM));
const TOP_K = 10;
// Exact top-10 per query vector, kept while the rows are generated (the workers scan every vector they make).
const truth = queryVectors.map(() => ({ ids: new Array<string>(TOP_K).fill(""), sims: new Array<number>(TOP_K).fill(-Infinity) }));
function mergeTruth(r: WorkerReply, ids: string[]): void {
  truth.forEach((t, q) => {
    for (let k = 0; k < TOP_K; k++) {
      const row = r.topRow[q * TOP_K + k]!;
      if (row < 0) break;
      const sim = r.topSim[q * TOP_K + k]!;
      if (sim <= t.sims[TOP_K - 1]!) break;
      let j = TOP_K - 1;
      while (j > 0 && t.sims[j - 1]! < sim) {
        t.sims[j] = t.sims[j - 1]!;
        t.ids[j] = t.ids[j - 1]!;
        j--;
      }
      t.sims[j] = sim;
      t.ids[j] = ids[row]!;
    }
  });
}

// ---------------------------------------------------------------- 2. generate, segment, embed, write
const runId = newRunId();
const passagesName = tableName("passages", runId);
const schema = await realTables.passages.schema();
const table = await store.db.createEmptyTable(passagesName, schema);

// LanceDB loads the CommonJS build of apache-arrow; an ESM import would be a second copy whose
// classes fail LanceDB's (and Arrow's own) instanceof checks. Use the same copy as LanceDB.
const { FixedSizeList, makeData, RecordBatch, Struct, Table: ArrowTable, Utf8, vectorFromArray } = createRequire(import.meta.url)("apache-arrow") as typeof import("apache-arrow");

function column(field: Field, n: number, values: unknown[], vectors?: Float32Array) {
  const type = field.type as DataType;
  if (type instanceof FixedSizeList) {
    const child = makeData({ type: (type.children[0]!.type as Float32), length: n * type.listSize, data: vectors! });
    return makeData({ type, length: n, nullCount: 0, child });
  }
  const v = type instanceof Utf8 ? vectorFromArray(values as string[], new Utf8()) : vectorFromArray(values as number[], type);
  if (v.data.length !== 1) throw new Error(`column ${field.name} came out in ${v.data.length} chunks`);
  return v.data[0]!;
}

interface Pending {
  rows: Array<{ p: ReturnType<SyntheticCorpus["passage"]>; seg: string }>;
  vectors: Float32Array[];
  count: number;
}

async function writeBatch(buf: Pending): Promise<number> {
  const n = buf.count;
  const vectors = new Float32Array(n * DIM);
  let off = 0;
  for (const v of buf.vectors) {
    vectors.set(v, off);
    off += v.length;
  }
  // The product's row codec, so the synthetic table has the columns a real run has.
  const cols: Record<string, unknown[]> = Object.fromEntries(schema.fields.map((f) => [f.name, []]));
  for (const { p, seg } of buf.rows) {
    const doc = corpus.docs[p.docIndex]!;
    const passage = { id: p.id, documentId: doc.id, issueId: doc.issueId, ordinal: p.ordinal, heading: p.heading, text: p.text, kind: p.kind, page: null };
    const row: Record<string, unknown> = passageRow(passage, doc, corpus.issues.get(doc.issueId)!, seg, []);
    for (const f of schema.fields) if (f.name !== "vector") cols[f.name]!.push(row[f.name]);
  }
  const children = schema.fields.map((f) => column(f, n, cols[f.name] ?? [], f.name === "vector" ? vectors : undefined));
  const batch = new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: n, nullCount: 0, children }));
  const t = performance.now();
  await table.add(new ArrowTable(schema, [batch]) as never);
  return performance.now() - t;
}

async function generate(): Promise<void> {
  const workers = Math.max(1, os.availableParallelism());
  const tsxApi = import.meta.resolve("tsx/esm/api");
  const workerUrl = new URL("./scale-worker.ts", import.meta.url).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(workerUrl)}); })`;
  const queries = new Float32Array(queryVectors.length * DIM);
  queryVectors.forEach((v, i) => queries.set(v, i * DIM));
  const init: WorkerInit = { dim: DIM, docs: corpus.docs.map((d) => ({ title: d.title, docNumber: d.docNumber })), queries, topK: TOP_K };
  const pool = Array.from({ length: workers }, () => new Worker(boot, { eval: true, workerData: init }));
  const waiting = new Map<number, (r: WorkerReply) => void>();
  for (const w of pool) {
    w.on("message", (r: WorkerReply) => waiting.get(r.id)?.(r));
    w.on("error", (e) => {
      throw e;
    });
  }
  const started = performance.now();
  let written = 0;
  let writeMs = 0;
  let workerMs = 0;
  let maxRss = rssMB();
  let taskId = 0;
  let partial = false;
  const inFlight: Array<{ passages: ReturnType<SyntheticCorpus["passage"]>[]; reply: Promise<WorkerReply> }> = [];
  const dispatch = () => {
    const n = Math.min(TASK_ROWS, SIZE - taskId * TASK_ROWS);
    if (n <= 0) return false;
    const passages = Array.from({ length: n }, () => corpus.passage());
    const task: WorkerTask = { id: taskId, docIndex: Int32Array.from(passages.map((p) => p.docIndex)), headings: passages.map((p) => p.heading), texts: passages.map((p) => p.text) };
    const reply = new Promise<WorkerReply>((resolve) => waiting.set(task.id, resolve));
    pool[taskId % workers]!.postMessage(task);
    taskId++;
    inFlight.push({ passages, reply });
    return true;
  };
  let buf: Pending = { rows: [], vectors: [], count: 0 };
  while (inFlight.length < workers * 2 && dispatch());
  let lastLog = performance.now();
  while (inFlight.length > 0) {
    const { passages, reply } = inFlight.shift()!;
    const r = await reply;
    waiting.delete(r.id);
    workerMs += r.cpuMs;
    mergeTruth(r, passages.map((p) => p.id));
    const overBudget = (performance.now() - started) / 1000 > GEN_BUDGET_S;
    if (overBudget && !partial) {
      partial = true;
      log(`generation budget of ${GEN_BUDGET_S} s reached at ${written + buf.count} rows: stopping (partial corpus)`);
    }
    if (!partial) dispatch();
    passages.forEach((p, i) => buf.rows.push({ p, seg: r.segs[i]! }));
    buf.vectors.push(r.vectors);
    buf.count += passages.length;
    if (buf.count >= WRITE_ROWS || (inFlight.length === 0 && buf.count > 0)) {
      writeMs += await writeBatch(buf);
      written += buf.count;
      buf = { rows: [], vectors: [], count: 0 };
      maxRss = Math.max(maxRss, rssMB());
    }
    if (performance.now() - lastLog > 30_000) {
      lastLog = performance.now();
      const s = (performance.now() - started) / 1000;
      log(`generated ${written} rows in ${round(s, 0)} s (${round(written / s, 0)} rows/s), RSS ${rssMB()} MB`);
    }
  }
  await Promise.all(pool.map((w) => w.terminate()));
  const genMs = performance.now() - started;
  phase("generate", {
    rows: written, partial, workers, taskRows: TASK_ROWS, writeRows: WRITE_ROWS,
    wallMs: round(genMs, 0), rowsPerSec: round(written / (genMs / 1000), 0),
    workerCpuMs: round(workerMs, 0), workerRowsPerCpuSec: round(written / (workerMs / 1000), 0),
    writeMs: round(writeMs, 0), maxRssMB: maxRss,
  });
}

await generate();
const rows = await table.countRows();

// ---------------------------------------------------------------- 3. the product's indices, publish
const tableDir = join(STORE, `${passagesName}.lance`);
{
  const bytesBefore = duBytes(tableDir);
  const started = Date.now();
  const t = performance.now();
  await createIndices(table, rows);
  const buildMs = performance.now() - t;
  const indices = await table.listIndices();
  // createIndices builds them one after another: each index's createdAt closes its build.
  const order = indices.map((i) => ({ name: i.name, type: i.indexType, createdAt: new Date((i as { createdAt?: Date }).createdAt ?? 0).getTime(), sizeBytes: (i as { sizeBytes?: number }).sizeBytes ?? null }))
    .sort((a, b) => a.createdAt - b.createdAt);
  let prev = started;
  const perIndex = order.map((i) => {
    const ms = i.createdAt > 0 ? i.createdAt - prev : NaN;
    prev = i.createdAt || prev;
    return { ...i, approxBuildMs: ms };
  });
  const bytesAfter = duBytes(tableDir);
  phase("index", {
    rows, buildMs: round(buildMs, 0), perIndex, rssMB: rssMB(),
    disk: { tableBytes: bytesAfter, dataBytes: bytesBefore, indexBytes: bytesAfter - bytesBefore, passagesPerGB: round(rows / (bytesAfter / 1e9), 0) },
  });
  log(`indices built in ${round(buildMs / 1000, 1)} s: ${perIndex.map((i) => `${i.name} ~${round(i.approxBuildMs / 1000, 1)} s`).join(", ")}; table ${round(bytesAfter / 1e9, 2)} GB`);
}
for (const kind of ["documents", "issues"] as const) {
  const src = realTables[kind];
  const jsonRows = (await src.query().toArray()).map((r) => ({ id: String(r.id), issue_id: String(r.issue_id), json: String(r.json) }));
  await store.db.createTable(tableName(kind, runId), jsonRows);
}
const run: RunRow = {
  run_id: runId, created_at: Date.now(), corpus_hash: `synthetic-${rows}`, embedder: realRun.embedder, dim: realRun.dim,
  passages: rows, documents: realRun.documents, issues: realRun.issues, tasks: 0, report: JSON.stringify({ synthetic: true, rows }),
};
await store.publish(run);
store.close();

// ---------------------------------------------------------------- 4. the product's hybrid search
const rssBeforeOpen = rssMB();
let t0 = performance.now();
const services = await openServices(STORE);
const openMs = performance.now() - t0;
if (services.run.run.run_id !== runId) throw new Error("the live index did not open the synthetic run");
{
  const walls: number[] = [];
  const stages: Record<string, number[]> = { understandMs: [], embedMs: [], ftsMs: [], vectorMs: [], fuseMs: [] };
  let empty = 0;
  for (let pass = 0; pass <= PASSES; pass++) {
    for (const q of questions) {
      const t = performance.now();
      const out = await services.retriever.search(services.run, q, { k: 10 });
      if (pass === 0) continue;
      walls.push(performance.now() - t);
      for (const k of Object.keys(stages)) stages[k]!.push(out.timings[k as keyof typeof out.timings]);
      if (out.hits.length === 0) empty++;
    }
  }
  phase("search", {
    openMs: round(openMs, 0), rssBeforeOpenMB: rssBeforeOpen, rssAfterMB: rssMB(), passes: PASSES, questions: questions.length,
    hybrid: summarize(walls), stages: Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, summarize(v)])), emptyResults: empty,
  });
  log(`hybrid search p50 ${summarize(walls).p50} ms p95 ${summarize(walls).p95} ms (vector p50 ${summarize(stages.vectorMs!).p50}, fts p50 ${summarize(stages.ftsMs!).p50})`);
}

// ---------------------------------------------------------------- 5. vector recall@10 vs exact search
const passages: Table = services.run.passages;
const dot = (a: Float32Array, b: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};

interface Exact {
  ids: Set<string>;
  d10: number;
}
// Ground truth: the exact top 10 the workers found by scanning every generated vector (1 − cosine = LanceDB's cosine distance).
const exact: Exact[] = truth.map((t) => ({ ids: new Set(t.ids.filter(Boolean)), d10: 1 - t.sims[TOP_K - 1]! }));
{
  // LanceDB's own exact search (flat scan, bypassVectorIndex) on a few queries: its latency, and a cross-check of the ground truth.
  const n = Math.min(queryVectors.length, rows >= 500_000 ? 5 : 10);
  const times: number[] = [];
  let agree = 0;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const r = await passages.query().nearestTo(queryVectors[i]!).distanceType("cosine").bypassVectorIndex().select(["id", "_distance"]).limit(10).toArray();
    times.push(performance.now() - t);
    for (const x of r) if (exact[i]!.ids.has(String(x.id)) || Number(x._distance) <= exact[i]!.d10 + 1e-5) agree++;
  }
  phase("exact", { queries: n, flatScan: summarize(times), agreementWithWorkerScan: round(agree / Math.max(1, n * 10), 3), groundTruthQueries: exact.length });
  log(`exact (flat, bypassVectorIndex) vector search p50 ${summarize(times).p50} ms; agrees with the worker scan on ${round(agree / Math.max(1, n * 10), 3)}`);
}

type QueryOpt = { nprobes?: number; refineFactor?: number; ef?: number };
const PRODUCT_COLUMNS = [...PASSAGE_DISPLAY_COLUMNS];
interface VectorMeasure {
  label: string;
  opts: QueryOpt;
  /** limit 10, id + vector: recall@10 against the exact top 10. */
  latency: Summary;
  recallAt10: number;
  tieTolerantRecallAt10: number;
  /** The product's query shape (limit 40, display columns): its first 10 rows vs the exact top 10, and the exact top 10 anywhere in its 40 rows. */
  productShape: { latency: Summary; recallAt10: number; exactTop10In40: number };
}
async function measureVector(label: string, opts: QueryOpt): Promise<VectorMeasure> {
  const times: number[] = [];
  const times40: number[] = [];
  let hits = 0;
  let tolerant = 0;
  let hits40first10 = 0;
  let hits40 = 0;
  const build = (v: Float32Array) => {
    let q = passages.query().nearestTo(v).distanceType("cosine");
    if (opts.nprobes) q = q.nprobes(opts.nprobes);
    if (opts.refineFactor) q = q.refineFactor(opts.refineFactor);
    if (opts.ef) q = q.ef(opts.ef);
    return q;
  };
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < queryVectors.length; i++) {
      const v = queryVectors[i]!;
      let t = performance.now();
      const r = await build(v).select(["id", "vector", "_distance"]).limit(10).toArray();
      const ms10 = performance.now() - t;
      t = performance.now();
      const r40 = await build(v).select([...PRODUCT_COLUMNS, "_distance"]).limit(40).toArray();
      const ms40 = performance.now() - t;
      if (pass === 0) continue; // the first pass warms the index caches
      times.push(ms10);
      times40.push(ms40);
      const e = exact[i]!;
      for (const x of r) {
        if (e.ids.has(String(x.id))) hits++;
        const vec = x.vector as { toArray(): Float32Array };
        if (1 - dot(v, vec.toArray()) <= e.d10 + 1e-5) tolerant++;
      }
      r40.forEach((x, k) => {
        if (!e.ids.has(String(x.id))) return;
        hits40++;
        if (k < 10) hits40first10++;
      });
    }
  }
  const n = queryVectors.length * 10;
  return {
    label, opts, latency: summarize(times), recallAt10: round(hits / n, 3), tieTolerantRecallAt10: round(tolerant / n, 3),
    productShape: { latency: summarize(times40), recallAt10: round(hits40first10 / n, 3), exactTop10In40: round(hits40 / n, 3) },
  };
}

const IVF_QUERY_SETTINGS: Array<[string, QueryOpt]> = [
  [`as the product queries (nprobes ${DEFAULT_TUNING.nprobes} + refineFactor ${DEFAULT_TUNING.refineFactor})`, { nprobes: DEFAULT_TUNING.nprobes, refineFactor: DEFAULT_TUNING.refineFactor }],
  ["LanceDB defaults", {}],
  ["nprobes 50", { nprobes: 50 }],
  ["refineFactor 10", { refineFactor: 10 }],
  ["nprobes 50 + refineFactor 10", { nprobes: 50, refineFactor: 10 }],
  ["nprobes 100 + refineFactor 20", { nprobes: 100, refineFactor: 20 }],
];
const HNSW_QUERY_SETTINGS: Array<[string, QueryOpt]> = [
  ["LanceDB defaults", {}],
  ["ef 100", { ef: 100 }],
  ["nprobes 50 + ef 100", { nprobes: 50, ef: 100 }],
  ["nprobes 50 + ef 200 + refineFactor 5", { nprobes: 50, ef: 200, refineFactor: 5 }],
];

const VARIANT_CONFIGS: Record<string, () => Index> = {
  ivf_pq_m32: () => Index.ivfPq({ distanceType: "cosine", numPartitions: Math.round(Math.sqrt(rows)), numSubVectors: 32 }),
  ivf_pq_m64: () => Index.ivfPq({ distanceType: "cosine", numPartitions: Math.round(Math.sqrt(rows)), numSubVectors: 64 }),
  ivf_pq_m128: () => Index.ivfPq({ distanceType: "cosine", numPartitions: Math.round(Math.sqrt(rows)), numSubVectors: 128 }),
  ivf_flat: () => Index.ivfFlat({ distanceType: "cosine", numPartitions: Math.round(Math.sqrt(rows)) }),
  ivf_rq: () => Index.ivfRq({ distanceType: "cosine", numPartitions: Math.round(Math.sqrt(rows)) }),
  hnsw_sq: () => Index.hnswSq({ distanceType: "cosine", numPartitions: Math.max(1, Math.round(rows / 100_000)) }),
};

async function vectorIndexInfo() {
  const idx = (await passages.listIndices()).find((i) => i.columns.includes("vector"));
  return idx ? { type: idx.indexType, uuid: (idx as { indexUuid?: string }).indexUuid ?? null, sizeBytes: (idx as { sizeBytes?: number }).sizeBytes ?? null } : null;
}

{
  const productIndex = await vectorIndexInfo();
  const settings = productIndex?.type.toLowerCase().includes("hnsw") ? HNSW_QUERY_SETTINGS : IVF_QUERY_SETTINGS;
  const product = [];
  if (productIndex) for (const [label, opts] of settings) product.push(await measureVector(label, opts));
  else product.push(await measureVector("no vector index (flat scan)", {}));
  phase("vector", { index: productIndex, settings: product });
  for (const s of product) log(`vector [${productIndex?.type ?? "flat"}] ${s.label}: p50 ${s.latency.p50} ms p95 ${s.latency.p95} ms recall@10 ${s.recallAt10} (tie-tolerant ${s.tieTolerantRecallAt10}); product shape p95 ${s.productShape.latency.p95} ms, recall@10 ${s.productShape.recallAt10}, top10-in-40 ${s.productShape.exactTop10In40}`);
}

{
  // The product's FTS path alone: the same Retriever without an embedder (the vector side is skipped).
  const ftsOnly = new Retriever(null);
  const xs: number[] = [];
  const fts: number[] = [];
  for (let pass = 0; pass <= 1; pass++) {
    for (const q of questions) {
      const t = performance.now();
      const out = await ftsOnly.search(services.run, q, { k: 10 });
      if (pass === 0) continue;
      xs.push(performance.now() - t);
      fts.push(out.timings.ftsMs);
    }
  }
  // A filtered vector query (the product prefilters with where): rows stay within the filter and the limit is filled.
  const years = [...new Set(records.issues.map((i) => i.year))];
  let outside = 0;
  let short = 0;
  const filtered: number[] = [];
  for (const v of queryVectors.slice(0, 30)) {
    const year = years[filtered.length % years.length]!;
    const t = performance.now();
    const r = await passages.query().nearestTo(v).distanceType("cosine").where(`year = ${year}`).select(["id", "year", "_distance"]).limit(40).toArray();
    filtered.push(performance.now() - t);
    outside += r.filter((x) => Number(x.year) !== year).length;
    if (r.length < 40) short++;
  }
  phase("stages", { productFtsOnly: { wall: summarize(xs), ftsMs: summarize(fts) }, filteredVector: { latency: summarize(filtered), rowsOutsideFilter: outside, queriesShortOfLimit: short } });
  log(`product FTS-only search p50 ${summarize(xs).p50} ms p95 ${summarize(xs).p95} ms; filtered vector p50 ${summarize(filtered).p50} ms, ${outside} rows outside the filter, ${short} queries short of 40`);
}

// ---------------------------------------------------------------- 6. FTS vs MiniSearch, server child
{
  const rssBefore = rssMB();
  const fts = await timeLanceFts(services.run, questions, PASSES);
  const out: Record<string, unknown> = { lancedbFts: { query: fts, indexBytes: await ftsIndexBytes(services.run), rssBeforeMB: rssBefore, rssAfterMB: rssMB() } };
  if (WITH_MINISEARCH) {
    const docs = (await passages.query().select(["id", "text_seg"]).limit(rows + 1).toArray()).map((r) => ({ id: String(r.id), text_seg: String(r.text_seg) }));
    const mini = buildMiniSearch(docs);
    docs.length = 0;
    const q = timeMiniSearch(mini.ms, questions, PASSES);
    out.minisearch = { buildMs: round(mini.buildMs, 0), heapMB: round(mini.heapMB, 0), query: q };
    out.ratios = { ftsVsMinisearchP50: ratio(fts.p50, q.p50), ftsVsMinisearchP95: ratio(fts.p95, q.p95) };
    log(`FTS p50 ${fts.p50} ms vs MiniSearch p50 ${q.p50} ms (heap ${round(mini.heapMB, 0)} MB, build ${round(mini.buildMs / 1000, 1)} s)`);
  }
  phase("fts", out);
}
services.index.stop();

if (WITH_SERVER) {
  const server = await startServer({ indexDir: STORE, timeoutMs: 600_000 });
  try {
    const idle = server.memory();
    const xs: number[] = [];
    let errors = 0;
    for (let pass = 0; pass <= 1; pass++) {
      for (const q of questions) {
        const t = performance.now();
        const res = await fetch(`${server.base}/api/search?q=${encodeURIComponent(q)}&k=10`);
        await res.arrayBuffer();
        if (!res.ok) errors++;
        if (pass > 0) xs.push(performance.now() - t);
      }
    }
    const after = server.memory();
    phase("server", { idleRssMB: idle?.rssMB ?? null, afterRssMB: after?.rssMB ?? null, peakRssMB: after?.peakMB ?? null, httpSearch: summarize(xs), errors });
    log(`server: RSS idle ${idle?.rssMB} MB, after ${after?.rssMB} MB (peak ${after?.peakMB}); HTTP search p50 ${summarize(xs).p50} ms p95 ${summarize(xs).p95} ms`);
  } finally {
    await server.stop();
  }
}

// ---------------------------------------------------------------- 7. FTS query shapes (diagnosis)
// Which part of the product's FTS query costs the time: the query type (string / MatchQuery / the
// BooleanQuery of terms + boosted expansions search.ts builds from understand()), the limit, the columns.
try {
  const shapes: Array<[string, (q: string) => Promise<unknown>]> = [];
  const terms = (q: string) => understand(q, catalog);
  const boolQuery = (u: ReturnType<typeof understand>) => {
    const parts: [Occur, MatchQuery][] = [];
    if (u.terms.length) parts.push([Occur.Should, new MatchQuery(u.terms.join(" "), "text_seg")]);
    const exp = [...new Set(u.expansions.flatMap((e) => cutForSearch(e)))].filter((t) => !u.terms.includes(t));
    if (exp.length) parts.push([Occur.Should, new MatchQuery(exp.join(" "), "text_seg", { boost: 0.6 })]);
    return parts.length === 1 ? parts[0]![1] : parts.length ? new BooleanQuery(parts) : null;
  };
  const fts = (query: string | MatchQuery | BooleanQuery, cols: string[], limit: number) =>
    passages.query().fullTextSearch(query, { columns: "text_seg" }).select([...cols, "_score"]).limit(limit).toArray();
  shapes.push(["string of terms, id, limit 10", (q) => fts(terms(q).terms.join(" ") || "的", ["id"], 10)]);
  shapes.push(["string of terms, id, limit 40", (q) => fts(terms(q).terms.join(" ") || "的", ["id"], 40)]);
  shapes.push(["string of terms, display columns, limit 40", (q) => fts(terms(q).terms.join(" ") || "的", PRODUCT_COLUMNS, 40)]);
  shapes.push(["MatchQuery(terms), display columns, limit 40", (q) => fts(new MatchQuery(terms(q).terms.join(" ") || "的", "text_seg"), PRODUCT_COLUMNS, 40)]);
  shapes.push(["BooleanQuery(terms, expansions ×0.6), id, limit 40", async (q) => { const b = boolQuery(terms(q)); return b ? fts(b, ["id"], 40) : null; }]);
  shapes.push(["BooleanQuery(terms, expansions ×0.6), display columns, limit 40 (search.ts until 2026-11-23)", async (q) => { const b = boolQuery(terms(q)); return b ? fts(b, PRODUCT_COLUMNS, 40) : null; }]);
  // Proposed replacement: the two parts as separate MatchQueries (each can prune), run concurrently, scores summed in JS with the boost.
  shapes.push(["two MatchQueries (terms; expansions) in parallel, merged in JS, display columns, limit 40 (= search.ts)", async (q) => {
    const u = terms(q);
    const exp = [...new Set(u.expansions.flatMap((e) => cutForSearch(e)))].filter((t) => !u.terms.includes(t));
    const [a, b] = await Promise.all([
      u.terms.length ? fts(new MatchQuery(u.terms.join(" "), "text_seg"), PRODUCT_COLUMNS, 40) : Promise.resolve([]),
      exp.length ? fts(new MatchQuery(exp.join(" "), "text_seg"), PRODUCT_COLUMNS, 40) : Promise.resolve([]),
    ]);
    const merged = new Map<string, number>();
    for (const r of a) merged.set(String(r.id), Number(r._score));
    for (const r of b) merged.set(String(r.id), (merged.get(String(r.id)) ?? 0) + 0.6 * Number(r._score));
    return [...merged].sort((x, y) => y[1] - x[1]).slice(0, 40);
  }]);
  const out = [];
  for (const [label, f] of shapes) {
    const xs: number[] = [];
    for (let pass = 0; pass <= 1; pass++) {
      for (const q of questions) {
        const t = performance.now();
        await f(q);
        if (pass > 0) xs.push(performance.now() - t);
      }
    }
    out.push({ label, latency: summarize(xs) });
    log(`FTS shape ${label}: p50 ${summarize(xs).p50} ms p95 ${summarize(xs).p95} ms`);
  }
  const withExpansions = questions.filter((q) => terms(q).expansions.length > 0).length;
  phase("ftsShapes", { shapes: out, questionsWithExpansions: withExpansions });
} catch (err) {
  log(`FTS shape diagnosis failed: ${err instanceof Error ? err.message : String(err)}`);
}

// ---------------------------------------------------------------- 8. other vector index types (last: the slowest builds)
const variants = [];
for (const name of VARIANTS) {
  const make = VARIANT_CONFIGS[name];
  if (!make) throw new Error(`unknown vector index variant ${name}; known: ${Object.keys(VARIANT_CONFIGS).join(", ")}`);
  log(`building vector index variant ${name}`);
  t0 = performance.now();
  try {
    await passages.createIndex("vector", { config: make(), replace: true });
  } catch (err) {
    variants.push({ name, error: err instanceof Error ? err.message.slice(0, 300) : String(err) });
    continue;
  }
  const buildMs = performance.now() - t0;
  const info = await vectorIndexInfo();
  const indexBytes = info?.uuid ? duBytes(join(tableDir, "_indices", info.uuid)) : null;
  const settings = name.startsWith("hnsw") ? HNSW_QUERY_SETTINGS : IVF_QUERY_SETTINGS;
  const measured = [];
  for (const [label, opts] of settings) measured.push(await measureVector(label, opts));
  variants.push({ name, buildMs: round(buildMs, 0), index: info, indexBytes, settings: measured, rssMB: rssMB() });
  phase("variants", variants);
  for (const s of measured) log(`variant ${name} (${round(buildMs / 1000, 1)} s) ${s.label}: p50 ${s.latency.p50} ms p95 ${s.latency.p95} recall@10 ${s.recallAt10} (tie-tolerant ${s.tieTolerantRecallAt10}); product shape p95 ${s.productShape.latency.p95} ms, recall@10 ${s.productShape.recallAt10}, top10-in-40 ${s.productShape.exactTop10In40}`);
}

const usage = process.resourceUsage();
result.maxRssMB = round(usage.maxRSS / 1024, 0);
result.cpuMs = round((usage.userCPUTime + usage.systemCPUTime) / 1000, 0);
process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
process.exit(0);
