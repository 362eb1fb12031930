/** One gazette file → its issue and documents (pure: bytes in, structure out). */
import type { Issue } from "../../core/model.ts";
import { issueLabel } from "../../core/model.ts";
import { findAnchors } from "./anchors.ts";
import { decodeGazette } from "./decode.ts";
import type { ParsedDocument } from "./documents.ts";
import { addTocOnlyAnchors, buildDocuments } from "./documents.ts";
import { parseFrontMatter } from "./front-matter.ts";
import type { Line } from "./lines.ts";
import { toLines } from "./lines.ts";
import { dropPageFurniture } from "./furniture.ts";

export interface ParsedIssue {
  issue: Issue;
  documents: ParsedDocument[];
  /** `utf-8` or `gb18030` for text files, `pdf` for PDFs. */
  encoding: string;
  tocEntries: number;
  /** Pages of a PDF; null for text files. */
  pages: number | null;
  warnings: string[];
}

export function issueId(year: number, number: number): string {
  return `${year}-${number}`;
}

/** A text gazette (.txt, .md; UTF-8 or GBK). */
export function parseIssue(bytes: Buffer, source: string): ParsedIssue {
  const { text, encoding } = decodeGazette(bytes);
  return parseLines(toLines(text), source, encoding);
}

/** The lines of a gazette, from a text file or a PDF: the parser proper. */
export function parseLines(all: Line[], source: string, encoding: string, pages: number | null = null): ParsedIssue {
  const lines = dropPageFurniture(all);
  const front = parseFrontMatter(lines);
  const anchors = addTocOnlyAnchors(lines, front.bodyStart, findAnchors(lines, front.bodyStart), front.toc);
  const { documents, unmatchedToc } = buildDocuments(lines, anchors, front.toc);
  const { year, number, total, published } = front.meta;
  const warnings: string[] = [];
  if (front.toc.length === 0) warnings.push("no table of contents found; documents were taken from the body only");
  for (const e of unmatchedToc) warnings.push(`TOC entry without a body document: 【${e.category}】${e.title} (line ${e.lineNo})`);
  for (const d of documents) if (!d.toc && front.toc.length > 0) warnings.push(`body document not in the TOC: ${d.title} (line ${d.startLine}); category inferred as ${d.category}`);
  if (documents.length === 0) warnings.push("no documents found in the body");
  return {
    issue: { id: issueId(year, number), year, number, total, published, label: issueLabel(year, number, total), source },
    documents, encoding, tocEntries: front.toc.length, pages, warnings,
  };
}
