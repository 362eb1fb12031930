/**
 * Synthetic corpora that keep the statistics of the real one: every synthetic passage belongs to a
 * real document (so the catalog, filters and citations work), has the heading of a real passage and
 * the length of a real passage, and its text is real sentences recombined — mostly from the same
 * document, some from anywhere — in shuffled order. Deterministic for a given seed.
 */
import type { GazetteDocument, Issue, Passage } from "../core/model.ts";
import type { Records } from "../ingest/records.ts";
import { rng } from "./stats.ts";

export interface SyntheticPassage {
  id: string;
  docIndex: number;
  ordinal: number;
  heading: string;
  text: string;
  kind: Passage["kind"];
}

/** Sentences end at 。！？； or a line break; very short fragments are glued to the next one. */
export function sentences(text: string): string[] {
  const out: string[] = [];
  let carry = "";
  for (const piece of text.split(/(?<=[。！？；!?;])|\n+/u)) {
    const s = (carry + piece).trim();
    if (!s) continue;
    if (s.length < 8) {
      carry = s;
      continue;
    }
    out.push(s);
    carry = "";
  }
  if (carry) out.push(carry);
  return out;
}

export class SyntheticCorpus {
  readonly docs: GazetteDocument[];
  readonly issues: Map<string, Issue>;
  private templates: Passage[];
  private docIndex: Map<string, number>;
  private docSentences: string[][];
  private allSentences: string[];
  private lengths: number[];
  private random: () => number;
  private next = 0;

  constructor(records: Records, seed = 20261123) {
    this.docs = records.documents;
    this.issues = new Map(records.issues.map((i) => [i.id, i]));
    this.templates = records.passages;
    this.docIndex = new Map(this.docs.map((d, i) => [d.id, i]));
    this.docSentences = this.docs.map(() => []);
    for (const p of records.passages) this.docSentences[this.docIndex.get(p.documentId)!]!.push(...sentences(p.text));
    this.allSentences = this.docSentences.flat();
    this.lengths = records.passages.map((p) => p.text.length);
    this.random = rng(seed);
  }

  get sentenceCount(): number {
    return this.allSentences.length;
  }

  private pick<T>(xs: T[]): T {
    return xs[Math.floor(this.random() * xs.length)]!;
  }

  /** The next synthetic passage. 80 % of its sentences come from its template's document. */
  passage(): SyntheticPassage {
    const i = this.next++;
    const template = this.pick(this.templates);
    const docIndex = this.docIndex.get(template.documentId)!;
    const own = this.docSentences[docIndex]!;
    const target = this.pick(this.lengths);
    const parts: string[] = [];
    let length = 0;
    while (length < target) {
      const s = own.length > 0 && this.random() < 0.8 ? this.pick(own) : this.pick(this.allSentences);
      if (length > 0 && length + s.length > target * 1.25) break;
      parts.push(s);
      length += s.length;
    }
    return {
      id: `${template.documentId}-s${i.toString(36)}`, docIndex, ordinal: template.ordinal, heading: template.heading,
      text: parts.join(""), kind: template.kind,
    };
  }
}
