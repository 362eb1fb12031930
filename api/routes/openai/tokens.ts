/**
 * Token counts estimated from the text, for `usage` and `max_tokens` when no LLM counted them.
 * GPT-style tokenizers spend about one token per Han character and about one per four
 * characters of Latin text; the estimate follows that, so it is a size, not a bill.
 */

/** Han, kana, Hangul and full-width punctuation: one token each. */
const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;

/** Characters of other text per token. */
export const NARROW_CHARS_PER_TOKEN = 4;

/** Tokens a chat message costs beyond its text (role and separators), as OpenAI counts them. */
export const MESSAGE_OVERHEAD_TOKENS = 4;

/** The estimated tokens of each character, in order: 1 for a wide one, 1/4 for the rest. */
function weights(text: string): { char: string; weight: number }[] {
  return Array.from(text, (char) => ({ char, weight: WIDE.test(char) ? 1 : 1 / NARROW_CHARS_PER_TOKEN }));
}

export function estimateTokens(text: string): number {
  return Math.ceil(weights(text).reduce((sum, w) => sum + w.weight, 0));
}

/** The tokens of a prompt: each message's text plus its overhead. */
export function estimatePromptTokens(messages: string[]): number {
  return messages.reduce((sum, m) => sum + estimateTokens(m) + MESSAGE_OVERHEAD_TOKENS, 0);
}

/**
 * The longest start of `text` within `maxTokens` (estimated), never cutting a `[n]` citation
 * marker in half; `truncated` says whether anything was cut.
 */
export function truncateToTokens(text: string, maxTokens: number): { text: string; truncated: boolean } {
  if (estimateTokens(text) <= maxTokens) return { text, truncated: false };
  let used = 0;
  let out = "";
  for (const piece of text.match(/\[\d+\]|[\s\S]/gu) ?? []) {
    const cost = weights(piece).reduce((sum, w) => sum + w.weight, 0);
    if (Math.ceil(used + cost) > maxTokens) break;
    used += cost;
    out += piece;
  }
  return { text: out, truncated: true };
}
