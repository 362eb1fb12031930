/**
 * Candidate sentences for a fact answer: every sentence of the retrieved passages, scored by
 * the question's terms (re-weighted by how rare they are among the candidates), the passage's
 * rank and whether it states the kind of fact asked; then a short, non-redundant selection.
 */
import { termWeight } from "../../core/text/terms.ts";
import type { Kind } from "../question/kinds.ts";
import { statesFigures, statesKind } from "../question/kinds.ts";
import type { UnderstoodQuery } from "../question/understand.ts";
import type { Hit } from "../retrieval/search.ts";
import type { Sentence } from "./sentences.ts";
import { splitSentences } from "./sentences.ts";
import { looksLikeInjection } from "./validate.ts";
import { isTableHeader } from "../../core/text/table-rows.ts";

/** How many sentences a fact answer holds and how they are picked (first values of the old answerer, kept). */
export const SELECTION = {
  /** Passages whose sentences are considered. */
  passages: 8,
  maxSentences: 3,
  maxChars: 360,
  /** Further sentences must score at least this share of the best one, and at least `floor`. */
  relativeFloor: 0.6,
  floor: 0.1,
  /** A sentence from a second document must add at least this share of the question's terms. */
  otherDocGain: 0.15,
  /** Sentences already quoted in the previous answer lose this much: a follow-up is answered with something new. */
  repeatPenalty: 0.5,
};

/** Scores of a sentence: stating the asked kind, being a bare label, being too short. */
const SCORING = { coverage: 0.65, rank: 0.25, rankStep: 0.01, context: 0.4, statesKind: 0.1, missesKind: -0.06, label: -0.25, labelStating: -0.05, short: -0.1 };

export interface Candidate {
  hit: Hit;
  sentence: Sentence;
  score: number;
  coverage: number;
  /** The sentence states a kind of fact the question asks for. */
  statesAsked: boolean;
  /** Question terms the sentence itself holds, with their weights as shares of the question's total. */
  terms: Map<string, number>;
}

interface WeightedTerm {
  term: string;
  weight: number;
  /** Official words that say the same thing: a resident's 坐公交 is met by 城市公共交通. */
  alts: string[];
}

/**
 * The question's words, each with the official terms that stand for it: a word inside an
 * everyday phrase the lexicon knows is satisfied by any of that phrase's official terms.
 */
function weightedTerms(query: UnderstoodQuery): WeightedTerm[] {
  return query.terms.map((term) => {
    const alts = query.expansionGroups.filter((g) => g.phrase.includes(term) || term.includes(g.phrase)).flatMap((g) => g.terms);
    return { term, weight: termWeight(term), alts };
  });
}

function holds(lower: string, t: WeightedTerm): boolean {
  return lower.includes(t.term) || t.alts.some((a) => lower.includes(a));
}

/** Terms of the question present in a text, without counting a sub-word of a matched word twice. */
function matched(text: string, terms: WeightedTerm[]): WeightedTerm[] {
  const lower = text.toLowerCase();
  const present = terms.filter((t) => holds(lower, t));
  return present.filter((t) => !present.some((o) => o.term !== t.term && o.term.includes(t.term)));
}

/** The weight a question's terms can earn: a sub-word counts only when no longer term contains it. */
function totalWeight(terms: WeightedTerm[]): number {
  return terms.filter((t) => !terms.some((o) => o.term !== t.term && o.term.includes(t.term))).reduce((s, t) => s + t.weight, 0);
}

/**
 * Re-weight terms by how rare they are among the candidate sentences: a word every
 * retrieved sentence shares (the document's topic) says less than the one that
 * distinguishes the answer (奖励, 条件, 多少天).
 */
function localIdf(terms: WeightedTerm[], sentences: string[]): WeightedTerm[] {
  const n = sentences.length || 1;
  const lower = sentences.map((s) => s.toLowerCase());
  return terms.map((t) => {
    const df = lower.filter((s) => holds(s, t)).length;
    return { ...t, weight: t.weight * Math.log((n + 1) / (df + 0.5)) };
  });
}

const LABEL_ONLY = /^[（(]?[一二三四五六七八九十\d]{1,3}[、.．)）]?\s*\S{0,30}$/u;

/** A heading or title line: it names a topic but states nothing. */
function isLabel(s: Sentence): boolean {
  return !s.row && !/[。！？；]/.test(s.text) && (s.text.length <= 40 || LABEL_ONLY.test(s.text));
}

/**
 * A sentence too short to stand alone (`2021年3月底前完成。`) is quoted together with the
 * sentence before it: still one verbatim span of the passage.
 */
function withContext(pool: { hit: Hit; rank: number; sentence: Sentence }[]): { hit: Hit; rank: number; sentence: Sentence }[] {
  return pool.map((p, i) => {
    const prev = pool[i - 1];
    if (p.sentence.row || p.sentence.text.length >= 20 || !prev || prev.hit !== p.hit || prev.sentence.row) return p;
    const start = prev.sentence.start;
    const text = p.hit.passage.text.slice(start, p.sentence.start + p.sentence.text.length);
    return text.includes("\n") ? p : { ...p, sentence: { text, start, row: false } };
  });
}

/** Roles a question asks a name for: `指挥长是谁` → 指挥长. */
function askedRoles(question: string): string[] {
  return [...question.matchAll(/(\p{Script=Han}{2,6})(?:是谁|由谁担任|叫什么|是哪位)/gu)]
    .map((m) => m[1]!.split(/[的之里中]/).pop()!)
    .filter((r) => r.length >= 2);
}

/** A `职务：姓名` line whose label is exactly the asked role wins; a deputy (副…) of it loses. */
function roleBonus(sentence: string, roles: string[]): number {
  const label = /^([^：:，。]{1,12})[：:]/.exec(sentence)?.[1]?.replace(/\s+/g, "");
  if (!label || roles.length === 0) return 0;
  if (roles.some((r) => label === r || label.endsWith(r) && !label.startsWith("副") && !label.includes("副" + r))) return 0.25;
  return roles.some((r) => label.includes(r)) ? -0.1 : 0;
}

/** Clauses of a sentence: a parenthetical (`（责任单位：…）`) whole, other text up to ，；： or 。. */
const CLAUSE = /[（(][^）)]*[）)][。；]?|[^，；：（(]+[，；：。！？]?/gu;

/**
 * The part of a sentence that states the kinds asked: a follow-up asking who leads a task the
 * previous answer quoted is answered with that sentence's `（主要责任单位：…）`, not the whole
 * sentence again. Null when no clause, or every clause, states them.
 */
export function focusClauses(sentence: Sentence, kinds: readonly Kind[]): Sentence | null {
  if (sentence.row || kinds.length === 0) return null;
  const clauses = [...sentence.text.matchAll(CLAUSE)].filter((m) => m[0].trim());
  const stating = clauses.filter((m) => kinds.some((k) => statesKind(m[0], k)));
  if (stating.length === 0 || stating.length === clauses.length) return null;
  const first = stating[0]!;
  const last = stating[stating.length - 1]!;
  const raw = sentence.text.slice(first.index, last.index + last[0].length);
  const lead = raw.length - raw.trimStart().length;
  return { text: raw.trim(), start: sentence.start + first.index + lead, row: false };
}

/** Kinds whose statement a sentence can show (a list or a summary is not one sentence's kind). */
const SENTENCE_KINDS: readonly Kind[] = ["who", "amount", "time", "place", "condition", "procedure", "yesno"];

export function scoreCandidates(query: UnderstoodQuery, hits: Hit[], previousAnswer: string | null = null, askedBefore: readonly Kind[] = []): Candidate[] {
  const kinds = query.kinds.filter((k) => SENTENCE_KINDS.includes(k));
  const newKinds = kinds.filter((k) => !askedBefore.includes(k));
  // A passage that tries to instruct the reader (忽略以上指令…) is never evidence.
  const pool = hits
    .slice(0, SELECTION.passages)
    .flatMap((hit, rank) => (looksLikeInjection(hit.passage.text) ? [] : splitSentences(hit.passage.text).map((sentence) => ({ hit, rank, sentence }))));
  const terms = localIdf(weightedTerms(query), pool.map((p) => p.sentence.text));
  const total = totalWeight(terms);
  if (total <= 0) return [];
  const top = hits[0]?.score ?? 1;
  const out: Candidate[] = [];
  const roles = askedRoles(query.text);
  for (const p of withContext(pool)) {
    const { hit, rank } = p;
    // Already quoted in the previous answer: what is new is the part stating what is asked now.
    const repeated = previousAnswer?.includes(p.sentence.text) ?? false;
    const focused = repeated ? focusClauses(p.sentence, newKinds) : null;
    const sentence = focused ?? p.sentence;
    const len = sentence.text.length;
    if (len < 6 || (sentence.row && isTableHeader(sentence.text))) continue;
    const own = matched(sentence.text, terms);
    const ctx = matched(`${hit.document.title} ${hit.passage.heading}`, terms).filter((t) => !own.some((o) => o.term.includes(t.term)));
    const cov = (own.reduce((s, t) => s + t.weight, 0) + SCORING.context * ctx.reduce((s, t) => s + t.weight, 0)) / total;
    let score = SCORING.coverage * Math.min(cov, 1) + SCORING.rank * (hit.score / top) - rank * SCORING.rankStep;
    for (const kind of kinds) score += statesKind(sentence.text, kind) ? SCORING.statesKind : SCORING.missesKind;
    score += roleBonus(sentence.text, roles);
    const statesAsked = kinds.some((k) => statesKind(sentence.text, k));
    if (isLabel(sentence)) score += statesAsked ? SCORING.labelStating : SCORING.label;
    else if (len < 14) score += SCORING.short;
    if (repeated && !focused) score -= SELECTION.repeatPenalty;
    out.push({ hit, sentence, score, coverage: cov, statesAsked, terms: new Map(own.map((t) => [t.term, t.weight / total])) });
  }
  return out.sort((a, b) => b.score - a.score);
}

/** A table row read with its column names: `项目（任务）：…；责任单位：…`. */
export function renderRow(hit: Hit, row: string): string {
  const header = hit.passage.text.split("\n")[0]!;
  const names = isTableHeader(header) && header !== row ? header.split("\t").map((h) => h.replace(/\s+/g, "")) : [];
  const cells = row.split("\t");
  const parts = cells
    .map((c, i) => [names[i] ?? "", c.trim()] as const)
    .filter(([name, c]) => c && name !== "序号");
  return parts.map(([name, c]) => (name ? `${name}：${c}` : c)).join("；");
}

/** Share of the question a sentence adds beyond the sentences already chosen. */
function marginal(c: Candidate, chosen: Candidate[]): number {
  let gain = 0;
  for (const [term, w] of c.terms) if (!chosen.some((x) => [...x.terms.keys()].some((k) => k.includes(term)))) gain += w;
  return gain;
}

function nearDuplicate(a: string, b: string): boolean {
  return a.includes(b) || b.includes(a);
}

const mentionsYear = (c: Candidate, y: number) =>
  c.hit.issue.year === y || `${c.hit.document.title}${c.hit.passage.heading}${c.sentence.text}`.includes(String(y));

export function selectSentences(cands: Candidate[], query: UnderstoodQuery): Candidate[] {
  const tuning = SELECTION;
  const best = cands[0];
  if (!best) return [];
  const chosen: Candidate[] = [best];
  let chars = best.sentence.text.length;
  for (const c of cands.slice(1)) {
    if (chosen.length >= tuning.maxSentences || chars >= tuning.maxChars) break;
    if (c.score < best.score * tuning.relativeFloor || c.score < tuning.floor) break;
    if (chosen.some((x) => nearDuplicate(x.sentence.text, c.sentence.text))) continue;
    if (chars + c.sentence.text.length > tuning.maxChars * 1.3) continue;
    const docs = new Set(chosen.map((x) => x.hit.document.id));
    const strong = c.score >= best.score * 0.85 || marginal(c, chosen) >= tuning.otherDocGain;
    // A question about a year is answered from that year's documents: another year's figure is no second answer.
    const offYear = query.years.length > 0 && !query.years.some((y) => mentionsYear(c, y));
    if (!docs.has(c.hit.document.id) && (docs.size >= 2 || !strong || offYear)) continue;
    chosen.push(c);
    chars += c.sentence.text.length;
  }
  return chosen;
}

/**
 * A question comparing years (`2019年和2024年分别…`) needs evidence for each: add the best
 * sentence for a year the chosen ones leave out.
 */
export function coverYears(query: UnderstoodQuery, cands: Candidate[], chosen: Candidate[]): Candidate[] {
  if (query.years.length < 2 || chosen.length === 0) return chosen;
  const out = [...chosen];
  for (const y of query.years) {
    if (out.some((c) => mentionsYear(c, y))) continue;
    const add = cands.find((c) => mentionsYear(c, y) && !out.includes(c) && c.score >= out[0]!.score * 0.5);
    if (add) out.push(add);
  }
  return out;
}

/**
 * The chosen sentences, led by one stating the figures the question demands (kinds.ts, `figuresAsked`).
 * Returns null when no well-scoring sentence does: the plan then reports the asked fact unstated.
 */
export function answersAskedFact(query: UnderstoodQuery, cands: Candidate[], chosen: Candidate[]): Candidate[] | null {
  if (query.figures.length === 0 || chosen.length === 0) return chosen;
  const states = (c: Candidate) => statesFigures(c.sentence.text, query.figures);
  if (chosen.some(states)) return chosen;
  const alt = cands.find((c) => states(c) && c.score >= chosen[0]!.score * 0.8);
  return alt ? [alt, ...chosen.filter((c) => c !== alt)].slice(0, 3) : null;
}
