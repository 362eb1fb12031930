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
