/** `npm run eval:check [-- --dataset file]`: validate an eval dataset; exit 1 on any error. */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { loadConfig } from "../core/config.ts";
import { loadCorpus } from "./corpus.ts";
import { formatProblem, validateDataset } from "./dataset.ts";

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { dataset: { type: "string", default: "eval/datasets/dev.jsonl" } } });
  const file = values.dataset;
  const config = loadConfig();
  const corpus = await loadCorpus(config.corpusDir);
  for (const f of corpus.failures) process.stderr.write(`corpus: ${f.file}: ${f.reason}\n`);
  const { lines, problems } = validateDataset(readFileSync(file, "utf8"), corpus);
  for (const p of problems) process.stdout.write(`${formatProblem(file, p)}\n`);
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.length - errors;
  const answerable = lines.filter((l) => l.item.answerable).length;
  process.stdout.write(
    `${file}: ${lines.length} questions (${answerable} answerable), ${errors} error(s), ${warnings} warning(s) — checked against ${corpus.texts.length} corpus files, ${corpus.records.documents.length} documents\n`,
  );
  return errors > 0 ? 1 : 0;
}

try {
  process.exit(await main());
} catch (err) {
  process.stderr.write(`eval:check failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
