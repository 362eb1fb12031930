/**
 * Checking a model-written answer against the passages it cites: markers must point to
 * retrieved passages, each cited claim must be supported by its passage, and no 文号 or
 * figure may appear that the cited passages do not contain.
 */
import { findDocNumbers } from "../../core/text/doc-number.ts";
import { normalizeForMatch } from "../../core/text/normalize.ts";
import type { Hit } from "../retrieval/search.ts";
import { splitSentences } from "./sentences.ts";

export interface ValidatedClaim {
  text: string;
  /** Passage index (0-based into hits) and the verbatim sentence that supports the claim. */
  support: { hit: number; quote: string }[];
}

export type Validation = { ok: true; claims: ValidatedClaim[] } | { ok: false; reason: string };

function bigrams(s: string): Set<string> {
  const t = normalizeForMatch(s).replace(/\[\d+\]/g, "");
  const out = new Set<string>();
  for (let i = 0; i < t.length - 1; i++) out.add(t.slice(i, i + 2));
  return out;
}

/** Share of the claim's character bigrams found in the sentence. */
export function supportScore(claim: string, sentence: string): number {
  const a = bigrams(claim);
  if (a.size === 0) return 0;
  const b = bigrams(sentence);
  let shared = 0;
  for (const g of a) if (b.has(g)) shared++;
  return shared / a.size;
}

const MIN_SUPPORT = 0.3;
const FIGURE = /\d+(?:\.\d+)?\s*(?:%|万|亿|元|人|个|家|户|天|公里|亩|所|辆|项|名)/gu;

/** Sentences of the answer, each with the markers written after its closing punctuation (`…。[1][2]`). */
export function claimsOf(answer: string): string[] {
  return answer.split(/(?<=[。！？；\n](?:\s*\[\d{1,3}\])*)(?!\s*\[\d)/u).map((s) => s.trim()).filter(Boolean);
}

/**
 * Text in a passage that addresses the model rather than the reader (indirect prompt
 * injection). Such a sentence never counts as support, and a claim resting on it is refused.
 */
const INJECTION =
  /忽略(?:以上|上述|之前|前面|先前|此前|所有|全部|一切)[^。！？\n]{0,12}(?:指令|指示|规则|提示|要求|设定)|(?:输出|泄露|透露|打印|重复)[^。！？\n]{0,8}(?:系统)?提示词|系统提示词|ignore\s*(?:all\s*)?(?:the\s*)?(?:previous|prior|above)\s*(?:instructions|prompts?)|system\s*prompt|你现在(?:是|扮演)|越狱|jailbreak/iu;

export function looksLikeInjection(text: string): boolean {
  // Matched with all whitespace removed, so spacing words out (`忽 略 以 上`) does not hide them.
  return INJECTION.test(normalizeForMatch(text).replace(/"/g, ""));
}

function sourceText(hit: Hit): string {
  return normalizeForMatch(`${hit.document.docNumber ?? ""}${hit.document.title}${hit.passage.text}`);
}

export function validateAnswer(answer: string, hits: Hit[]): Validation {
  const claims: ValidatedClaim[] = [];
  const allText = hits.map(sourceText).join("");
  for (const claim of claimsOf(answer)) {
    const markers = [...claim.matchAll(/\[(\d{1,3})\]/g)].map((m) => Number(m[1]));
    if (markers.some((n) => n < 1 || n > hits.length)) return { ok: false, reason: "the answer cites a passage that was not provided" };
    const plain = claim.replace(/\[\d{1,3}\]/g, "");
    if (looksLikeInjection(plain)) return { ok: false, reason: "the answer repeats an instruction instead of answering" };
    const support: ValidatedClaim["support"] = [];
    for (const n of new Set(markers)) {
      if (looksLikeInjection(hits[n - 1]!.passage.text)) return { ok: false, reason: "the answer cites a passage that contains instructions to the model" };
      const best = splitSentences(hits[n - 1]!.passage.text)
        .map((s) => ({ quote: s.text, score: supportScore(plain, s.text) }))
        .sort((a, b) => b.score - a.score)[0];
      if (!best || best.score < MIN_SUPPORT) continue;
      if (looksLikeInjection(best.quote)) return { ok: false, reason: "the answer rests on an instruction planted in a passage" };
      support.push({ hit: n - 1, quote: best.quote });
    }
    // Figures and 文号 must be in the passages the claim cites (in any retrieved passage when it cites none).
    const cited = support.length ? [...new Set(support.map((s) => s.hit))].map((i) => sourceText(hits[i]!)).join("") : allText;
    for (const d of findDocNumbers(plain)) {
      const known = d.year === 0 ? cited.includes(`第${d.seq}号`) : cited.includes(normalizeForMatch(`〔${d.year}〕${d.seq}号`));
      if (!known) return { ok: false, reason: "the answer names a 文号 that its cited passages do not contain" };
    }
    const figures = [...plain.matchAll(FIGURE)].map((m) => normalizeForMatch(m[0]));
    if (figures.some((f) => !cited.includes(f))) {
      return { ok: false, reason: "the answer states a figure that its cited passages do not contain" };
    }
    claims.push({ text: plain.trim(), support });
  }
  if (!claims.some((c) => c.support.length > 0)) return { ok: false, reason: "no citation in the answer is supported by its passage" };
  return { ok: true, claims };
}
