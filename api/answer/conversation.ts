/** Multi-turn: a follow-up (`那申请条件呢？`) is read together with the question it follows. */
import type { ChatMessage } from "../../core/api-schema.ts";
import { normalizeQuery } from "../../core/text/normalize.ts";
import { keywordTerms } from "../retrieval/understand.ts";

const FOLLOW_UP_START = /^(那|那么|那如果|那要是|要是|如果|假如|万一|还有|另外|此外|这个|这项|这些|该|它|其|上述|上面|刚才|再问|然后|并且|以及|同时)/u;
/** A "they" with no one named before it in the question points back to the conversation. */
const PRONOUN = /他们|她们|它们|对方/u;
const FOLLOW_UP_END = /(呢|呀|吗)[？?]?$/u;

export function isFollowUp(question: string): boolean {
  const q = normalizeQuery(question);
  if (FOLLOW_UP_START.test(q) || PRONOUN.test(q)) return true;
  const terms = keywordTerms(q);
  return (q.length <= 12 && FOLLOW_UP_END.test(q)) || terms.length <= 1;
}

/** The question to search for: the last user message, with the previous user question prepended when it follows up. */
export function resolveQuestion(messages: ChatMessage[]): { question: string; standalone: string; followUp: boolean } {
  const users = messages.filter((m) => m.role === "user").map((m) => normalizeQuery(m.content)).filter(Boolean);
  const question = users[users.length - 1] ?? "";
  const previous = users.slice(0, -1).reverse();
  if (previous.length === 0 || !isFollowUp(question)) return { question, standalone: question, followUp: false };
  const anchor = previous.find((p) => !isFollowUp(p)) ?? previous[0]!;
  return { question, standalone: `${anchor} ${question}`, followUp: true };
}
