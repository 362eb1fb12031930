/**
 * Tables in a PDF: runs of lines split into cells by wide gaps. Columns are the vertical channels no
 * cell text crosses (so centred cell text still falls into its column); rows are told apart by the
 * larger spacing between rows than between the wrapped lines of one cell.
 */
import type { VisualLine } from "./visual-lines.ts";
import { joinText } from "./visual-lines.ts";

interface Interval {
  from: number;
  to: number;
}

/** A row starts where the gap to the line above exceeds the table's tightest line spacing by this factor. */
const ROW_GAP_FACTOR = 1.25;
/** Lines of one table on one page are at most this many line heights apart. */
const MAX_LINE_GAP = 3;

export function isCellLine(line: VisualLine): boolean {
  return line.segments.length >= 2;
}

function mergeIntervals(intervals: Interval[], slack: number): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.from - b.from);
  const out: Interval[] = [];
  for (const iv of sorted) {
    const last = out[out.length - 1];
    if (last && iv.from <= last.to + slack) last.to = Math.max(last.to, iv.to);
    else out.push({ ...iv });
  }
  return out;
}

const intervalsOf = (line: VisualLine) => line.segments.map((s) => ({ from: s.x0, to: s.x1 }));

/** Does a line with one segment sit inside one column (a wrapped cell), rather than across the table (prose)? */
function fitsOneColumn(line: VisualLine, columns: Interval[]): boolean {
  const slack = line.size * 0.5;
  return columns.some((c, i) => line.x0 >= c.from - slack && line.x1 <= (columns[i + 1]?.from ?? Infinity) - slack);
}

/** The end (exclusive) of the table that starts at `start`, a line with cells. */
export function tableEnd(lines: VisualLine[], start: number): { end: number; columns: Interval[] } {
  let columns = mergeIntervals(intervalsOf(lines[start]!), lines[start]!.size * 0.3);
  let end = start + 1;
  for (; end < lines.length; end++) {
    const line = lines[end]!;
    const prev = lines[end - 1]!;
    if (Math.abs(line.size - prev.size) >= 0.5) break;
    if (line.page === prev.page && line.y - prev.y > MAX_LINE_GAP * prev.size * 1.5) break;
    if (isCellLine(line)) {
      const merged = mergeIntervals([...columns, ...intervalsOf(line)], line.size * 0.3);
      if (merged.length < 2) break;
      columns = merged;
    } else if (!fitsOneColumn(line, columns)) {
      break;
    }
  }
  return { end, columns };
}

/** The table's lines → rows of cells (TSV), each with the page it starts on. */
export function tableRows(lines: VisualLine[], columns: Interval[]): { cells: string[]; page: number }[] {
  const gaps = lines.slice(1).flatMap((l, i) => (l.page === lines[i]!.page ? [l.y - lines[i]!.y] : []));
  const tightest = gaps.length ? Math.min(...gaps) : Infinity;
  // Evenly spaced lines are one line per row (no wrapped cells to tell apart).
  const even = gaps.length === 0 || Math.max(...gaps) <= tightest * ROW_GAP_FACTOR;
  const rows: { cells: string[]; page: number }[] = [];
  const columnOf = (x0: number) => {
    let c = 0;
    while (c + 1 < columns.length && x0 >= columns[c + 1]!.from - 1) c++;
    return c;
  };
  lines.forEach((line, i) => {
    const prev = lines[i - 1];
    const newRow = !prev || prev.page !== line.page || even || line.y - prev.y > tightest * ROW_GAP_FACTOR;
    if (newRow) rows.push({ cells: columns.map(() => ""), page: line.page });
    const row = rows[rows.length - 1]!;
    for (const s of line.segments) {
      const c = columnOf(s.x0);
      row.cells[c] = joinText(row.cells[c]!, s.text);
    }
  });
  return rows;
}
