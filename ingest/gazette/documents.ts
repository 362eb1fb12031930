/** Anchors + table of contents → the documents of one issue, with their metadata and classified body. */
import { removeCjkSpaces } from "../../core/text/normalize.ts";
import { isDateLine, isParenDateLine, parseChineseDate } from "../../core/text/dates.ts";
import { parseDocNumber } from "../../core/text/doc-number.ts";
import type { Anchor } from "./anchors.ts";
import { isTitleLike, joinTitle, signatureDate } from "./anchors.ts";
import type { BodyLine } from "./body.ts";
import { classifyBody } from "./body.ts";
import type { TocEntry } from "./front-matter.ts";
import type { Line } from "./lines.ts";
import { BANNER, isOrganLine, issuerOf, placeNamed, RELATIVE_ORGAN, SOURCE_LINE, SPEAKER_NAME } from "./patterns.ts";
import { matchTitles, titleKey, titleSimilarity } from "./toc-match.ts";

export interface ParsedDocument {
  kind: "speech" | "official" | "decree" | "report" | "table";
  title: string;
  docNumber: string | null;
  issued: string | null;
  issuer: string | null;
  category: string;
  attachments: string[];
  toc: TocEntry | null;
  startLine: number;
  body: BodyLine[];
}

/** Lines a document's title may wrap over. */
const MAX_TITLE_LINES = 3;

/**
 * Documents listed in the TOC that have no anchor of their own (a statistics bulletin, a table):
 * find their title, maybe wrapped over lines, and the lines under it that name who issued it and when
 * (`平陆县统计局` / `国家统计局平陆调查队` / `(2024 年 4 月 8 日)`, `来源：国家统计局`).
 */
export function addTocOnlyAnchors(lines: Line[], bodyStart: number, anchors: Anchor[], toc: TocEntry[]): Anchor[] {
  const matched = matchTitles(toc.map((e) => e.title), anchors.map((a) => a.title));
  const inHeading = (i: number) => anchors.some((a) => i >= a.start && i < a.bodyFrom);
  const extra: Anchor[] = [];
  toc.forEach((entry, ei) => {
    if (matched.has(ei)) return;
    let best = { i: -1, s: 0 };
    for (let i = bodyStart; i < lines.length; i++) {
      const text = lines[i]!.text;
      if (inHeading(i) || text.length > 120 || titleKey(text).length < titleKey(entry.title).length * 0.4) continue;
      const s = titleSimilarity(entry.title, text);
      if (s > best.s) best = { i, s };
    }
    if (best.i < 0) return;
    let end = best.i + 1;
    let score = best.s;
    while (end < lines.length && end - best.i < MAX_TITLE_LINES && isTitleLike(lines[end]!.text)) {
      const longer = titleSimilarity(entry.title, joinTitle(lines, best.i, end + 1));
      if (longer <= score) break;
      score = longer;
      end++;
    }
    if (score < 0.9) return;
    const title = joinTitle(lines, best.i, end);
    let bodyFrom = end;
    let issued: string | null = null;
    while (bodyFrom < lines.length && bodyFrom - end < 4) {
      const t = lines[bodyFrom]!.text;
      if (isParenDateLine(t)) issued = parseChineseDate(t);
      else if (!isOrganLine(t) && !SOURCE_LINE.test(removeCjkSpaces(t))) break;
      bodyFrom++;
    }
    extra.push({ kind: "report", start: best.i, bodyFrom, title, docNumber: null, issued });
  });
  return [...anchors, ...extra].sort((a, b) => a.start - b.start);
}

/**
 * Who issued a document: a speech's speaker, a decree's organ; for others the signature
 * (发文机关署名), else the organs named under a bulletin's title or its 来源, else the title's issuer.
 * A relative name (`市人民政府办公室`) takes the place its title names (`六盘水市`).
 */
function issuerFor(anchor: Anchor, lines: Line[], end: number): string | null {
  if (anchor.kind === "speech") return SPEAKER_NAME.exec(anchor.title.replace(/^.*——/, ""))?.[1] ?? null;
  if (anchor.kind === "decree") return anchor.docNumber?.replace(/令第\d+号$/, "") ?? null;
  const signed = signatureDate(lines, anchor.bodyFrom, end);
  if (signed) return removeCjkSpaces(lines[signed.organIdx]!.text);
  const head = lines.slice(anchor.start, anchor.bodyFrom).map((l) => l.text);
  const named = head.filter(isOrganLine).map(removeCjkSpaces);
  const source = head.map((t) => SOURCE_LINE.exec(removeCjkSpaces(t))?.[1]).find(Boolean)
    ?? lines.slice(anchor.bodyFrom, anchor.bodyFrom + 2).map((l) => SOURCE_LINE.exec(removeCjkSpaces(l.text))?.[1]).find(Boolean);
  if (anchor.kind === "report" && named.length) return named.join(" ");
  if (source) return source;
  const issuer = issuerOf(head.filter((t) => !BANNER.test(removeCjkSpaces(t)) && !parseDocNumber(t.replace(/^[（(]|[）)]$/gu, ""))).join(" "));
  if (!issuer || !RELATIVE_ORGAN.test(issuer)) return issuer;
  const place = placeNamed(anchor.title, issuer[0]!);
  return place ? place + issuer.slice(1) : issuer;
}

/** 成文日期: under the signature, or standing alone where the seal replaces the signature. */
function writtenOn(lines: Line[], from: number, to: number): string | null {
  const signed = signatureDate(lines, from, to);
  if (signed) return signed.date;
  const alone = lines.slice(from, to).find((l) => isDateLine(l.text));
  return alone ? parseChineseDate(alone.text) : null;
}

/** A document without a 文号 that is mostly a table (its title, a note, the rows) is a table. */
const TABLE_SHARE = 0.5;

function kindOf(anchor: Anchor, body: BodyLine[]): ParsedDocument["kind"] {
  if (anchor.kind !== "report" || body.length === 0) return anchor.kind;
  return body.filter((l) => l.role === "table").length / body.length >= TABLE_SHARE ? "table" : "report";
}

/** Speeches carry no signature; a signature block left at their end belongs to nothing. */
function dropTrailingSignature(body: BodyLine[]): BodyLine[] {
  let end = body.length;
  while (end > 0 && body[end - 1]!.role === "signature") end--;
  return body.slice(0, end);
}

export function buildDocuments(lines: Line[], anchors: Anchor[], toc: TocEntry[]): { documents: ParsedDocument[]; unmatchedToc: TocEntry[] } {
  const matched = matchTitles(toc.map((e) => e.title), anchors.map((a) => a.title));
  const tocOf = new Map<number, TocEntry>();
  for (const [ei, di] of matched) tocOf.set(di, toc[ei]!);
  const documents = anchors.map((anchor, di): ParsedDocument => {
    const end = anchors[di + 1]?.start ?? lines.length;
    const { lines: classified, attachments } = classifyBody(lines.slice(anchor.bodyFrom, end));
    const body = anchor.kind === "speech" ? dropTrailingSignature(classified) : classified;
    const issued = anchor.issued ?? (anchor.kind === "official" ? writtenOn(lines, anchor.bodyFrom, end) : null);
    const entry = tocOf.get(di) ?? null;
    return {
      kind: kindOf(anchor, body), title: anchor.title, docNumber: anchor.docNumber, issued, issuer: issuerFor(anchor, lines, end),
      category: entry?.category ?? "", attachments, toc: entry, startLine: lines[anchor.start]!.no, body,
    };
  });
  inferMissingCategories(documents);
  const unmatchedToc = toc.filter((_, ei) => !matched.has(ei));
  return { documents, unmatchedToc };
}

/** A document missing from the TOC takes the category of its nearest neighbour of the same kind, else the nearest one. */
function inferMissingCategories(docs: ParsedDocument[]): void {
  const listed = docs.map((d, i) => ({ d, i })).filter((x) => x.d.toc !== null);
  for (const [i, doc] of docs.entries()) {
    if (doc.toc) continue;
    const byDistance = [...listed].sort((a, b) => Math.abs(a.i - i) - Math.abs(b.i - i));
    const pick = byDistance.find((x) => x.d.kind === doc.kind) ?? byDistance[0];
    doc.category = pick?.d.category ?? "其他";
  }
}
