/** The console report: the metric table (system | baseline | Δ), compact group tables, the worst questions. */
import type { MetricSet } from "../metrics.ts";
import { worstQuestions } from "./build.ts";
import type { MetricInfo } from "./format.ts";
import { clip, delta, formatDelta, formatValue, MARK, metricInfos, textTable, verdict } from "./format.ts";
import type { QuestionRecord, Report } from "./schema.ts";

export function metricTable(infos: MetricInfo[], system: MetricSet, baseline: MetricSet | undefined): string {
  const header = ["metric", "n", "system", ...(baseline ? ["baseline", "Δ"] : [])];
  const rows = infos.map((m) => {
    const s = system.values[m.key];
    const row = [m.label, String(s?.n ?? 0), formatValue(m.kind, s?.value)];
    if (baseline) {
      const d = delta(s?.value, baseline.values[m.key]?.value);
      row.push(formatValue(m.kind, baseline.values[m.key]?.value), `${formatDelta(m.kind, d)} ${MARK[verdict(m, d)]}`.trim());
    }
    return row;
  });
  return textTable(header, rows);
}

/** Metrics shown per group: the ones a retrieval or answer change moves first. */
export function groupKeys(k: number): string[] {
  return ["doc_hit@1", "doc_hit@5", `doc_mrr@${k}`, `evidence_recall@${k}`, "key_fact_coverage", "citation_precision", "false_abstention_rate", "abstention_rate_unanswerable"];
}

const SHORT: Record<string, string> = {
  "doc_hit@1": "hit@1", "doc_hit@5": "hit@5", key_fact_coverage: "facts", citation_precision: "cite-P",
  false_abstention_rate: "false-abst", abstention_rate_unanswerable: "abst(unans)",
};

function compact(kind: MetricInfo["kind"], v: number | null | undefined): string {
  if (v === null || v === undefined) return "–";
  return kind === "rate" ? String(Math.round(v * 100)) : v.toFixed(2).replace(/^0/, "");
}

export function groupTable(title: string, groups: Record<string, MetricSet>, base: Record<string, MetricSet> | undefined, k: number): string {
  const infos = metricInfos(k).filter((m) => groupKeys(k).includes(m.key));
  const header = [title, "n", ...infos.map((m) => SHORT[m.key] ?? m.key.replace(/^doc_|_recall/g, "").replace("evidence", "evid"))];
  const rows = Object.entries(groups).map(([name, set]) => [
    name, String(set.n),
    ...infos.map((m) => {
      const s = compact(m.kind, set.values[m.key]?.value);
      return base ? `${s}/${compact(m.kind, base[name]?.values[m.key]?.value)}` : s;
    }),
  ]);
  return textTable(header, rows);
}

export function expected(q: QuestionRecord): string {
  if (!q.answerable) return "abstain (unanswerable)";
  const docs = q.gold.map((g) => g.doc_number ?? `《${clip(g.title, 24)}》`).join(" + ");
  return `${docs} · must include: ${q.mustInclude.map((m) => m.fact).join(" | ")}`;
}

export function got(q: QuestionRecord): string {
  if (q.error) return `error: ${q.error}`;
  const top = q.retrieved[0];
  const topDoc = top ? `top doc ${top.docNumber ?? `《${clip(top.title, 20)}》`}${top.gold ? " (gold)" : ""}, gold rank ${q.goldRank ?? "none"}` : "nothing retrieved";
  const answer = q.abstained ? "ABSTAINED" : `“${clip(q.answer, 90)}”`;
  const missing = q.mustInclude.filter((m) => !m.found).map((m) => m.fact);
  return `${answer} · ${topDoc}${missing.length && !q.abstained ? ` · missing: ${missing.join(" | ")}` : ""}`;
}

export function worstList(questions: QuestionRecord[]): string {
  return questions
    .map((q, i) => [`${String(i + 1).padStart(2)}. ${q.id} [${q.persona}${q.tags.length ? `; ${q.tags.join(",")}` : ""}] ${q.question}`,
      `    failed:   ${q.failed.join(", ")}`, `    expected: ${expected(q)}`, `    got:      ${got(q)}`].join("\n"))
    .join("\n");
}

export function consoleReport(report: Report, worst = 15): string {
  const { config: c, system, baseline } = report;
  const k = c.k;
  const o = system.metrics.overall;
  const out = [
    `gongbao eval — ${report.dataset.name}: ${o.n} questions (${o.answerable} answerable) · ${c.via}${c.api ? ` ${c.api}` : ""} · mode ${c.mode} · embedder ${c.embedder} · run ${c.runId ?? "?"} · k=${k}${c.source ? ` · source ${c.source}` : ""}`,
    "",
    metricTable(metricInfos(k), o, baseline?.metrics.overall),
  ];
  const groups = [["persona", "byPersona"], ["issue", "byIssue"], ["tag", "byTag"]] as const;
  for (const [title, key] of groups) {
    out.push("", `by ${title}${baseline ? " (system/baseline; rates in %)" : " (rates in %)"}`, groupTable(title, system.metrics[key], baseline?.metrics[key], k));
  }
  const worstQs = worstQuestions(system, worst);
  if (worstQs.length) out.push("", `worst ${worstQs.length} failing questions (system)`, worstList(worstQs));
  if (report.notes.length) out.push("", ...report.notes.map((n) => `note: ${n}`));
  return out.join("\n");
}
