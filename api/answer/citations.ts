/** Citation building and checking: every quote is verbatim text of its passage, every 文号 the document's own. */
import type { CitationOut, PassageOut, RelatedDocument } from "../../core/api-schema.ts";
import type { Passage } from "../../core/model.ts";
import type { Catalog } from "../index/catalog.ts";
import type { Hit } from "../retrieval/search.ts";

export function citationFor(n: number, hit: Hit, quote: string, catalog: Catalog): CitationOut {
  if (!hit.passage.text.includes(quote)) throw new Error("a quote must be verbatim text of its passage");
  const { passage, document, issue } = hit;
  return {
    n,
    passageId: passage.id,
    quote,
    document: catalog.summary(document),
    issue: { id: issue.id, year: issue.year, number: issue.number, total: issue.total, label: issue.label },
    passage: passageOut(passage),
    page: passage.page,
  };
}

export function passageOut(p: Passage): PassageOut {
  return { id: p.id, heading: p.heading, text: p.text, ordinal: p.ordinal, page: p.page };
}

export function relatedDocuments(hits: Hit[], catalog: Catalog, max = 3): RelatedDocument[] {
  const seen = new Set<string>();
  const out: RelatedDocument[] = [];
  for (const h of hits) {
    if (seen.has(h.document.id)) continue;
    seen.add(h.document.id);
    out.push({ document: catalog.summary(h.document), issue: { id: h.issue.id, year: h.issue.year, number: h.issue.number, total: h.issue.total, label: h.issue.label } });
    if (out.length >= max) break;
  }
  return out;
}

/** `《标题》（三政办〔2020〕5号，2020年第3号（总第170号））` — how an answer names a source in plain text. */
export function sourceLabel(c: Pick<CitationOut, "document" | "issue">): string {
  const num = c.document.docNumber ? `${c.document.docNumber}，` : "";
  return `《${c.document.title}》（${num}${c.issue.label}）`;
}

/** Markers `[n]` in an answer that have a citation; the rest are dropped. */
export function keepValidMarkers(answer: string, valid: Set<number>): string {
  return answer.replace(/\[(\d{1,3})\]/g, (m, n: string) => (valid.has(Number(n)) ? m : ""));
}

export function markersIn(answer: string): number[] {
  return [...answer.matchAll(/\[(\d{1,3})\]/g)].map((m) => Number(m[1]));
}
