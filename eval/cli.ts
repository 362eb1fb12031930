/**
 * `npm run eval -- --dataset eval/datasets/dev.jsonl [--api URL] [--mode extractive|llm]
 *   [--baseline] [--compare old.json] [--k 10] [--out report.json]`
 * Runs a dataset in-process (default) or against a server, writes the JSON and HTML
 * reports and prints the metric table. Exit 1 when the run could not start or a question failed.
 *
 * `npm run eval -- --from-feedback [--feedback FILE] [--out candidates.jsonl]` turns the feedback
 * given on answers into candidate dataset lines for review, and prints each 没用 with its comment.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../core/config.ts";
import { LIMITS } from "../core/api-schema.ts";
import { progressLine } from "../core/util/progress.ts";
import { Bm25Baseline } from "./baseline.ts";
import { compareReports, readReport } from "./compare.ts";
import { loadCorpus } from "./corpus.ts";
import type { DatasetLine } from "./dataset.ts";
import { formatProblem, parseDataset } from "./dataset.ts";
import { sourceFingerprint } from "./fingerprint.ts";
import { feedbackCandidates, feedbackSummary, readFeedback } from "./feedback.ts";
import { FaithfulnessJudge } from "./judge.ts";
import type { Scored } from "./metrics.ts";
import { scoreQuestion } from "./metrics.ts";
import { runRecord } from "./report/build.ts";
import { consoleReport } from "./report/console.ts";
import { htmlReport } from "./report/html.ts";
import type { Report } from "./report/schema.ts";
import { httpRunner } from "./runners/http.ts";
import { inProcessRunner } from "./runners/in-process.ts";
import type { Observation } from "./runners/observation.ts";

const USAGE = "usage: npm run eval -- --dataset FILE.jsonl [--api http://host:port] [--mode extractive|llm] [--baseline] [--compare old.json] [--k 10] [--live-history] [--out report.json]\n       npm run eval -- --from-feedback [--feedback data/feedback/feedback.jsonl] [--out candidates.jsonl]";

function options() {
  const { values } = parseArgs({
    options: {
      dataset: { type: "string" }, api: { type: "string" }, mode: { type: "string" }, baseline: { type: "boolean", default: false },
      compare: { type: "string" }, "from-feedback": { type: "boolean", default: false }, feedback: { type: "string" }, k: { type: "string", default: "10" }, "live-history": { type: "boolean", default: false }, out: { type: "string" }, help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (values["from-feedback"]) return { fromFeedback: true as const, feedback: values.feedback, out: values.out };
  if (!values.dataset) throw new Error(`--dataset is required\n${USAGE}`);
  const k = Number(values.k);
  // hit@5 needs at least 5 documents' worth of passages; the API caps k.
  if (!Number.isInteger(k) || k < 5 || k > LIMITS.k) throw new Error(`--k must be a whole number from 5 to ${LIMITS.k}`);
  if (values.mode !== undefined && values.mode !== "extractive" && values.mode !== "llm") throw new Error("--mode must be extractive or llm");
  if (values.api !== undefined && !/^https?:\/\//.test(values.api)) throw new Error("--api must be a URL such as http://127.0.0.1:8787");
  return { ...values, fromFeedback: false as const, dataset: values.dataset, k, mode: values.mode as "extractive" | "llm" | undefined, liveHistory: values["live-history"] };
}

function localDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

async function runAll(label: string, lines: DatasetLine[], run: (line: DatasetLine) => Promise<Observation>): Promise<Observation[]> {
  const progress = progressLine();
  const out: Observation[] = [];
  const started = performance.now();
  progress.update(label, 0, lines.length);
  for (const line of lines) {
    out.push(await run(line));
    const secs = (performance.now() - started) / 1000;
    progress.update(label, out.length, lines.length, `${(out.length / secs).toFixed(1)} q/s`);
  }
  return out;
}

/** Feedback to candidate dataset lines (eval/feedback.ts), written where eval:check can read them. */
function fromFeedback(file: string | undefined, out: string | undefined): number {
  const source = file ?? loadConfig().feedbackFile;
  const records = readFeedback(source);
  const candidates = feedbackCandidates(records);
  const path = out ?? join("eval", "reports", "feedback-candidates.jsonl");
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, candidates.map((c) => `${JSON.stringify(c)}\n`).join(""));
  process.stdout.write(`${feedbackSummary(records)}\n${candidates.length} candidate question(s) from ${source} → ${path} (review, then npm run eval:check -- --dataset ${path})\n`);
  return 0;
}

async function main(): Promise<number> {
  const opts = options();
  if (opts.fromFeedback) return fromFeedback(opts.feedback, opts.out);
  const parsed = parseDataset(readFileSync(opts.dataset, "utf8"));
  const errors = parsed.problems.filter((p) => p.severity === "error");
  if (errors.length) {
    for (const p of errors) process.stderr.write(`${formatProblem(opts.dataset, p)}\n`);
    throw new Error(`${opts.dataset} has ${errors.length} error(s); run npm run eval:check -- --dataset ${opts.dataset}`);
  }
  const lines = parsed.lines;
  // Read before running (fail fast on a bad file) and before writing (it may be the same path).
  const previous = opts.compare ? readReport(opts.compare) : null;
  const config = loadConfig();
  const started = performance.now();
  const source = sourceFingerprint(config.root);
  const runner = opts.api ? await httpRunner(opts.api, opts.mode) : await inProcessRunner(config, opts.mode, opts.liveHistory);
  const notes = runner.info.notes;

  let t = performance.now();
  const observations = await runAll("system", lines, (l) => runner.run(l.item, opts.k));
  runner.close();
  const systemMs = performance.now() - t;

  const judgeOff = FaithfulnessJudge.unavailable(config, runner.info.mode);
  if (judgeOff) notes.push(judgeOff);
  else if (runner.info.mode === "llm" && config.judgeModel && config.llm) {
    const judge = new FaithfulnessJudge(config.judgeModel, config.llm);
    let i = 0;
    await runAll("judge", lines, async (l) => {
      const obs = observations[i++]!;
      obs.faithfulness = await judge.score(l.item, obs);
      return obs;
    });
  }

  let baselineRecord: Report["baseline"];
  if (opts.baseline) {
    t = performance.now();
    const baseline = new Bm25Baseline(await loadCorpus(config.corpusDir));
    const baseObs = await runAll("baseline", lines, (l) => baseline.run(l.item, opts.k));
    const rows: Scored[] = lines.map((l, i) => ({ item: l.item, obs: baseObs[i]!, score: scoreQuestion(l.item, baseObs[i]!, opts.k) }));
    baselineRecord = runRecord("baseline (BM25)", "extractive", rows, opts.k, performance.now() - t);
  }

  const rows: Scored[] = lines.map((l, i) => ({ item: l.item, obs: observations[i]!, score: scoreQuestion(l.item, observations[i]!, opts.k) }));
  const failed = observations.filter((o) => o.error);
  if (failed.length) notes.push(`${failed.length} question(s) failed to run (scored as empty): ${failed.slice(0, 5).map((o) => `${o.id}: ${o.error}`).join("; ")}`);
  const llmFallbacks = runner.info.mode === "llm" ? observations.filter((o) => !o.error && o.mode !== "llm").length : 0;
  if (llmFallbacks) notes.push(`${llmFallbacks} answer(s) fell back to extractive mode (LLM unavailable, busy or unverifiable)`);

  // Others may edit the answerer while a run goes on; numbers from mixed code are not comparable.
  if (sourceFingerprint(config.root) !== source) notes.push("the api/core/ingest source changed during this run: the numbers may mix two versions of the code");
  if (runner.info.via === "http") notes.push("the server's own source version is unknown; the source fingerprint is this checkout's");
  const now = new Date();
  const name = basename(opts.dataset).replace(/\.jsonl?$/i, "");
  const report: Report = {
    version: 1, createdAt: now.toISOString(), dataset: { path: opts.dataset, name, questions: lines.length },
    config: {
      via: runner.info.via, api: runner.info.api, mode: runner.info.mode, embedder: runner.info.embedder, runId: runner.info.runId, k: opts.k,
      judge: judgeOff || runner.info.mode !== "llm" ? null : config.judgeModel, baseline: opts.baseline, source,
    },
    notes, durationMs: Math.round(performance.now() - started),
    system: runRecord("system", runner.info.mode, rows, opts.k, systemMs),
    ...(baselineRecord ? { baseline: baselineRecord } : {}),
  };

  const jsonPath = opts.out ?? join("eval", "reports", `${localDate(now)}-${name}.json`);
  const htmlPath = jsonPath.replace(/\.json$/i, "") + ".html";
  mkdirSync(dirname(jsonPath), { recursive: true });
  writeFileSync(jsonPath, `${JSON.stringify(report, null, 1)}\n`);
  writeFileSync(htmlPath, htmlReport(report));

  process.stdout.write(`${consoleReport(report)}\n`);
  if (previous) process.stdout.write(`\n${compareReports(previous, report)}\n`);
  process.stdout.write(`\nreport: ${jsonPath}\n        ${htmlPath}\ntime: ${(report.durationMs / 1000).toFixed(1)} s (system ${(systemMs / 1000).toFixed(1)} s${baselineRecord ? `, baseline ${(baselineRecord.durationMs / 1000).toFixed(1)} s` : ""})\n`);
  return failed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`eval failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
