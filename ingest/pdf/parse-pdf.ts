/** A PDF gazette → its issue and documents: text extracted page by page, then the same parser as text files. */
import type { Line } from "../gazette/lines.ts";
import type { ParsedIssue } from "../gazette/parse-issue.ts";
import { parseLines } from "../gazette/parse-issue.ts";
import { extractPdf, pageRanges } from "./extract.ts";

export async function parsePdfIssue(bytes: Uint8Array, source: string): Promise<ParsedIssue> {
  const pdf = await extractPdf(bytes);
  const lines: Line[] = pdf.lines.map((l, i) => ({ no: i + 1, text: l.text, mdHeading: false, page: l.page }));
  const parsed = parseLines(lines, source, "pdf", pdf.pages);
  const notes: string[] = [];
  if (pdf.scanned.length) notes.push(`页 ${pageRanges(pdf.scanned)} 无文字层: pages ${pageRanges(pdf.scanned)} are images without a text layer (scanned; OCR is not enabled), their text is missing`);
  if (pdf.unreadable.length) notes.push(`页 ${pageRanges(pdf.unreadable)} 文字无法解码: pages ${pageRanges(pdf.unreadable)} have a text layer that does not decode (fonts without a Unicode map), left out`);
  if (pdf.blank.length) notes.push(`页 ${pageRanges(pdf.blank)} 空白: pages ${pageRanges(pdf.blank)} are blank`);
  return { ...parsed, warnings: [...notes, ...parsed.warnings] };
}
