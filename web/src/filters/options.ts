/** Filter choices derived from the issue listing, and how chosen filters read in the conversation. */
import type { Filters, IssueListing } from "../../../core/api-schema.ts";

export interface FilterOptions {
  years: number[];
  issues: IssueListing[];
  categories: string[];
}

/** Years and issues newest first; categories by how many documents they hold. */
export function filterOptions(issues: IssueListing[]): FilterOptions {
  const sorted = issues.toSorted((a, b) => b.year - a.year || b.number - a.number);
  const counts = new Map<string, number>();
  for (const issue of issues) for (const d of issue.documents) counts.set(d.category, (counts.get(d.category) ?? 0) + 1);
  counts.delete("");
  return {
    years: [...new Set(sorted.map((i) => i.year))],
    issues: sorted,
    categories: [...counts].sort((a, b) => b[1] - a[1]).map(([name]) => name),
  };
}

/** An issue id (`2020-3`) as people read it, using the listing's label when it is at hand. */
export function issueName(id: string, issues: IssueListing[] | undefined): string {
  const found = issues?.find((i) => i.id === id);
  if (found) return found.label;
  const m = /^(\d{4})-(\d+)$/.exec(id);
  return m ? `${m[1]}年第${m[2]}号` : id;
}

export function describeFilters(filters: Filters, issues: IssueListing[] | undefined): string[] {
  const parts: string[] = [];
  if (filters.issue) parts.push(issueName(filters.issue, issues));
  else if (filters.year) parts.push(`${filters.year}年`);
  if (filters.category) parts.push(filters.category);
  return parts;
}
