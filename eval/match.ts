/**
 * When a retrieved or cited document counts as a gold document (contract.md): equal
 * normalised 文号, or — only where the gold entry has no number — matching titles.
 */
import { normalizeDocNumber } from "../core/text/doc-number.ts";

export interface GoldRef {
  doc_number: string | null;
  title: string;
}

export interface DocRef {
  docNumber: string | null;
  title: string;
}

/** A title's comparable form: NFKC, no whitespace, no punctuation or symbols (《》——、…). */
export function normalizeTitle(title: string): string {
  return title.normalize("NFKC").replace(/[\s\p{P}\p{S}]/gu, "");
}

/** Shorter titles than this must match exactly: `关于…的通知` fragments would match too much. */
export const MIN_CONTAINED_TITLE = 10;

/**
 * Equal, or one contains the other when the shorter is long enough: the parser titles a
 * speech `main title——subtitle`, while the dataset may give only the main title.
 */
export function titlesMatch(a: string, b: string): boolean {
  const x = normalizeTitle(a);
  const y = normalizeTitle(b);
  if (!x || !y) return false;
  if (x === y) return true;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return short.length >= MIN_CONTAINED_TITLE && long.includes(short);
}

function docNumberForm(raw: string): string {
  return normalizeDocNumber(raw) ?? raw.normalize("NFKC").replace(/\s+/g, "");
}

export function matchesGold(doc: DocRef, gold: GoldRef): boolean {
  if (gold.doc_number) return doc.docNumber !== null && docNumberForm(doc.docNumber) === docNumberForm(gold.doc_number);
  return titlesMatch(doc.title, gold.title);
}

export function isGoldDoc(doc: DocRef, gold: readonly GoldRef[]): boolean {
  return gold.some((g) => matchesGold(doc, g));
}
