/**
 * `npm run bench` — the performance benchmarks of gongbao, written to bench/results/<date>.json
 * and bench/results/<date>.md.
 *
 *   npm run bench                         ingest, query (in-process, HTTP, MiniSearch baseline), load
 *   npm run bench -- --scale              … plus the synthetic 100k / 1M scale runs (long)
 *   npm run bench:scale                   only the scale runs (= npm run bench -- --only=scale)
 *
 * Flags: --only=ingest,ingest-pdf,query,load,profile,memory,scale   --sizes=100000,1000000   --quick (fewer
 * passes, shorter load levels, 20k scale)   --passes=N   --duration=S (per load level)   --reps=N (ingest)
 *   --out=bench/results (folder)   --date=YYYY-MM-DD   --variants=ivf_pq_m32,hnsw_sq (other vector index types
 *   to compare at every scale size; empty = none; default: four at ≤ 200k, none above)
 * `profile` (the server under load with --cpu-prof) and `memory` (server RSS per allocator and
 * LanceDB thread setting) run by default, to explain the targets.
 * Sections merge into the same-day results file, so `npm run bench:scale` adds to `npm run bench`.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { benchIngest, typesetCorpus } from "./ingest.ts";
import type { IngestResult } from "./ingest.ts";
import { benchLoad } from "./load.ts";
import type { LoadResult } from "./load.ts";
import type { LoadWindow, MachineInfo } from "./machine.ts";
import { freeGB, LoadMonitor, machineInfo, machineLine } from "./machine.ts";
import { benchMemory } from "./memory.ts";
import type { MemoryResult } from "./memory.ts";
import { profileServer } from "./profile.ts";
import type { ProfileResult } from "./profile.ts";
import { benchBaseline, benchHttp, benchInProcess } from "./query.ts";
import type { BaselineResult, HttpResult, InProcessResult } from "./query.ts";
import { devQuestions } from "./questions.ts";
import { renderMarkdown } from "./report.ts";
import { benchScale, mergeScale } from "./scale.ts";
import type { ScaleResult } from "./scale.ts";
import { startServer } from "./server.ts";
import { liveChildren, ROOT, tempDirs } from "./child.ts";

export interface Section<T> {
  measuredAt: string;
  machine: MachineInfo;
  load: LoadWindow;
  /** How the section was run: the npm command and its flags. */
  argv: string[];
  data: T;
}

export interface BenchResults {
  date: string;
  sections: {
    ingest?: Section<IngestResult>;
    /** The same five issues ingested from PDFs (typeset by test/pdf/typeset.ts, not timed). */
    ingestPdf?: Section<IngestResult>;
    queryInProcess?: Section<InProcessResult>;
    queryHttp?: Section<HttpResult>;
    baseline?: Section<BaselineResult>;
    load?: Section<LoadResult>;
    /** The same load with the product's default result cache on. */
    loadCached?: Section<LoadResult>;
    profile?: Section<ProfileResult>;
    memory?: Section<MemoryResult>;
    scale?: Section<ScaleResult>;
  };
}

type SectionName = keyof BenchResults["sections"];

function flag(name: string): string | undefined {
  const prefix = `--${name}=`;
  const hit = process.argv.find((a) => a === `--${name}` || a.startsWith(prefix));
  if (!hit) return undefined;
  return hit.startsWith(prefix) ? hit.slice(prefix.length) : "true";
}

const log = (s: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${s}\n`);

async function main(): Promise<void> {
  const quick = flag("quick") === "true";
  const only = flag("only")?.split(",").map((s) => s.trim());
  const withScale = flag("scale") === "true" || only?.includes("scale") === true;
  const want = (s: string) => (only ? only.includes(s) : s !== "scale" || withScale);
  const passes = Number(flag("passes") ?? (quick ? 1 : 5));
  const durationS = Number(flag("duration") ?? (quick ? 3 : 10));
  const reps = Number(flag("reps") ?? (quick ? 1 : 3));
  const sizes = (flag("sizes") ?? (quick ? "20000" : "100000,1000000")).split(",").map(Number);
  const variantFlag = flag("variants");
  const variants = variantFlag === undefined ? undefined : Object.fromEntries(sizes.map((n) => [n, variantFlag.split(",").filter(Boolean)]));
  const outDir = flag("out") ?? join(ROOT, "bench/results");
  const date = flag("date") ?? new Date().toISOString().slice(0, 10);
  const machine = machineInfo();
  const monitor = new LoadMonitor();
  log(`machine: ${machineLine(machine)}; free in /tmp: ${freeGB("/tmp")} GB`);

  mkdirSync(outDir, { recursive: true });
  const jsonPath = join(outDir, `${date}.json`);
  const results: BenchResults = existsSync(jsonPath) ? (JSON.parse(readFileSync(jsonPath, "utf8")) as BenchResults) : { date, sections: {} };
  const save = () => {
    writeFileSync(jsonPath, `${JSON.stringify(results, null, 2)}\n`);
    try {
      writeFileSync(join(outDir, `${date}.md`), renderMarkdown(results));
    } catch (err) {
      log(`could not render the markdown summary (the JSON is saved; re-render with npm run bench:report): ${err instanceof Error ? err.stack : String(err)}`);
    }
  };
  async function section<T>(name: SectionName, fn: () => Promise<T>): Promise<T> {
    log(`— ${name}`);
    monitor.begin(name);
    const data = await fn();
    const load = monitor.end(name);
    (results.sections as Record<string, Section<unknown>>)[name] = {
      measuredAt: new Date().toISOString(), machine, load, argv: process.argv.slice(2), data,
    };
    log(`${name}: ${load.seconds} s; this benchmark ${load.oursCores} cores, other processes ${load.foreignCores} cores${load.loaded ? " (LOADED)" : ""}`);
    save();
    return data;
  }

  const questions = devQuestions();
  const cleanup: string[] = [];
  const removeTempDirs = () => {
    for (const dir of [...cleanup, ...tempDirs]) rmSync(dir, { recursive: true, force: true });
  };
  // Interrupted (Ctrl-C, SIGTERM): stop our children, delete our temp folders, keep what was saved.
  const interrupted = (signal: NodeJS.Signals) => {
    log(`${signal}: stopping ${liveChildren.size} child process(es) and cleaning up`);
    for (const c of liveChildren) c.kill("SIGTERM");
    setTimeout(() => {
      for (const c of liveChildren) c.kill("SIGKILL");
      removeTempDirs();
      process.exit(signal === "SIGINT" ? 130 : 143);
    }, 3000);
  };
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);
  try {
    const needsCorpusIndex = want("ingest") || want("query") || want("load") || want("profile") || want("memory");
    let indexDir: string | null = null;
    if (needsCorpusIndex) {
      if (want("ingest")) {
        const ingest = await section("ingest", () => benchIngest({ repetitions: reps, log }));
        indexDir = ingest.indexDir;
        cleanup.push(ingest.tempDir);
      } else {
        const ingest = await benchIngest({ repetitions: 1, log });
        indexDir = ingest.indexDir;
        cleanup.push(ingest.tempDir);
      }
    }
    if (want("ingest-pdf")) {
      const corpus = await typesetCorpus(log);
      cleanup.push(corpus);
      const pdf = await section("ingestPdf", () =>
        benchIngest({ repetitions: reps, log, corpusDir: corpus, command: "npm run bench -- --only=ingest-pdf   (the five issues typeset as PDFs into a temp corpus, untimed; each repetition: bench/ingest-child.ts <fresh temp index> <that corpus>)" }),
      );
      cleanup.push(pdf.tempDir);
    }
    if (indexDir && want("query")) {
      const inProcess = await section("queryInProcess", () => benchInProcess({ indexDir: indexDir!, questions, passes, log }));
      await section("baseline", () => benchBaseline({ indexDir: indexDir!, questions, passes, productSearch: inProcess.search.wall }));
    }
    if (indexDir && (want("query") || want("load"))) {
      const server = await startServer({ indexDir });
      try {
        if (want("query")) await section("queryHttp", () => benchHttp({ server, questions, passes, log }));
        if (want("load")) {
          await section("load", () =>
            benchLoad({ server, questions, connections: [1, 8, 32, 128], durationS, routes: ["search", "chat"], log }),
          );
        }
      } finally {
        await server.stop();
      }
    }
    if (indexDir && want("load")) {
      const cached = await startServer({ indexDir, env: { GONGBAO_SEARCH_CACHE: "1000" } });
      try {
        await section("loadCached", () => benchLoad({ server: cached, questions, connections: [32], durationS, routes: ["search", "chat"], log }));
      } finally {
        await cached.stop();
      }
    }
    if (indexDir && want("profile")) {
      await section("profile", () => profileServer({ indexDir: indexDir!, questions, durationS: Math.max(durationS, 5), log }));
    }
    if (indexDir && want("memory")) {
      await section("memory", () => benchMemory({ indexDir: indexDir!, questions, durationS: Math.max(durationS, 5), log }));
    }
    if (want("scale")) {
      const earlier = results.sections.scale?.data;
      const partialSave = (partial: ScaleResult) => {
        // Figures so far, saved as they come: a killed scale run keeps what it measured (marked in progress).
        (results.sections as Record<string, Section<unknown>>).scale = {
          measuredAt: new Date().toISOString(), machine, load: monitor.end("scale", false), argv: process.argv.slice(2), data: mergeScale(earlier, partial),
        };
        save();
      };
      await section("scale", async () => mergeScale(earlier, await benchScale({ sizes, questions, quick, log, monitor, variants, onProgress: partialSave })));
    }
  } finally {
    monitor.stop();
    removeTempDirs();
  }
  save();
  log(`wrote ${jsonPath} and ${join(outDir, `${date}.md`)}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
