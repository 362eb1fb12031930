/** The 文号 (document number) normal form: `三政办〔2020〕5号`, `国务院令第711号`. */

export interface DocNumber {
  prefix: string;
  year: number;
  seq: number;
}

const OPEN = "[〔［\\[(（【{｛]";
const CLOSE = "[〕］\\])）】}｝]";
const WHOLE = new RegExp(`^(\\p{Script=Han}{1,10})\\s*${OPEN}\\s*(\\d{4})\\s*${CLOSE}\\s*(\\d{1,4})\\s*号$`, "u");
const DECREE = /^(?:中华人民共和国)?国务院令\s*第\s*(\d{1,4})\s*号$/u;

/** Parse a string that is exactly one 文号 (spaces and bracket variants tolerated). */
export function parseDocNumber(raw: string): DocNumber | null {
  const s = raw.normalize("NFKC").replace(/\s+/g, " ").replace(/(?<=\p{Script=Han}) (?=\p{Script=Han})/gu, "").trim();
  const m = WHOLE.exec(s);
  if (!m) return null;
  return { prefix: m[1]!, year: Number(m[2]), seq: Number(m[3]) };
}

export function formatDocNumber(d: DocNumber): string {
  return `${d.prefix}〔${d.year}〕${d.seq}号`;
}

/** Normal form of a 文号 or decree number, or null when the string is not one. */
export function normalizeDocNumber(raw: string): string | null {
  const parsed = parseDocNumber(raw);
  if (parsed) return formatDocNumber(parsed);
  const decree = DECREE.exec(raw.normalize("NFKC").trim());
  if (decree) return `国务院令第${Number(decree[1])}号`;
  return null;
}

/**
 * A 文号 as people type it into a search box, without the brackets or with a 第 or 年 the printed
 * form lacks: 三政办2020第5号, 三政办2020年5号, 三政办 2020 5号. Only for typed input: the parser
 * recognises printed 文号 with `parseDocNumber`, which stays strict.
 */
const TYPED = /^(\p{Script=Han}{1,10}?)\s*[〔［\[(（【{｛]?\s*(\d{4})\s*(?:年)?\s*[〕］\])）】}｝]?\s*(?:第)?\s*(\d{1,4})\s*号$/u;

/** The normal form (`normalizeDocNumber`) of a 文号 a person typed, however loosely; null when it is not one. */
export function normalizeTypedDocNumber(raw: string): string | null {
  const strict = normalizeDocNumber(raw);
  if (strict) return strict;
  const s = raw.normalize("NFKC").replace(/\s+/g, " ").trim();
  const m = TYPED.exec(s);
  return m ? formatDocNumber({ prefix: m[1]!, year: Number(m[2]), seq: Number(m[3]) }) : null;
}

const IN_TEXT = new RegExp(`(\\p{Script=Han}{1,10}?)\\s*${OPEN}\\s*(\\d{4})\\s*${CLOSE}\\s*(\\d{1,4})\\s*号`, "gu");
const DECREE_IN_TEXT = /国务院令\s*第\s*(\d{1,4})\s*号/gu;

/**
 * Every 文号-like mention inside free text (a question, a passage). The prefix is
 * returned as written plus its longer candidates, since a sentence runs into it
 * (`请问三政办〔2019〕8号` → prefix candidates end with `三政办`).
 */
export function findDocNumbers(text: string): { prefixTail: string; year: number; seq: number }[] {
  const s = text.normalize("NFKC");
  const out: { prefixTail: string; year: number; seq: number }[] = [];
  const greedy = new RegExp(IN_TEXT.source.replace("{1,10}?", "{1,10}"), "gu");
  for (const m of s.matchAll(greedy)) out.push({ prefixTail: m[1]!, year: Number(m[2]), seq: Number(m[3]) });
  for (const m of s.matchAll(DECREE_IN_TEXT)) out.push({ prefixTail: "国务院令", year: 0, seq: Number(m[1]) });
  return out;
}
