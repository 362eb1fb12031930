/**
 * The offline answerer: the sentences of the retrieved passages that best answer the
 * question, verbatim, each with its [n] citation; an abstention when evidence is weak.
 */
import type { ChatResponse, CitationOut } from "../../core/api-schema.ts";
import { cutForSearch } from "../../core/text/segment.ts";
import { termWeight } from "../../core/text/terms.ts";
import type { Catalog } from "../index/catalog.ts";
import type { Hit } from "../retrieval/search.ts";
import type { UnderstoodQuery } from "../retrieval/understand.ts";
import { citationFor, relatedDocuments, sourceLabel } from "./citations.ts";
import type { Intent } from "./intent.ts";
import { questionIntents, statesIntent } from "./intent.ts";
import type { Sentence } from "./sentences.ts";
import { splitSentences } from "./sentences.ts";

export interface ExtractiveTuning {
  /** Passages whose sentences are considered. */
  passages: number;
  maxSentences: number;
  maxChars: number;
  /** Below this best-sentence score the answer abstains (calibrated on the dev set). */
  abstainBelow: number;
  /** Further sentences must score at least this share of the best one. */
  relativeFloor: number;
}

export const DEFAULT_EXTRACTIVE: ExtractiveTuning = { passages: 6, maxSentences: 3, maxChars: 360, abstainBelow: 0.34, relativeFloor: 0.6 };

interface Candidate {
  hit: Hit;
  sentence: Sentence;
  score: number;
  coverage: number;
}

interface WeightedTerm {
  term: string;
  weight: number;
}

function weightedTerms(query: UnderstoodQuery): WeightedTerm[] {
  const terms = new Map<string, number>();
  for (const t of query.terms) terms.set(t, termWeight(t));
  for (const e of query.expansions) for (const t of cutForSearch(e)) if (!terms.has(t)) terms.set(t, termWeight(t) * 0.6);
  return [...terms].map(([term, weight]) => ({ term, weight }));
}

/** Share of the question's (weighted) words a text contains; sub-words of a matched word are not counted twice. */
function coverage(text: string, terms: WeightedTerm[]): number {
  const lower = text.toLowerCase();
  const present = terms.filter((t) => lower.includes(t.term));
  const counted = present.filter((t) => !present.some((o) => o.term !== t.term && o.term.includes(t.term)));
  const missing = terms.filter((t) => !lower.includes(t.term) && !present.some((o) => o.term.includes(t.term)));
  const got = counted.reduce((s, t) => s + t.weight, 0);
  const lost = missing.filter((t) => !terms.some((o) => o.term !== t.term && t.term.includes(o.term) && lower.includes(o.term)));
  const total = got + lost.reduce((s, t) => s + t.weight, 0);
  return total === 0 ? 0 : got / total;
}

function scoreCandidates(query: UnderstoodQuery, hits: Hit[], intents: Intent[], tuning: ExtractiveTuning): Candidate[] {
  const terms = weightedTerms(query);
  const top = hits[0]?.score ?? 1;
  const out: Candidate[] = [];
  hits.slice(0, tuning.passages).forEach((hit, rank) => {
    const prior = hit.score / top;
    const headingCov = coverage(`${hit.document.title} ${hit.passage.heading}`, terms);
    for (const sentence of splitSentences(hit.passage.text)) {
      const len = sentence.text.length;
      if (len < 6 || (!sentence.row && isHeaderRow(sentence.text))) continue;
      const cov = coverage(sentence.text, terms);
      const context = Math.max(cov, 0.5 * cov + 0.5 * headingCov);
      let score = 0.7 * context + 0.3 * prior - rank * 0.01;
      if (intents.some((i) => statesIntent(sentence.text, i))) score += 0.08;
      if (len < 14) score -= 0.1;
      out.push({ hit, sentence, score, coverage: context });
    }
  });
  return out.sort((a, b) => b.score - a.score);
}

function isHeaderRow(text: string): boolean {
  return /^序号|^项目/.test(text) && text.length < 30;
}

/** A table row read with its column names: `项目（任务）：…；责任单位：…`. */
function renderRow(hit: Hit, row: string): string {
  const header = hit.passage.text.split("\n")[0]!;
  const names = header.includes("\t") ? header.split("\t").map((h) => h.replace(/\s+/g, "")) : [];
  const cells = row.split("\t");
  const parts = cells
    .map((c, i) => [names[i] ?? "", c.trim()] as const)
    .filter(([name, c]) => c && name !== "序号");
  return parts.map(([name, c]) => (name ? `${name}：${c}` : c)).join("；");
}

function nearDuplicate(a: string, b: string): boolean {
  return a.includes(b) || b.includes(a);
}

function selectSentences(cands: Candidate[], tuning: ExtractiveTuning, query: UnderstoodQuery): Candidate[] {
  const best = cands[0];
  if (!best) return [];
  const chosen: Candidate[] = [best];
  let chars = best.sentence.text.length;
  for (const c of cands.slice(1)) {
    if (chosen.length >= tuning.maxSentences || chars >= tuning.maxChars) break;
    if (c.score < best.score * tuning.relativeFloor || c.score < tuning.abstainBelow) break;
    if (chosen.some((x) => nearDuplicate(x.sentence.text, c.sentence.text))) continue;
    if (chars + c.sentence.text.length > tuning.maxChars * 1.3) continue;
    const docs = new Set(chosen.map((x) => x.hit.document.id));
    if (!docs.has(c.hit.document.id) && docs.size >= 2 && query.namedDocuments.length === 0) continue;
    chosen.push(c);
    chars += c.sentence.text.length;
  }
  return chosen;
}

/** A question asks about a year the chosen evidence never mentions: the gazettes do not answer it. */
function yearMismatch(query: UnderstoodQuery, chosen: Candidate[]): boolean {
  if (query.years.length === 0) return false;
  return !query.years.some((y) =>
    chosen.some((c) => c.hit.issue.year === y || c.hit.document.title.includes(String(y)) || c.hit.passage.text.includes(String(y)) || c.hit.passage.heading.includes(String(y))),
  );
}

export function abstention(query: UnderstoodQuery, hits: Hit[], catalog: Catalog, note?: string): ChatResponse {
  const related = relatedDocuments(hits, catalog);
  const where = related.length
    ? `可以看看这些可能相关的文件：${related.map((r) => sourceLabel(r)).join("；")}。`
    : "可以换个说法，或到三门峡市人民政府网站查询最新文件。";
  const unknown = query.unknownDocNumbers.length ? `所收录的公报中没有文号为${query.unknownDocNumbers.join("、")}的文件。` : "";
  return {
    answer: `${unknown}所收录的政府公报中没有找到能回答这个问题的内容。${where}`,
    abstained: true, mode: "extractive", citations: [], related, ...(note ? { note } : {}),
  };
}

export function answerExtractive(
  query: UnderstoodQuery,
  hits: Hit[],
  catalog: Catalog,
  tuning: ExtractiveTuning = DEFAULT_EXTRACTIVE,
): ChatResponse {
  if (hits.length === 0 || (query.unknownDocNumbers.length > 0 && query.namedDocuments.length === 0)) return abstention(query, hits, catalog);
  const intents = questionIntents(query.text);
  const summary = query.terms.length === 0 && query.namedDocuments.length > 0;
  const cands = summary ? openingSentences(hits) : scoreCandidates(query, hits, intents, tuning);
  const chosen = selectSentences(cands, tuning, query);
  if (!summary && (chosen.length === 0 || chosen[0]!.score < tuning.abstainBelow || yearMismatch(query, chosen))) {
    return abstention(query, hits, catalog);
  }
  return compose(chosen, catalog, summary);
}

/** For "what does 三政办〔2019〕8号 say": the document's opening sentences, after the addressee line. */
function openingSentences(hits: Hit[]): Candidate[] {
  const out: Candidate[] = [];
  for (const hit of hits.slice(0, 2)) {
    for (const sentence of splitSentences(hit.passage.text)) {
      if (/[：:]$/.test(sentence.text) || sentence.text.length < 10) continue;
      out.push({ hit, sentence, score: 1 - out.length * 0.1, coverage: 1 });
    }
  }
  return out;
}

function compose(chosen: Candidate[], catalog: Catalog, summary: boolean): ChatResponse {
  const citations: CitationOut[] = [];
  const numberOf = new Map<string, number>();
  const pieces: string[] = [];
  const hitsInOrder = [...new Set(chosen.map((c) => c.hit))];
  const grouped = hitsInOrder.flatMap((h) => chosen.filter((c) => c.hit === h).sort((a, b) => a.sentence.start - b.sentence.start));
  for (const c of grouped) {
    const key = `${c.hit.passage.id}\u0000${c.sentence.text}`;
    let n = numberOf.get(key);
    if (n === undefined) {
      n = citations.length + 1;
      numberOf.set(key, n);
      citations.push(citationFor(n, c.hit, c.sentence.text, catalog));
    }
    const text = c.sentence.row ? `${renderRow(c.hit, c.sentence.text)}。` : c.sentence.text;
    pieces.push(`${text}[${n}]`);
  }
  const lead = summary && citations[0] ? `${sourceLabel(citations[0])}的主要内容：` : "";
  return { answer: lead + pieces.join(""), abstained: false, mode: "extractive", citations };
}
