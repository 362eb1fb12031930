/** Small text helpers for tasks: list markers, short titles, deadlines, effective dates. */

const LIST_MARKER = /^\s*(?:[（(]\s*[一二三四五六七八九十]+\s*[）)]|[一二三四五六七八九十]+\s*[、.．]|\d{1,3}\s*[.．、](?!\d)|第[一二三四五六七八九十百]+条)\s*/u;

/** `62. …` → `62`, `（三）…` → `（三）`, none → null. */
export function listMarker(text: string): string | null {
  const m = LIST_MARKER.exec(text);
  if (!m) return null;
  const raw = m[0].trim().replace(/[.．、]$/u, "").replace(/\s+/g, "");
  return raw.replace(/^\((.+)\)$/u, "（$1）");
}

export function stripListMarker(text: string): string {
  return text.replace(LIST_MARKER, "");
}

const MAX_TITLE = 40;

/** The text up to the first separator that is not inside quotes or brackets (`坚持“重在保护，要在治理”，…`). */
function upTo(text: string, separators: RegExp): string {
  let depth = 0;
  let i = 0;
  for (const ch of text) {
    if (/[“‘《（(〔【「]/.test(ch)) depth++;
    else if (/[”’》）)〕】」]/.test(ch)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && separators.test(ch)) return text.slice(0, i);
    i += ch.length;
  }
  return text;
}

/**
 * A short title for a task: its first sentence when short (`加强规划引领`), else its first
 * clause (`把恢复和扩大消费摆在优先位置`), else the first 40 characters.
 */
export function taskTitle(text: string): string {
  const body = stripListMarker(text).replace(/[（(][^（()）]*(?:单位|部门|牵头|配合|负责)[^（()）]*[）)]\s*$/u, "").trim();
  const sentence = upTo(body, /[。！？；]/u).trim();
  if ([...sentence].length <= MAX_TITLE) return sentence.replace(/[，,：:]$/u, "");
  const clause = upTo(sentence, /[，,：:]/u).trim();
  if ([...clause].length <= MAX_TITLE && [...clause].length >= 4) return clause;
  return `${[...sentence].slice(0, MAX_TITLE).join("")}…`;
}

/** `2024年6月月底前`, `年底前`, `2024年年底前`, `6月底前`, `12月25日前` (as written, spaces removed). */
const DEADLINE = /(?:\d{4}\s*年\s*)?(?:\d{1,2}\s*月\s*(?:月\s*)?底|年\s*底|\d{1,2}\s*月\s*\d{1,2}\s*日)\s*前/gu;

export function deadlines(text: string): string[] {
  return [...new Set([...text.matchAll(DEADLINE)].map((m) => m[0].replace(/\s+/g, "")))];
}

export function deadlineOf(text: string): string | null {
  const all = deadlines(text);
  return all.length ? all.join("，") : null;
}

// ---------------------------------------------------------------------------------------------
// Effective dates and validity

const EFFECTIVE_DATE = /自\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*起\s*(?:施行|实施|执行|生效)/u;
const EFFECTIVE_RELATIVE = /自\s*(印发|发布|公布|下发)\s*之日\s*起\s*(?:施行|实施|执行|生效)/u;
/** Validity of the text itself (`本办法有效期3年`, `有效期至2025年12月31日`), not of a title it grants. */
const VALIDITY = /(?:本|该)(?:条例|办法|规定|规则|细则|意见|方案|通知|决定|制度|政策|措施)[^。；]{0,30}?有效期(?:为|至)?\s*([^。；，,]{1,20})/u;

export interface EffectiveStatement {
  /** YYYY-MM-DD when the date is written out. */
  date: string | null;
  relativeTo: string | null;
  validity: string | null;
  /** The sentence that says it, verbatim. */
  sentence: string;
}

const pad = (n: string) => n.padStart(2, "0");

function sentenceAround(text: string, index: number): string {
  const before = text.slice(0, index);
  const start = Math.max(before.lastIndexOf("。"), before.lastIndexOf("；"), before.lastIndexOf("！")) + 1;
  const rest = text.slice(index);
  const endRel = rest.search(/[。；！]/u);
  const end = endRel < 0 ? text.length : index + endRel + 1;
  return text.slice(start, end).trim();
}

/** `本条例自 2019 年 5 月 15 日起施行。` → 2019-05-15; `本办法自印发之日起实施。` → relative. */
export function effectiveStatement(text: string): EffectiveStatement | null {
  const abs = EFFECTIVE_DATE.exec(text);
  const rel = abs ? null : EFFECTIVE_RELATIVE.exec(text);
  const val = VALIDITY.exec(text);
  if (!abs && !rel && !val) return null;
  const at = (abs ?? rel ?? val)!.index;
  return {
    date: abs ? `${abs[1]}-${pad(abs[2]!)}-${pad(abs[3]!)}` : null,
    relativeTo: rel ? `${rel[1]}之日` : null,
    validity: val ? val[1]!.replace(/\s+/g, "") : null,
    sentence: sentenceAround(text, at),
  };
}
