/**
 * "2020年第3号公报收录了哪些领导讲话？": the documents of the named issue — of the kind asked
 * (speeches, decrees…) or whose titles hold the topic — each by title, cited by its opening.
 */
import type { GazetteDocument, Issue } from "../../../core/model.ts";
import { termWeight } from "../../../core/text/terms.ts";
import type { Quote } from "../compose.ts";
import { openingSentences } from "../structure.ts";
import type { Plan, PlanInput } from "./plan.ts";

/** Words that name a kind of document rather than a topic. */
const DOCUMENT_KINDS: Array<[GazetteDocument["kind"], RegExp]> = [
  ["speech", /讲话|发言|致辞|报告会/u],
  ["decree", /政府令|规章|令/u],
  ["report", /工作报告|报告/u],
];

function titleMatches(doc: GazetteDocument, topic: string[]): boolean {
  const words = topic.filter((t) => termWeight(t) >= 1);
  return words.length > 0 && words.some((t) => doc.title.includes(t));
}

export async function issuePlan({ ctx, query }: PlanInput, issue: Issue): Promise<Plan | null> {
  const docs = ctx.catalog.documents.filter((d) => d.issueId === issue.id).sort((a, b) => a.ordinal - b.ordinal);
  const kinds = DOCUMENT_KINDS.filter(([, re]) => re.test(query.text)).map(([k]) => k);
  const topic = query.topic.filter((t) => !DOCUMENT_KINDS.some(([, re]) => re.test(t)));
  let chosen = kinds.length ? docs.filter((d) => kinds.includes(d.kind)) : docs;
  let byTopic = false;
  if (!kinds.length && topic.length) {
    const byTitle = docs.filter((d) => titleMatches(d, topic));
    if (byTitle.length) [chosen, byTopic] = [byTitle, true];
  }
  if (chosen.length === 0) return null;
  const quotes: Quote[] = [];
  for (const doc of chosen) {
    const [opening] = openingSentences(await ctx.passagesOf(doc.id), 1);
    if (opening) quotes.push({ ...opening, display: `《${doc.title}》${doc.docNumber ? `（${doc.docNumber}）` : ""}` });
  }
  if (quotes.length === 0) return null;
  const what = kinds.includes("speech") ? "领导讲话" : "文件";
  return {
    kind: "issue",
    draft: { lead: `${issue.label}公报收录的${what}${byTopic ? "中与问题相关的" : ""}共${quotes.length}篇：`, blocks: [{ quotes, lines: true }] },
    coverage: 1, statesAsked: true, items: quotes.length,
  };
}
