/** The ingest report as text: per issue, documents found vs listed, passages, warnings and failures. */
import type { IngestReport } from "./run-ingest.ts";

const ms = (x: number) => `${(x / 1000).toFixed(2)} s`;

export function formatReport(r: IngestReport): string {
  const lines: string[] = [];
  lines.push(r.skipped ? `Index up to date (run ${r.runId}); nothing to do. Use --force to rebuild.` : `Published run ${r.runId} (${r.embedder})`);
  lines.push("");
  lines.push("file                        issue                        docs  toc  not-in-toc  pages  passages  warnings");
  for (const f of r.files) {
    if (f.status === "failed") {
      lines.push(`${f.file.padEnd(28)}FAILED: ${f.reason}`);
      continue;
    }
    const cols = [[f.documents, 5], [f.tocEntries, 5], [f.documentsNotInToc ?? 0, 12], [f.pages ?? "–", 7], [f.passages, 10], [f.warnings?.length ?? 0, 10]] as const;
    lines.push(`${f.file.padEnd(28)}${(f.label ?? "").padEnd(27)}${cols.map(([v, w]) => String(v).padStart(w)).join("")}`);
  }
  const warnings = r.files.flatMap((f) => (f.warnings ?? []).map((w) => `  ${f.file}: ${w}`));
  if (warnings.length) lines.push("", "Warnings:", ...warnings);
  const c = r.passageChars;
  lines.push("", `Totals: ${r.totals.issues} issues, ${r.totals.documents} documents, ${r.totals.passages} passages, ${r.totals.failedFiles} files failed`);
  lines.push(`Passage length (chars): min ${c.min}, p10 ${c.p10}, median ${c.p50}, p90 ${c.p90}, max ${c.max}, mean ${c.mean}`);
  const t = r.timings;
  lines.push(`Time: parse ${ms(t.parseMs)}, segment ${ms(t.segmentMs)}, embed ${ms(t.embedMs)}, write ${ms(t.writeMs)}, index ${ms(t.indexMs)}; total ${ms(t.totalMs)}`);
  return lines.join("\n");
}
