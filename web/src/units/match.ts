/** Finding a unit as people type it: full names, names without 市, short forms (交通局 → 市交通运输局). */
import { subsequenceGap } from "../../../core/text/subsequence.ts";
import { unitQueryForm } from "../../../core/text/unit-name.ts";
import type { UnitSummary } from "./types.ts";

export interface UnitMatch {
  unit: UnitSummary;
  /** 0 exact, 1 start of the name, 2 inside the name, 3 inside another name it goes by, 4 its characters in order. */
  rank: number;
  /** The other name that matched, when the unit was found by it. */
  via?: string;
}

/** The name without the leading 市 of municipal bodies: 市交通运输局 → 交通运输局. */
function bare(name: string): string {
  return name.length > 2 && name.startsWith("市") ? name.slice(1) : name;
}

/** Characters of `needle` in order inside `hay`, with at most `maxGap` others in between them all. */
function inOrder(needle: string, hay: string, maxGap: number): boolean {
  const gap = subsequenceGap(needle, hay);
  return gap >= 0 && gap <= maxGap;
}

function rankOf(unit: UnitSummary, q: string): Omit<UnitMatch, "unit"> | null {
  const name = unitQueryForm(unit.name);
  const aliases = unit.aliases.map((a) => ({ raw: a, text: unitQueryForm(a) }));
  if (name === q || bare(name) === q) return { rank: 0 };
  const exact = aliases.find((a) => a.text === q || bare(a.text) === q);
  if (exact) return { rank: 0, via: exact.raw };
  if (name.startsWith(q) || bare(name).startsWith(q)) return { rank: 1 };
  if (name.includes(q)) return { rank: 2 };
  const inside = aliases.find((a) => a.text.includes(q));
  if (inside) return { rank: 3, via: inside.raw };
  if ([...q].length >= 2 && inOrder(q, name, 4)) return { rank: 4 };
  return null;
}

/** Units matching `query`, best first (then by number of tasks); all units, by tasks, when it is empty. */
export function matchUnits(units: UnitSummary[], query: string): UnitMatch[] {
  const q = unitQueryForm(query);
  const byTasks = (a: UnitMatch, b: UnitMatch) => a.rank - b.rank || b.unit.tasks - a.unit.tasks || a.unit.name.localeCompare(b.unit.name, "zh");
  if (!q) return units.map((unit) => ({ unit, rank: 0 })).sort(byTasks);
  return units.flatMap((unit) => {
    const r = rankOf(unit, q);
    return r ? [{ unit, ...r }] : [];
  }).sort(byTasks);
}

/** The words that name a unit in a gazette sentence: its name, the name without 市, and its other names. */
export function unitTerms(names: string[], units: UnitSummary[]): string[] {
  const terms = new Set<string>();
  for (const name of names) {
    terms.add(name);
    terms.add(bare(name));
    for (const a of units.find((u) => u.name === name)?.aliases ?? []) if ([...a].length >= 2) terms.add(a);
  }
  return [...terms].filter((t) => [...t].length >= 2).sort((a, b) => b.length - a.length);
}
