/**
 * `npm run eval:scope -- --dataset eval/datasets/dev.jsonl,eval/datasets/scope-train.jsonl [--max-false 0.08] [--write]`
 * Trains the answer-or-abstain decision (api/answer/scope.ts): runs each question through the
 * served pipeline to read its scope features, fits a logistic model, reports out-of-fold
 * (grouped by gold document) abstention recall, precision and false abstention at the chosen
 * threshold, and with --write saves the model fitted on all questions to api/answer/scope-model.json.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { composeServices } from "../../server/compose.ts";
import { FEATURES, SCOPE_MODEL_FILE } from "../../api/answer/scope.ts";
import type { ScopeModel } from "../../api/answer/scope.ts";
import { loadConfig } from "../../core/config.ts";
import { normalizeDocNumber } from "../../core/text/doc-number.ts";
import { createLog } from "../../core/util/log.ts";
import { parseDataset } from "../dataset.ts";
import { messagesFor } from "../runners/observation.ts";
import type { Sample } from "./logistic.ts";
import { TRAINING, chooseThreshold, fit, outOfFold, rates } from "./logistic.ts";

const { values } = parseArgs({ options: { dataset: { type: "string" }, "max-false": { type: "string", default: "0.08" }, write: { type: "boolean", default: false } } });
if (!values.dataset) {
  console.error("usage: npm run eval:scope -- --dataset A.jsonl[,B.jsonl] [--max-false 0.08] [--write]");
  process.exit(2);
}
const maxFalse = Number(values["max-false"]);
const files = values.dataset.split(",");

const { index, answers } = composeServices({ ...loadConfig(), refreshSeconds: 0 }, createLog("error"));
await index.start();
const run = index.current();
if (!run) throw new Error("no index: run npm run ingest first");

const samples: Sample[] = [];
let byTasks = 0;
for (const file of files) {
  const { lines, problems } = parseDataset(readFileSync(file, "utf8"));
  if (problems.length) throw new Error(`${file}: ${problems.length} problems; run npm run eval:check`);
  for (const { item } of lines) {
    const out = await answers.answer(run, messagesFor(item), { mode: "extractive" });
    // Answered from the extracted tasks: the scope decision was not asked.
    if (!out.assessment) { byTasks++; continue; }
    const gold = item.gold[0];
    const group = gold ? (normalizeDocNumber(gold.doc_number ?? "") ?? gold.title) : `none:${item.id}`;
    samples.push({ x: FEATURES.map((f) => out.assessment!.features[f]), y: item.answerable ? 1 : 0, group });
  }
}
index.stop();

const y = samples.map((s) => s.y);
const oof = outOfFold(samples);
const chosen = chooseThreshold(oof, y, maxFalse);
const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
console.log(`${samples.length} questions (${y.filter((v) => v === 0).length} unanswerable; ${byTasks} more answered from tasks, not used), ${TRAINING.folds}-fold CV grouped by document`);
console.log(`out-of-fold at threshold ${chosen.threshold.toFixed(3)}: abstention ${pct(chosen.abstention)}, precision ${pct(chosen.precision)}, false abstention ${pct(chosen.falseAbstention)}`);
for (const t of [0.3, 0.5]) {
  const r = rates(oof, y, t);
  console.log(`  for comparison at ${t}: abstention ${pct(r.abstention)}, precision ${pct(r.precision)}, false abstention ${pct(r.falseAbstention)}`);
}
const fitted = fit(samples);
FEATURES.forEach((f, i) => console.log(`  ${f.padEnd(18)} ${fitted.weights[i]!.toFixed(3)}`));
if (values.write) {
  const model: ScopeModel = {
    features: [...FEATURES], ...fitted, threshold: chosen.threshold,
    trained: { datasets: files, questions: samples.length, unanswerable: y.filter((v) => v === 0).length, maxFalse, outOfFold: chosen, training: TRAINING },
  };
  writeFileSync(SCOPE_MODEL_FILE, `${JSON.stringify(model, null, 1)}\n`);
  console.log(`wrote ${SCOPE_MODEL_FILE.pathname}`);
}
