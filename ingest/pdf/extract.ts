/** A PDF gazette → the logical lines the parser reads, each with its page, and what could not be read. */
import { ParseError } from "../gazette/front-matter.ts";
import { toLogicalLines } from "./paragraphs.ts";
import type { LogicalLine } from "./paragraphs.ts";
import { readPdf } from "./read.ts";
import { removeFurniture } from "./running.ts";
import { lineText, visualLines } from "./visual-lines.ts";

export interface PdfText {
  lines: LogicalLine[];
  pages: number;
  /** Pages with images but no text layer: scans, which need OCR (not done). */
  scanned: number[];
  /** Pages with neither text nor images. */
  blank: number[];
  /** Pages whose text layer does not decode to text (fonts without a Unicode map): left out. */
  unreadable: number[];
  /** Running heads and feet removed (digits shown as #). */
  furniture: string[];
}

/** Private-use code points and U+FFFD are what a font without a Unicode map extracts to. */
const UNDECODED = /[\ue000-\uf8ff\ufffd]/gu;
const UNREADABLE_SHARE = 0.3;

export async function extractPdf(bytes: Uint8Array): Promise<PdfText> {
  const pages = await readPdf(bytes);
  if (pages.length === 0) throw new ParseError("the PDF has no pages");
  const scanned: number[] = [];
  const blank: number[] = [];
  const unreadable: number[] = [];
  const readable = pages.map((page) => {
    const lines = visualLines(page);
    const text = lines.map(lineText).join("");
    if (text.replace(/\s/g, "") === "") {
      (page.images > 0 ? scanned : blank).push(page.n);
      return [];
    }
    if ((text.match(UNDECODED)?.length ?? 0) > UNREADABLE_SHARE * text.length) {
      unreadable.push(page.n);
      return [];
    }
    return lines;
  });
  const withText = pages.length - scanned.length - blank.length - unreadable.length;
  if (withText === 0) {
    const why = scanned.length ? `its ${scanned.length} pages are images without a text layer (a scan; OCR is not enabled)` : unreadable.length ? "its text layer does not decode (fonts without a Unicode map)" : "its pages are blank";
    throw new ParseError(`no text in the PDF: ${why}`);
  }
  const furniture = removeFurniture(readable);
  return { lines: toLogicalLines(furniture.body), pages: pages.length, scanned, blank, unreadable, furniture: furniture.removed };
}

/** `[7, 8, 9, 12]` → `7–9, 12`. */
export function pageRanges(pages: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < pages.length; i++) {
    let j = i;
    while (j + 1 < pages.length && pages[j + 1] === pages[j]! + 1) j++;
    out.push(j > i ? `${pages[i]}–${pages[j]}` : `${pages[i]}`);
    i = j;
  }
  return out.join(", ");
}
