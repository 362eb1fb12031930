/** Locates a citation's quote inside its passage text. */

export interface QuoteSpan {
  start: number;
  end: number;
}

/**
 * The quote's position in the passage: exact match first, then one that ignores whitespace,
 * since the quote and the passage may differ in line breaks or spaces left by PDF extraction.
 */
export function findQuote(text: string, quote: string): QuoteSpan | null {
  const q = quote.trim();
  if (!q) return null;
  const exact = text.indexOf(q);
  if (exact >= 0) return { start: exact, end: exact + q.length };

  const positions: number[] = []; // index in `text` of each non-space character
  let compact = "";
  for (let i = 0; i < text.length; i++) {
    if (!/\s/.test(text.charAt(i))) {
      positions.push(i);
      compact += text.charAt(i);
    }
  }
  const needle = q.replace(/\s+/g, "");
  const at = compact.indexOf(needle);
  if (at < 0) return null;
  const start = positions[at] ?? 0;
  const end = (positions[at + needle.length - 1] ?? start) + 1;
  return { start, end };
}
