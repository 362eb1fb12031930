/**
 * A document's structure as the parser left it: sections from the passages' heading paths
 * (`方案 > 一、… > （一）…`), and the enumerated items (一、 （一） 1. （1） 第X条) inside them.
 * Summaries, lists and procedures are answered from this structure, not from loose sentences.
 */
import type { Passage } from "../../core/model.ts";
import type { Sentence } from "./sentences.ts";
import { splitSentences } from "./sentences.ts";

export interface Section {
  /** Heading path from the document's root, e.g. ["方案", "一、全力实施脱贫攻坚工程"]. */
  path: string[];
  name: string;
  /** Passages at or below this section, in document order. */
  passages: Passage[];
  children: Section[];
}

/** A path segment the passage splitter cut short (`2.加快实施旧城改造，完成…`) names a continuation, not a section. */
const CUT_SHORT = /…$/u;

function pathOf(p: Passage): string[] {
  const out: string[] = [];
  for (const seg of p.heading.split(" > ").map((s) => s.trim()).filter(Boolean)) {
    if (CUT_SHORT.test(seg)) break;
    out.push(seg);
  }
  return out;
}

/** The section tree of a document's passages (given in document order); the root has an empty path. */
export function outline(passages: Passage[]): Section {
  const root: Section = { path: [], name: "", passages: [], children: [] };
  for (const p of passages) {
    root.passages.push(p);
    let node = root;
    for (const seg of pathOf(p)) {
      let child = node.children.find((c) => c.name === seg);
      if (!child) {
        child = { path: [...node.path, seg], name: seg, passages: [], children: [] };
        node.children.push(child);
      }
      child.passages.push(p);
      node = child;
    }
  }
  return root;
}

/**
 * The level a summary walks: the first one, from the root down, that splits the document into
 * several parts (an attached 方案 under a one-line notice sits one level below the root).
 */
export function mainParts(root: Section): Section[] {
  let node = root;
  for (let depth = 0; depth < 3; depth++) {
    const named = node.children;
    if (named.length >= 2) return named;
    if (named.length === 0) return [];
    node = named[0]!;
  }
  return [];
}

/** Enumerators of items, by style: an item list keeps to the style its first item has. */
const ENUMERATORS: Array<[style: string, re: RegExp]> = [
  ["chapter", /^第[一二三四五六七八九十百]+章/u],
  ["article", /^第[一二三四五六七八九十百]+条/u],
  ["han", /^[一二三四五六七八九十]+、/u],
  ["han-paren", /^[（(][一二三四五六七八九十]+[）)]/u],
  ["digit", /^\d{1,2}[.．、](?!\d)/u],
  ["digit-paren", /^[（(]\d{1,2}[）)]/u],
];

export function itemStyle(line: string): string | null {
  const t = line.trim();
  return ENUMERATORS.find(([, re]) => re.test(t))?.[0] ?? null;
}

export interface Item {
  passage: Passage;
  /** The verbatim span quoted for the item: its first sentence, or two when the first is only a title. */
  quote: string;
  /** Its enumerator style (han, han-paren, digit, article…), when it is an enumerated line. */
  style?: string;
  /** The line that announces the item's group (`第四条 申报示范县应具备以下基本条件：`), when items are grouped. */
  group?: string;
}

/** A title-only sentence (`（一）规范受理行政复议申请。`: short, no clause break) names what follows: quote the next one on its line with it. */
const isTitleOnly = (s: string) => s.length <= 30 && !/[，、；,]/u.test(s);

function itemQuote(text: string, sentences: Sentence[], at: number): string {
  const first = sentences.find((s) => s.start === at) ?? sentences.find((s) => s.start > at);
  if (!first) return "";
  const end = first.start + first.text.length;
  if (!isTitleOnly(first.text)) return first.text;
  const next = sentences.find((s) => s.start >= end && !text.slice(end, s.start).includes("\n"));
  return next ? text.slice(first.start, next.start + next.text.length) : first.text;
}

/**
 * The enumerated items under a section, in order and complete: lines of the section's passages
 * that start with the enumerator style of its first item. Lines repeated across passages (a
 * heading echoed at the top of the next passage) are counted once.
 */
export function itemsOf(section: Section): Item[] {
  const own = section.name;
  const lines = section.passages.flatMap((passage) => {
    let offset = 0;
    return passage.text.split("\n").map((line) => {
      const at = offset + (line.length - line.trimStart().length);
      offset += line.length + 1;
      return { passage, line: line.trim(), at };
    });
  });
  const enumerated = lines.filter((l) => l.line && l.line !== own && !own.startsWith(l.line) && itemStyle(l.line) && !l.line.includes("\t"));
  const byStyle = new Map<string, Array<Item & { at: number }>>();
  const seen = new Set<string>();
  enumerated.forEach((l, at) => {
    const quote = itemQuote(l.passage.text, splitSentences(l.passage.text), l.at);
    if (!quote || seen.has(quote)) return;
    seen.add(quote);
    const style = itemStyle(l.line)!;
    byStyle.set(style, [...(byStyle.get(style) ?? []), { passage: l.passage, quote, at, style }]);
  });
  // Styles in order of first use: the outermost that lists things, skipping one whose items only
  // introduce the next level (`第四条 申报示范县应具备以下基本条件：`) — those become the items' groups.
  const styles = [...byStyle.values()].filter((items) => items.length >= 2);
  const i = styles.findIndex((items, k) => !(introduces(items) && styles[k + 1]));
  if (i < 0) return (styles[0] ?? [...byStyle.values()][0] ?? []).map(({ at: _, ...item }) => item);
  const intros = i > 0 ? styles[i - 1]! : [];
  return styles[i]!.map(({ at, ...item }) => {
    const group = intros.filter((x) => x.at < at).pop()?.quote;
    return group ? { ...item, group } : item;
  });
}

/** Items most of which end in a colon announce sub-items rather than state anything. */
function introduces(items: Item[]): boolean {
  return items.filter((i) => /[：:]$/u.test(i.quote)).length * 2 >= items.length;
}

/** The first sentence of a section's own text below its heading lines: what the part says first. */
export function leadSentence(section: Section): Item | null {
  const headings = new Set(section.path);
  for (const passage of section.passages) {
    for (const s of splitSentences(passage.text)) {
      const t = s.text.replace(/[。：:]$/u, "");
      if (s.row || headings.has(t) || headings.has(s.text) || section.path.some((h) => h.startsWith(t))) continue;
      if (s.text.length < 8) continue;
      return { passage, quote: s.text };
    }
  }
  return null;
}

/** Where a section's heading is written in its first passage: the heading line itself, verbatim. */
export function headingQuote(section: Section): Item | null {
  for (const passage of section.passages.slice(0, 2)) {
    const line = passage.text.split("\n").find((l) => l.trim().startsWith(section.name));
    if (line) {
      const s = splitSentences(passage.text).find((x) => x.text.startsWith(section.name) || section.name.startsWith(x.text));
      return { passage, quote: s && s.text.length <= line.trim().length ? s.text : line.trim() };
    }
  }
  return null;
}

/** The body's opening (after the addressee line `各县（市、区）人民政府…：`): what the document is for. */
export function openingSentences(passages: Passage[], max: number): Item[] {
  const out: Item[] = [];
  for (const passage of passages.slice(0, 3)) {
    for (const s of splitSentences(passage.text)) {
      if (s.row || /[：:]$/u.test(s.text) || s.text.length < 10) continue;
      out.push({ passage, quote: s.text });
      if (out.length >= max) return out;
    }
  }
  return out;
}
