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

/** Words that ask for an issue's contents (收录了哪些, 领导讲话, 几篇文件), not for something inside a document. */
const CONTENTS_WORDS = /收录|刊登|刊发|刊载|登载|领导|文件|篇|公报/u;

function titleMatches(doc: GazetteDocument, topic: string[]): boolean {
  const words = topic.filter((t) => termWeight(t) >= 1);
  return words.length > 0 && words.some((t) => doc.title.includes(t));
}

/**
 * An issue's contents are asked for when the topic is about its documents: at least half its
 * weight is ways of naming contents, kinds of document, or words of the issue's titles.
 * 杜爱民在2012年第12号公报里受到了哪些表彰 asks about a person inside a document instead.
 */
export function asksContents(topic: string[], titles: string[]): boolean {
  const words = topic.map((t) => ({ t, w: termWeight(t) })).filter((x) => x.w >= 1);
  const total = words.reduce((s, x) => s + x.w, 0);
  const about = words.filter((x) => CONTENTS_WORDS.test(x.t) || DOCUMENT_KINDS.some(([, re]) => re.test(x.t)) || titles.some((title) => title.includes(x.t)));
  return total === 0 || about.reduce((s, x) => s + x.w, 0) * 2 >= total + 1e-9 && about.length * 2 >= words.length;
}

export async function issuePlan({ ctx, query }: PlanInput, issue: Issue): Promise<Plan | null> {
  const docs = ctx.catalog.documents.filter((d) => d.issueId === issue.id).sort((a, b) => a.ordinal - b.ordinal);
  if (!asksContents(query.topic, docs.map((d) => d.title))) return null;
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
