/** Issue metadata, masthead and table of contents: everything before the first document. */
import { removeCjkSpaces } from "../../core/text/normalize.ts";
import type { Line } from "./lines.ts";
import {
  categoryOf, ENDS_WITH_GENRE, pageOnly, ISSUE_NUMBER, MASTHEAD_END, MASTHEAD_START, PUBLISHED, splitPage, TOC_START,
} from "./patterns.ts";

export interface IssueMeta {
  year: number;
  number: number;
  total: number;
  published: string | null;
}

export interface TocEntry {
  category: string;
  title: string;
  page: number | null;
  lineNo: number;
}

export interface FrontMatter {
  meta: IssueMeta;
  toc: TocEntry[];
  /** Index into the lines of the first body line. */
  bodyStart: number;
  /** Line indexes of the masthead block, dropped from the body. */
  masthead: { from: number; to: number } | null;
}

export class ParseError extends Error {}

const HEAD_WINDOW = 250;

function findMasthead(lines: Line[]): { from: number; to: number } | null {
  const from = lines.findIndex((l, i) => i < HEAD_WINDOW && MASTHEAD_START.test(removeCjkSpaces(l.text)));
  if (from < 0) return null;
  const to = lines.findIndex((l, i) => i > from && i < from + 120 && MASTHEAD_END.test(l.text));
  return to < 0 ? null : { from, to };
}

function findMeta(lines: Line[]): IssueMeta {
  const head = lines.slice(0, HEAD_WINDOW);
  const idx = head.findIndex((l) => ISSUE_NUMBER.test(l.text));
  if (idx < 0) throw new ParseError("no issue number (第N号（总第N号）) in the first lines");
  const m = ISSUE_NUMBER.exec(head[idx]!.text)!;
  const pub = head.map((l) => PUBLISHED.exec(l.text)).find((x) => x !== null) ?? null;
  const published = pub ? `${pub[1]}-${pub[2]!.padStart(2, "0")}-${pub[3]!.padStart(2, "0")}` : null;
  const sameLine = /(\d{4})\s*年\s*第/.exec(head[idx]!.text);
  const loneYear = head.slice(Math.max(0, idx - 6), idx).reverse().find((l) => /^\d{4}$/.test(l.text.trim()));
  const year = sameLine ? Number(sameLine[1]) : loneYear ? Number(loneYear.text) : pub ? Number(pub[1]) : NaN;
  if (!Number.isFinite(year)) throw new ParseError("no issue year next to the issue number");
  return { year, number: Number(m[1]), total: Number(m[2]), published };
}

function isTocTitle(text: string): boolean {
  const t = removeCjkSpaces(text);
  return !t.startsWith("——") && !/[。；]/.test(t) && t.length <= 120 && ENDS_WITH_GENRE.test(t);
}

/**
 * Walk the table of contents, which may be split around the masthead. Entries either
 * end in a page number (wrapped entries are joined until one does) or, in issues without
 * page numbers, are single title lines; the body starts at the first line that is neither.
 */
function readToc(lines: Line[], start: number, masthead: FrontMatter["masthead"]): { toc: TocEntry[]; bodyStart: number } {
  const inMasthead = (i: number) => masthead !== null && i >= masthead.from && i <= masthead.to;
  const toc: TocEntry[] = [];
  let category: string | null = null;
  let pending: Line[] = [];
  let pageStyle: boolean | null = null;
  let i = start;
  for (; i < lines.length; i++) {
    if (inMasthead(i)) continue;
    const line = lines[i]!;
    const cat = categoryOf(line.text);
    if (cat !== null) {
      category = cat;
      pending = [];
      continue;
    }
    if (category === null) continue;
    const alone = pending.length > 0 ? pageOnly(line.text) : null;
    const { title, page } = alone !== null ? { title: "", page: alone } : splitPage(line.text);
    if (pageStyle === null) pageStyle = lookAheadHasPage(lines, i, inMasthead);
    if (pageStyle) {
      if (page !== null) {
        const joined = removeCjkSpaces([...pending.map((p) => p.text), title].join(""));
        toc.push({ category, title: joined, page, lineNo: (pending[0] ?? line).no });
        pending = [];
        continue;
      }
      if (pending.length < 3 && !/[。；]/.test(line.text) && lookAheadHasPage(lines, i, inMasthead, 3 - pending.length)) {
        pending.push(line);
        continue;
      }
      break;
    }
    if (!isTocTitle(line.text)) break;
    toc.push({ category, title: removeCjkSpaces(line.text), page: null, lineNo: line.no });
  }
  return { toc, bodyStart: i - pending.length };
}

/** Does one of the next `window` non-masthead lines end in a page number (before any category line)? */
function lookAheadHasPage(lines: Line[], from: number, inMasthead: (i: number) => boolean, window = 4): boolean {
  let seen = 0;
  for (let j = from; j < lines.length && seen < window; j++) {
    if (inMasthead(j)) continue;
    if (j > from && categoryOf(lines[j]!.text) !== null) return false;
    if (splitPage(lines[j]!.text).page !== null || (j > from && pageOnly(lines[j]!.text) !== null)) return true;
    seen++;
  }
  return false;
}

export function parseFrontMatter(lines: Line[]): FrontMatter {
  const meta = findMeta(lines);
  const masthead = findMasthead(lines);
  // The contents may follow the masthead; its heading is a short line (`目 录`, `三门峡市人民政府 公 报 目 录`).
  const tocStart = lines.findIndex((l, i) => i < HEAD_WINDOW && TOC_START.test(l.text) && removeCjkSpaces(l.text).length <= 40);
  if (tocStart >= 0) {
    const { toc, bodyStart } = readToc(lines, tocStart + 1, masthead);
    if (toc.length > 0) return { meta, toc, bodyStart: skipMasthead(bodyStart, masthead), masthead };
  }
  const afterHeader = Math.max(tocStart + 1, masthead ? masthead.to + 1 : 0);
  return { meta, toc: [], bodyStart: afterHeader, masthead };
}

function skipMasthead(i: number, masthead: FrontMatter["masthead"]): number {
  return masthead && i >= masthead.from && i <= masthead.to ? masthead.to + 1 : i;
}
