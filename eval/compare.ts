/** `--compare old.json`: per metric old → new and the direction, then the questions whose checks flipped. */
import { readFileSync } from "node:fs";
import { clip, delta, formatDelta, formatValue, MARK, metricInfos, textTable, verdict } from "./report/format.ts";
import type { Report } from "./report/schema.ts";
import { ReportSchema } from "./report/schema.ts";

export function readReport(path: string): Report {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (err) {
    throw new Error(`--compare ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const parsed = ReportSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`--compare ${path} is not an eval report of this version (${first})`);
  }
  return parsed.data;
}

export interface Flip {
  id: string;
  question: string;
  fixed: string[];
  broken: string[];
}

export function flippedChecks(old: Report, now: Report): Flip[] {
  const before = new Map(old.system.questions.map((q) => [q.id, q]));
  const flips: Flip[] = [];
  for (const q of now.system.questions) {
    const o = before.get(q.id);
    if (!o) continue;
    const fixed: string[] = [];
    const broken: string[] = [];
    for (const [name, v] of Object.entries(q.checks)) {
      const was = o.checks[name];
      if (was === undefined || was === null || v === null || was === v) continue;
      (v ? fixed : broken).push(name);
    }
    if (fixed.length || broken.length) flips.push({ id: q.id, question: q.question, fixed, broken });
  }
  return flips;
}

export function compareReports(old: Report, now: Report): string {
  const oldValues = old.system.metrics.overall.values;
  const newValues = now.system.metrics.overall.values;
  const infos = metricInfos(now.config.k, Object.keys(oldValues));
  const counts = { better: 0, worse: 0, same: 0, "n/a": 0 };
  const rows = infos.map((m) => {
    const d = delta(newValues[m.key]?.value, oldValues[m.key]?.value);
    const v = verdict(m, d);
    counts[v]++;
    return [m.label, formatValue(m.kind, oldValues[m.key]?.value), formatValue(m.kind, newValues[m.key]?.value), formatDelta(m.kind, d), `${MARK[v]} ${v === "same" || v === "n/a" ? "" : v}`.trim()];
  });
  const flips = flippedChecks(old, now);
  const oldIds = new Set(old.system.questions.map((q) => q.id));
  const newIds = new Set(now.system.questions.map((q) => q.id));
  const added = [...newIds].filter((id) => !oldIds.has(id));
  const removed = [...oldIds].filter((id) => !newIds.has(id));
  const out = [
    `compared with ${old.createdAt} (${old.config.via}, mode ${old.config.mode}, run ${old.config.runId ?? "?"}): ${counts.better} better, ${counts.worse} worse, ${counts.same} unchanged`,
    textTable(["metric", "old", "new", "Δ", ""], rows),
  ];
  const runs = [old.config.runId !== now.config.runId ? `index run ${old.config.runId} → ${now.config.runId}` : "", old.config.source && now.config.source && old.config.source !== now.config.source ? `source ${old.config.source} → ${now.config.source}` : ""].filter(Boolean);
  if (runs.length) out.push(`changed between the runs: ${runs.join(", ")}`);
  if (added.length || removed.length) out.push(`questions only in the new run: ${added.join(", ") || "none"}; only in the old: ${removed.join(", ") || "none"}`);
  if (flips.length === 0) out.push("no question's checks flipped");
  else {
    out.push(`${flips.length} question(s) with flipped checks:`);
    for (const f of flips) {
      const parts = [...f.fixed.map((c) => `${c} ✗→✓`), ...f.broken.map((c) => `${c} ✓→✗`)];
      out.push(`  ${f.broken.length ? (f.fixed.length ? "±" : "▼") : "▲"} ${f.id} ${clip(f.question, 40)}: ${parts.join(", ")}`);
    }
  }
  return out.join("\n");
}
