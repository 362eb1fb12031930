/**
 * Page furniture left in a text file by its extraction: page marks (`— 3 —`, `·3·`, `- 3 -`,
 * `第3页`) and the running heads printed next to them, recognised by repeating (digits masked)
 * beside page marks, never by their wording. The paragraph a page break cut is rejoined later.
 */
import { isDateLine } from "../../core/text/dates.ts";
import { parseDocNumber } from "../../core/text/doc-number.ts";
import type { Line } from "./lines.ts";

/** A page mark as printed in a page's margin: the number with its decoration (`- 3 -` reads `3 -` once markdown bullets are stripped). */
const PAGE_MARK = /^(?:[-—–·•]?\s*\d{1,4}\s*[-—–·•]|第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?)$/u;
/** How far from a page mark a running head stands (the head of the next page, or the foot above). */
const NEAR = 2;
/** Furniture is short and not a sentence. */
const SHORT = 40;

const key = (text: string) => text.replace(/\s+/g, "").replace(/\d+/g, "#");

export function isPageMark(text: string): boolean {
  return PAGE_MARK.test(text.trim());
}

export function dropPageFurniture(lines: Line[]): Line[] {
  const marks = lines.flatMap((l, i) => (isPageMark(l.text) ? [i] : []));
  if (marks.length === 0) return lines;
  const near = new Map<string, number[]>();
  for (const m of marks) {
    for (let i = Math.max(0, m - NEAR); i <= Math.min(lines.length - 1, m + NEAR); i++) {
      const t = lines[i]!.text;
      // A 文号 or a date near a page break is a document's own line, whatever its digits.
      if (i === m || isPageMark(t) || t.length > SHORT || /[。；，]/.test(t) || parseDocNumber(t) || isDateLine(t)) continue;
      // Keyed by the side of the mark it stands on too: a running head keeps its place.
      const k = `${Math.sign(i - m)}\u0000${key(t)}`;
      near.set(k, [...(near.get(k) ?? []), i]);
    }
  }
  const drop = new Set(marks);
  for (const idx of near.values()) if (idx.length >= 2) for (const i of idx) drop.add(i);
  return lines.filter((_, i) => !drop.has(i));
}
