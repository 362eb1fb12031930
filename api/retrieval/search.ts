/**
 * Hybrid retrieval: BM25 over jieba tokens and vector similarity, each filtered inside the
 * query (LanceDB's `where`, or the same conditions on in-memory vectors), fused linearly, then
 * shaped by what the question names.
 */
import { MatchQuery } from "@lancedb/lancedb";
import type { Filters } from "../../core/api-schema.ts";
import type { Embedder } from "../../core/embed/embedder.ts";
import type { Condition } from "../../core/index/where.ts";
import { buildWhere } from "../../core/index/where.ts";
import type { GazetteDocument, Issue, Passage } from "../../core/model.ts";
import { normalizeTypedDocNumber } from "../../core/text/doc-number.ts";
import { cutForSearch } from "../../core/text/segment.ts";
import { Gate } from "../../core/util/gate.ts";
import { Lru } from "../../core/util/lru.ts";
import type { OpenRun } from "../index/live-index.ts";
import type { UnderstoodQuery } from "../question/understand.ts";
import { understand } from "../question/understand.ts";
import { TopicCoverage } from "./coverage.ts";
import { indexedVectorQuery } from "./vectors.ts";
import { rowToPassage } from "../../core/index/passage-row.ts";
import { statesKind } from "../question/kinds.ts";

export interface Hit {
  passage: Passage;
  document: GazetteDocument;
  issue: Issue;
  score: number;
  /** BM25 score when the passage matched keywords. */
  bm25: number | null;
  /** Cosine similarity when the passage came from the vector side. */
  similarity: number | null;
}

export interface SearchTimings {
  understandMs: number;
  embedMs: number;
  ftsMs: number;
  vectorMs: number;
  fuseMs: number;
}

export interface SearchOutcome {
  hits: Hit[];
  query: UnderstoodQuery;
  notes: string[];
  timings: SearchTimings;
  /** A transient failure (the embedding endpoint) made this outcome keyword-only: not cached. */
  degraded: boolean;
  /** Topics the question names (公积金) that no passage of the run mentions: the gazettes cannot answer about them. */
  uncoveredTopics: string[];
}

export interface RetrievalTuning {
  /** `rrf`: weighted reciprocal rank; `linear`: max-normalised BM25 plus weighted cosine above its pool median. */
  fusion: "rrf" | "linear";
  pool: number;
  rrfK: number;
  ftsWeight: number;
  vectorWeight: number;
  expansionBoost: number;
  yearBoost: number;
  issueBoost: number;
  /** A later passage of an already listed document stays in place if it scores at least this share of the document's best. */
  sameDocKeep: number;
  /** Questions about a 台账/一览表/表 favour table rows. */
  tableBoost: number;
  /** A question asking for a figure or a date favours passages that state one. */
  intentBoost: number;
  /** IVF partitions probed and candidates re-ranked on full vectors, for runs with a vector index (bench:scale measures recall). */
  nprobes: number;
  refineFactor: number;
}

export const DEFAULT_TUNING: RetrievalTuning = {
  fusion: "linear",
  pool: 40, rrfK: 60, ftsWeight: 1, vectorWeight: 0.15, expansionBoost: 0.6, yearBoost: 1.6, issueBoost: 1.5, sameDocKeep: 0.5, tableBoost: 1.3, intentBoost: 1.1,
  nprobes: 200, refineFactor: 20,
};

type Row = Record<string, unknown>;

function filterConditions(filters: Filters, query: UnderstoodQuery): Condition[] {
  const conds: Condition[] = [];
  if (filters.year !== undefined) conds.push({ column: "year", op: "=", value: filters.year });
  if (filters.issue !== undefined) conds.push({ column: "issue_id", op: "=", value: filters.issue });
  if (filters.category !== undefined) conds.push({ column: "category", op: "=", value: filters.category });
  if (filters.docNumber !== undefined) conds.push({ column: "doc_number", op: "=", value: normalizeTypedDocNumber(filters.docNumber) ?? filters.docNumber });
  if (query.namedDocuments.length > 0 && filters.docNumber === undefined) {
    conds.push({ column: "document_id", op: "in", values: query.namedDocuments.map((d) => d.id) });
  }
  return conds;
}

/**
 * The question's own terms and its lexicon expansions (weighted by `expansionBoost`) as two
 * MatchQueries run side by side, their BM25 scores summed per passage. One BooleanQuery of both
 * ranks nearly the same but costs far more on large runs (bench:scale: p95 16 vs 89 ms at 100k
 * passages, p50 28 vs 581 ms at 1M).
 */
function ftsQueries(query: UnderstoodQuery, tuning: RetrievalTuning): Array<{ query: MatchQuery; weight: number }> {
  const out: Array<{ query: MatchQuery; weight: number }> = [];
  if (query.terms.length) out.push({ query: new MatchQuery(query.terms.join(" "), "text_seg"), weight: 1 });
  const expansionTokens = [...new Set(query.expansions.flatMap((e) => cutForSearch(e)))].filter((t) => !query.terms.includes(t));
  if (expansionTokens.length) out.push({ query: new MatchQuery(expansionTokens.join(" "), "text_seg"), weight: tuning.expansionBoost });
  return out;
}

/** Per-passage sums of weighted BM25 scores, best first, as rows with `_score`. */
function sumScores(results: Array<{ rows: Row[]; weight: number }>, limit: number): Row[] {
  const byId = new Map<string, Row>();
  for (const { rows, weight } of results) {
    for (const row of rows) {
      const id = String(row.id);
      const seen = byId.get(id);
      const score = weight * Number(row._score);
      if (seen) seen._score = Number(seen._score) + score;
      else byId.set(id, { ...row, _score: score });
    }
  }
  return [...byId.values()].sort((a, b) => Number(b._score) - Number(a._score)).slice(0, limit);
}

export class Retriever {
  /** Outcomes by run, question, k and filters: residents ask the same things, and a run never changes. */
  private cache: Lru<string, SearchOutcome>;
  private coverage = new TopicCoverage();

  constructor(
    private embedder: Embedder | null,
    private tuning: RetrievalTuning = DEFAULT_TUNING,
    private gate: Gate = new Gate(0),
    cacheEntries = 0,
  ) {
    this.cache = new Lru(cacheEntries);
  }

  async search(run: OpenRun, question: string, opts: { k: number; filters?: Filters; signal?: AbortSignal }): Promise<SearchOutcome> {
    const key = `${run.run.run_id}\u0000${opts.k}\u0000${JSON.stringify(opts.filters ?? {})}\u0000${question}`;
    const cached = this.cache.get(key);
    if (cached) return { ...cached, timings: { understandMs: 0, embedMs: 0, ftsMs: 0, vectorMs: 0, fuseMs: 0 } };
    const outcome = await this.gate.run(() => this.searchNow(run, question, opts));
    if (!outcome.degraded) this.cache.set(key, outcome);
    return outcome;
  }

  private async searchNow(run: OpenRun, question: string, opts: { k: number; filters?: Filters; signal?: AbortSignal }): Promise<SearchOutcome> {
    // A request that timed out or hung up while queued at the gate is not worth searching for.
    opts.signal?.throwIfAborted();
    const timings: SearchTimings = { understandMs: 0, embedMs: 0, ftsMs: 0, vectorMs: 0, fuseMs: 0 };
    const notes: string[] = [];
    let degraded = false;
    let t = performance.now();
    const query = understand(question, run.catalog);
    timings.understandMs = performance.now() - t;
    const conditions = filterConditions(opts.filters ?? {}, query);
    const where = buildWhere(conditions);
    const pool = Math.max(this.tuning.pool, opts.k * 2);

    const ftsPromise = (async () => {
      const queries = ftsQueries(query, this.tuning);
      if (!queries.length) return [] as Row[];
      const start = performance.now();
      const memory = run.memory;
      const results = await Promise.all(
        queries.map(async ({ query: q, weight }) => {
          let builder = run.passages.query().fullTextSearch(q, { columns: "text_seg" }).select(memory ? ["id", "_score"] : [...run.columns, "_score"]).limit(pool);
          if (where) builder = builder.where(where);
          let rows = (await builder.toArray()) as Row[];
          if (memory) rows = rows.flatMap((r) => {
            const row = memory.row(String(r.id));
            return row ? [{ ...row, _score: r._score }] : [];
          });
          return { rows, weight };
        }),
      );
      const rows = results.length === 1 ? results[0]!.rows : sumScores(results, pool);
      timings.ftsMs = performance.now() - start;
      return rows;
    })();

    const vecPromise = (async () => {
      if (!this.embedder) return [] as Row[];
      if (run.run.embedder !== this.embedder.id) {
        notes.push("向量检索不可用（索引使用了不同的向量模型），本次仅使用关键词检索。");
        return [] as Row[];
      }
      let start = performance.now();
      let vector: Float32Array;
      try {
        [vector] = (await this.embedder.embed([query.vectorText], opts.signal)) as [Float32Array];
      } catch {
        notes.push("向量检索服务暂时不可用，本次仅使用关键词检索。");
        degraded = true;
        return [] as Row[];
      }
      timings.embedMs = performance.now() - start;
      start = performance.now();
      const rows = run.memory
        ? run.memory.nearest(vector, pool, conditions)
        : ((await indexedVectorQuery(run.passages, run.columns, vector, pool, where, this.tuning).toArray()) as Row[]);
      timings.vectorMs = performance.now() - start;
      return rows;
    })();

    const [ftsRows, vecRows, uncoveredTopics] = await Promise.all([ftsPromise, vecPromise, this.coverage.uncovered(run, query)]);
    t = performance.now();
    let hits = this.fuse(run, query, ftsRows, vecRows);
    if (hits.length === 0 && query.namedDocuments.length > 0) hits = await this.openingPassages(run, query.namedDocuments, opts.k);
    hits = diversify(hits, this.tuning.sameDocKeep).slice(0, opts.k);
    timings.fuseMs = performance.now() - t;
    if (query.unknownDocNumbers.length) notes.push(`所收录的公报中没有文号为${query.unknownDocNumbers.join("、")}的文件。`);
    return { hits, query, notes, timings, degraded, uncoveredTopics };
  }

  private fuse(run: OpenRun, query: UnderstoodQuery, ftsRows: Row[], vecRows: Row[]): Hit[] {
    const { rrfK, ftsWeight, vectorWeight, yearBoost, issueBoost } = this.tuning;
    const byId = new Map<string, { row: Row; score: number; bm25: number | null; similarity: number | null }>();
    const add = (rows: Row[], weight: number, kind: "fts" | "vec") =>
      rows.forEach((row, rank) => {
        const id = String(row.id);
        const entry = byId.get(id) ?? { row, score: 0, bm25: null, similarity: null };
        entry.score += weight / (rrfK + rank + 1);
        if (kind === "fts") entry.bm25 = Number(row._score);
        else entry.similarity = 1 - Number(row._distance);
        byId.set(id, entry);
      });
    if (this.tuning.fusion === "rrf") {
      add(ftsRows, ftsWeight, "fts");
      add(vecRows, vectorWeight, "vec");
    } else {
      addLinear(byId, ftsRows, vecRows, ftsWeight, vectorWeight);
    }
    const issueIds = new Set(query.issues.map((i) => i.id));
    // Passages that state the kind of fact asked (a figure, a date) first: they hold the answer more often.
    const asked = query.kinds.filter((k) => k === "amount" || k === "time");
    const hits: Hit[] = [];
    for (const e of byId.values()) {
      const passage = rowToPassage(e.row);
      const document = run.catalog.document(passage.documentId);
      const issue = run.catalog.issue(passage.issueId);
      if (!document || !issue) continue;
      let score = e.score;
      if (query.years.length && (query.years.includes(issue.year) || query.years.some((y) => document.title.includes(String(y))))) score *= yearBoost;
      if (issueIds.has(issue.id)) score *= issueBoost;
      if (query.tableAsked && passage.kind === "table") score *= this.tuning.tableBoost;
      if (asked.some((k) => statesKind(passage.text, k))) score *= this.tuning.intentBoost;
      hits.push({ passage, document, issue, score, bm25: e.bm25, similarity: e.similarity });
    }
    return hits.sort((a, b) => b.score - a.score);
  }

  /** A question that names a document but no topic ("三政办〔2019〕8号讲了什么"): its first passages. */
  private async openingPassages(run: OpenRun, docs: GazetteDocument[], k: number): Promise<Hit[]> {
    const where = buildWhere([{ column: "document_id", op: "in", values: docs.map((d) => d.id) }, { column: "ordinal", op: "between", from: 0, to: k }]);
    const rows = (await run.passages.query().where(where!).select(run.columns).limit(k * docs.length).toArray()) as Row[];
    return rows
      .map(rowToPassage)
      .sort((a, b) => a.ordinal - b.ordinal)
      .map((passage, i) => ({
        passage, document: run.catalog.document(passage.documentId)!, issue: run.catalog.issue(passage.issueId)!, score: 1 / (1 + i), bm25: null, similarity: null,
      }));
  }
}

type Fused = Map<string, { row: Row; score: number; bm25: number | null; similarity: number | null }>;

/** Linear fusion: BM25 scaled by the best BM25, plus cosine gain over the pool's median similarity. */
function addLinear(byId: Fused, ftsRows: Row[], vecRows: Row[], ftsWeight: number, vectorWeight: number): void {
  const maxBm25 = Math.max(...ftsRows.map((r) => Number(r._score)), 1e-9);
  for (const row of ftsRows) {
    const bm25 = Number(row._score);
    byId.set(String(row.id), { row, score: (ftsWeight * bm25) / maxBm25, bm25, similarity: null });
  }
  const sims = vecRows.map((r) => 1 - Number(r._distance));
  const median = [...sims].sort((a, b) => a - b)[Math.floor(sims.length / 2)] ?? 0;
  const top = Math.max(...sims, median + 1e-9);
  vecRows.forEach((row, i) => {
    const gain = Math.max(0, (sims[i]! - median) / (top - median));
    const entry = byId.get(String(row.id)) ?? { row, score: 0, bm25: null, similarity: null };
    entry.score += vectorWeight * gain;
    entry.similarity = sims[i]!;
    byId.set(String(row.id), entry);
  });
}

/**
 * Best passages of distinct documents first; a further passage of a listed document keeps
 * its place only when it scores close to that document's best.
 */
export function diversify(hits: Hit[], keepShare: number): Hit[] {
  const best = new Map<string, number>();
  const first: Hit[] = [];
  const later: Hit[] = [];
  for (const h of hits) {
    const top = best.get(h.document.id);
    if (top === undefined) {
      best.set(h.document.id, h.score);
      first.push(h);
    } else if (h.score >= top * keepShare) first.push(h);
    else later.push(h);
  }
  return [...first, ...later];
}
