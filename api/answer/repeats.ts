/** Whether an answer repeats the one it follows: the service avoids it, the eval counts it. */

/** An answer whose quoted text the previous answer already held to this share repeats it. */
export const REPEATED_SHARE = 0.8;

export function repeats(answer: { citations: { quote: string }[] }, previousAnswer: string | null | undefined): boolean {
  if (!previousAnswer || answer.citations.length === 0) return false;
  const total = answer.citations.reduce((s, c) => s + c.quote.length, 0);
  const held = answer.citations.reduce((s, c) => s + (previousAnswer.includes(c.quote) ? c.quote.length : 0), 0);
  return held / total >= REPEATED_SHARE;
}
