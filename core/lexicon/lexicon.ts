/**
 * The plain-language ↔ official-term lexicon (gov-terms.tsv) and unit aliases (units.tsv):
 * a maintained resource that bridges residents' words to the gazettes' wording.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";

export interface TermGroup {
  official: string[];
  colloquial: string[];
  /** The service area, or `asking` for a kind of fact people ask for (多少钱, 谁负责, 在哪儿办) rather than a topic. */
  domain: string;
}

export interface UnitEntry {
  official: string[];
  aliases: string[];
}

const Field = z.string().trim().min(1);
const List = Field.transform((s) => s.split("|").map((x) => x.trim()).filter(Boolean));

function readText(name: string): string {
  const path = fileURLToPath(new URL(`./${name}`, import.meta.url));
  return existsSync(path) ? readFileSync(path, "utf8") : "";
}

/** Changes to the lexicon change segmentation, so the index built with it is stale. */
export function lexiconFingerprint(): string {
  return `${readText("gov-terms.tsv")}\u0000${readText("units.tsv")}`;
}

function readTsv(name: string): string[][] {
  const rows = readText(name).split("\n").map((l) => l.replace(/\r$/, "")).filter((l) => l.trim() && !l.startsWith("#"));
  return rows.slice(1).map((l) => l.split("\t"));
}

let groups: TermGroup[] | null = null;
let units: UnitEntry[] | null = null;

export function termGroups(): TermGroup[] {
  groups ??= readTsv("gov-terms.tsv").flatMap((cells, i) => {
    const row = z.tuple([List, List, Field]).safeParse(cells);
    if (!row.success) throw new Error(`core/lexicon/gov-terms.tsv row ${i + 2} is malformed`);
    const [official, colloquial, domain] = row.data;
    return [{ official, colloquial, domain }];
  });
  return groups;
}

export function unitEntries(): UnitEntry[] {
  units ??= readTsv("units.tsv").flatMap((cells, i) => {
    const row = z.tuple([List, List]).safeParse(cells);
    if (!row.success) throw new Error(`core/lexicon/units.tsv row ${i + 2} is malformed`);
    return [{ official: row.data[0], aliases: row.data[1] }];
  });
  return units;
}

/** Words jieba should keep whole: official terms and unit names. */
export function userDictionary(): string[] {
  const words = new Set<string>();
  for (const g of termGroups()) for (const w of [...g.official, ...g.colloquial]) if (w.length >= 2 && w.length <= 12) words.add(w);
  for (const u of unitEntries()) for (const w of [...u.official, ...u.aliases]) if (w.length >= 2 && w.length <= 16) words.add(w);
  return [...words];
}

export interface Expansion {
  /** The phrase found in the question. */
  phrase: string;
  /** Official terms it stands for. */
  terms: string[];
  /** The phrase names a topic (公积金), not a kind of fact asked for (补多少钱). */
  topic: boolean;
  /** Found with other words between its characters (种多少亩树 for 种树): a weaker signal. */
  gapped: boolean;
}

let phraseIndex: Map<string, Array<{ phrase: string; terms: string[]; topic: boolean; order: number }>> | null = null;

/** Colloquial phrases bucketed by first character, so a question tests only the phrases that can start at each character. */
function phrasesByFirstChar(): Map<string, Array<{ phrase: string; terms: string[]; topic: boolean; order: number }>> {
  if (phraseIndex) return phraseIndex;
  const index = new Map<string, Array<{ phrase: string; terms: string[]; topic: boolean; order: number }>>();
  let order = 0;
  for (const g of termGroups()) {
    for (const phrase of g.colloquial) {
      const list = index.get(phrase[0]!) ?? [];
      list.push({ phrase, terms: g.official, topic: g.domain !== "asking", order: order++ });
      index.set(phrase[0]!, list);
    }
  }
  phraseIndex = index;
  return index;
}

/**
 * Official terms for the everyday phrases found in a question. Longer phrases win over
 * the shorter phrases they contain, so 找工作 does not also fire 工作. A phrase the question
 * splits with a few words (种多少亩树 for 种树) still counts where no exact phrase was found.
 */
export function expandQuery(question: string): Expansion[] {
  const index = phrasesByFirstChar();
  const hits: Array<PhraseHit & { order: number }> = [];
  const gapped: Array<PhraseHit & { order: number }> = [];
  for (let i = 0; i < question.length; i++) {
    for (const c of index.get(question[i]!) ?? []) {
      if (question.startsWith(c.phrase, i)) hits.push({ phrase: c.phrase, start: i, end: i + c.phrase.length, terms: c.terms, topic: c.topic, order: c.order });
      else {
        const end = gappedEnd(question, i, c.phrase);
        if (end > 0) gapped.push({ phrase: c.phrase, start: i, end, terms: c.terms, topic: c.topic, order: c.order });
      }
    }
  }
  // Lexicon order, then position: equal-length ties resolve the same way whatever the question's wording order.
  const byOrder = (a: { order: number; start: number }, b: { order: number; start: number }) => a.order - b.order || a.start - b.start;
  const exact = groupPhraseHits(hits.sort(byOrder), false);
  const taken = hits.map((h) => [h.start, h.end] as const);
  const extra = groupPhraseHits(gapped.sort(byOrder).filter((g) => !taken.some(([s, e]) => g.start < e && s < g.end)), true);
  return [...exact, ...extra.filter((x) => !exact.some((e) => e.phrase === x.phrase))];
}

/** At most this many words may stand between the characters of a phrase, inside one clause. */
const MAX_GAP = 3;

/** End of `phrase` matched in order from `start` with at most MAX_GAP other characters in between, or -1. */
function gappedEnd(text: string, start: number, phrase: string): number {
  if (phrase.length < 3 || phrase.length > 4) return -1;
  let at = start + 1;
  let gap = 0;
  for (const ch of phrase.slice(1)) {
    while (at < text.length && text[at] !== ch) {
      if (/[，。？！；、,.?!;\s]/u.test(text[at]!) || ++gap > MAX_GAP) return -1;
      at++;
    }
    if (at >= text.length) return -1;
    at++;
  }
  return at;
}

interface PhraseHit {
  phrase: string;
  start: number;
  end: number;
  terms: string[];
  topic: boolean;
}

/** Phrase hits (in match order) → expansions: the longest phrases win over phrases they contain. */
function groupPhraseHits(hits: PhraseHit[], gapped: boolean): Expansion[] {
  const byLength = [...hits].sort((a, b) => b.end - b.start - (a.end - a.start));
  const kept: PhraseHit[] = [];
  for (const h of byLength) {
    const covered = kept.some((k) => h.start >= k.start && h.end <= k.end && k.phrase !== h.phrase);
    if (!covered) kept.push(h);
  }
  const byPhrase = new Map<string, { terms: Set<string>; topic: boolean }>();
  for (const h of kept) {
    const entry = byPhrase.get(h.phrase) ?? { terms: new Set<string>(), topic: false };
    for (const t of h.terms) entry.terms.add(t);
    // A phrase listed both as a topic and as a way of asking (押金多少) names the topic.
    entry.topic ||= h.topic;
    byPhrase.set(h.phrase, entry);
  }
  return [...byPhrase].map(([phrase, { terms, topic }]) => ({ phrase, terms: [...terms], topic, gapped }));
}
