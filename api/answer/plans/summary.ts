/**
 * "三政办〔2020〕5号讲了什么？": the document's outline — what it is for (its opening), then its
 * top-level parts, each by its heading as printed, with the headings below it as labels.
 */
import type { GazetteDocument } from "../../../core/model.ts";
import type { Quote } from "../compose.ts";
import { headingQuote, mainParts, openingSentences, outline } from "../structure.ts";
import type { Plan, PlanInput } from "./plan.ts";

export const SUMMARY = {
  /** Parts listed; a longer document says how many more there are. */
  maxParts: 10,
  /** Sub-headings named under a part. */
  maxSubheadings: 6,
  /** Sentences quoted from a document without headings. */
  openingSentences: 3,
};

const trimEnd = (s: string) => s.replace(/[。；;：:]$/u, "");

export async function summaryPlan({ ctx }: PlanInput, document: GazetteDocument): Promise<Plan | null> {
  const passages = await ctx.passagesOf(document.id);
  const issue = ctx.catalog.issue(document.issueId);
  if (passages.length === 0 || !issue) return null;
  const parts = mainParts(outline(passages));
  const quotes: Quote[] = [];
  const [purpose] = openingSentences(passages, 1);
  if (purpose) quotes.push({ passage: purpose.passage, quote: purpose.quote });
  for (const part of parts.slice(0, SUMMARY.maxParts)) {
    const heading = headingQuote(part);
    if (!heading || quotes.some((q) => q.quote === heading.quote)) continue;
    const subs = part.children.map((c) => trimEnd(c.name)).slice(0, SUMMARY.maxSubheadings);
    const more = part.children.length > subs.length ? "等" : "";
    quotes.push({ ...heading, display: subs.length >= 2 ? `${heading.quote}（${subs.join("；")}${more}）` : undefined });
  }
  if (quotes.length <= 1) {
    for (const s of openingSentences(passages, SUMMARY.openingSentences)) if (!quotes.some((q) => q.quote === s.quote)) quotes.push(s);
  }
  if (quotes.length === 0) return null;
  const count = parts.length >= 2 ? `，正文分为${parts.length}个部分` : "";
  return {
    kind: "summary",
    draft: { blocks: [{ source: { document, issue }, intro: `${count}，主要内容如下：`, quotes, lines: true }] },
    coverage: 1, statesAsked: true, items: quotes.length,
  };
}
