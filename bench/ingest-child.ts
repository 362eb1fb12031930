/**
 * One ingest benchmark in a fresh process (spawned by bench/ingest.ts): a cold ingest into an
 * empty index folder — module loading, the jieba dictionary and JIT warm-up all count — then a
 * warm `--force` re-ingest in the same process. Prints one JSON line prefixed with BENCH_RESULT.
 *
 *   tsx bench/ingest-child.ts <index-dir> [corpus-dir]
 */
const bootMs = performance.now();
const { loadConfig } = await import("../core/config.ts");
const { runIngest } = await import("../ingest/run-ingest.ts");
const importMs = performance.now() - bootMs;

const indexDir = process.argv[2];
if (!indexDir) throw new Error("usage: tsx bench/ingest-child.ts <index-dir>");
const corpusDir = process.argv[3];
const config = loadConfig({
  GONGBAO_INDEX_URI: indexDir, GONGBAO_LOG: "silent", GONGBAO_REFRESH_SECONDS: "0", GONGBAO_LLM: "off", ...(corpusDir ? { GONGBAO_CORPUS_DIR: corpusDir } : {}),
});

const cold = await runIngest(config, {});
const coldDoneMs = performance.now();
const coldMaxRssMB = process.resourceUsage().maxRSS / 1024;
const warm = await runIngest(config, { force: true });
const usage = process.resourceUsage();

const pick = (r: typeof cold) => ({ runId: r.runId, totals: r.totals, passageChars: r.passageChars, timings: r.timings, skipped: r.skipped ?? null });
process.stdout.write(
  `BENCH_RESULT ${JSON.stringify({
    bootMs, importMs, coldDoneMs, coldMaxRssMB, maxRssMB: usage.maxRSS / 1024, userCpuMs: usage.userCPUTime / 1000, systemCpuMs: usage.systemCPUTime / 1000,
    cold: pick(cold), warm: pick(warm),
  })}\n`,
);
