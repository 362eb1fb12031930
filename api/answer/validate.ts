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

function claimsOf(answer: string): string[] {
  return answer.split(/(?<=[。！？；\n])/u).map((s) => s.trim()).filter(Boolean);
}

export function validateAnswer(answer: string, hits: Hit[]): Validation {
  const claims: ValidatedClaim[] = [];
  const allText = normalizeForMatch(hits.map((h) => `${h.document.docNumber ?? ""}${h.document.title}${h.passage.text}`).join(""));
  for (const claim of claimsOf(answer)) {
    const markers = [...claim.matchAll(/\[(\d{1,3})\]/g)].map((m) => Number(m[1]));
    const plain = claim.replace(/\[\d{1,3}\]/g, "");
    for (const d of findDocNumbers(plain)) {
      const known = d.year === 0 ? allText.includes(`第${d.seq}号`) : allText.includes(normalizeForMatch(`〔${d.year}〕${d.seq}号`));
      if (!known) return { ok: false, reason: "the answer names a 文号 that no retrieved passage contains" };
    }
    const support: ValidatedClaim["support"] = [];
    for (const n of new Set(markers)) {
      const hit = hits[n - 1];
      if (!hit) continue;
      const best = splitSentences(hit.passage.text)
        .map((s) => ({ quote: s.text, score: supportScore(plain, s.text) }))
        .sort((a, b) => b.score - a.score)[0];
      if (best && best.score >= MIN_SUPPORT) support.push({ hit: n - 1, quote: best.quote });
    }
    const figures = [...plain.matchAll(FIGURE)].map((m) => normalizeForMatch(m[0]));
    const cited = normalizeForMatch(support.map((s) => hits[s.hit]!.passage.text).join(""));
    if (figures.some((f) => !(support.length ? cited : allText).includes(f))) {
      return { ok: false, reason: "the answer states a figure that its cited passages do not contain" };
    }
    claims.push({ text: plain.trim(), support });
  }
  if (!claims.some((c) => c.support.length > 0)) return { ok: false, reason: "no citation in the answer is supported by its passage" };
  return { ok: true, claims };
}
