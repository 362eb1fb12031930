/** Parsed issues → the records stored in the index: issues, documents and passages with stable ids. */
import type { GazetteDocument, Issue, Passage } from "../core/model.ts";
import { shortHash } from "../core/util/hash.ts";
import type { ParsedIssue } from "./gazette/parse-issue.ts";
import type { SplitOptions } from "./passages/split.ts";
import { DEFAULT_SPLIT, splitDocument } from "./passages/split.ts";

export interface Records {
  issues: Issue[];
  documents: GazetteDocument[];
  passages: Passage[];
}

export function documentId(issue: Issue, key: string): string {
  return `${issue.id}-${shortHash(key, 8)}`;
}

export function toRecords(parsed: ParsedIssue[], split: SplitOptions = DEFAULT_SPLIT): Records {
  const out: Records = { issues: [], documents: [], passages: [] };
  for (const { issue, documents } of parsed) {
    out.issues.push(issue);
    const docIds = new Set<string>();
    documents.forEach((d, ordinal) => {
      let id = documentId(issue, d.docNumber ?? d.title);
      while (docIds.has(id)) id = `${id}x`;
      docIds.add(id);
      out.documents.push({
        id, issueId: issue.id, ordinal, title: d.title, docNumber: d.docNumber, category: d.category, issued: d.issued,
        kind: d.kind, issuer: d.issuer, attachments: d.attachments, tocTitle: d.toc?.title ?? null, tocPage: d.toc?.page ?? null,
      });
      const passageIds = new Set<string>();
      splitDocument(d.body, split).forEach((p, pi) => {
        let pid = `${id}-${shortHash(`${p.heading}\n${p.text}`, 8)}`;
        for (let n = 2; passageIds.has(pid); n++) pid = `${id}-${shortHash(`${p.heading}\n${p.text}`, 8)}-${n}`;
        passageIds.add(pid);
        out.passages.push({ id: pid, documentId: id, issueId: issue.id, heading: p.heading, text: p.text, ordinal: pi, kind: p.kind, page: p.page });
      });
    });
  }
  return out;
}
