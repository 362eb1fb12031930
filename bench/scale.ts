/**
 * Scale: synthetic corpora of 100k and 1M passages (bench/scale-child.ts, one process per size, a
 * temp index folder each, deleted afterwards), and how build time, disk, latency, recall and memory
 * grow with the corpus. Where a size could not be completed, the figure is extrapolated from the
 * measured sizes and labelled as such.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnTs, tempDirs } from "./child.ts";
import { freeGB, round } from "./machine.ts";
import type { LoadMonitor, LoadWindow } from "./machine.ts";

export interface ScaleRun {
  size: number;
  command: string;
  exitCode: number | null;
  wallMs: number;
  complete: boolean;
  error?: string;
  phases: Record<string, unknown>;
  maxRssMB?: number;
  measuredAt?: string;
  /** How busy the machine was with other work while this size ran. */
  load?: LoadWindow;
}

export interface Extrapolation {
  size: number;
  from: number[];
  method: string;
  figures: { generateMs: number; indexBuildMs: number; tableBytes: number; vectorP95Ms: number; ftsP95Ms: number; hybridP95Ms: number };
}

export interface ScaleResult {
  command: string;
  runs: ScaleRun[];
  extrapolated: Extrapolation[];
}

/** Bytes on disk per passage at 1024-d (vectors 4 KB + text + FTS + indices), for the free-space check. */
const BYTES_PER_PASSAGE = 12_000;

export async function benchScale(opts: {
  sizes: number[];
  questions: string[];
  quick: boolean;
  log: (s: string) => void;
  monitor?: LoadMonitor;
  variants?: Record<number, string[]>;
  /** Called after every phase a child reports, with the runs so far (so an interrupted run keeps its figures). */
  onProgress?: (partial: ScaleResult) => void;
}): Promise<ScaleResult> {
  const runs: ScaleRun[] = [];
  const progress = () => opts.onProgress?.({ command: `npm run bench:scale   (sizes ${opts.sizes.join(", ")}; in progress)`, runs, extrapolated: [] });
  for (const size of opts.sizes) {
    const needGB = (size * BYTES_PER_PASSAGE * 1.5) / 2 ** 30;
    const free = freeGB(tmpdir());
    if (free < needGB + 5) {
      opts.log(`scale ${size}: skipped — ${free} GB free in ${tmpdir()}, about ${round(needGB, 1)} GB needed`);
      runs.push({ size, command: "", exitCode: null, wallMs: 0, complete: false, error: `not enough disk: ${free} GB free`, phases: {} });
      continue;
    }
    const store = mkdtempSync(join(tmpdir(), `gongbao-bench-scale-${size}-`));
    tempDirs.add(store);
    const variants = opts.variants?.[size] ?? (size <= 200_000 ? ["ivf_pq_m32", "ivf_pq_m128", "ivf_flat", "hnsw_sq"] : []);
    const args = [
      `--size=${size}`, `--store=${store}`, `--passes=${opts.quick ? 1 : 2}`, `--recall-queries=${opts.quick ? 30 : 100}`,
      ...(variants.length ? [`--variants=${variants.join(",")}`] : []),
      ...(size <= 200_000 ? ["--minisearch"] : []), "--server",
      `--gen-budget-s=${size >= 1_000_000 ? 45 * 60 : 30 * 60}`,
    ];
    const command = `npm run bench:scale   (per size: node --import tsx bench/scale-child.ts ${args.filter((a) => !a.startsWith("--store")).join(" ")})`;
    opts.log(`scale ${size}: ${command}`);
    const run: ScaleRun = { size, command, exitCode: null, wallMs: 0, complete: false, phases: {} };
    runs.push(run);
    const started = performance.now();
    opts.monitor?.begin(`scale-${size}`);
    try {
      const child = spawnTs("bench/scale-child.ts", args, { env: {}, nodeArgs: ["--max-old-space-size=8192"] });
      let out = "";
      let errTail = "";
      child.stdout!.on("data", (d: Buffer) => {
        out += d.toString();
        let nl: number;
        while ((nl = out.indexOf("\n")) >= 0) {
          const line = out.slice(0, nl);
          out = out.slice(nl + 1);
          if (line.startsWith("BENCH_PHASE ")) {
            const { name, data } = JSON.parse(line.slice(12)) as { name: string; data: unknown };
            run.phases[name] = data;
            progress();
          } else if (line.startsWith("BENCH_RESULT ")) {
            const r = JSON.parse(line.slice(13)) as { maxRssMB?: number };
            run.maxRssMB = r.maxRssMB;
            run.complete = true;
          }
        }
      });
      child.stderr!.on("data", (d: Buffer) => {
        process.stderr.write(d);
        errTail = (errTail + d.toString()).slice(-4000);
      });
      const timeoutMs = size >= 1_000_000 ? 150 * 60_000 : 60 * 60_000;
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      run.exitCode = await new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      clearTimeout(timer);
      if (run.exitCode !== 0) run.error = `exit ${run.exitCode}: ${errTail.slice(-1500)}`;
    } finally {
      run.wallMs = round(performance.now() - started, 0);
      run.measuredAt = new Date().toISOString();
      if (opts.monitor) run.load = opts.monitor.end(`scale-${size}`);
      rmSync(store, { recursive: true, force: true });
      tempDirs.delete(store);
      progress();
    }
  }
  return { command: `npm run bench:scale   (sizes ${opts.sizes.join(", ")})`, runs, extrapolated: extrapolate(runs, opts.sizes) };
}

/**
 * Figures for sizes that did not complete, from the largest completed size: build time and disk
 * linearly in rows; vector (IVF) latency with √rows (partitions grow with √rows, the probed rows
 * too); FTS latency linearly (posting lists grow with the corpus). Labelled as extrapolations.
 */
export function extrapolate(runs: ScaleRun[], sizes: number[]): Extrapolation[] {
  const done = runs.filter((r) => r.phases.index && r.phases.search);
  const out: Extrapolation[] = [];
  for (const size of sizes) {
    const have = runs.find((r) => r.size === size);
    const generated = (have?.phases.generate as { rows?: number; partial?: boolean } | undefined);
    if (have?.complete && !generated?.partial) continue;
    const base = done.filter((r) => r !== have).sort((a, b) => b.size - a.size)[0] ?? (have && done.includes(have) ? have : undefined);
    if (!base) continue;
    const baseRows = (base.phases.index as { rows: number }).rows;
    const f = size / baseRows;
    const idx = base.phases.index as { buildMs: number; disk: { tableBytes: number } };
    const search = base.phases.search as { hybrid: { p50: number; p95: number }; stages: Record<string, { p50: number; p95: number }> };
    const gen = base.phases.generate as { wallMs: number };
    out.push({
      size, from: [baseRows],
      method: `EXTRAPOLATED from the measured ${baseRows}-row run: build time, generation time and disk × ${round(f, 2)} (linear); ` +
        `vector latency × √${round(f, 2)}; FTS latency × ${round(f, 2)} (linear, pessimistic); hybrid = understand + max(FTS, vector) + fuse`,
      figures: {
        generateMs: round(gen.wallMs * f, 0),
        indexBuildMs: round(idx.buildMs * f, 0),
        tableBytes: round(idx.disk.tableBytes * f, 0),
        vectorP95Ms: round((search.stages.vectorMs?.p95 ?? 0) * Math.sqrt(f), 1),
        ftsP95Ms: round((search.stages.ftsMs?.p95 ?? 0) * f, 1),
        hybridP95Ms: round(search.hybrid.p95 - Math.max(search.stages.ftsMs?.p95 ?? 0, search.stages.vectorMs?.p95 ?? 0) + Math.max((search.stages.ftsMs?.p95 ?? 0) * f, (search.stages.vectorMs?.p95 ?? 0) * Math.sqrt(f)), 1),
      },
    });
  }
  return out;
}

/** A new scale result merged into an earlier one of the same day: sizes run now replace the same sizes, others are kept. */
export function mergeScale(old: ScaleResult | undefined, now: ScaleResult): ScaleResult {
  if (!old) return now;
  const sizes = new Set(now.runs.map((r) => r.size));
  const runs = [...old.runs.filter((r) => !sizes.has(r.size)), ...now.runs].sort((a, b) => a.size - b.size);
  const all = [...new Set([...runs.map((r) => r.size)])];
  return { command: now.command, runs, extrapolated: extrapolate(runs, all) };
}
