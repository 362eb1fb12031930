/**
 * Chat answers from the structured responsibilities: "2024年城市公交优先由哪个单位负责？"
 * (who is responsible for a topic) and "市交通运输局今年要负责哪些事？" (what a unit must do).
 * Every listed task carries a citation to the passage it was extracted from; where the body
 * text and the 分工台账 of the same document disagree, the answer says so. Returns null when the
 * question is not of this kind or the structured rows do not answer it (the caller then
 * answers from retrieval as usual).
 */
import type { ChatResponse, CitationOut, Filters } from "../../core/api-schema.ts";
import { buildWhere } from "../../core/index/where.ts";
import type { GazetteDocument, Issue, Passage } from "../../core/model.ts";
import { normalizeTypedDocNumber } from "../../core/text/doc-number.ts";
import type { TaskRecord, TaskUnit, UnitRole } from "../../core/tasks.ts";
import { describeUnits, mainUnits } from "../../core/tasks.ts";
import { citationFor } from "../answer/citations.ts";
import type { Catalog } from "../index/catalog.ts";
import type { OpenRun } from "../index/live-index.ts";
import type { Hit } from "../retrieval/search.ts";
import { rowToPassage } from "../../core/index/passage-row.ts";
import { unitsInText } from "./names.ts";
import { byDocumentOrder, topicScore, weightedTerms } from "./present.ts";
import type { Responsibilities } from "./store.ts";
import { loadResponsibilities } from "./store.ts";

/** Asks which unit: 哪个单位负责, 由谁牵头, 责任单位是 … */
const ASKS_WHO = /(?:哪个|哪些|哪家|什么|啥|那个|哪一个)(?:单位|部门|机构|局|委)|谁(?:来)?(?:负责|牵头|主管|管|承担|落实|抓|配合)|由谁|归谁|找谁|责任单位|牵头单位|配合单位|责任部门|牵头部门|责任领导|负责单位|主管部门|谁是/u;
/** Asks what a named unit must do. */
const ASKS_DUTY = /负责|牵头|承担|要做|要干|做哪些|干哪些|哪些事|什么事|哪些工作|什么工作|哪些任务|什么任务|职责|分工|任务|干什么|做什么|管什么|管哪些|配合/u;
const QUESTION_WORDS = new RegExp(
  `${ASKS_WHO.source}|${ASKS_DUTY.source}|今年|本年度?|去年|明年|(?:19|20)\\d{2}\\s*年?|事情|事项|工作|哪些|什么|要|由|的|是|呢|吗|[？?。！!，,、]`,
  "gu",
);
const LATEST = /今年|本年|当年|目前|现在|最新/u;
const YEAR = /(?<!\d)((?:19|20)\d{2})(?:\s*年|(?!\d))/gu;

const MAX_LISTED = { unit: 8, who: 5 };
const MIN_TOPIC_SCORE = 0.5;
/** The structured answer's document must be among the documents of this many top retrieval hits. */
const TOP_HIT_DOCUMENTS = 5;
/** Questions that also ask for a figure or a date: the structured rows hold only who and when-due. */
const ASKS_OTHER_FACT = /多少|几个|几家|几项|几次|几天|几年|多久|多长|多大|什么时候|何时|哪天|目标是|设在|办公室/u;
/** A follow-up asking for one role only (那配合单位有哪些？) is answered with the units in that role, when some have it. */
const ROLE_ASKED: Array<[UnitRole, RegExp]> = [["cooperate", /配合/u], ["lead", /牵头/u]];

export function roleAsked(asked: string): UnitRole | null {
  return ROLE_ASKED.find(([, re]) => re.test(asked))?.[0] ?? null;
}

const ROLE_NAME: Record<UnitRole, string> = { lead: "牵头", responsible: "责任单位", cooperate: "配合" };

interface Context {
  run: OpenRun;
  all: Responsibilities;
  catalog: Catalog;
}

function inFilters(t: TaskRecord, filters: Filters | undefined, catalog: Catalog): boolean {
  if (!filters) return true;
  if (filters.year !== undefined && t.year !== filters.year) return false;
  if (filters.issue !== undefined && t.issueId !== filters.issue) return false;
  const doc = catalog.document(t.documentId);
  if (filters.category !== undefined && doc?.category !== filters.category) return false;
  if (filters.docNumber !== undefined && doc?.docNumber !== (normalizeTypedDocNumber(filters.docNumber) ?? filters.docNumber)) return false;
  return true;
}

/** A quote short enough to read in a citation: the sentence holding the units clause, verbatim. */
export function compactQuote(quote: string, max = 260): string {
  if (quote.length <= max) return quote;
  const open = Math.max(quote.lastIndexOf("（"), quote.lastIndexOf("("));
  if (open > 0) {
    const before = quote.slice(0, open);
    const start = Math.max(before.lastIndexOf("。"), before.lastIndexOf("；"), before.lastIndexOf("\n")) + 1;
    const tail = quote.slice(start).trim();
    if (tail.length <= max + 80) return tail;
    return quote.slice(Math.max(start, open - 80)).trim();
  }
  const first = quote.search(/[。；]/u);
  return first > 0 && first < max ? quote.slice(0, first + 1) : quote.slice(0, max);
}

/** Citations numbered in order of first use; one per passage and quote. */
class Citations {
  readonly list: CitationOut[] = [];
  private byKey = new Map<string, number>();
  constructor(private passages: Map<string, Passage>, private catalog: Catalog) {}

  private hit(passageId: string): Hit | null {
    const passage = this.passages.get(passageId);
    const document: GazetteDocument | undefined = passage && this.catalog.document(passage.documentId);
    const issue: Issue | undefined = passage && this.catalog.issue(passage.issueId);
    return passage && document && issue ? { passage, document, issue, score: 1, bm25: null, similarity: null } : null;
  }

  cite(passageId: string, quote: string): string {
    const key = `${passageId}\n${quote}`;
    const known = this.byKey.get(key);
    if (known) return `[${known}]`;
    const hit = this.hit(passageId);
    if (!hit || !hit.passage.text.includes(quote)) return "";
    const n = this.list.length + 1;
    this.list.push(citationFor(n, hit, quote, this.catalog));
    this.byKey.set(key, n);
    return `[${n}]`;
  }

  /** The task's own passage, plus its `牵头单位：…` lines when they are quoted from elsewhere. */
  task(t: TaskRecord): string {
    const own = this.cite(t.passageId, compactQuote(t.quote));
    const extra = t.evidence.slice(0, 2).map((e) => this.cite(e.passageId, compactQuote(e.quote))).join("");
    return own + extra;
  }
}

async function passagesOf(run: OpenRun, tasks: TaskRecord[]): Promise<Map<string, Passage>> {
  const ids = [...new Set(tasks.flatMap((t) => [t.passageId, ...t.evidence.map((e) => e.passageId)]))];
  if (ids.length === 0) return new Map();
  const where = buildWhere([{ column: "id", op: "in", values: ids }])!;
  const rows = await run.passages.query().where(where).select(run.columns).limit(ids.length).toArray();
  return new Map(rows.map((r) => rowToPassage(r as Record<string, unknown>)).map((p) => [p.id, p]));
}

function sourceOf(t: TaskRecord, catalog: Catalog): string {
  const doc = catalog.document(t.documentId)!;
  const issue = catalog.issue(t.issueId)!;
  return `《${doc.title}》（${doc.docNumber ? `${doc.docNumber}，` : ""}${issue.label}）`;
}

function details(t: TaskRecord): string {
  return [t.leaders.length ? `责任领导：${t.leaders.join("、")}` : "", t.deadline ? `时限：${t.deadline}` : ""].filter(Boolean).join("；");
}

/** Disagreements between body text and 分工台账 for the listed tasks, each cited on both sides. */
function conflictLines(tasks: TaskRecord[], ctx: Context, cites: Citations, max = 4): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const t of tasks) {
    for (const c of t.conflicts) {
      const pair = [t.id, c.taskId].sort().join("|");
      if (seen.has(pair) || out.length >= max) continue;
      seen.add(pair);
      const other = ctx.all.byId.get(c.taskId);
      const marks = cites.task(t) + (other ? cites.task(other) : "");
      out.push(`${c.note}${marks}`);
    }
  }
  return out;
}

function latestYear(tasks: TaskRecord[]): number | null {
  return tasks.length ? Math.max(...tasks.map((t) => t.year)) : null;
}

function yearsAsked(question: string): number[] {
  return [...new Set([...question.matchAll(YEAR)].map((m) => Number(m[1])))];
}

/** "市交通运输局今年要负责哪些事？" */
async function unitAnswer(ctx: Context, question: string, names: string[], mentions: string[], filters?: Filters): Promise<ChatResponse | null> {
  let tasks = ctx.all.tasks.filter((t) => t.units.some((u) => names.includes(u.name)) && inFilters(t, filters, ctx.catalog));
  const years = yearsAsked(question);
  let yearPhrase = "";
  if (years.length) {
    tasks = tasks.filter((t) => years.includes(t.year));
    yearPhrase = `在${years.join("、")}年的公报中`;
  } else if (LATEST.test(question)) {
    const latest = latestYear(tasks);
    tasks = tasks.filter((t) => t.year === latest);
    yearPhrase = latest ? `在所收录的最新一年（${latest}年）的公报中` : "";
  }
  if (tasks.length === 0) return null;
  const askedRole: UnitRole | null = /牵头/.test(question) ? "lead" : /配合|协助/.test(question) ? "cooperate" : null;
  if (askedRole) {
    const withRole = tasks.filter((t) => t.units.some((u) => names.includes(u.name) && u.role === askedRole));
    if (withRole.length) tasks = withRole;
  }
  const topic = mentions.reduce((q, m) => q.split(m).join(" "), question).replace(QUESTION_WORDS, " ");
  const terms = weightedTerms(topic).filter((t) => t.weight >= 0.5);
  if (terms.length) {
    const scored = tasks.map((t) => ({ t, s: topicScore(t, terms, ctx.catalog.document(t.documentId)?.title ?? "") })).filter((x) => x.s >= MIN_TOPIC_SCORE);
    if (scored.length === 0) return null;
    tasks = scored.sort((a, b) => b.s - a.s).map((x) => x.t);
  }
  const roleOf = (t: TaskRecord) => t.units.find((u) => names.includes(u.name) && u.role === "lead")?.role
    ?? t.units.find((u) => names.includes(u.name) && u.role === "responsible")?.role ?? "cooperate";
  const rank: Record<UnitRole, number> = { lead: 0, responsible: 1, cooperate: 2 };
  const order = byDocumentOrder(ctx.catalog);
  if (!terms.length) tasks.sort((a, b) => order(a, b) || rank[roleOf(a)] - rank[roleOf(b)]);
  const counts = { lead: 0, responsible: 0, cooperate: 0 };
  for (const t of tasks) counts[roleOf(t)]++;
  const shown = tasks.slice(0, MAX_LISTED.unit);
  const passages = await passagesOf(ctx.run, [...shown, ...shown.flatMap((t) => t.conflicts.map((c) => ctx.all.byId.get(c.taskId)).filter((x): x is TaskRecord => !!x))]);
  const cites = new Citations(passages, ctx.catalog);
  const unitName = names.join("、");
  const split = (["lead", "responsible", "cooperate"] as const).filter((r) => counts[r]).map((r) => `${ROLE_NAME[r]}${counts[r]}项`).join("、");
  const lines = [
    `根据所收录的政府公报，${unitName}${yearPhrase}共列入${tasks.length}项任务（${split}）${tasks.length > shown.length ? `，以下列出${shown.length}项` : ""}：`,
  ];
  let lastDoc = "";
  shown.forEach((t, i) => {
    if (t.documentId !== lastDoc) {
      lines.push(`${sourceOf(t, ctx.catalog)}：`);
      lastDoc = t.documentId;
    }
    const extra = details(t);
    lines.push(`${i + 1}. ${t.title}（${ROLE_NAME[roleOf(t)]}${extra ? `；${extra}` : ""}）${cites.task(t)}`);
  });
  const conflicts = conflictLines(shown, ctx, cites);
  if (conflicts.length) lines.push("注意，正文与分工台账对以下任务的分工写法不一致：", ...conflicts.map((c) => `- ${c}`));
  if (tasks.length > shown.length) lines.push(`其余${tasks.length - shown.length}项可在页面上方“按单位查看”中查看。`);
  return finish(lines, cites);
}

/** Tasks of one document answering the topic, best first; null when none matches well enough. */
function bestDocument(scored: { t: TaskRecord; topic: number; s: number }[], topDocs: Set<string>): TaskRecord[] | null {
  const best = scored.find((x) => topDocs.has(x.t.documentId));
  if (!best) return null;
  return scored
    .filter((x) => x.t.documentId === best.t.documentId && x.topic >= best.topic * 0.8 && x.s >= best.s * 0.6)
    .slice(0, MAX_LISTED.who)
    .map((x) => x.t);
}

/** A unit as the document wrote it when that is a full name other than the normal form: `市公路事业发展中心（市公路局）`. */
function shownName(u: TaskUnit): string {
  return u.surface && u.surface !== u.name && /^(?:市|三门峡)/u.test(u.surface) ? `${u.surface}（${u.name}）` : u.name;
}

/** "2024年城市公交优先由哪个单位负责？" — and "…2020年和2024年的文件里分别由哪个单位负责？" per year. */
async function whoAnswer(ctx: Context, question: string, hits: Hit[], filters: Filters | undefined, role: UnitRole | null): Promise<ChatResponse | null> {
  const years = yearsAsked(question);
  const candidates = ctx.all.tasks.filter((t) => inFilters(t, filters, ctx.catalog) && (years.length === 0 || years.includes(t.year)));
  const terms = weightedTerms(question.replace(QUESTION_WORDS, " ")).filter((t) => t.weight >= 0.5);
  if (candidates.length === 0 || terms.length === 0) return null;
  const hitRank = new Map<string, number>();
  hits.forEach((h, i) => {
    if (!hitRank.has(h.passage.id)) hitRank.set(h.passage.id, i);
    if (!hitRank.has(h.document.id)) hitRank.set(h.document.id, i);
  });
  // the structured rows must agree with retrieval on where the answer is: a document among the top hits
  const topDocs = new Set(hits.slice(0, years.length > 1 ? hits.length : TOP_HIT_DOCUMENTS).map((h) => h.document.id));
  const scored = candidates
    .map((t) => {
      const topic = topicScore(t, terms, ctx.catalog.document(t.documentId)?.title ?? "");
      const pr = hitRank.get(t.passageId);
      const dr = hitRank.get(t.documentId);
      const boost = pr !== undefined ? 0.25 / (1 + pr) : dr !== undefined ? 0.1 / (1 + dr) : 0;
      return { t, topic, s: topic + boost };
    })
    .filter((x) => x.topic >= MIN_TOPIC_SCORE)
    .sort((a, b) => b.s - a.s);
  const groups = (years.length > 1 ? years.map((y) => scored.filter((x) => x.t.year === y)) : [scored])
    .map((g) => bestDocument(g, topDocs))
    .filter((g): g is TaskRecord[] => g !== null && g.length > 0);
  if (groups.length === 0 || (years.length > 1 && groups.length < years.length)) return null;
  const chosen = groups.flat();
  const related = chosen.flatMap((t) => t.conflicts.map((c) => ctx.all.byId.get(c.taskId)).filter((x): x is TaskRecord => !!x));
  const cites = new Citations(await passagesOf(ctx.run, [...chosen, ...related]), ctx.catalog);
  const lines: string[] = [];
  for (const group of groups) {
    group.sort(byDocumentOrder(ctx.catalog));
    const shown = role ? group.filter((t) => t.units.some((u) => u.role === role)) : group;
    if (shown.length === 0) continue;
    const items = shown.map((t) => {
      const extra = details(t);
      return `- ${t.title}：${describeUnits(role ? t.units.filter((u) => u.role === role) : t.units, shownName)}${extra ? `（${extra}）` : ""}${cites.task(t)}`;
    });
    const doc = group[0]!.documentId;
    const lead = role ? null : dominantUnit(ctx.all.tasks.filter((t) => t.documentId === doc && t.form !== "table"));
    const source = `${years.length > 1 ? `${group[0]!.year}年：` : ""}根据${sourceOf(group[0]!, ctx.catalog)}`;
    if (lead && years.length <= 1) {
      lines.push(
        `${source}，这项工作主要由${lead.name}负责：该文件列出的${lead.of}项任务中有${lead.count}项由${lead.name}负责${lead.leads ? `（其中${lead.leads}项明确由其牵头）` : ""}。与问题最相关的任务分工如下：`,
        ...items,
      );
    } else {
      lines.push(`${source}，相关任务的责任单位如下：`, ...items);
    }
  }
  const conflicts = conflictLines(chosen, ctx, cites);
  if (conflicts.length) lines.push("注意，正文与分工台账对以下任务的分工写法不一致：", ...conflicts.map((c) => `- ${c}`));
  return finish(lines, cites);
}

/** The unit named (as lead or responsible) in at least half of a document's tasks, if any. */
function dominantUnit(tasks: TaskRecord[]): { name: string; count: number; of: number; leads: number } | null {
  if (tasks.length < 3) return null;
  const count = new Map<string, number>();
  for (const t of tasks) for (const n of mainUnits(t.units)) count.set(n, (count.get(n) ?? 0) + 1);
  const [name, n] = [...count].sort((a, b) => b[1] - a[1])[0] ?? ["", 0];
  if (!name || n / tasks.length < 0.5) return null;
  const leads = tasks.filter((t) => t.units.some((u) => u.name === name && u.role === "lead")).length;
  return { name, count: n, of: tasks.length, leads };
}

function finish(lines: string[], cites: Citations): ChatResponse | null {
  if (cites.list.length === 0) return null;
  return { answer: lines.join("\n"), abstained: false, mode: "extractive", citations: cites.list };
}

export function asksResponsibility(question: string): "who" | "duty" | null {
  if (ASKS_WHO.test(question)) return "who";
  if (ASKS_DUTY.test(question)) return "duty";
  return null;
}

/** The structured answer, or null to answer from retrieval. */
/** `followUp`: the follow-up's own words, when the question leans on an earlier one (a role asked there narrows the units shown). */
export async function answerFromResponsibilities(run: OpenRun, question: string, hits: Hit[], filters?: Filters, followUp?: string): Promise<ChatResponse | null> {
  const kind = asksResponsibility(question);
  if (!kind || !run.tasks || ASKS_OTHER_FACT.test(question)) return null;
  const all = await loadResponsibilities(run);
  if (all.tasks.length === 0) return null;
  const ctx: Context = { run, all, catalog: run.catalog };
  const mentioned = unitsInText(question, all.units);
  if (kind === "duty" && mentioned.length > 0) {
    const names = [...new Set(mentioned.flatMap((m) => m.names))];
    return unitAnswer(ctx, question, names, mentioned.map((m) => m.mention), filters);
  }
  if (kind === "who") {
    const role = followUp ? roleAsked(followUp) : null;
    return (role && (await whoAnswer(ctx, question, hits, filters, role))) || whoAnswer(ctx, question, hits, filters, null);
  }
  return null;
}
