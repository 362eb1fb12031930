/** Whether an answer repeats the one it follows: the service avoids it, the eval counts it. */

/** An answer whose text the previous answer already held to this share repeats it. */
export const REPEATED_SHARE = 0.8;

const withoutMarkers = (s: string) => s.replace(/\[\d{1,3}\]/g, "");

/** Line by line, citation markers aside (numbers change between answers, the words do not). */
export function repeats(answer: string, previousAnswer: string | null | undefined): boolean {
  if (!previousAnswer) return false;
  const before = withoutMarkers(previousAnswer);
  const lines = withoutMarkers(answer).split("\n").map((l) => l.trim()).filter(Boolean);
  const total = lines.reduce((s, l) => s + l.length, 0);
  if (total === 0) return false;
  return lines.reduce((s, l) => s + (before.includes(l) ? l.length : 0), 0) / total >= REPEATED_SHARE;
}
