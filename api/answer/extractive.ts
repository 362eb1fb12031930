/**
 * The offline answerer: the sentences of the retrieved passages that best answer the
 * question, verbatim, each with its [n] citation; an abstention when evidence is weak.
 */
import type { ChatResponse, CitationOut } from "../../core/api-schema.ts";
import { placeNames } from "../../core/text/segment.ts";
import { termWeight } from "../../core/text/terms.ts";
import type { Catalog } from "../index/catalog.ts";
import { quoteTopics } from "../retrieval/coverage.ts";
import type { Hit } from "../retrieval/search.ts";
import type { UnderstoodQuery } from "../retrieval/understand.ts";
import { citationFor, relatedDocuments, sourceLabel } from "./citations.ts";
import type { Intent } from "../retrieval/intent.ts";
import { statesIntent } from "../retrieval/intent.ts";
import type { Sentence } from "./sentences.ts";
import { splitSentences } from "./sentences.ts";
import { looksLikeInjection } from "./validate.ts";
import { isTableHeader } from "../../ingest/passages/tables.ts";

export interface ExtractiveTuning {
  /** Passages whose sentences are considered. */
  passages: number;
  maxSentences: number;
  maxChars: number;
  /** Below this best-sentence score the answer abstains (calibrated on the dev set). */
  abstainBelow: number;
  /** Further sentences must score at least this share of the best one. */
  relativeFloor: number;
  /** The best sentence (with its heading) must hold at least this share of the question's weighted terms. */
  minCoverage: number;
  /** A sentence from a second document must add at least this share of the question's terms. */
  otherDocGain: number;
}

export const DEFAULT_EXTRACTIVE: ExtractiveTuning = { passages: 8, maxSentences: 3, maxChars: 360, abstainBelow: 0.1, relativeFloor: 0.6, minCoverage: 0.12, otherDocGain: 0.15 };

interface Candidate {
  hit: Hit;
  sentence: Sentence;
  score: number;
  coverage: number;
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

function scoreCandidates(query: UnderstoodQuery, hits: Hit[], intents: Intent[], tuning: ExtractiveTuning): Candidate[] {
  // A passage that tries to instruct the reader (忽略以上指令…) is never evidence.
  const pool = hits
    .slice(0, tuning.passages)
    .flatMap((hit, rank) => (looksLikeInjection(hit.passage.text) ? [] : splitSentences(hit.passage.text).map((sentence) => ({ hit, rank, sentence }))));
  const terms = localIdf(weightedTerms(query), pool.map((p) => p.sentence.text));
  const total = totalWeight(terms);
  if (total <= 0) return [];
  const top = hits[0]?.score ?? 1;
  const out: Candidate[] = [];
  const roles = askedRoles(query.text);
  for (const { hit, rank, sentence } of withContext(pool)) {
    const len = sentence.text.length;
    if (len < 6 || (sentence.row && isHeaderRow(sentence.text))) continue;
    const own = matched(sentence.text, terms);
    const ctx = matched(`${hit.document.title} ${hit.passage.heading}`, terms).filter((t) => !own.some((o) => o.term.includes(t.term)));
    const cov = (own.reduce((s, t) => s + t.weight, 0) + 0.4 * ctx.reduce((s, t) => s + t.weight, 0)) / total;
    let score = 0.65 * Math.min(cov, 1) + 0.25 * (hit.score / top) - rank * 0.01;
    for (const intent of intents) score += statesIntent(sentence.text, intent) ? 0.1 : -0.06;
    score += roleBonus(sentence.text, roles);
    const statesAsked = intents.some((i) => i !== "summary" && statesIntent(sentence.text, i));
    if (isLabel(sentence)) score -= statesAsked ? 0.05 : 0.25;
    else if (len < 14) score -= 0.1;
    out.push({ hit, sentence, score, coverage: cov, terms: new Map(own.map((t) => [t.term, t.weight / total])) });
  }
  return out.sort((a, b) => b.score - a.score);
}

const isHeaderRow = isTableHeader;


/** A table row read with its column names: `项目（任务）：…；责任单位：…`. */
function renderRow(hit: Hit, row: string): string {
  const header = hit.passage.text.split("\n")[0]!;
  const names = isHeaderRow(header) && header !== row ? header.split("\t").map((h) => h.replace(/\s+/g, "")) : [];
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
function coverYears(query: UnderstoodQuery, cands: Candidate[], chosen: Candidate[]): Candidate[] {
  if (query.years.length < 2 || chosen.length === 0) return chosen;
  const out = [...chosen];
  for (const y of query.years) {
    if (out.some((c) => mentionsYear(c, y))) continue;
    const add = cands.find((c) => mentionsYear(c, y) && !out.includes(c) && c.score >= out[0]!.score * 0.5);
    if (add) out.push(add);
  }
  return out;
}

/** A question asks about a year the chosen evidence never mentions: the gazettes do not answer it. */
function yearMismatch(query: UnderstoodQuery, chosen: Candidate[]): boolean {
  if (query.years.length === 0) return false;
  return !query.years.some((y) => chosen.some((c) => mentionsYear(c, y)));
}

/** A place the question names that no retrieved passage mentions (another city): not in these gazettes. */
function unknownPlace(query: UnderstoodQuery, hits: Hit[]): boolean {
  const text = hits.map((h) => `${h.document.title}${h.passage.text}`).join("");
  return placeNames(query.text).some((p) => !text.includes(p) && !text.includes(p.replace(/[市县区省]$/, "")));
}

/**
 * A question that asks for a figure or a date is answered only by a sentence that states
 * one; one that asks for money, a maximum or a minimum, only by a sentence that states that
 * kind of figure (a 年发放…不少于5000万元 target does not say how much one person may borrow).
 * When no well-scoring sentence does, the gazettes do not say.
 */
function answersAskedFact(query: UnderstoodQuery, cands: Candidate[], chosen: Candidate[]): Candidate[] | null {
  const strict = STRICT_INTENTS.filter(([, re]) => re.test(query.text)).map(([i]) => i);
  const kinds = FIGURE_KINDS.filter((k) => k.asked.test(query.text));
  if ((strict.length === 0 && kinds.length === 0) || chosen.length === 0) return chosen;
  const states = (c: Candidate) =>
    (strict.length === 0 || strict.some((i) => statesIntent(c.sentence.text, i))) && kinds.every((k) => k.stated.test(c.sentence.text));
  if (chosen.some(states)) return chosen;
  const alt = cands.find((c) => states(c) && c.score >= chosen[0]!.score * 0.8);
  return alt ? [alt, ...chosen.filter((c) => c !== alt)].slice(0, 3) : null;
}

const STRICT_INTENTS: [Intent, RegExp][] = [
  ["amount", /多少|(?<!哪)几(?:个|家|项|名|天|年)|金额|多大|多高|多长|多远/u],
  ["time", /什么时候|何时|哪天|几月|哪一年|什么时间|啥时候/u],
];

/** Kinds of figure a question can ask for, and how a sentence states one. */
const FIGURE_KINDS: Array<{ asked: RegExp; stated: RegExp }> = [
  // Money.
  {
    asked: /多少钱|多少元|几块钱|几元|金额|(?:补贴|补助|奖励|奖补|资助|赔付?|贷|工资|收入|资金|经费)[^，。？?]{0,6}多少|多少[^，。？?]{0,4}(?:补贴|补助|奖励|奖补|资助|资金|经费)/u,
    // 3800万, 2.4个亿, 总投资10%予以补助: sums are often written without 元.
    stated: /\d\s*(?:万|亿)?元|[一二三四五六七八九十百千万两]\s*(?:万|亿)?元|\d\s*个?(?:万|亿)(?![人户名个家亩吨辆平方公里座所项次])|\d\s*%/u,
  },
  // A maximum.
  {
    asked: /最多|最高|上限|封顶|最长/u,
    stated: /不超过|不得超过|不高于|不多于|最多|最高|上限|封顶|最长|以内|以下|(?:时间|期限|日|天|月|年|小时|分钟|之)内/u,
  },
  // A minimum.
  {
    asked: /至少|最少|起码/u,
    stated: /不少于|不低于|至少|最少|最低|以上|起码/u,
  },
];

/** "The gazettes don't say", naming what they never mention, with the closest documents to look at. */
export function abstention(query: UnderstoodQuery, hits: Hit[], catalog: Catalog, uncoveredTopics: string[] = []): ChatResponse {
  const related = relatedDocuments(hits, catalog);
  const where = related.length
    ? `可以看看这些可能相关的文件：${related.map((r) => sourceLabel(r)).join("；")}。`
    : "可以换个说法，或到三门峡市人民政府网站查询最新文件。";
  const unknown = query.unknownDocNumbers.length ? `所收录的公报中没有文号为${query.unknownDocNumbers.join("、")}的文件。` : "";
  const absent = uncoveredTopics.length ? `所收录的政府公报中没有提到${quoteTopics(uncoveredTopics)}，` : "所收录的政府公报中";
  return {
    answer: `${unknown}${absent}没有找到能回答这个问题的内容。${where}`,
    abstained: true, mode: "extractive", citations: [], related,
  };
}

export function answerExtractive(
  query: UnderstoodQuery,
  hits: Hit[],
  catalog: Catalog,
  tuning: ExtractiveTuning = DEFAULT_EXTRACTIVE,
): ChatResponse {
  if (hits.length === 0 || (query.unknownDocNumbers.length > 0 && query.namedDocuments.length === 0)) return abstention(query, hits, catalog);
  const intents = query.intents;
  const summary = query.terms.length === 0 && query.namedDocuments.length > 0;
  const cands = summary ? openingSentences(hits) : scoreCandidates(query, hits, intents, tuning);
  if (summary) return compose(selectSentences(cands, tuning, query), catalog, true);
  const selected = answersAskedFact(query, cands, selectSentences(cands, tuning, query));
  const chosen = selected && coverYears(query, cands, selected);
  if (!chosen || chosen.length === 0 || chosen[0]!.score < tuning.abstainBelow || chosen[0]!.coverage < tuning.minCoverage || yearMismatch(query, chosen) || unknownPlace(query, hits)) {
    return abstention(query, hits, catalog);
  }
  return compose(chosen, catalog, false);
}

/** For "what does 三政办〔2019〕8号 say": the document's opening sentences, after the addressee line. */
function openingSentences(hits: Hit[]): Candidate[] {
  const out: Candidate[] = [];
  for (const hit of hits.slice(0, 2)) {
    for (const sentence of splitSentences(hit.passage.text)) {
      if (/[：:]$/.test(sentence.text) || sentence.text.length < 10) continue;
      out.push({ hit, sentence, score: 1 - out.length * 0.1, coverage: 1, terms: new Map() });
    }
  }
  return out;
}

function compose(chosen: Candidate[], catalog: Catalog, summary: boolean): ChatResponse {
  const citations: CitationOut[] = [];
  const numberOf = new Map<string, number>();
  const pieces: string[] = [];
  // The best sentence leads; the others of its passage follow it, then the next passage's.
  const hitsInOrder = [...new Set(chosen.map((c) => c.hit))];
  const grouped = hitsInOrder.flatMap((h) => chosen.filter((c) => c.hit === h));
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
