/**
 * The written forms of a unit's name, shared by ingest, the API and the web UI (pure, no I/O):
 * `各县(市、区)政府` → `各县〔市、区〕政府`, `三门峡市交通运输局` → `市交通运输局`, and the key
 * without the city prefix that aliases are matched by.
 */

const COUNTIES_BRACKETED = /[（(〔［\[]\s*市\s*、\s*区\s*[）)〕］\]]/gu;
/** Punctuation people end a typed name or question with. */
const QUERY_PUNCTUATION = /[？?。！!，,]/gu;

/** Whitespace, width and bracket variants folded: `各县(市、区)政府` → `各县〔市、区〕政府`, 澠 → 渑. */
export function foldUnitText(s: string): string {
  return s.replace(/\s+/g, "").replace(COUNTIES_BRACKETED, "〔市、区〕").replace(/澠/g, "渑");
}

/** `三门峡市交通运输局` / `市交通运输局` → the key without the city prefix: `交通运输局`. */
export function unitKey(name: string): string {
  return foldUnitText(name).replace(/^三门峡市(?!人民政府)/u, "市").replace(/^市(?!场|委|政府)/u, "");
}

/** `三门峡市交通运输局` → `市交通运输局`: the city prefix as the gazettes write it in lists. */
export function cityForm(name: string): string {
  return foldUnitText(name).replace(/^三门峡市(?!人民政府)(?=\p{Script=Han}+(?:局|委|办)$)/u, "市");
}

/** A unit as someone typed it, in the form names are compared in: `三门峡市 交通局？` → `市交通局`. */
export function unitQueryForm(typed: string): string {
  return foldUnitText(typed).replace(QUERY_PUNCTUATION, "").replace(/^三门峡市(?!人民政府)/u, "市");
}
