/** Tasks as the API sends them (contract: GET /api/responsibilities), ranked and filtered by words. */
import { termWeight } from "../../core/text/terms.ts";
import type { DocumentRef, IssueRef } from "../../core/model.ts";
import { documentRef, issueRef } from "../../core/model.ts";
import type { Evidence, TaskRecord, UnitRole } from "../../core/tasks.ts";
import type { Catalog } from "../index/catalog.ts";
import { keywordTerms } from "../question/understand.ts";

export interface TaskOut {
  id: string;
  title: string;
  units: { name: string; role: UnitRole }[];
  leaders: string[];
  deadline: string | null;
  quote: string;
  passageId: string;
  document: DocumentRef;
  issue: IssueRef;
  /** Extensions: the task as stated, its item number, further quotes, and body/table disagreements. */
  text: string;
  seq: string | null;
  form: TaskRecord["form"];
  evidence: Evidence[];
  conflicts: { label: string; kind: "different" | "narrower"; note: string; taskId: string }[];
}

export function presentTask(t: TaskRecord, catalog: Catalog): TaskOut | null {
  const doc = catalog.document(t.documentId);
  const issue = catalog.issue(t.issueId);
  if (!doc || !issue) return null;
  return {
    id: t.id, title: t.title, units: t.units.map(({ name, role }) => ({ name, role })), leaders: t.leaders, deadline: t.deadline,
    quote: t.quote, passageId: t.passageId, document: documentRef(doc), issue: issueRef(issue),
    text: t.text, seq: t.seq, form: t.form, evidence: t.evidence,
    conflicts: t.conflicts.map(({ label, kind, note, taskId }) => ({ label, kind, note, taskId })),
  };
}

/** Newest issue first, then document order, then reading order. */
export function byDocumentOrder(catalog: Catalog): (a: TaskRecord, b: TaskRecord) => number {
  const ordinal = (t: TaskRecord) => catalog.document(t.documentId)?.ordinal ?? 0;
  return (a, b) => b.year - a.year || a.issueId.localeCompare(b.issueId) || ordinal(a) - ordinal(b) || a.line - b.line;
}

export interface WeightedTerm {
  term: string;
  weight: number;
}

export function weightedTerms(text: string): WeightedTerm[] {
  return keywordTerms(text).map((term) => ({ term, weight: termWeight(term) }));
}

/**
 * How well a task matches words: share of the words' weight found in its title (full), its
 * text (0.8) or its document title (0.4). A sub-word of a matched word is not counted twice.
 */
export function topicScore(task: TaskRecord, terms: WeightedTerm[], docTitle: string): number {
  const counted = terms.filter((t) => !terms.some((o) => o.term !== t.term && o.term.includes(t.term)));
  const total = counted.reduce((s, t) => s + t.weight, 0);
  if (total === 0) return 0;
  const title = task.title.toLowerCase();
  const text = task.text.toLowerCase();
  const doc = docTitle.toLowerCase();
  let got = 0;
  for (const t of counted) {
    const parts = terms.filter((o) => o.term !== t.term && t.term.includes(o.term));
    const has = (s: string) => s.includes(t.term) || (parts.length > 0 && parts.every((p) => s.includes(p.term)));
    got += t.weight * (has(title) ? 1 : has(text) ? 0.8 : has(doc) ? 0.4 : 0);
  }
  return got / total;
}
