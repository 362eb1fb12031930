/**
 * Ingest of the five issues: cold (a fresh process and an empty temp index folder, so module
 * loading and the jieba dictionary count) and warm (a second `--force` ingest in the same process).
 * Each repetition is a separate child (bench/ingest-child.ts); the index of the last one is kept
 * for the query and load benchmarks.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { benchResult, ROOT, runTs } from "./child.ts";
import { round } from "./machine.ts";
import { summarize } from "./stats.ts";
import type { Summary } from "./stats.ts";

interface StageTimings {
  parseMs: number;
  segmentMs: number;
  embedMs: number;
  writeMs: number;
  indexMs: number;
  totalMs: number;
}

interface ChildRun {
  bootMs: number;
  importMs: number;
  coldDoneMs: number;
  coldMaxRssMB: number;
  maxRssMB: number;
  userCpuMs: number;
  systemCpuMs: number;
  cold: { totals: { issues: number; documents: number; passages: number }; timings: StageTimings; skipped: string | null };
  warm: { totals: { issues: number; documents: number; passages: number }; timings: StageTimings; skipped: string | null };
}

export interface IngestRepetition {
  /** Process start → cold ingest published (node boot, tsx, module loading, jieba dictionary, ingest). */
  coldWallMs: number;
  /** Spawn → exit of the child (cold + warm ingest). */
  processWallMs: number;
  bootMs: number;
  importMs: number;
  coldIngestMs: number;
  warmIngestMs: number;
  coldMaxRssMB: number;
  maxRssMB: number;
  cpuMs: number;
  cold: StageTimings;
  warm: StageTimings;
}

const STAGES = ["parseMs", "segmentMs", "embedMs", "writeMs", "indexMs", "totalMs"] as const;

export interface IngestResult {
  command: string;
  issues: number;
  documents: number;
  passages: number;
  repetitions: IngestRepetition[];
  /** Medians over the repetitions. */
  median: {
    coldWallMs: number;
    coldIngestMs: number;
    warmIngestMs: number;
    bootPlusImportMs: number;
    maxRssMB: number;
    coldMaxRssMB: number;
  };
  stages: Record<"cold" | "warm", Record<(typeof STAGES)[number], { ms: Summary; passagesPerSec: number }>>;
  /** The index folder of the last repetition (deleted by the caller). */
  indexDir: string;
  tempDir: string;
}

const median = (xs: number[]) => summarize(xs).p50;

/** `corpusDir`: another corpus folder than data/corpus (the five issues as PDFs, for `ingestPdf`). */
export async function benchIngest(opts: { repetitions: number; log: (s: string) => void; corpusDir?: string; command?: string }): Promise<IngestResult> {
  const reps: IngestRepetition[] = [];
  let totals = { issues: 0, documents: 0, passages: 0 };
  let keep = { tempDir: "", indexDir: "" };
  for (let i = 0; i < opts.repetitions; i++) {
    const tempDir = mkdtempSync(join(tmpdir(), "gongbao-bench-ingest-"));
    const indexDir = join(tempDir, "index");
    const out = await runTs("bench/ingest-child.ts", opts.corpusDir ? [indexDir, opts.corpusDir] : [indexDir], { env: {}, timeoutMs: 10 * 60_000 });
    if (out.code !== 0) {
      rmSync(tempDir, { recursive: true, force: true });
      throw new Error(`ingest child failed (exit ${out.code}):\n${out.stderr.slice(-3000)}`);
    }
    const r = benchResult<ChildRun>(out.stdout);
    if (r.cold.skipped || r.warm.skipped) throw new Error(`an ingest was skipped: ${r.cold.skipped ?? r.warm.skipped}`);
    totals = r.cold.totals;
    reps.push({
      coldWallMs: round(r.coldDoneMs, 0), processWallMs: round(out.wallMs, 0), bootMs: round(r.bootMs, 0), importMs: round(r.importMs, 0),
      coldIngestMs: round(r.cold.timings.totalMs, 0), warmIngestMs: round(r.warm.timings.totalMs, 0),
      coldMaxRssMB: round(r.coldMaxRssMB, 0), maxRssMB: round(r.maxRssMB, 0), cpuMs: round(r.userCpuMs + r.systemCpuMs, 0),
      cold: r.cold.timings, warm: r.warm.timings,
    });
    opts.log(`ingest ${i + 1}/${opts.repetitions}: cold ${round(r.coldDoneMs / 1000, 2)} s from process start (boot+import ${round((r.bootMs + r.importMs) / 1000, 2)} s, cold ingest ${round(r.cold.timings.totalMs / 1000, 2)} s), warm ${round(r.warm.timings.totalMs / 1000, 2)} s, maxRSS ${round(r.maxRssMB, 0)} MB`);
    if (i < opts.repetitions - 1) rmSync(tempDir, { recursive: true, force: true });
    else keep = { tempDir, indexDir };
  }
  const stage = (kind: "cold" | "warm") =>
    Object.fromEntries(
      STAGES.map((s) => {
        const ms = summarize(reps.map((r) => r[kind][s]));
        return [s, { ms, passagesPerSec: round(totals.passages / (ms.p50 / 1000), 0) }];
      }),
    ) as IngestResult["stages"]["cold"];
  return {
    command: opts.command ?? "npm run bench -- --only=ingest   (each repetition: node --import tsx bench/ingest-child.ts <fresh temp index>)",
    ...totals,
    repetitions: reps,
    median: {
      coldWallMs: median(reps.map((r) => r.coldWallMs)),
      coldIngestMs: median(reps.map((r) => r.coldIngestMs)),
      warmIngestMs: median(reps.map((r) => r.warmIngestMs)),
      bootPlusImportMs: median(reps.map((r) => r.bootMs + r.importMs)),
      maxRssMB: median(reps.map((r) => r.maxRssMB)),
      coldMaxRssMB: median(reps.map((r) => r.coldMaxRssMB)),
    },
    stages: { cold: stage("cold"), warm: stage("warm") },
    ...keep,
  };
}

/** The five issues of data/corpus typeset as PDFs into a temp corpus folder (the typesetting is not part of the measure). */
export async function typesetCorpus(log: (s: string) => void): Promise<string> {
  const { typesetGazette } = await import("../test/pdf/typeset.ts");
  const dir = mkdtempSync(join(tmpdir(), "gongbao-bench-pdf-"));
  const src = join(ROOT, "data", "corpus");
  for (const f of readdirSync(src).filter((x) => x.endsWith(".txt"))) {
    writeFileSync(join(dir, f.replace(/\.txt$/, ".pdf")), await typesetGazette(readFileSync(join(src, f), "utf8")));
  }
  log(`typeset ${readdirSync(dir).length} PDFs into ${dir}`);
  return dir;
}
