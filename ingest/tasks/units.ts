/**
 * Unit names as the gazettes list them → normal forms.
 *
 * `市交通运输局、发展改革委` elides the 市 of the second unit; `湖滨区、陕州区政府` shares the
 * 政府 of the last; `各县（市、区）政府` is one entry whatever its brackets; each name is
 * then put in its normal form (`core/units.ts`: `市交通局` → `市交通运输局`).
 */
import { canonicalUnit } from "../../core/units.ts";
import { foldUnitText } from "../../core/text/unit-name.ts";

/** What a unit name ends with (局, 委, 政府, 管委会, 公司, 海关, 部门, 成员单位 …). */
const UNIT_END = /(?:局|委|办|政府|管委会|管理委员会|公司|集团|中心|院|部|会|关|行|联|社|室|单位|部门|所|站|队|团)$/u;
/** A place that takes the suffix of the next item: `湖滨区、陕州区政府`, `城乡一体化示范区、开发区管委会`. */
const BARE_PLACE = /^(?:\p{Script=Han}{1,10}[县区]|义马市|灵宝市)$/u;
const PLACE_GOVERNMENT = /^(?:\p{Script=Han}{1,10}[县区]|义马市|灵宝市)(政府|管委会|管理委员会)$/u;
/** Names that carry their own prefix, so an elided 市 must not be added. */
const OWN_PREFIX = /^(?:市(?!场)|三门峡|各|相关|有关|人行|国网|中国|河南|省|全市|县级|乡|团市委)|三门峡|(?:政府|管委会|管理委员会)$|^(?:湖滨区|陕州区|义马市|灵宝市|[渑澠]池县|卢氏县|城乡一体化示范区|经济开发区|经济技术开发区|现代服务业开发区|开发区)/u;
/** Non-municipal bodies named without a place. */
const NO_PREFIX = new Set(["黄河河务局", "水利水电十一局", "水电十一工程局"]);

export interface ParsedUnit {
  name: string;
  surface: string;
}

/** Carries the last explicit prefix across a clause: `市委外事办、统战部` → 市委统战部. */
export interface PrefixContext {
  last: "市" | "市委" | null;
}

export const newPrefixContext = (): PrefixContext => ({ last: null });

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
