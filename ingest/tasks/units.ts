/**
 * Unit names as the gazettes list them → normal forms.
 *
 * `市交通运输局、发展改革委` elides the 市 of the second unit; `湖滨区、陕州区政府` shares the
 * 政府 of the last; `各县（市、区）政府` is one entry whatever its brackets; `市交通局` is an
 * older name of `市交通运输局`. Pure functions; the alias table merges a small built-in list
 * with `core/lexicon/units.tsv` when that file exists.
 */
import { unitEntries } from "../../core/lexicon/lexicon.ts";

/** What a unit name ends with (局, 委, 政府, 管委会, 公司, 海关, 部门, 成员单位 …). */
const UNIT_END = /(?:局|委|办|政府|管委会|管理委员会|公司|集团|中心|院|部|会|关|行|联|社|室|单位|部门|所|站|队|团)$/u;
/** A place that takes the suffix of the next item: `湖滨区、陕州区政府`, `城乡一体化示范区、开发区管委会`. */
const BARE_PLACE = /^(?:\p{Script=Han}{1,10}[县区]|义马市|灵宝市)$/u;
const PLACE_GOVERNMENT = /^(?:\p{Script=Han}{1,10}[县区]|义马市|灵宝市)(政府|管委会|管理委员会)$/u;
/** Names that carry their own prefix, so an elided 市 must not be added. */
const OWN_PREFIX = /^(?:市(?!场)|三门峡|各|相关|有关|人行|国网|中国|河南|省|全市|县级|乡|团市委)|三门峡|(?:政府|管委会|管理委员会)$|^(?:湖滨区|陕州区|义马市|灵宝市|[渑澠]池县|卢氏县|城乡一体化示范区|经济开发区|经济技术开发区|现代服务业开发区|开发区)/u;
/** Non-municipal bodies named without a place. */
const NO_PREFIX = new Set(["黄河河务局", "水利水电十一局", "水电十一工程局"]);
const COUNTIES_BRACKETED = /[（(〔［\[]\s*市\s*、\s*区\s*[）)〕］\]]/gu;

export interface ParsedUnit {
  name: string;
  surface: string;
}

/** Carries the last explicit prefix across a clause: `市委外事办、统战部` → 市委统战部. */
export interface PrefixContext {
  last: "市" | "市委" | null;
}

export const newPrefixContext = (): PrefixContext => ({ last: null });

/** Whitespace, width and bracket variants folded: `各县(市、区)政府` → `各县〔市、区〕政府`, 澠 → 渑. */
export function foldUnitText(s: string): string {
  return s.replace(/\s+/g, "").replace(COUNTIES_BRACKETED, "〔市、区〕").replace(/澠/g, "渑");
}

export function isUnitLike(name: string): boolean {
  const n = foldUnitText(name);
  return [...n].length >= 2 && [...n].length <= 40 && UNIT_END.test(n) && !/[。：:；;，,！？]/.test(n);
}

/** A name that is certainly a unit (not just shaped like one): used to accept an unlabelled `（…）`. */
export function isStrongUnit(name: string): boolean {
  return /^(?:市(?!场)|三门峡|各县|相关县|有关县)/.test(name) || /(?:政府|局|委|管委会)$/.test(name);
}

/** Split at separators outside brackets; returns groups (by ，；) of items (by 、). */
export function splitTopLevel(text: string, separators: RegExp): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of text) {
    if (/[（(〔［\[【《“]/.test(ch)) depth++;
    else if (/[）)〕］\]】》”]/.test(ch)) depth = Math.max(0, depth - 1);
    if (depth === 0 && separators.test(ch)) {
      out.push(cur);
      cur = "";
    } else {
      cur += ch;
    }
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter(Boolean);
}

function cleanItem(item: string): string {
  return foldUnitText(item)
    .replace(/^(?:由|及|以及|和)/u, "")
    .replace(/(?:等有关部门|等相关部门|等部门|等单位|等)$/u, "");
}

/**
 * One run of names separated by 、 (no role words) → normal-form units. `ctx` carries the
 * explicit prefix across the runs of one clause.
 */
export function parseUnitRun(run: string, ctx: PrefixContext): ParsedUnit[] {
  const items = splitTopLevel(run, /[、]/u)
    .flatMap((s) => s.split(/和(?=各县|相关县|有关县|城乡一体化)/u))
    .map(cleanItem)
    .filter(Boolean);
  // 湖滨区、陕州区政府 → 湖滨区政府、陕州区政府
  for (let i = items.length - 2; i >= 0; i--) {
    const next = PLACE_GOVERNMENT.exec(items[i + 1]!);
    if (BARE_PLACE.test(items[i]!) && next) items[i] = `${items[i]}${next[1]}`;
  }
  const out: ParsedUnit[] = [];
  for (const surface of items) {
    let name = surface;
    if (/^市委/.test(surface)) ctx.last = "市委";
    else if (/^市(?!场)/.test(surface)) ctx.last = "市";
    else if (!OWN_PREFIX.test(surface) && !NO_PREFIX.has(surface) && ctx.last) {
      name = ctx.last === "市委" && /部$/.test(surface) ? `市委${surface}` : `市${surface}`;
    }
    out.push({ name: canonicalUnit(name), surface });
  }
  return out;
}

/** Table cells list units separated by spaces, sometimes wrapped (`市文化 广电旅游局`) or run together (`渑池县政府市文化…`). */
export function parseUnitCell(cell: string): ParsedUnit[] {
  const tokens = cell.trim().split(/\s+/u).filter(Boolean);
  const merged: string[] = [];
  for (const t of tokens) {
    const last = merged[merged.length - 1];
    if (last !== undefined && !UNIT_END.test(last)) merged[merged.length - 1] = last + t;
    else merged.push(t);
  }
  const parts = merged.flatMap((t) => t.split(/(?<=政府|局|委|办|公司|集团|海关|学院)(?=市(?!场)|三门峡)/u));
  return parts.filter(Boolean).map((surface) => ({ name: canonicalUnit(surface), surface }));
}

// ---------------------------------------------------------------------------------------------
// Aliases

/** Built-in short forms, used until (and alongside) core/lexicon/units.tsv. Keys are without 市. */
const BUILTIN_ALIASES: [string, string[]][] = [
  ["市交通运输局", ["交通局", "交通运输局", "市交通局"]],
  ["市发展改革委", ["发改委", "发展改革委", "发展和改革委员会", "发展改革委员会"]],
  ["市工业和信息化局", ["工信局", "工业和信息化局", "工信委"]],
  ["市住房城乡建设局", ["住建局", "住房和城乡建设局", "住房城乡建设局"]],
  ["市人力资源社会保障局", ["人社局", "人力资源和社会保障局", "人力资源社会保障局"]],
  ["市卫生健康委", ["卫健委", "卫生健康委员会", "卫生和健康委员会", "卫生健康委"]],
  ["市自然资源规划局", ["自然资源局", "自规局", "自然资源和规划局", "自然资源规划局", "国土局"]],
  ["市文化广电旅游局", ["文旅局", "文广旅局", "文化广电和旅游局", "文化和旅游局", "文化广电旅游局"]],
  ["市市场监管局", ["市场监管局", "市监局", "市场监督管理局", "工商局"]],
  ["市政务和大数据局", ["大数据局", "政务服务和大数据管理局", "政务和大数据局"]],
  ["市生态环境局", ["环保局", "环境保护局", "生态环境局"]],
  ["市农业农村局", ["农业局", "农业农村局"]],
  ["市应急局", ["应急管理局", "应急局"]],
  ["市退役军人局", ["退役军人事务局", "退役军人局"]],
  ["市医保局", ["医疗保障局", "医保局"]],
  ["市城管局", ["城市管理局", "城管局"]],
  ["市政府国资委", ["国资委", "市国资委", "政府国资委"]],
  ["市金融局", ["金融工作局", "金融局"]],
  ["市扶贫办", ["扶贫开发办公室", "扶贫办"]],
  ["市委人才办", ["人才办"]],
  ["市国动办", ["国防动员办公室", "国动办"]],
  ["市教育局", ["教育局"]],
  ["市财政局", ["财政局"]],
  ["市公安局", ["公安局"]],
  ["市司法局", ["司法局"]],
  ["市民政局", ["民政局"]],
  ["市商务局", ["商务局"]],
  ["市科技局", ["科技局", "科学技术局"]],
  ["市水利局", ["水利局"]],
  ["市林业局", ["林业局"]],
  ["市统计局", ["统计局"]],
  ["市审计局", ["审计局"]],
  ["市税务局", ["税务局"]],
  ["市体育局", ["体育局"]],
];

export interface UnitAlias {
  name: string;
  aliases: string[];
}

let aliasTable: { byKey: Map<string, string>; entries: UnitAlias[] } | null = null;

/** `三门峡市交通运输局` / `市交通运输局` → the key without the city prefix: `交通运输局`. */
export function unitKey(name: string): string {
  return foldUnitText(name).replace(/^三门峡市(?!人民政府)/u, "市").replace(/^市(?!场|委|政府)/u, "");
}

/** `三门峡市交通运输局` → `市交通运输局`: the city prefix as the gazettes write it in lists. */
function cityForm(name: string): string {
  return foldUnitText(name).replace(/^三门峡市(?!人民政府)(?=\p{Script=Han}+(?:局|委|办)$)/u, "市");
}

/** units.tsv rows: the first official name is the normal form, the others and the aliases point to it. */
function lexiconEntries(): UnitAlias[] {
  let rows: { official: string[]; aliases: string[] }[] = [];
  try {
    rows = unitEntries();
  } catch {
    rows = []; // a malformed units.tsv must not stop ingest or the API; the built-in list still applies
  }
  return rows.flatMap((r) => {
    const [name, ...others] = r.official.map(cityForm);
    return name ? [{ name, aliases: [...others, ...r.aliases.map(foldUnitText)] }] : [];
  });
}

export function unitAliases(): { byKey: Map<string, string>; entries: UnitAlias[] } {
  if (aliasTable) return aliasTable;
  const byKey = new Map<string, string>();
  const entries = new Map<string, Set<string>>();
  const add = (name: string, aliases: string[]) => {
    const set = entries.get(name) ?? new Set<string>();
    for (const a of aliases) if (a && a !== name) set.add(a);
    entries.set(name, set);
    for (const a of [name, ...aliases]) {
      const k = unitKey(a);
      if (k && !byKey.has(k)) byKey.set(k, name);
    }
  };
  for (const e of lexiconEntries()) add(e.name, e.aliases);
  for (const [name, aliases] of BUILTIN_ALIASES) add(name, aliases);
  aliasTable = { byKey, entries: [...entries].map(([name, set]) => ({ name, aliases: [...set] })) };
  return aliasTable;
}

/** Test hook: forget the alias table (after units.tsv changed). */
export function resetUnitAliases(): void {
  aliasTable = null;
}

/**
 * The normal form of a unit name: folded, `三门峡市X局` → `市X局`, known short or old
 * names → the current name (`市交通局` → `市交通运输局`). Unknown names stay as written.
 */
export function canonicalUnit(name: string): string {
  const folded = cityForm(name);
  return unitAliases().byKey.get(unitKey(folded)) ?? folded;
}
