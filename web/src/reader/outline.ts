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

/**
 * For each passage, the sections that begin at it: the segments of its heading path from the first
 * one that differs from the previous passage's path. `sections` lists them all in reading order.
 */
export function outline(passages: HasHeading[]): { sections: Section[]; opens: Map<string, Section[]> } {
  const sections: Section[] = [];
  const opens = new Map<string, Section[]>();
  let previous: string[] = [];
  for (const p of passages) {
    const path = segments(p.heading);
    let same = 0;
    while (same < path.length && same < previous.length && path[same] === previous[same]) same++;
    const fresh = path.slice(same).map((label, i) => ({ id: `sec-${sections.length + i}`, label, depth: same + i + 1 }));
    if (fresh.length > 0) {
      sections.push(...fresh);
      opens.set(p.id, fresh);
    }
    previous = path;
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
