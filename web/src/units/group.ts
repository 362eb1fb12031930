/** Tasks grouped as the gazettes hold them: by year, then by document, in the order the server sent them. */
import type { Task, UnitRole } from "./types.ts";

export interface DocumentGroup {
  document: Task["document"];
  issue: Task["issue"];
  tasks: Task[];
}

export interface YearGroup {
  year: number;
  documents: DocumentGroup[];
}

export function groupTasks(tasks: Task[]): YearGroup[] {
  const years = new Map<number, Map<string, DocumentGroup>>();
  for (const t of tasks) {
    const docs = years.get(t.issue.year) ?? new Map<string, DocumentGroup>();
    years.set(t.issue.year, docs);
    const group = docs.get(t.document.id) ?? { document: t.document, issue: t.issue, tasks: [] };
    docs.set(t.document.id, group);
    group.tasks.push(t);
  }
  return [...years].map(([year, docs]) => ({ year, documents: [...docs.values()] }));
}

/** The roles `names` (one unit, or the units a name stood for) have in a task, most responsible first. */
export function rolesOf(task: Task, names: string[]): UnitRole[] {
  const order: UnitRole[] = ["lead", "responsible", "cooperate"];
  const roles = new Set(task.units.filter((u) => names.includes(u.name)).map((u) => u.role));
  return order.filter((r) => roles.has(r));
}

export interface Span {
  text: string;
  marked: boolean;
}

/** Splits `text` so every occurrence of a term (longest first, no overlaps) is its own marked span. */
export function markTerms(text: string, terms: string[]): Span[] {
  const hits: [number, number][] = [];
  for (const term of [...terms].sort((a, b) => b.length - a.length)) {
    if (!term) continue;
    for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + term.length)) {
      const end = at + term.length;
      if (!hits.some(([s, e]) => at < e && end > s)) hits.push([at, end]);
    }
  }
  hits.sort((a, b) => a[0] - b[0]);
  const spans: Span[] = [];
  let last = 0;
  for (const [s, e] of hits) {
    if (s > last) spans.push({ text: text.slice(last, s), marked: false });
    spans.push({ text: text.slice(s, e), marked: true });
    last = e;
  }
  if (last < text.length) spans.push({ text: text.slice(last), marked: false });
  return spans;
}
