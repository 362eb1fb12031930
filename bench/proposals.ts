/**
 * Measured gains of proposed product changes, at corpus scale, as CPU time per operation (robust to
 * other load on the machine) and wall time. Each proposal is a prototype here, next to the product
 * function it would replace, run on the same inputs; nothing here is product code.
 *
 *  1. core/lexicon/lexicon.ts expandQuery: ~7,200 `indexOf` calls per question → phrases bucketed by
 *     their first character (same output, checked on every dev-set question).
 *  2. ingest: compact the passages table after writing it (`table.optimize()`; buildRun writes
 *     256-row batches, i.e. one fragment per batch) → product search on 1 fragment instead of N.
 *  3. api/retrieval/search.ts vector query: display columns (text, heading …) read for 40 rows vs
 *     id only, and, for small runs, the vectors held in memory and scored in JS.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { understand } from "../api/retrieval/understand.ts";
import { hashedVector } from "../core/embed/hashed.ts";
import type { Expansion } from "../core/lexicon/lexicon.ts";
import { expandQuery, groupPhraseHits, termGroups } from "../core/lexicon/lexicon.ts";
import { round } from "./machine.ts";
import { openServices } from "./query.ts";

export interface CpuTiming {
  label: string;
  cpuMsPerOp: number;
  wallMsPerOp: number;
}

export interface Proposal {
  id: string;
  file: string;
  change: string;
  before: CpuTiming;
  after: CpuTiming;
  /** Share of CPU saved per operation. */
  cpuSaved: number;
  notes?: string;
}

export interface ProposalsResult {
  command: string;
  passages: number;
  fragmentsBefore: number;
  productSearchCpuMs: number;
  productChatCpuMs: number;
  proposals: Proposal[];
}

async function cpu(label: string, n: number, f: (i: number) => unknown): Promise<CpuTiming> {
  for (let i = 0; i < n; i++) await f(i);
  const passes = 3;
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  for (let p = 0; p < passes; p++) for (let i = 0; i < n; i++) await f(i);
  const c = process.cpuUsage(c0);
  return { label, cpuMsPerOp: round((c.user + c.system) / 1000 / (passes * n), 3), wallMsPerOp: round((performance.now() - w0) / (passes * n), 3) };
}

function proposal(id: string, file: string, change: string, before: CpuTiming, after: CpuTiming, notes?: string): Proposal {
  return { id, file, change, before, after, cpuSaved: round(1 - after.cpuMsPerOp / before.cpuMsPerOp, 3), ...(notes ? { notes } : {}) };
}

/** Prototype of expandQuery with the colloquial phrases bucketed by first character; same hits, same order, same output. */
function bucketedExpandQuery(): (question: string) => Expansion[] {
  const byFirst = new Map<string, Array<{ phrase: string; terms: string[]; order: number }>>();
  let order = 0;
  for (const g of termGroups()) {
    for (const phrase of g.colloquial) {
      const first = phrase[0];
      if (!first) continue;
      const list = byFirst.get(first) ?? [];
      list.push({ phrase, terms: g.official, order: order++ });
      byFirst.set(first, list);
    }
  }
  return (question: string) => {
    const found: Array<{ phrase: string; start: number; end: number; terms: string[]; order: number }> = [];
    for (let i = 0; i < question.length; i++) {
      for (const c of byFirst.get(question[i]!) ?? []) {
        if (question.startsWith(c.phrase, i)) found.push({ phrase: c.phrase, start: i, end: i + c.phrase.length, terms: c.terms, order: c.order });
      }
    }
    // The order expandQuery produces its hits in (group, phrase, occurrence), so ties sort the same way.
    found.sort((a, b) => a.order - b.order || a.start - b.start);
    return groupPhraseHits(found);
  };
}

export async function benchProposals(opts: { indexDir: string; questions: string[]; log: (s: string) => void }): Promise<ProposalsResult> {
  const proposals: Proposal[] = [];
  const qs = opts.questions;

  // 1. expandQuery
  const fast = bucketedExpandQuery();
  const mismatches = qs.filter((q) => JSON.stringify(fast(q)) !== JSON.stringify(expandQuery(q))).length;
  proposals.push(
    proposal(
      "expand-query-buckets", "core/lexicon/lexicon.ts (expandQuery)",
      "bucket the ~7,200 colloquial phrases by first character once; per question test only phrases starting at each character (startsWith)",
      await cpu("expandQuery (indexOf per phrase)", qs.length, (i) => expandQuery(qs[i]!)),
      await cpu("bucketed by first character", qs.length, (i) => fast(qs[i]!)),
      `same output on ${qs.length - mismatches}/${qs.length} dev-set questions`,
    ),
  );

  // A private copy of the corpus-scale index, so compacting it changes nothing the other benchmarks read.
  const dir = mkdtempSync(join(tmpdir(), "gongbao-bench-proposals-"));
  try {
    cpSync(opts.indexDir, join(dir, "index"), { recursive: true });
    const { run, retriever, answers, index } = await openServices(join(dir, "index"));
    try {
      const passages = run.passages;
      const fragmentsBefore = (await passages.stats()).fragmentStats.numFragments;
      const vectors = qs.map((q) => hashedVector(understand(q, run.catalog).vectorText, run.run.dim));
      const COLUMNS = ["id", "document_id", "issue_id", "ordinal", "heading", "text", "kind"];
      const searchBefore = await cpu("product search", qs.length, (i) => retriever.search(run, qs[i]!, { k: 10 }));
      const chatBefore = await cpu("product chat", qs.length, (i) => answers.answer(run, [{ role: "user", content: qs[i]! }]));

      // 3a. the vector query: display columns vs id only
      const vecCols = await cpu("vector query, display columns, limit 40", qs.length, (i) =>
        passages.query().nearestTo(vectors[i]!).distanceType("cosine").select([...COLUMNS, "_distance"]).limit(40).toArray(),
      );
      const vecIds = await cpu("vector query, id only, limit 40", qs.length, (i) =>
        passages.query().nearestTo(vectors[i]!).distanceType("cosine").select(["id", "_distance"]).limit(40).toArray(),
      );
      proposals.push(proposal("vector-ids-only", "api/retrieval/search.ts (vector query)", "select id + _distance only; take display columns from the FTS rows or one `id IN (…)` query for the fused top k", vecCols, vecIds,
        "the hydrate query for vector-only hits in the top k is not included (one small query, ~1 ms)"));

      // 3b. small runs: vectors in memory, scored in JS
      const rows = await passages.query().select(["id", "vector"]).limit(run.run.passages + 1).toArray();
      const dim = run.run.dim;
      const matrix = new Float32Array(rows.length * dim);
      rows.forEach((r, j) => matrix.set((r.vector as { toArray(): Float32Array }).toArray(), j * dim));
      const scores = new Float32Array(rows.length);
      const jsTop40 = (v: Float32Array) => {
        for (let j = 0; j < rows.length; j++) {
          let d = 0;
          const o = j * dim;
          for (let k = 0; k < dim; k++) d += v[k]! * matrix[o + k]!;
          scores[j] = d;
        }
        const idx = Array.from({ length: rows.length }, (_, j) => j);
        idx.sort((a, b) => scores[b]! - scores[a]!);
        return idx.slice(0, 40);
      };
      proposals.push(proposal("vector-in-memory", "api/index/live-index.ts + api/retrieval/search.ts", `for runs below the vector-index threshold, load the ${rows.length} vectors (${round((rows.length * dim * 4) / 2 ** 20, 1)} MB) at open and score them in JS`, vecCols,
        await cpu("JS dot products over all vectors, top 40", qs.length, (i) => jsTop40(vectors[i]!)), "display columns for the hits come from a row map held next to the vectors (~1 MB of text at corpus scale)"));

      // 2. compaction
      await passages.optimize();
      const fragmentsAfter = (await passages.stats()).fragmentStats.numFragments;
      const searchAfter = await cpu("product search after optimize()", qs.length, (i) => retriever.search(run, qs[i]!, { k: 10 }));
      proposals.push(proposal("compact-after-ingest", "ingest/build-index.ts (buildRun, after createIndices)", `table.optimize() once the passages are written: ${fragmentsBefore} → ${fragmentsAfter} fragment(s)`, searchBefore, searchAfter));
      opts.log(proposals.map((p) => `${p.id}: ${p.before.cpuMsPerOp} → ${p.after.cpuMsPerOp} ms CPU/op (${round(p.cpuSaved * 100, 0)} % saved)`).join("; "));
      return {
        command: "npm run bench -- --only=proposals   (in the benchmark process, on a private copy of the corpus-scale index; CPU time per operation from process.cpuUsage)",
        passages: run.run.passages, fragmentsBefore, productSearchCpuMs: searchBefore.cpuMsPerOp, productChatCpuMs: chatBefore.cpuMsPerOp, proposals,
      };
    } finally {
      index.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
