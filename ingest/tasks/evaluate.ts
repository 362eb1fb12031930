/**
 * Scores task extraction against the hand-checked sample `eval/tasks-sample.jsonl`:
 * precision and recall of units per task, micro-averaged, with and without roles.
 *
 *   npx tsx ingest/tasks/evaluate.ts [--verbose] [--json]
 *
 * A sample line names a task by issue year, 文号, body/table and a snippet of its wording, and
 * lists its units with roles as read from the source line (elided 市 restored). Both sides are
 * put in normal form with `canonicalUnit`, so the sample does not depend on the lexicon's spelling.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { listCorpusFiles, parseCorpus } from "../corpus.ts";
import { toRecords } from "../records.ts";
import { extractResponsibilities } from "./extract.ts";
import type { TaskRecord } from "../../core/tasks.ts";
import { UnitRoleSchema } from "../../core/tasks.ts";
import { canonicalUnit } from "../../core/units.ts";

export const SampleSchema = z.object({
  id: z.string(),
  issue: z.string(),
  year: z.number().int(),
  doc_number: z.string(),
  form: z.enum(["body", "table"]),
  line: z.number().int(),
  snippet: z.string().min(2),
  units: z.array(z.object({ name: z.string(), role: UnitRoleSchema })).min(1),
  note: z.string().optional(),
});
export type SampleTask = z.infer<typeof SampleSchema>;

export const SAMPLE_PATH = fileURLToPath(new URL("../../eval/tasks-sample.jsonl", import.meta.url));
const CORPUS_DIR = fileURLToPath(new URL("../../data/corpus/", import.meta.url));

export function readSample(path = SAMPLE_PATH): SampleTask[] {
  return readFileSync(path, "utf8").split("\n").filter((l) => l.trim()).map((l, i) => {
    const r = SampleSchema.safeParse(JSON.parse(l));
    if (!r.success) throw new Error(`${path} line ${i + 1}: ${r.error.issues[0]?.message}`);
    return r.data;
  });
}

export interface Counts {
  tp: number;
  predicted: number;
  expected: number;
}

export interface TaskScore {
  id: string;
  snippet: string;
  found: string | null;
  missing: string[];
  extra: string[];
}

export interface Score {
  tasks: number;
  found: number;
  withRole: Counts & { precision: number; recall: number; f1: number };
  nameOnly: Counts & { precision: number; recall: number; f1: number };
  details: TaskScore[];
}

const squash = (s: string) => s.replace(/\s+/g, "");

function rates(c: Counts): Counts & { precision: number; recall: number; f1: number } {
  const precision = c.predicted ? c.tp / c.predicted : 0;
  const recall = c.expected ? c.tp / c.expected : 0;
  return { ...c, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

/** The extracted task a sample line means: same year, 文号, body/table, wording or title containing the snippet; nearest line. */
export function matchTask(s: SampleTask, tasks: TaskRecord[], docNumber: (t: TaskRecord) => string | null): TaskRecord | null {
  const snippet = squash(s.snippet);
  const candidates = tasks.filter((t) =>
    t.year === s.year && docNumber(t) === s.doc_number && (t.form === "table") === (s.form === "table") &&
    (squash(t.text).includes(snippet) || squash(t.title).includes(snippet)));
  return candidates.sort((a, b) => Math.abs(a.line - s.line) - Math.abs(b.line - s.line))[0] ?? null;
}

export function scoreSample(sample: SampleTask[], tasks: TaskRecord[], docNumber: (t: TaskRecord) => string | null): Score {
  const withRole: Counts = { tp: 0, predicted: 0, expected: 0 };
  const nameOnly: Counts = { tp: 0, predicted: 0, expected: 0 };
  const details: TaskScore[] = [];
  let found = 0;
  for (const s of sample) {
    const task = matchTask(s, tasks, docNumber);
    if (task) found++;
    const expected = new Set(s.units.map((u) => `${canonicalUnit(u.name)}:${u.role}`));
    const predicted = new Set((task?.units ?? []).map((u) => `${canonicalUnit(u.name)}:${u.role}`));
    const expectedNames = new Set(s.units.map((u) => canonicalUnit(u.name)));
    const predictedNames = new Set((task?.units ?? []).map((u) => canonicalUnit(u.name)));
    const tp = [...expected].filter((x) => predicted.has(x)).length;
    withRole.tp += tp;
    withRole.predicted += predicted.size;
    withRole.expected += expected.size;
    nameOnly.tp += [...expectedNames].filter((x) => predictedNames.has(x)).length;
    nameOnly.predicted += predictedNames.size;
    nameOnly.expected += expectedNames.size;
    details.push({
      id: s.id, snippet: s.snippet, found: task?.id ?? null,
      missing: [...expected].filter((x) => !predicted.has(x)), extra: [...predicted].filter((x) => !expected.has(x)),
    });
  }
  return { tasks: sample.length, found, withRole: rates(withRole), nameOnly: rates(nameOnly), details };
}

/** Parse the corpus, extract, and score the sample. */
export async function evaluateCorpus(opts: { corpusDir?: string; samplePath?: string } = {}): Promise<Score> {
  const { issues } = await parseCorpus(listCorpusFiles(opts.corpusDir ?? CORPUS_DIR));
  const records = toRecords(issues);
  const docs = new Map(records.documents.map((d) => [d.id, d.docNumber]));
  const tasks = extractResponsibilities(issues, records).records.filter((r): r is TaskRecord => r.kind === "task");
  return scoreSample(readSample(opts.samplePath), tasks, (t) => docs.get(t.documentId) ?? null);
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

async function main(argv: string[]): Promise<void> {
  const score = await evaluateCorpus();
  if (argv.includes("--json")) {
    console.log(JSON.stringify(score, null, 2));
    return;
  }
  const line = (label: string, c: Score["withRole"]) =>
    `${label.padEnd(22)} precision ${pct(c.precision)} (${c.tp}/${c.predicted})  recall ${pct(c.recall)} (${c.tp}/${c.expected})  F1 ${pct(c.f1)}`;
  console.log(`tasks in sample: ${score.tasks}, matched to an extracted task: ${score.found}`);
  console.log(line("units with role", score.withRole));
  console.log(line("units (name only)", score.nameOnly));
  const wrong = score.details.filter((d) => !d.found || d.missing.length || d.extra.length);
  if (argv.includes("--verbose") || wrong.length <= 10) {
    for (const d of wrong) console.log(`  ${d.id} ${d.snippet}: ${d.found ? "" : "NOT FOUND "}missing [${d.missing.join(", ")}] extra [${d.extra.join(", ")}]`);
  } else {
    console.log(`  ${wrong.length} tasks differ; run with --verbose to list them`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main(process.argv.slice(2));
