/**
 * A unit as people type it → the units of the index: `交通局` → 市交通运输局, `发改委` →
 * 市发展改革委, `三门峡市教育局` → 市教育局. Exact and lexicon matches first, then names
 * that contain the words, then names that contain its characters in order.
 */
import { canonicalUnit } from "../../core/units.ts";
import { foldUnitText, unitKey, unitQueryForm } from "../../core/text/unit-name.ts";
import { subsequenceGap } from "../../core/text/subsequence.ts";
import type { UnitInfo } from "./store.ts";

export interface UnitMatch {
  names: string[];
  how: "exact" | "alias" | "contains" | "fuzzy" | "none";
}

export function resolveUnit(query: string, units: UnitInfo[]): UnitMatch {
  const q = unitQueryForm(query);
  if ([...q].length < 2) return { names: [], how: "none" };
  const known = new Set(units.map((u) => u.name));
  const canonical = canonicalUnit(q);
  if (known.has(q)) return { names: [q], how: "exact" };
  if (known.has(canonical)) return { names: [canonical], how: "alias" };
  const key = unitKey(q);
  const byAlias = units.filter((u) => unitKey(u.name) === key || u.aliases.some((a) => a === q || unitKey(a) === key));
  if (byAlias.length) return { names: byAlias.map((u) => u.name), how: "alias" };
  const contains = units.filter((u) => u.name.includes(key) || u.aliases.some((a) => a.includes(key)));
  if (contains.length) return { names: contains.map((u) => u.name), how: "contains" };
  const gaps = units.map((u) => ({ u, gap: subsequenceGap(key, u.name) })).filter((x) => x.gap >= 0 && x.gap <= 6);
  if (gaps.length === 0) return { names: [], how: "none" };
  const best = Math.min(...gaps.map((x) => x.gap));
  return { names: gaps.filter((x) => x.gap === best).map((x) => x.u.name), how: "fuzzy" };
}

/**
 * The units a question names, longest mention first (`市交通运输局今年要负责哪些事` → 市交通运输局;
 * `发改委牵头哪些工作` → 市发展改革委). Matches full names, names without 市, lexicon aliases and
 * the wordings seen in the gazettes.
 */
export function unitsInText(text: string, units: UnitInfo[]): { mention: string; names: string[] }[] {
  const t = foldUnitText(text);
  const forms: { form: string; name: string }[] = [];
  for (const u of units) {
    const variants = new Set([u.name, unitKey(u.name), ...u.aliases, ...u.aliases.map(unitKey)]);
    for (const v of variants) if ([...v].length >= 2 && !/^(?:各|相关|有关)/.test(v)) forms.push({ form: v, name: u.name });
  }
  forms.sort((a, b) => b.form.length - a.form.length);
  const taken: [number, number][] = [];
  const out = new Map<string, Set<string>>();
  for (const { form, name } of forms) {
    for (let at = t.indexOf(form); at >= 0; at = t.indexOf(form, at + 1)) {
      const end = at + form.length;
      if (taken.some(([s, e]) => at < e && end > s && !(at === s && end === e))) continue;
      taken.push([at, end]);
      const key = t.slice(at, end);
      out.set(key, (out.get(key) ?? new Set()).add(name));
    }
  }
  return [...out].map(([mention, names]) => ({ mention, names: [...names] }));
}
