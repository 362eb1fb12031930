/** A document's table of contents, built from its passages' heading paths (`三、… > （二）…`). */

export interface Section {
  id: string;
  label: string;
  depth: number;
}

interface HasHeading {
  id: string;
  heading: string;
}

function segments(heading: string): string[] {
  return heading.split(/\s*>\s*/).map((s) => s.trim()).filter(Boolean);
}

/** Chinese numerals as the gazettes number headings with them (一 … 九十九), or null. */
function chineseNumber(s: string): number | null {
  const digits = "一二三四五六七八九";
  const m = /^([一二三四五六七八九]?)(十?)([一二三四五六七八九]?)$/.exec(s);
  if (!m || s === "") return null;
  const [, tens, ten, ones] = m;
  if (!ten) return tens && !ones ? digits.indexOf(tens) + 1 : null;
  return (tens ? digits.indexOf(tens) + 1 : 1) * 10 + (ones ? digits.indexOf(ones) + 1 : 0);
}

/**
 * The kinds of headings of GB/T 9704 documents, from the outermost: 第一章 (or 编), 第一节, 一、,
 * （一） — half- or full-width brackets alike —, 1. Articles (第一条) are the body of a regulation,
 * not headings of its outline. Anything else (an attachment's title) stands above them all.
 */
const KINDS: { kind: string; pattern: RegExp }[] = [
  { kind: "chapter", pattern: /^第([一二三四五六七八九十]+)[编章]/ },
  { kind: "section", pattern: /^第([一二三四五六七八九十]+)节/ },
  { kind: "article", pattern: /^第([一二三四五六七八九十百]+)条/ },
  { kind: "item", pattern: /^([一二三四五六七八九十]+)、/ },
  { kind: "sub", pattern: /^[（(]([一二三四五六七八九十]+)[）)]/ },
  { kind: "number", pattern: /^(\d{1,2})[.．、]/ },
];
const RANK = ["title", ...KINDS.map((k) => k.kind)];
/** Kinds of numbered headings that also number lists inside a paragraph's text. */
const INNER_LISTS = new Set(["sub", "number"]);

function headingKind(label: string): { kind: string; n: number | null } {
  for (const { kind, pattern } of KINDS) {
    const m = pattern.exec(label);
    if (m) return { kind, n: kind === "number" ? Number(m[1]) : chineseNumber(m[1]!) };
  }
  return { kind: "title", n: null };
}

/**
 * The table of contents: headings at their real level (by kind, numbered from 1 among the kinds
 * the document uses), without articles and without stray items — a numbered heading that neither
 * starts its list (（一）) nor follows its sibling (（五） → （六）) is a list inside the text.
 */
function contents(sections: (Section & { kind: string; n: number | null })[]): Section[] {
  const last = new Map<string, number | null>(); // kind → number of the previous kept sibling
  const kept = sections.filter((s) => {
    if (s.kind === "article") return false;
    // A heading of an outer kind starts new lists below it.
    for (const k of RANK.slice(RANK.indexOf(s.kind) + 1)) last.delete(k);
    // Only the inner lists stray into the text; 一、 headings are kept even when the first is missing.
    if (s.n === null || !INNER_LISTS.has(s.kind)) return true;
    const previous = last.get(s.kind);
    const fits = s.n === 1 || (previous !== undefined && previous !== null && s.n === previous + 1);
    if (fits) last.set(s.kind, s.n);
    return fits;
  });
  const used = [...new Set(kept.map((s) => RANK.indexOf(s.kind)))].sort((a, b) => a - b);
  return kept.map(({ id, label, kind }) => ({ id, label, depth: used.indexOf(RANK.indexOf(kind)) + 1 }));
}

/**
 * For each passage, the sections that begin at it (`opens`): the segments of its heading path from
 * the first one that differs from the previous passage's path. `sections` is the table of contents.
 */
export function outline(passages: HasHeading[]): { sections: Section[]; opens: Map<string, Section[]> } {
  const all: (Section & { kind: string; n: number | null })[] = [];
  const opens = new Map<string, Section[]>();
  let previous: string[] = [];
  for (const p of passages) {
    const path = segments(p.heading);
    let same = 0;
    while (same < path.length && same < previous.length && path[same] === previous[same]) same++;
    const fresh = path.slice(same).map((label, i) => ({ id: `sec-${all.length + i}`, label, depth: same + i + 1, ...headingKind(label) }));
    if (fresh.length > 0) {
      all.push(...fresh);
      opens.set(p.id, fresh);
    }
    previous = path;
  }
  const sections = contents(all);
  // The body shows every heading, at the level the table of contents gives it where it has one.
  const level = new Map(sections.map((s) => [s.id, s.depth]));
  for (const [id, list] of opens) {
    opens.set(id, list.map(({ id: sid, label, depth }) => ({ id: sid, label, depth: level.get(sid) ?? depth })));
  }
  return { sections, opens };
}

const squeeze = (s: string) => s.replace(/\s+/g, "");

/**
 * Passage text without the lines that only repeat its section headings (`三、重点工作` above the
 * first item), which the reader and the source cards already show as headings. Kept whole when the
 * quote to mark would not be found in what remains.
 */
export function withoutHeadingLines(text: string, heading: string, quote?: string): string {
  const labels = new Set(segments(heading).map(squeeze));
  const lines = text.split("\n");
  let skip = 0;
  while (skip < lines.length - 1 && squeeze(lines[skip]!) && labels.has(squeeze(lines[skip]!))) skip++;
  if (skip === 0) return text;
  const rest = lines.slice(skip).join("\n");
  if (!rest.trim() || (quote && !squeeze(rest).includes(squeeze(quote)))) return text;
  return rest;
}
