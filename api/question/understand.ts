/**
 * Reading a question: what it names (文号, year, issue), what kind of answer it asks for, its
 * topic, and the words to search for (its own and the official terms for its everyday words).
 */
import type { GazetteDocument, Issue } from "../../core/model.ts";
import type { Expansion } from "../../core/lexicon/lexicon.ts";
import { expandQuery } from "../../core/lexicon/lexicon.ts";
import { findDocNumbers } from "../../core/text/doc-number.ts";
import { normalizeQuery } from "../../core/text/normalize.ts";
import { cutForSearch } from "../../core/text/segment.ts";
import { QUERY_STOPWORDS } from "../../core/text/stopwords.ts";
import type { Catalog } from "../index/catalog.ts";
import type { Figure, Kind } from "./kinds.ts";
import { figuresAsked, kindsAsked, maskCues } from "./kinds.ts";

export interface UnderstoodQuery {
  text: string;
  /** Documents the question names by 文号. */
  namedDocuments: GazetteDocument[];
  /** 文号 the question names that no document in the index has. */
  unknownDocNumbers: string[];
  years: number[];
  /** Issues named explicitly (总第N号, 2021年第3号, 2021年那期). */
  issues: Issue[];
  /** The question refers to a table (台账, 一览表, 表里). */
  tableAsked: boolean;
  /** Keyword terms from the question itself. */
  terms: string[];
  /** Official terms for everyday words in the question. */
  expansions: string[];
  /** The everyday phrases found, each with the official terms it stands for. */
  expansionGroups: Expansion[];
  /** Text to embed: the question plus the official terms. */
  vectorText: string;
  /** Kinds of answer the question asks for (kinds.ts); empty when it only names a topic. */
  kinds: Kind[];
  /** The precise figures it demands (a sum of money, a maximum…): only a sentence stating them answers it. */
  figures: Figure[];
  /** Keyword terms of the topic alone: the question without its ways of asking and without a named 文号 or issue. */
  topic: string[];
}

const LOOSE_DOC_NUMBER = /(\p{Script=Han}{1,10})\s*(\d{4})\s*年?\s*第?\s*(\d{1,4})\s*号/gu;
const TOTAL = /总第\s*(\d{1,4})\s*[号期]/u;
const YEAR_NUMBER = /(\d{4})\s*年\s*第\s*(\d{1,3})\s*[号期]/u;
const YEAR_ISSUE = /(\d{4})\s*年(?:的)?(?:那|这)?一?期/u;
const DOC_NUMBER_TEXT = /\p{Script=Han}{0,10}\s*[〔\[(（［]\s*\d{4}\s*[〕\])）］]\s*\d{1,4}\s*号/gu;
/** An issue named in the question (2020年第3号公报, 总第170号, 2021年那期): not part of the topic. */
const ISSUE_TEXT = /(?:\d{4}\s*年\s*第?\s*\d{0,3}\s*[号期]|总第\s*\d{1,4}\s*[号期]|\d{4}\s*年(?:的)?(?:那|这)?一?期)(?:公报|政府公报)?|公报/gu;
const YEAR = /(?<!\d)((?:19|20)\d{2})(?:\s*年|(?!\d))/gu;

function namedDocuments(text: string, catalog: Catalog): { docs: GazetteDocument[]; unknown: string[] } {
  const docs: GazetteDocument[] = [];
  const unknown: string[] = [];
  const mentions = [
    ...findDocNumbers(text),
    ...[...text.matchAll(LOOSE_DOC_NUMBER)].map((m) => ({ prefixTail: m[1]!, year: Number(m[2]), seq: Number(m[3]) })),
  ];
  for (const m of mentions) {
    const doc = catalog.matchDocNumber(m.prefixTail, m.year, m.seq);
    if (doc && !docs.includes(doc)) docs.push(doc);
    if (!doc && m.year > 0 && /[〔\[(（［]/.test(text)) unknown.push(`${m.prefixTail.slice(-4)}〔${m.year}〕${m.seq}号`);
  }
  return { docs, unknown: docs.length ? [] : [...new Set(unknown)] };
}

function namedIssues(text: string, catalog: Catalog): Issue[] {
  const total = TOTAL.exec(text);
  if (total) return catalog.issues.filter((i) => i.total === Number(total[1]));
  const yn = YEAR_NUMBER.exec(text);
  if (yn) return catalog.issues.filter((i) => i.year === Number(yn[1]) && i.number === Number(yn[2]));
  const yi = YEAR_ISSUE.exec(text);
  if (yi) return catalog.issues.filter((i) => i.year === Number(yi[1]));
  return [];
}

export function keywordTerms(text: string): string[] {
  const terms = cutForSearch(text).filter((t) => !QUERY_STOPWORDS.has(t) && !/^\d{1,2}$/.test(t));
  // Codes like 5G, PM2.5 or 12345 stay whole: jieba splits letters from digits.
  const codes = [...text.toLowerCase().matchAll(/[0-9a-z][0-9a-z.]*[0-9a-z]/g)].map((m) => m[0]).filter((c) => /[a-z]/.test(c) && /\d/.test(c));
  return [...new Set([...terms, ...codes])];
}

export function understand(question: string, catalog: Catalog): UnderstoodQuery {
  const text = normalizeQuery(question);
  const { docs, unknown } = namedDocuments(text, catalog);
  const issues = namedIssues(text, catalog);
  const years = [...new Set([...text.matchAll(YEAR)].map((m) => Number(m[1])))];
  const expansionGroups = expandQuery(text);
  const expansions = [...new Set(expansionGroups.flatMap((e) => e.terms))];
  const withoutNumbers = text.replace(DOC_NUMBER_TEXT, " ");
  const terms = keywordTerms(withoutNumbers);
  // Single characters left by masking (怎么办理 → 理) name nothing.
  const topic = keywordTerms(maskCues(withoutNumbers.replace(ISSUE_TEXT, " "))).filter((t) => [...t].length >= 2);
  const vectorText = [text, ...expansions].join(" ");
  return {
    text, namedDocuments: docs, unknownDocNumbers: unknown, years, issues,
    tableAsked: /台账|一览表|表格|表里|表中|清单里/.test(text),
    terms, expansions: expansions.filter((e) => !terms.includes(e)), expansionGroups, vectorText,
    kinds: kindsAsked(text), figures: figuresAsked(text), topic,
  };
}

/**
 * Official terms standing for a word of the question: a resident's 开个小店 is met by a gazette's
 * 个体工商户. Only topic rows of the lexicon count; an `asking` row (怎么办理 → 办理程序) is a way of asking.
 */
export function alternativesOf(query: UnderstoodQuery, term: string): string[] {
  return query.expansionGroups.filter((g) => g.topic && (g.phrase.includes(term) || term.includes(g.phrase))).flatMap((g) => g.terms);
}
