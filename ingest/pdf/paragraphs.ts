/**
 * Visual lines → the logical lines the gazette parser reads: a paragraph wrapped over several lines
 * (or across a page end) becomes one line, a title wrapped over centred lines becomes one line with
 * its wrap points as spaces, a table becomes TSV rows. Decided from the layout of official documents
 * (GB/T 9704: body text flush to both margins with a two-character first-line indent, titles centred
 * in a larger size, signature and date to the right), measured on each page.
 */
import { isCellLine, tableEnd, tableRows } from "./tables.ts";
import type { VisualLine } from "./visual-lines.ts";
import { bodySize, joinText, lineText } from "./visual-lines.ts";

export interface LogicalLine {
  text: string;
  /** PDF page (1-based) the line starts on. */
  page: number;
}

interface Margins {
  left: number;
  right: number;
}

/** A line ending within this many ems of the right margin was wrapped (line breaking may leave a character or two for punctuation rules). */
const WRAPPED_WITHIN_EM = 2.2;
/** A continuation line starts at the left margin; a paragraph's first line is indented (two characters). */
const FLUSH_EM = 0.6;
/** Lines starting further in than this are not body text (centred, right-aligned). */
const BODY_INDENT_EM = 3;
/** Centred: the line's middle within this many ems of the text block's middle. */
const CENTRED_EM = 1.5;
/** Title size: clearly larger than the body text. */
const TITLE_SIZE_FACTOR = 1.1;
/** A TOC entry ending in a leader and a page number is complete even when it reaches the margin. */
const LEADER_PAGE = /(?:\.{3,}|…{2,}|·{3,}|-{3,})\s*\d{1,4}$/u;
/** Margins need this many body-size lines to be measured. */
const MIN_LINES_FOR_MARGINS = 6;
/** The right margin is where the longest tenth of body lines end. */
const FULL_LINE_QUANTILE = 0.1;

/**
 * The text block's left and right edges, measured over all pages of one parity (books mirror their
 * margins): the commonest start of body-size lines (wrapped lines start there) and the end most
 * full lines reach. A page of centred lines (a cover, a masthead) would mislead a per-page measure.
 */
function measureMargins(lines: VisualLine[], body: number): Margins | null {
  const prose = lines.filter((l) => !isCellLine(l) && Math.abs(l.size - body) < 0.5);
  if (prose.length < MIN_LINES_FOR_MARGINS) return null;
  const starts = new Map<number, number>();
  for (const l of prose) starts.set(Math.round(l.x0), (starts.get(Math.round(l.x0)) ?? 0) + 1);
  const left = [...starts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
  const rights = prose.map((l) => l.x1).sort((a, b) => b - a);
  return { left, right: rights[Math.floor(rights.length * FULL_LINE_QUANTILE)]! };
}

function marginsByPage(pages: VisualLine[][], body: number): Margins[] {
  const all = pages.flat();
  const fallback: Margins = measureMargins(all, body) ?? { left: Math.min(...all.map((l) => l.x0)), right: Math.max(...all.map((l) => l.x1)) };
  const odd = measureMargins(pages.filter((_, p) => p % 2 === 0).flat(), body) ?? fallback;
  const even = measureMargins(pages.filter((_, p) => p % 2 === 1).flat(), body) ?? fallback;
  return pages.map((_, p) => (p % 2 === 0 ? odd : even));
}

interface Placed {
  line: VisualLine;
  m: Margins;
  /** Last line of its page. */
  pageEnd: boolean;
}

const indentEm = (p: Placed) => (p.line.x0 - p.m.left) / p.line.size;
const reachesRight = (p: Placed) => (p.m.right - p.line.x1) / p.line.size < WRAPPED_WITHIN_EM;
const centred = (p: Placed) => Math.abs((p.line.x0 + p.line.x1) / 2 - (p.m.left + p.m.right) / 2) < CENTRED_EM * p.line.size;
const sameSize = (a: VisualLine, b: VisualLine) => Math.abs(a.size - b.size) < 0.5;

/** Does `next` continue the paragraph or title whose last line is `prev`? */
function continues(prev: Placed, next: Placed, body: number): boolean {
  if (!sameSize(prev.line, next.line)) return false;
  const adjacent = prev.line.page === next.line.page ? next.line.y - prev.line.y < 2.2 * prev.line.size : prev.pageEnd;
  if (!adjacent) return false;
  const title = prev.line.size > body * TITLE_SIZE_FACTOR;
  if (title) return centred(prev) && centred(next);
  const bodyText = indentEm(prev) < BODY_INDENT_EM;
  return bodyText && reachesRight(prev) && indentEm(next) < FLUSH_EM && !LEADER_PAGE.test(lineText(prev.line));
}

export function toLogicalLines(pages: VisualLine[][]): LogicalLine[] {
  const body = bodySize(pages.flat());
  const margins = marginsByPage(pages, body);
  const placed: Placed[] = pages.flatMap((lines, p) => lines.map((line, i) => ({ line, m: margins[p]!, pageEnd: i === lines.length - 1 })));
  const out: LogicalLine[] = [];
  for (let i = 0; i < placed.length; i++) {
    const cur = placed[i]!;
    if (isCellLine(cur.line)) {
      const { end, columns } = tableEnd(placed.map((p) => p.line), i);
      for (const row of tableRows(placed.slice(i, end).map((p) => p.line), columns)) out.push({ text: row.cells.join("\t"), page: row.page });
      i = end - 1;
      continue;
    }
    let text = lineText(cur.line);
    const title = cur.line.size > body * TITLE_SIZE_FACTOR;
    while (i + 1 < placed.length && !isCellLine(placed[i + 1]!.line) && continues(placed[i]!, placed[i + 1]!, body)) {
      const next = lineText(placed[i + 1]!.line);
      // A wrapped title keeps its wrap point as a space, as text extracted from the gazettes always has.
      text = title ? `${text} ${next}` : joinText(text, next);
      i++;
    }
    out.push({ text, page: cur.line.page });
  }
  return out;
}
