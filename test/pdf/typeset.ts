/**
 * Lays out a gazette text file as the printed gazette would be (a test and benchmark tool, not part
 * of the product): titles centred in a larger size, body text with a two-character first-line indent
 * wrapped to the text block, signatures to the right, tables as ruled grids whose cells wrap, the
 * TOC with leaders or right-aligned page numbers, a running head and a page number on every page
 * after the cover. The roles of the lines come from parsing the text file, whose inventory is tested.
 */
import { existsSync } from "node:fs";
import PDFDocument from "pdfkit";
import { isDateLine, isParenDateLine } from "../../core/text/dates.ts";
import { parseFrontMatter } from "../../ingest/gazette/front-matter.ts";
import type { Line } from "../../ingest/gazette/lines.ts";
import { toLines } from "../../ingest/gazette/lines.ts";
import { parseIssue } from "../../ingest/gazette/parse-issue.ts";
import { categoryOf, isOrganLine, MASTHEAD_END, MASTHEAD_START, SOURCE_LINE, splitPage, TOC_START } from "../../ingest/gazette/patterns.ts";
import { ownNumber } from "../../ingest/gazette/anchors.ts";
import { removeCjkSpaces } from "../../core/text/normalize.ts";

export const CJK_FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc";

export interface TypesetOptions {
  /** Running head of a page (1-based), or null for none: alternate, vary or drop it to test recognition. */
  runningHead?: (page: number, issueLabel: string) => string | null;
  pageNumber?: "dash" | "plain" | "chinese" | "none";
  toc?: "leaders" | "right";
  bodySize?: number;
}

type Role = "cover" | "masthead" | "category" | "toc" | "title" | "centred" | "right" | "flush" | "para" | "table";

const DEFAULTS: Required<TypesetOptions> = {
  runningHead: (page, label) => (page % 2 === 0 ? "三门峡市人民政府公报" : label),
  pageNumber: "dash",
  toc: "right",
  bodySize: 12,
};

/** Each line's role in the layout, from the parse of the text file. */
function rolesOf(text: string): { lines: Line[]; roles: Map<number, Role>; label: string; firstBody: number } {
  const lines = toLines(text);
  const parsed = parseIssue(Buffer.from(text), "typeset");
  const front = parseFrontMatter(lines);
  const roles = new Map<number, Role>();
  const firstDoc = parsed.documents[0]?.startLine ?? Infinity;
  let inMasthead = false;
  for (const l of lines) {
    if (l.no >= firstDoc) break;
    const flat = removeCjkSpaces(l.text);
    if (MASTHEAD_START.test(flat)) inMasthead = true;
    if (inMasthead) roles.set(l.no, "masthead");
    else if (categoryOf(l.text) !== null) roles.set(l.no, "category");
    else if (front.toc.length > 0 && l.no > (lines[0]?.no ?? 0) + 3 && (splitPage(l.text).page !== null || front.toc.some((e) => e.lineNo === l.no))) roles.set(l.no, "toc");
    else roles.set(l.no, "cover");
    if (inMasthead && MASTHEAD_END.test(l.text)) inMasthead = false;
  }
  for (const d of parsed.documents) {
    const bodyFrom = d.body[0]?.no ?? Infinity;
    for (const l of lines) {
      if (l.no < d.startLine || l.no >= bodyFrom) continue;
      const t = l.text;
      // 文号, dates, subtitles, the organs under a bulletin's title and its 来源 are set in body size.
      const small = ownNumber(t) || isDateLine(t) || isParenDateLine(t) || removeCjkSpaces(t).startsWith("——") || (l.no > d.startLine && isOrganLine(t)) || SOURCE_LINE.test(removeCjkSpaces(t));
      roles.set(l.no, small ? "centred" : "title");
    }
    for (const b of d.body) {
      const role: Role = b.role === "part" ? "title" : b.role === "signature" ? "right" : b.role === "table" ? "table" : b.role === "attachment" ? "flush" : "para";
      roles.set(b.no, role);
    }
  }
  return { lines, roles, label: parsed.issue.label, firstBody: firstDoc };
}

const PAGE_NUMBER = { dash: (n: number) => `— ${n} —`, plain: (n: number) => String(n), chinese: (n: number) => `第 ${n} 页`, none: () => "" };

export function typesetGazette(text: string, options: TypesetOptions = {}): Promise<Buffer> {
  if (!existsSync(CJK_FONT)) throw new Error(`the CJK font ${CJK_FONT} is missing: apt-get install fonts-wqy-zenhei`);
  const o = { ...DEFAULTS, ...options };
  const { lines, roles, label, firstBody } = rolesOf(text);
  const size = o.bodySize;
  const margin = { top: 72, bottom: 72, left: 96, right: 96 };
  const doc = new PDFDocument({ size: "A4", margins: margin, bufferPages: true, autoFirstPage: true, info: { Title: label } });
  doc.registerFont("cjk", CJK_FONT, "WenQuanYiZenHei");
  doc.font("cjk").fontSize(size);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const finished = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  const width = doc.page.width - margin.left - margin.right;
  const lineGap = size * 0.55;
  let bodyFirstPage = 0;
  let pageIndex = 0;
  doc.on("pageAdded", () => pageIndex++);

  const write = (t: string, opts: PDFKit.Mixins.TextOptions, fontSize = size) => {
    doc.fontSize(fontSize).text(t, margin.left, undefined, { width, lineGap, ...opts });
    doc.fontSize(size);
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.no === firstBody) {
      doc.addPage();
      bodyFirstPage = pageIndex;
    }
    const role = roles.get(line.no) ?? "para";
    const t = line.text;
    switch (role) {
      case "cover":
        // The contents open a page of their own when the masthead comes first.
        if (TOC_START.test(t) && doc.y > margin.top + 6 * size) doc.addPage();
        write(t, { align: "center" }, size * 1.6);
        break;
      case "masthead":
        write(t, { align: "center" }, size * 0.75);
        break;
      case "category":
        doc.moveDown(0.3);
        write(t, { align: "left" }, size * 1.15);
        break;
      case "toc": {
        const { title, page } = splitPage(t);
        if (page === null) write(title, { align: "left" });
        else tocEntry(doc, title, page, margin.left, width, size, lineGap, o.toc);
        break;
      }
      case "title":
        // A title is kept with the lines that follow it, as any typesetter does.
        if (doc.y > doc.page.height - margin.bottom - 8 * size) doc.addPage();
        doc.moveDown(0.4);
        write(t, { align: "center" }, size * 1.5);
        break;
      case "centred":
        write(t, { align: "center" });
        break;
      case "right":
        write(t, { align: "right", width: width - 2 * size });
        break;
      case "flush":
        write(t, { align: "left" });
        break;
      case "table": {
        const rows: string[] = [];
        while (i < lines.length && (roles.get(lines[i]!.no) ?? "para") === "table") rows.push(lines[i++]!.text);
        i--;
        table(doc, rows, margin.left, width, size);
        break;
      }
      default:
        write(t.replace(/\t/g, " "), { align: "left", indent: 2 * size });
    }
  }
  const range = doc.bufferedPageRange();
  for (let p = range.start; p < range.start + range.count; p++) {
    if (p < bodyFirstPage) continue;
    doc.switchToPage(p);
    const n = p + 1;
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const head = o.runningHead(n, label);
    if (head) {
      doc.fontSize(size * 0.75).text(head, margin.left, margin.top - 30, { width, align: "center", lineBreak: false });
      doc.moveTo(margin.left, margin.top - 16).lineTo(margin.left + width, margin.top - 16).lineWidth(0.5).stroke();
    }
    const number = PAGE_NUMBER[o.pageNumber](n);
    if (number) doc.fontSize(size * 0.85).text(number, margin.left, doc.page.height - margin.bottom / 2 - 6, { width, align: n % 2 ? "right" : "left", lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return finished;
}

function tocEntry(doc: PDFKit.PDFDocument, title: string, page: number, left: number, width: number, size: number, lineGap: number, style: "leaders" | "right"): void {
  const numberWidth = 3 * size;
  const titleWidth = doc.widthOfString(title);
  if (style === "leaders" && titleWidth < width - numberWidth - size) {
    const dots = ".".repeat(Math.floor((width - numberWidth - titleWidth) / doc.widthOfString(".")) - 2);
    doc.text(`${title} ${dots} ${page}`, left, undefined, { width, lineGap, lineBreak: false });
    return;
  }
  const y = doc.y;
  doc.text(title, left, y, { width: width - numberWidth, lineGap });
  const after = doc.y;
  const lastLine = after - (doc.currentLineHeight(true) + lineGap);
  doc.text(String(page), left + width - numberWidth, lastLine, { width: numberWidth, align: "right", lineBreak: false });
  doc.x = left;
  doc.y = after;
}

/** A ruled grid: column widths by the longest text of each column, cells wrapped inside, rows broken across pages. */
function table(doc: PDFKit.PDFDocument, rows: string[], left: number, width: number, size: number): void {
  const cells = rows.map((r) => r.split("\t"));
  const columns = Math.max(...cells.map((c) => c.length));
  // Columns as wide as their longest text (capped), and never narrower than their header or three characters.
  const longest = Array.from({ length: columns }, (_, c) => Math.max(3, (cells[0]![c] ?? "").length + 1, ...cells.map((r) => Math.min(18, (r[c] ?? "").length))));
  const total = longest.reduce((a, b) => a + b, 0);
  const widths = longest.map((n) => (n / total) * width);
  const pad = size * 0.4;
  const cellSize = size * 0.9;
  doc.fontSize(cellSize);
  for (const row of cells) {
    const heights = widths.map((w, c) => (row[c] ? doc.heightOfString(row[c]!, { width: w - 2 * pad, lineGap: 2 }) : cellSize));
    const h = Math.max(...heights) + 2 * pad;
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const y = doc.y;
    let x = left;
    widths.forEach((w, c) => {
      doc.rect(x, y, w, h).lineWidth(0.5).stroke();
      if (row[c]) doc.text(row[c]!, x + pad, y + pad, { width: w - 2 * pad, lineGap: 2 });
      x += w;
    });
    doc.x = left;
    doc.y = y + h;
  }
  doc.fontSize(size);
}
