/** Matching table-of-contents entries to body documents despite typos, width and wrapping differences. */

/** Title key: width folded, whitespace and punctuation removed. */
export function titleKey(s: string): string {
  return s.normalize("NFKC").replace(/[\s\p{P}\p{S}]/gu, "");
}

function bigrams(s: string): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i < s.length - 1; i++) {
    const g = s.slice(i, i + 2);
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

/** Dice coefficient over character bigrams of the title keys (1 = same). */
export function titleSimilarity(a: string, b: string): number {
  const ka = titleKey(a);
  const kb = titleKey(b);
  if (ka === kb) return 1;
  if (ka.length > 8 && kb.length > 8 && (ka.includes(kb) || kb.includes(ka))) return 0.95;
  const ga = bigrams(ka);
  const gb = bigrams(kb);
  let shared = 0;
  for (const [g, n] of ga) shared += Math.min(n, gb.get(g) ?? 0);
  const total = Math.max(ka.length - 1, 0) + Math.max(kb.length - 1, 0);
  return total === 0 ? 0 : (2 * shared) / total;
}

export const MATCH_THRESHOLD = 0.6;

/** Greedy one-to-one assignment, best pairs first. Returns entry index → document index. */
export function matchTitles(entries: string[], docs: string[]): Map<number, number> {
  const pairs: { e: number; d: number; s: number }[] = [];
  entries.forEach((e, ei) =>
    docs.forEach((d, di) => {
      const s = titleSimilarity(e, d);
      if (s >= MATCH_THRESHOLD) pairs.push({ e: ei, d: di, s });
    }),
  );
  pairs.sort((a, b) => b.s - a.s || Math.abs(a.e - a.d) - Math.abs(b.e - b.d));
  const byEntry = new Map<number, number>();
  const usedDocs = new Set<number>();
  for (const p of pairs) {
    if (byEntry.has(p.e) || usedDocs.has(p.d)) continue;
    byEntry.set(p.e, p.d);
    usedDocs.add(p.d);
  }
  return byEntry;
}
