/**
 * Multi-turn: a question that leans on the previous turn (那…呢？, 要什么条件, 什么时候完成) is
 * read with the topic of the question it follows, and answered about the documents the previous
 * answer cited — without repeating that answer. A follow-up naming another year switches year.
 */
import type { ChatMessage } from "../../core/api-schema.ts";
import type { GazetteDocument } from "../../core/model.ts";
import { normalizeQuery } from "../../core/text/normalize.ts";
import type { Catalog } from "../index/catalog.ts";
import type { Kind } from "./kinds.ts";
import { kindsAsked, maskCues } from "./kinds.ts";
import { keywordTerms } from "./understand.ts";

const FOLLOW_UP_START = /^(那|那么|那如果|那要是|要是|如果|假如|万一|还有|另外|此外|这个|这项|这些|该|它|其|上述|上面|刚才|再问|然后|并且|以及|同时|其中)/u;
/** A "they" with no one named before it in the question points back to the conversation. */
const PRONOUN = /他们|她们|它们|对方|其中/u;
/** A question this short with at most two words of topic leans on the conversation. */
const SHORT_QUESTION = 16;
// 呢 ends an elliptical "what about…" (大学生呢？); 吗 ends a yes-or-no question, which names its own topic.
const FOLLOW_UP_END = /呢[？?]?$/u;
const YEAR = /(?<!\d)(?:19|20)\d{2}\s*年?/gu;

/** A 文号 or an issue named: the question says what it is about (三政办〔2019〕8号讲了什么？). */
const NAMES_ITS_SOURCE = /[〔\[(（［]\s*\d{4}\s*[〕\])）］]\s*\d{1,4}\s*号|\d{4}\s*年\s*第\s*\d{1,3}\s*[号期]|总第\s*\d{1,4}/u;

export function isFollowUp(question: string): boolean {
  const q = normalizeQuery(question);
  if (FOLLOW_UP_START.test(q) || PRONOUN.test(q)) return true;
  if (NAMES_ITS_SOURCE.test(q)) return false;
  // Little left once the ways of asking are gone (要什么条件才能申请？ → 才能, 申请): nothing of its own to search for.
  const topic = keywordTerms(maskCues(q));
  return (q.length <= 12 && FOLLOW_UP_END.test(q)) || topic.length <= 1 || (q.length <= SHORT_QUESTION && topic.length <= 2);
}

export interface Conversation {
  /** The last user message, normalised. */
  question: string;
  /** What to search for: the question, with the topic of the question it follows. */
  standalone: string;
  followUp: boolean;
  /** The previous answer, when the question follows up on it. */
  previousAnswer: string | null;
  /** What the question it follows asked (an amount, a date…): anything else asked now is new. */
  askedBefore: Kind[];
}

export function resolveQuestion(messages: ChatMessage[]): Conversation {
  const users = messages.filter((m) => m.role === "user").map((m) => normalizeQuery(m.content)).filter(Boolean);
  const question = users[users.length - 1] ?? "";
  const previous = users.slice(0, -1).reverse();
  if (previous.length === 0 || !isFollowUp(question)) return { question, standalone: question, followUp: false, previousAnswer: null, askedBefore: [] };
  const anchor = previous.find((p) => !isFollowUp(p)) ?? previous[0]!;
  // The anchor's topic without its ways of asking: 要什么条件 after 有什么补贴 asks conditions, not amounts.
  let topic = maskCues(anchor).replace(/[?？!！。，,]/gu, " ");
  if (/(?<!\d)(?:19|20)\d{2}/u.test(question)) topic = topic.replace(YEAR, " ");
  const lastAssistant = [...messages].reverse().find((m) => m.role === "assistant")?.content ?? null;
  return { question, standalone: `${topic.replace(/\s+/g, " ").trim()} ${question}`, followUp: true, previousAnswer: lastAssistant, askedBefore: kindsAsked(anchor) };
}

/** Documents an answer names by title (《…》): the thread a follow-up continues. */
export function documentsNamed(answer: string | null, catalog: Catalog): GazetteDocument[] {
  if (!answer) return [];
  const titles = new Set([...answer.matchAll(/《([^》]{4,120})》/gu)].map((m) => m[1]!));
  return catalog.documents.filter((d) => titles.has(d.title));
}
