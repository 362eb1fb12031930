/** Display forms shared by cards, the reader and the copied text. */
import type { CitationOut } from "../../core/api-schema.ts";

/** "2024-03-10" → "2024年3月10日"; anything else is shown as given. */
export function formatDate(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

/** `[n] 标题（文号）, 期号`, the form used when an answer is copied. */
export function citationLine(c: CitationOut): string {
  const number = c.document.docNumber ? `（${c.document.docNumber}）` : "";
  return `[${c.n}] ${c.document.title}${number}, ${c.issue.label}`;
}

/** The numbers of the `[n]` markers in a text, in first-use order. */
export function markersIn(text: string): number[] {
  return [...new Set([...text.matchAll(/\[(\d{1,3})\]/g)].map((m) => Number(m[1])))];
}

/** The answer followed by the sources it cites (all of them if it cites none by number). */
export function answerForCopy(answer: string, citations: CitationOut[]): string {
  const used = new Set(markersIn(answer));
  const cited = citations.filter((c) => used.has(c.n));
  const lines = (cited.length > 0 ? cited : citations).toSorted((a, b) => a.n - b.n).map(citationLine);
  return lines.length > 0 ? `${answer.trim()}\n\n${lines.join("\n")}` : answer.trim();
}

/** Writes text to the clipboard, falling back to a hidden textarea where the async API is unavailable (plain http). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.append(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok;
  }
}
