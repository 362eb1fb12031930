/**
 * "重点民生实事有哪些？", "示范园区要具备什么条件？", "怎么申请？": the items of the section the
 * question is about, complete and in order — the section found by its heading among the best
 * documents, its items by their enumerators (一、（一）1.（1）第X条) or, failing those, its sub-sections.
 */
import { termWeight } from "../../../core/text/terms.ts";
import type { Kind } from "../../question/kinds.ts";
import { alternativesOf } from "../../question/understand.ts";
import type { Quote } from "../compose.ts";
import type { Item, Section } from "../structure.ts";
import { headingQuote, itemsOf, outline } from "../structure.ts";
import type { Plan, PlanInput } from "./plan.ts";

export const LIST = {
  /** Documents among the best hits whose sections are considered, if their best hit scores this share of the top one. */
  documents: 3,
  documentFloor: 0.7,
  /** Items shown; the rest are counted. */
  maxItems: 15,
  /** A section must hold at least this share of the topic's weighted terms in its heading path (own heading counts fully, ancestors half). */
  minNameScore: 0.45,
  /** …of which the topic itself (without the kind's heading bonus) at least this: 申报程序 alone does not make a passport procedure. */
  minTopicInName: 0.2,
  ancestorWeight: 0.5,
  /** Share of the topic's weight the section's own text holds, at this weight: of two 申报条件 chapters, the one about 示范园区. */
  content: 0.3,
  /** A heading naming the kind asked (申报条件 for a condition question) adds this much. */
  kindHeading: 0.35,
  /** Bonus for the document's rank among the hits, and for holding the best hit itself. */
  documentRank: 0.15,
  holdsTopHit: 0.05,
  /** A plain list question (有哪些) is rarely answered by a regulation's articles (第X条): they are its clauses, not things it lists. */
  articles: -0.1,
  /** Among sections named alike, the one carrying more of the document (a 方案 over its 考核办法) wins: per log of passages. */
  size: 0.03,
};

/** Headings that announce a kind of content: conditions, procedures. */
const KIND_HEADINGS: Partial<Record<Kind, RegExp>> = {
  condition: /条件|资格|对象|范围|标准|要求/u,
  procedure: /程序|流程|步骤|办理|申报|申请|受理|审批/u,
};

interface Scored {
  section: Section;
  score: number;
  items: Item[];
}

/** A topic word with the official terms that stand for it: met when any of them is written. */
interface TopicWord {
  words: string[];
  weight: number;
}

function share(words: TopicWord[], holds: (w: string) => number): number {
  const total = words.reduce((s, w) => s + w.weight, 0);
  if (total === 0) return 0;
  return words.reduce((s, w) => s + w.weight * Math.max(0, ...w.words.map(holds)), 0) / total;
}

/** Share of the topic in the heading path: its own heading counts fully, the headings above it at `ancestorWeight`. */
function nameScore(section: Section, topic: TopicWord[]): number {
  const above = section.path.slice(0, -1).join(" ");
  return share(topic, (w) => (section.name.includes(w) ? 1 : above.includes(w) ? LIST.ancestorWeight : 0));
}

function contentScore(section: Section, topic: TopicWord[]): number {
  const text = section.passages.map((p) => p.text).join("\n");
  return share(topic, (w) => (text.includes(w) ? 1 : 0));
}

function walk(section: Section, visit: (s: Section) => void): void {
  for (const c of section.children) {
    visit(c);
    walk(c, visit);
  }
}

/** A section's items: its enumerated lines, or its sub-sections' headings when it has no such lines. */
function sectionItems(section: Section): Item[] {
  const items = itemsOf(section);
  if (items.length >= 2) return items;
  return section.children.map(headingQuote).filter((i): i is Item => i !== null);
}

export async function listPlan({ ctx, query, hits, previousAnswer }: PlanInput, kinds: Kind[]): Promise<Plan | null> {
  const topic: TopicWord[] = query.topic.map((t) => ({ words: [t, ...alternativesOf(query, t)], weight: termWeight(t) }));
  const top = hits[0]?.score ?? 0;
  const docs = [...new Set(hits.filter((h) => h.score >= LIST.documentFloor * top).map((h) => h.document.id))].slice(0, LIST.documents);
  const kindRe = kinds.map((k) => KIND_HEADINGS[k]).filter((r): r is RegExp => !!r);
  let best: Scored | null = null;
  for (const [rank, id] of docs.entries()) {
    const root = outline(await ctx.passagesOf(id));
    walk(root, (section) => {
      const kindHit = kindRe.some((re) => re.test(section.name));
      // A condition or procedure question is answered by a section that announces one.
      if (kindRe.length && !kindHit) return;
      const topicInName = nameScore(section, topic);
      const name = topicInName + (kindHit ? LIST.kindHeading : 0);
      if (name < LIST.minNameScore || topicInName < LIST.minTopicInName) return;
      const items = sectionItems(section);
      if (items.length < 2) return;
      const clauses = kindRe.length === 0 && items.every((i) => i.style === "article") ? LIST.articles : 0;
      const score = name + clauses + LIST.content * contentScore(section, topic) + LIST.documentRank / (1 + rank) + (section.passages.some((p) => p.id === hits[0]?.passage.id) ? LIST.holdsTopHit : 0) + LIST.size * Math.log1p(section.passages.length);
      // Deeper sections win ties: the most specific heading that still lists things.
      if (!best || score > best.score + 1e-9 || (Math.abs(score - best.score) < 1e-9 && section.path.length > best.section.path.length)) best = { section, score, items };
    });
  }
  const found = best as Scored | null;
  if (!found) return null;
  // Grouped items are shown under their announcing line, once per group.
  const quotes: Quote[] = found.items.slice(0, LIST.maxItems).map((i, k, all) => ({
    passage: i.passage, quote: i.quote, label: i.group && i.group !== all[k - 1]?.group ? i.group.replace(/[：:]$/u, "") : undefined,
  }));
  // A follow-up answered with the same list again says nothing new: let the fact answer try.
  if (previousAnswer && quotes.every((q) => previousAnswer.includes(q.quote))) return null;
  const first = found.section.passages[0]!;
  const document = ctx.catalog.document(first.documentId)!;
  const issue = ctx.catalog.issue(first.issueId)!;
  const rest = found.items.length - quotes.length;
  const intro = `，“${found.section.name.replace(/[。：:]$/u, "")}”列有以下${found.items.length}项${rest > 0 ? `（这里列出前${quotes.length}项）` : ""}：`;
  return {
    kind: "list",
    draft: { blocks: [{ source: { document, issue }, intro, quotes, lines: true }] },
    coverage: Math.min(1, found.score), statesAsked: true, items: quotes.length,
  };
}
