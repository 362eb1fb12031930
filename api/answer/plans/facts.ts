/**
 * Fact answers (amount, time, place, condition, who, yes-or-no, anything else): the sentences
 * that state the asked kind of fact within the best passages, grouped by document, each shown
 * with the heading that says what it is about.
 */
import type { Block, Quote } from "../compose.ts";
import { answersAskedFact, coverYears, renderRow, scoreCandidates, selectSentences } from "../candidates.ts";
import type { Candidate } from "../candidates.ts";
import type { Plan, PlanInput } from "./plan.ts";

/**
 * The heading a quote is shown under: its passage's own section, when that heading is printed in
 * the passage above the quote (a passage continuing a section carries a heading path it does not show).
 */
function labelOf(c: Candidate): string | undefined {
  const last = c.hit.passage.heading.split(" > ").pop()?.trim() ?? "";
  if (!last || last.endsWith("…") || c.sentence.text.includes(last)) return undefined;
  const at = c.hit.passage.text.indexOf(last);
  return at >= 0 && at < c.sentence.start ? last : undefined;
}

export function factsPlan({ query, hits, previousAnswer, askedBefore }: PlanInput): Plan | null {
  const cands = scoreCandidates(query, hits, previousAnswer, askedBefore);
  const selected = selectSentences(cands, query);
  if (selected.length === 0) return null;
  // Prefer the sentences that state the asked kind of figure; keep the selection when none does.
  const stating = answersAskedFact(query, cands, selected);
  const picked = coverYears(query, cands, stating ?? selected);
  // A heading quoted beside a sentence of its own section says it twice: it is that sentence's label.
  const chosen = picked.filter((c) => !picked.some((o) => o !== c && labelOf(o) === c.sentence.text.replace(/[。：:]$/u, "")));
  const blocks: Block[] = [];
  for (const c of chosen) {
    const quote: Quote = { passage: c.hit.passage, quote: c.sentence.text, label: labelOf(c), display: c.sentence.row ? `${renderRow(c.hit, c.sentence.text)}。` : undefined };
    const block = blocks.find((b) => b.source?.document.id === c.hit.document.id);
    if (block) block.quotes.push(quote);
    else blocks.push({ source: { document: c.hit.document, issue: c.hit.issue }, quotes: [quote], lines: false });
  }
  // Sentences of one section read as one paragraph: a label is shown once, where the section starts.
  for (const b of blocks) b.quotes.forEach((q, i) => { if (i > 0 && q.label === b.quotes[i - 1]!.label) q.label = undefined; });
  for (const b of blocks) if (b.quotes.some((q) => q.label)) b.lines = true;
  return {
    kind: "facts",
    draft: { blocks },
    coverage: chosen[0]!.coverage,
    statesAsked: stating !== null && chosen.some((c) => c.statesAsked),
    items: chosen.length,
  };
}
