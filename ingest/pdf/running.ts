/**
 * Running headers, footers and page numbers, recognised from their repetition across pages
 * (same place, same text once digits are masked), never from fixed strings: a gazette's head may
 * alternate between its name and the issue, or carry each document's title.
 */
import type { VisualLine } from "./visual-lines.ts";
import { bodySize, lineText } from "./visual-lines.ts";

/** How many lines at the top and at the bottom of a page may belong to the page furniture. */
const ZONE_LINES = 2;
/** Lines at the same place on different pages: baselines within this many points. */
const SAME_PLACE_PT = 3;
/** A bare page number as printed: `12`, `- 12 -`, `— 12 —`, `第12页`, `第 12 页 共 56 页`, `12/56`. */
const PAGE_NUMBER = /^[-—–~·\s]*(?:第\s*)?(\d{1,4})(?:\s*页)?(?:\s*(?:\/|共)\s*\d{1,4}\s*页?)?[-—–~·\s]*$/u;

export interface PageFurniture {
  /** Visual lines of each page without its running head, foot and page number. */
  body: VisualLine[][];
  /** The printed page number of each page, where one was found. */
  printed: (number | null)[];
  /** The distinct running head and foot texts removed (digits masked), for the report. */
  removed: string[];
}

const key = (line: VisualLine) => lineText(line).replace(/\s+/g, "").replace(/\d+/g, "#");

function zoneOf(lines: VisualLine[], i: number): "top" | "bottom" | null {
  if (i < ZONE_LINES) return "top";
  if (i >= lines.length - ZONE_LINES) return "bottom";
  return null;
}

/** A table's rows (its header repeated at the top of each page it continues on, a row at a page foot) are content, not furniture. */
function inTable(lines: VisualLine[], i: number): boolean {
  const cells = (j: number) => (lines[j]?.segments.length ?? 0) >= 2;
  return cells(i) && (cells(i - 1) || cells(i + 1));
}

export function removeFurniture(pages: VisualLine[][]): PageFurniture {
  // Page furniture is set no larger than the body text: a title repeated at the top of pages is not a running head.
  const maxSize = bodySize(pages.flat()) + 0.5;
  const candidate = (lines: VisualLine[], i: number) => zoneOf(lines, i) !== null && lines[i]!.size <= maxSize && !inTable(lines, i);
  // Count, per zone and masked text, the pages it occurs on and where.
  const seen = new Map<string, { pages: Set<number>; ys: number[] }>();
  pages.forEach((lines, p) =>
    lines.forEach((line, i) => {
      const zone = zoneOf(lines, i);
      if (!zone || !candidate(lines, i)) return;
      const k = `${zone}\u0000${key(line)}`;
      const entry = seen.get(k) ?? { pages: new Set(), ys: [] };
      entry.pages.add(p);
      entry.ys.push(line.y);
      seen.set(k, entry);
    }),
  );
  const repeatsAt = (zone: string, line: VisualLine): boolean => {
    const entry = seen.get(`${zone}\u0000${key(line)}`);
    if (!entry || entry.pages.size < 2) return false;
    return entry.ys.filter((y) => Math.abs(y - line.y) <= SAME_PLACE_PT).length >= 2;
  };
  const removed = new Set<string>();
  const printed: (number | null)[] = [];
  const body = pages.map((lines) => {
    let pageNo: number | null = null;
    const kept = lines.filter((line, i) => {
      const zone = zoneOf(lines, i);
      if (!zone || !candidate(lines, i) || !repeatsAt(zone, line)) return true;
      const number = PAGE_NUMBER.exec(lineText(line));
      if (number) pageNo = Number(number[1]);
      else removed.add(key(line));
      return false;
    });
    printed.push(pageNo);
    return kept;
  });
  return { body, printed, removed: [...removed] };
}
