/** PDF bytes → the positioned text runs of each page (pdf.js, Mozilla's PDF reader): the only module that opens a PDF. */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { getDocument, OPS } from "pdfjs-dist/legacy/build/pdf.mjs";
import { ParseError } from "../gazette/front-matter.ts";

/** One run of text as placed on the page: baseline origin in PDF points, y measured from the page top. */
export interface TextRun {
  text: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

export interface PdfPage {
  /** 1-based page number in the file (what a PDF viewer shows). */
  n: number;
  width: number;
  height: number;
  runs: TextRun[];
  /** Images painted on a page without text (a scan), counted only for such pages. */
  images: number;
}

const pdfjsRoot = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
/** Character maps for fonts that are not embedded (Adobe-GB1 and friends), and the 14 standard fonts' metrics. */
const CMAP_URL = `${join(pdfjsRoot, "cmaps")}/`;
const STANDARD_FONTS_URL = `${join(pdfjsRoot, "standard_fonts")}/`;

const IMAGE_OPS = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject]);

export async function readPdf(bytes: Uint8Array): Promise<PdfPage[]> {
  let doc;
  try {
    doc = await getDocument({
      data: new Uint8Array(bytes), cMapUrl: CMAP_URL, cMapPacked: true, standardFontDataUrl: STANDARD_FONTS_URL,
      disableFontFace: true, useSystemFonts: false, isEvalSupported: false, verbosity: 0,
    }).promise;
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new ParseError(/password/i.test(why) ? "the PDF is password-protected" : `not a readable PDF (${why})`);
  }
  try {
    const pages: PdfPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [, , width, height] = page.view as [number, number, number, number];
      const content = await page.getTextContent();
      const runs: TextRun[] = [];
      for (const item of content.items) {
        if (!("str" in item) || item.str.trim() === "") continue;
        const [a, b, c, d, e, f] = item.transform as number[];
        // Rotated or vertical text (stamps, side notes) is not part of the reading flow.
        if (Math.abs(b!) > 1e-3 || Math.abs(c!) > 1e-3 || a! <= 0 || d! <= 0) continue;
        runs.push({ text: item.str, x: e!, y: height - f!, width: item.width, size: Math.hypot(a!, b!) });
      }
      let images = 0;
      if (runs.length === 0) {
        const ops = await page.getOperatorList();
        images = ops.fnArray.filter((fn) => IMAGE_OPS.has(fn)).length;
      }
      pages.push({ n, width, height, runs, images });
      page.cleanup();
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}
