/** Raw file text → cleaned, numbered lines (markdown and PDF artefacts removed, blank lines dropped). */

export interface Line {
  /** 1-based line number in the source file. */
  no: number;
  /** Cleaned text: markdown stripped, trimmed; table rows keep their TAB separators. */
  text: string;
  /** True when the source line was a markdown heading (`# …`): a hint, never structure. */
  mdHeading: boolean;
  /** PDF page the line starts on; absent for text files. */
  page?: number;
}

const PIPE_SEPARATOR = /^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$/;

function pipeRowToTsv(s: string): string | null {
  if (!/^\|.*\|$/.test(s)) return null;
  const cells = s.slice(1, -1).split("|").map((c) => c.trim());
  return cells.every((c) => c === "") ? "" : cells.join("\t");
}

function stripMarkdown(s: string): { text: string; mdHeading: boolean } {
  let t = s;
  const mdHeading = /^#{1,6}\s/.test(t);
  t = t.replace(/^#{1,6}\s+/, "");
  t = t.replace(/\*\*(.+?)\*\*/g, "$1");
  t = t.replace(/\[([^\]]+)\]\([^)]*\)/g, "$1");
  t = t.replace(/^\s*[-*]\s+(?=\S)/, "");
  return { text: t, mdHeading };
}

export function toLines(raw: string): Line[] {
  const out: Line[] = [];
  raw.split("\n").forEach((rawLine, i) => {
    const line = rawLine.replace(/\r$/, "").replace(/[ \u3000]+$/, "");
    if (line.trim() === "" || PIPE_SEPARATOR.test(line.trim())) return;
    const pipe = pipeRowToTsv(line.trim());
    if (pipe !== null) {
      if (pipe !== "") out.push({ no: i + 1, text: pipe, mdHeading: false });
      return;
    }
    const { text, mdHeading } = stripMarkdown(line.includes("\t") ? line : line.trim());
    const cleaned = text.includes("\t") ? text.replace(/^[ \u3000]+|[ \u3000]+$/g, "") : text.trim();
    if (cleaned.replace(/\t/g, "").trim() !== "") out.push({ no: i + 1, text: cleaned, mdHeading });
  });
  return out;
}

export function isTableRow(text: string): boolean {
  return text.includes("\t");
}
