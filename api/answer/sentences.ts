/** Passage text → verbatim sentences (the unit of extractive answers and quotes). */

export interface Sentence {
  text: string;
  /** Offset of the sentence in the passage text. */
  start: number;
  /** A table row (TAB-separated cells). */
  row: boolean;
}

/** A sentence runs to 。！？； and keeps a parenthetical that follows it, e.g. `（责任单位：…）`. */
const SENTENCE = /[^。！？；\n]+(?:[。！？；]+|$)(?:[（(][^）)\n]{0,120}[）)][。；]?)?/gmu;

export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let offset = 0;
  for (const line of text.split("\n")) {
    if (line.includes("\t")) {
      if (line.trim()) out.push({ text: line, start: offset, row: true });
    } else {
      for (const m of line.matchAll(SENTENCE)) {
        const raw = m[0];
        const lead = raw.length - raw.trimStart().length;
        const s = raw.trim();
        if (s) out.push({ text: s, start: offset + m.index + lead, row: false });
      }
    }
    offset += line.length + 1;
  }
  return out;
}
