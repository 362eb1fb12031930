/**
 * A "not found" answer names its related documents in its text for clients that only read text;
 * the UI shows them as cards to open. The sentences naming them are left out of the text shown,
 * so each document is listed once.
 */
import type { RelatedDocument } from "../../../core/api-schema.ts";

/** Sentences end at 。！？ (the gazettes' and the answers' punctuation); the mark stays with its sentence. */
const SENTENCE = /[^。！？]+[。！？]?/g;

export function withoutRelatedSentences(text: string, related: RelatedDocument[]): string {
  if (related.length === 0) return text;
  const named = related.map((r) => `《${r.document.title}》`);
  return (text.match(SENTENCE) ?? [text]).filter((s) => !named.some((n) => s.includes(n))).join("");
}
