/** Text runs of a page → visual lines (one baseline each), split into segments where a wide gap separates table cells. */
import type { PdfPage, TextRun } from "./read.ts";

export interface Segment {
  text: string;
  x0: number;
  x1: number;
}

export interface VisualLine {
  page: number;
  /** Baseline, points from the page top. */
  y: number;
  /** Font size of the line's widest run. */
  size: number;
  x0: number;
  x1: number;
  segments: Segment[];
}

/** Runs whose baselines differ by less than this share of the font size sit on one line (sub/superscripts included). */
const SAME_LINE = 0.45;
/** A gap of this many ems between runs separates cells (a table: at least the two paddings of adjacent cells; a TOC page column); a smaller one is a space. */
export const CELL_GAP_EM = 0.6;
const SPACE_GAP_EM = 0.22;

const LATIN_END = /[A-Za-z0-9.%)]$/;
const LATIN_START = /^[A-Za-z0-9(]/;

/** Two pieces of one line or paragraph: CJK joins directly, Latin words keep a space between them. */
export function joinText(a: string, b: string): string {
  if (a === "") return b;
  return LATIN_END.test(a) && LATIN_START.test(b) ? `${a} ${b}` : a + b;
}

function toSegments(runs: TextRun[], em: number): Segment[] {
  const segments: Segment[] = [];
  for (const run of runs) {
    const last = segments[segments.length - 1];
    const gap = last ? run.x - last.x1 : Infinity;
    if (last && gap < CELL_GAP_EM * em) {
      last.text = gap > SPACE_GAP_EM * em && !/\s$/.test(last.text) && !/^\s/.test(run.text) ? `${last.text} ${run.text}` : last.text + run.text;
      last.x1 = Math.max(last.x1, run.x + run.width);
    } else {
      segments.push({ text: run.text, x0: run.x, x1: run.x + run.width });
    }
  }
  for (const s of segments) s.text = s.text.replace(/\s+/g, " ").trim();
  return segments.filter((s) => s.text !== "");
}

export function visualLines(page: PdfPage): VisualLine[] {
  const runs = [...page.runs].sort((a, b) => a.y - b.y || a.x - b.x);
  const groups: TextRun[][] = [];
  for (const run of runs) {
    const g = groups[groups.length - 1];
    const base = g?.[0];
    if (g && base && Math.abs(run.y - base.y) < SAME_LINE * Math.min(run.size, base.size)) g.push(run);
    else groups.push([run]);
  }
  return groups.flatMap((g) => {
    const sorted = g.sort((a, b) => a.x - b.x);
    const main = sorted.reduce((m, r) => (r.width > m.width ? r : m));
    const segments = toSegments(sorted, main.size);
    if (segments.length === 0) return [];
    return [{ page: page.n, y: main.y, size: main.size, x0: segments[0]!.x0, x1: segments[segments.length - 1]!.x1, segments }];
  });
}

export function lineText(line: VisualLine): string {
  return line.segments.map((s) => s.text).join(" ");
}

/** The most common font size, weighted by characters: the body text size. */
export function bodySize(lines: VisualLine[]): number {
  const weight = new Map<number, number>();
  for (const l of lines) {
    const s = Math.round(l.size * 2) / 2;
    weight.set(s, (weight.get(s) ?? 0) + lineText(l).length);
  }
  return [...weight.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 12;
}

