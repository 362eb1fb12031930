/** Anchors + table of contents → the documents of one issue, with their metadata and classified body. */
import { removeCjkSpaces } from "../../core/text/normalize.ts";
import type { Anchor } from "./anchors.ts";
import { signatureDate } from "./anchors.ts";
import type { BodyLine } from "./body.ts";
import { classifyBody } from "./body.ts";
import type { TocEntry } from "./front-matter.ts";
import type { Line } from "./lines.ts";
import { issuerOf } from "./patterns.ts";
import { matchTitles, titleKey, titleSimilarity } from "./toc-match.ts";

export interface ParsedDocument {
  kind: "speech" | "official" | "decree" | "report";
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

/** Documents listed in the TOC that have no anchor of their own (e.g. a statistics bulletin): find their title line. */
export function addTocOnlyAnchors(lines: Line[], bodyStart: number, anchors: Anchor[], toc: TocEntry[]): Anchor[] {
  const matched = matchTitles(toc.map((e) => e.title), anchors.map((a) => a.title));
  const inHeading = (i: number) => anchors.some((a) => i >= a.start && i < a.bodyFrom);
  const extra: Anchor[] = [];
  toc.forEach((entry, ei) => {
    if (matched.has(ei)) return;
    let best = { i: -1, s: 0 };
    for (let i = bodyStart; i < lines.length; i++) {
      const text = lines[i]!.text;
      if (inHeading(i) || text.length > 120 || titleKey(text).length < titleKey(entry.title).length * 0.8) continue;
      const s = titleSimilarity(entry.title, text);
      if (s > best.s) best = { i, s };
    }
    if (best.s >= 0.9) {
      const title = removeCjkSpaces(lines[best.i]!.text);
      extra.push({ kind: "report", start: best.i, bodyFrom: best.i + 1, title, docNumber: null, issued: null });
    }
  });
  return [...anchors, ...extra].sort((a, b) => a.start - b.start);
}

function issuerFor(anchor: Anchor): string | null {
  if (anchor.kind === "speech") return /^(\p{Script=Han}{2,4}?)同志/u.exec(anchor.title.replace(/^.*——/, ""))?.[1] ?? null;
  if (anchor.kind === "decree") return anchor.docNumber?.replace(/令第\d+号$/, "") ?? null;
  return issuerOf(anchor.title);
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
    const issued = anchor.issued ?? (anchor.kind === "official" ? (signatureDate(lines, anchor.bodyFrom, end)?.date ?? null) : null);
    const entry = tocOf.get(di) ?? null;
    return {
      kind: anchor.kind, title: anchor.title, docNumber: anchor.docNumber, issued, issuer: issuerFor(anchor),
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
