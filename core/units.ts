/**
 * Units' normal names and the other names they go by, from `core/lexicon/units.tsv`: the first
 * official name of a row is the normal form (`市交通运输局`), the other official names and the
 * aliases (`市交通局`, `交通局`) point to it.
 */
import { unitEntries } from "./lexicon/lexicon.ts";
import { cityForm, foldUnitText, unitKey } from "./text/unit-name.ts";

export interface UnitAlias {
  name: string;
  aliases: string[];
}

export interface UnitAliases {
  /** `unitKey` of every name and alias → the normal name; the first row naming a key keeps it. */
  byKey: Map<string, string>;
  entries: UnitAlias[];
}

let aliasTable: UnitAliases | null = null;

function lexiconEntries(): UnitAlias[] {
  let rows: { official: string[]; aliases: string[] }[] = [];
  try {
    rows = unitEntries();
  } catch {
    rows = []; // a malformed units.tsv must not stop ingest or the API: names then stay as written
  }
  return rows.flatMap((r) => {
    const [name, ...others] = r.official.map(cityForm);
    return name ? [{ name, aliases: [...others, ...r.aliases.map(foldUnitText)] }] : [];
  });
}

export function unitAliases(): UnitAliases {
  if (aliasTable) return aliasTable;
  const byKey = new Map<string, string>();
  const entries = new Map<string, Set<string>>();
  for (const { name, aliases } of lexiconEntries()) {
    const set = entries.get(name) ?? new Set<string>();
    for (const a of aliases) if (a && a !== name) set.add(a);
    entries.set(name, set);
    for (const a of [name, ...aliases]) {
      const k = unitKey(a);
      if (k && !byKey.has(k)) byKey.set(k, name);
    }
  }
  aliasTable = { byKey, entries: [...entries].map(([name, set]) => ({ name, aliases: [...set] })) };
  return aliasTable;
}

/**
 * The normal form of a unit name: folded, `三门峡市X局` → `市X局`, known short or old
 * names → the current name (`市交通局` → `市交通运输局`). Unknown names stay as written.
 */
export function canonicalUnit(name: string): string {
  const folded = cityForm(name);
  return unitAliases().byKey.get(unitKey(folded)) ?? folded;
}
