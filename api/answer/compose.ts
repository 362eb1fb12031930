/**
 * From a drafted answer to the response text: every quote verbatim with its [n], numbered once
 * per passage and quote, and around the quotes only framing that asserts nothing of its own —
 * the source (title, 文号, issue, and the year of a policy that is not recent) and section labels.
 */
import type { ChatResponse, CitationOut } from "../../core/api-schema.ts";
import type { GazetteDocument, Issue, Passage } from "../../core/model.ts";
import type { Catalog } from "../index/catalog.ts";
import type { Hit } from "../retrieval/search.ts";
import { citationFor } from "./citations.ts";

export interface Quote {
  passage: Passage;
  /** Verbatim text of the passage. */
  quote: string;
  /** What the answer shows for it when not the quote itself (a table row read with its header, a document's title). */
  display?: string;
  /** A section label shown before it (`一、新增城镇就业3.8万人`). */
  label?: string;
}

export interface Block {
  /** The source the block quotes, named in its first line; absent when each quote shows its own document (an issue's contents). */
  source?: { document: GazetteDocument; issue: Issue };
  /** Framing after the source line (`，“第二章 申报条件”列有以下11项：`); the source line alone when absent. */
  intro?: string;
  quotes: Quote[];
  /** One item a line (lists, outlines) or run together (fact sentences). */
  lines: boolean;
}

export interface Draft {
  /** A sentence before the blocks, e.g. an issue's contents lead. Framing only. */
  lead?: string;
  blocks: Block[];
}

/** A policy this many years older than the newest served issue is dated in the answer (`2012年印发`). */
export const OLD_POLICY_YEARS = 5;

/** `《标题》（三政办〔2012〕63号，2012年第12号（总第86号），2012年印发）`. */
export function sourceLine(doc: GazetteDocument, issue: Issue, newestYear: number): string {
  const year = doc.issued ? Number(doc.issued.slice(0, 4)) : issue.year;
  const parts = [doc.docNumber, issue.label, newestYear - year >= OLD_POLICY_YEARS ? `${year}年印发` : null].filter(Boolean);
  return `《${doc.title}》（${parts.join("，")}）`;
}

export function hitOf(passage: Passage, catalog: Catalog): Hit {
  return { passage, document: catalog.document(passage.documentId)!, issue: catalog.issue(passage.issueId)!, score: 0, bm25: null, similarity: null };
}

/** Citations numbered in order of first use; the same quote of the same passage keeps its number. */
class Numbering {
  readonly list: CitationOut[] = [];
  private byKey = new Map<string, number>();
  constructor(private catalog: Catalog) {}

  marker(q: Quote): string {
    const key = `${q.passage.id}\u0000${q.quote}`;
    let n = this.byKey.get(key);
    if (n === undefined) {
      n = this.list.length + 1;
      this.byKey.set(key, n);
      this.list.push(citationFor(n, hitOf(q.passage, this.catalog), q.quote, this.catalog));
    }
    return `[${n}]`;
  }
}

export function compose(draft: Draft, catalog: Catalog): ChatResponse {
  const numbering = new Numbering(catalog);
  const newest = Math.max(...catalog.issues.map((i) => i.year));
  const paragraphs: string[] = draft.lead ? [draft.lead] : [];
  for (const block of draft.blocks) {
    const head = block.source ? `根据${sourceLine(block.source.document, block.source.issue, newest)}${block.intro ?? "："}` : "";
    const shown = block.quotes.map((q) => `${q.label ? `${q.label}：` : ""}${q.display ?? q.quote}${numbering.marker(q)}`);
    paragraphs.push(block.lines ? [head, ...shown].filter(Boolean).join("\n") : head + shown.join(""));
  }
  return { answer: paragraphs.join("\n\n"), abstained: false, mode: "extractive", citations: numbering.list };
}
