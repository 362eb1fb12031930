/** Number formats and plain-text tables shared by the console report and --compare. */
import type { MetricDef } from "../metrics.ts";
import { metricDefs } from "../metrics.ts";

export type MetricInfo = Pick<MetricDef, "key" | "label" | "kind" | "higherIsBetter">;

/** The metrics of a report with retrieval depth k, plus any other keys found (an older report's). */
export function metricInfos(k: number, extraKeys: string[] = []): MetricInfo[] {
  const defs: MetricInfo[] = metricDefs(k);
  const known = new Set(defs.map((d) => d.key));
  const extra = extraKeys.filter((key) => !known.has(key)).map((key) => ({ key, label: key, kind: "score" as const, higherIsBetter: !/latency|false_abstention/.test(key) }));
  return [...defs, ...extra];
}

export function formatValue(kind: MetricInfo["kind"], v: number | null | undefined): string {
  if (v === null || v === undefined) return "–";
  if (kind === "rate") return `${(v * 100).toFixed(1)}%`;
  if (kind === "ms") return `${v < 10 ? v.toFixed(1) : Math.round(v)} ms`;
  return v.toFixed(3);
}

export function delta(a: number | null | undefined, b: number | null | undefined): number | null {
  return a === null || a === undefined || b === null || b === undefined ? null : a - b;
}

export function formatDelta(kind: MetricInfo["kind"], d: number | null): string {
  if (d === null) return "–";
  const sign = d > 0 ? "+" : d < 0 ? "−" : "±";
  const x = Math.abs(d);
  if (kind === "rate") return `${sign}${(x * 100).toFixed(1)} pp`;
  if (kind === "ms") return `${sign}${x < 10 ? x.toFixed(1) : Math.round(x)} ms`;
  return `${sign}${x.toFixed(3)}`;
}

/** Direction of a change; differences below display precision count as unchanged. */
export function verdict(info: MetricInfo, d: number | null): "better" | "worse" | "same" | "n/a" {
  if (d === null) return "n/a";
  const eps = info.kind === "ms" ? 0.5 : info.kind === "rate" ? 0.0005 : 0.0005;
  if (Math.abs(d) < eps) return "same";
  return d > 0 === info.higherIsBetter ? "better" : "worse";
}

export const MARK = { better: "▲", worse: "▼", same: "", "n/a": "" } as const;

/** Display width in a terminal: CJK and full-width characters take two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\p{Script=Han}\u3000-\u303f\uff00-\uffef\u2014\u2026\u201c\u201d]/u.test(ch) ? 2 : 1;
  return w;
}

function pad(s: string, width: number, right: boolean): string {
  const fill = " ".repeat(Math.max(0, width - displayWidth(s)));
  return right ? fill + s : s + fill;
}

/** A plain-text table; columns after the first are right-aligned. */
export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ""))));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i]!, i > 0)).join("  ").trimEnd();
  return [line(header), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

export function clip(s: string, n: number): string {
  const flat = s.replace(/\s+/g, " ").trim();
  return flat.length > n ? `${flat.slice(0, n)}…` : flat;
}
