/** The whole ingest: read the corpus, parse, build and publish a run, collect old runs, report. */
import type { Config } from "../core/config.ts";
import { createEmbedder } from "../core/embed/create.ts";
import type { Embedder } from "../core/embed/embedder.ts";
import { IndexStore } from "../core/index/store.ts";
import type { BuildProgress, BuildTimings } from "./build-index.ts";
import { buildRun } from "./build-index.ts";
import { corpusHash, listCorpusFiles, parseCorpus } from "./corpus.ts";
import { acquireIngestLock } from "./lock.ts";
import { toRecords } from "./records.ts";
import { extractForIngest } from "./tasks/extract.ts";

export interface IssueReport {
  file: string;
  status: "ok" | "failed";
  reason?: string;
  label?: string;
  encoding?: string;
  documents?: number;
  tocEntries?: number;
  /** Documents matched to a TOC entry, and documents found in the body that the TOC does not list. */
  documentsInToc?: number;
  documentsNotInToc?: number;
  /** Pages of a PDF (null for text files). */
  pages?: number | null;
  passages?: number;
  warnings?: string[];
}

export interface IngestReport {
  runId: string | null;
  indexUri: string;
  embedder: string;
  files: IssueReport[];
  totals: { issues: number; documents: number; passages: number; failedFiles: number };
  passageChars: { min: number; p10: number; p50: number; p90: number; max: number; mean: number };
  timings: BuildTimings & { parseMs: number; totalMs: number };
  skipped?: string;
}

export interface IngestOptions {
  /** Rebuild even when the published run already matches the corpus. */
  force?: boolean;
  embedder?: Embedder;
  onFile?: (report: IssueReport) => void;
  onProgress?: BuildProgress;
}

function quantiles(values: number[]): IngestReport["passageChars"] {
  const s = [...values].sort((a, b) => a - b);
  const q = (p: number) => s[Math.floor(p * (s.length - 1))] ?? 0;
  const mean = s.length ? Math.round(s.reduce((a, b) => a + b, 0) / s.length) : 0;
  return { min: s[0] ?? 0, p10: q(0.1), p50: q(0.5), p90: q(0.9), max: s[s.length - 1] ?? 0, mean };
}

export class IngestError extends Error {}

export async function runIngest(config: Config, opts: IngestOptions = {}): Promise<IngestReport> {
  const started = performance.now();
  const release = acquireIngestLock(config.indexUri);
  try {
    const embedder = opts.embedder ?? createEmbedder(config.embedder);
    let t = performance.now();
    const files = listCorpusFiles(config.corpusDir);
    const { issues, failures } = await parseCorpus(files, (done, total) => opts.onProgress?.({ stage: "parse", done, total }));
    const parseMs = performance.now() - t;
    const records = toRecords(issues);
    const fileReports: IssueReport[] = [
      ...issues.map((p): IssueReport => ({
        file: p.issue.source, status: "ok", label: p.issue.label, encoding: p.encoding, documents: p.documents.length,
        tocEntries: p.tocEntries, documentsInToc: p.documents.filter((d) => d.toc !== null).length,
        documentsNotInToc: p.documents.filter((d) => d.toc === null).length, pages: p.pages, passages: records.passages.filter((x) => x.issueId === p.issue.id).length, warnings: p.warnings,
      })),
      ...failures.map((f): IssueReport => ({ file: f.file, status: "failed", reason: f.reason })),
    ].sort((a, b) => a.file.localeCompare(b.file));
    fileReports.forEach((r) => opts.onFile?.(r));
    const base = {
      indexUri: config.indexUri, embedder: embedder.id, files: fileReports,
      totals: { issues: records.issues.length, documents: records.documents.length, passages: records.passages.length, failedFiles: failures.length },
      passageChars: quantiles(records.passages.map((p) => p.text.length)),
    };
    if (records.passages.length === 0) throw new IngestError(`no passages: none of the ${files.length} corpus files in ${config.corpusDir} could be ingested`);
    const store = await IndexStore.connect({ uri: config.indexUri, storageOptions: config.storageOptions });
    try {
      const hash = corpusHash(files, embedder.id);
      const latest = (await store.listRuns())[0];
      if (!opts.force && latest?.corpus_hash === hash) {
        return { ...base, runId: latest.run_id, skipped: "the index is up to date", timings: { segmentMs: 0, embedMs: 0, writeMs: 0, indexMs: 0, parseMs, totalMs: performance.now() - started } };
      }
      const report = { ...base, runId: null as string | null };
      const tasks = extractForIngest(issues, records);
      const { run, timings } = await buildRun(
        store, records, embedder, { corpusHash: hash, report: { files: fileReports, totals: base.totals, taskWarnings: tasks.warnings }, tasks: tasks.records }, opts.onProgress,
      );
      await store.collectGarbage({ keep: 3, graceMs: 10 * 60_000, activeRunId: run.run_id });
      return { ...report, runId: run.run_id, timings: { ...timings, parseMs, totalMs: performance.now() - started } };
    } finally {
      store.close();
    }
  } finally {
    release();
  }
}
