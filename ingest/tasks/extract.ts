/**
 * Parsed issues + their records → responsibility records: tasks with their units, leaders and
 * deadlines, and per document the date it takes effect. Pure: no I/O.
 *
 * A task is linked to the passage that contains its sentence (the records' passages), so every
 * quote is verbatim text of its passage.
 */
import type { GazetteDocument, Issue, Passage } from "../../core/model.ts";
import { shortHash } from "../../core/util/hash.ts";
import type { BodyLine } from "../gazette/body.ts";
import type { ParsedDocument } from "../gazette/documents.ts";
import type { ParsedIssue } from "../gazette/parse-issue.ts";
import { readTable } from "../passages/tables.ts";
import type { Records } from "../records.ts";
import { findClauses, LABEL, mergeUnits, parseClause } from "./clauses.ts";
import { linkBodyAndTable } from "./conflicts.ts";
import type { EffectiveRecord, Evidence, ResponsibilityRecord, TaskRecord, TaskUnit, UnitRole } from "../../core/tasks.ts";
import { deadlineOf, effectiveStatement, listMarker, taskTitle } from "./text.ts";
import { isUnitLike, newPrefixContext, parseUnitCell, parseUnitRun } from "./units.ts";

/** A task before it is placed in the index: what the text says, not yet where. */
export interface TaskDraft {
  form: TaskRecord["form"];
  seq: string | null;
  title: string;
  text: string;
  units: TaskUnit[];
  leaders: string[];
  deadline: string | null;
  line: number;
  /** Verbatim strings to locate in the passages, best first (the task sentence, then shorter parts). */
  quotes: string[];
  /** Further verbatim statements of the units (label lines), located separately. */
  extra: string[];
}

const TEXT_ROLES = new Set(["text", "heading", "article"]);
const DUTY = /^((?:[^：:，。；、（(〔]|[（(〔][^）)〕]{1,8}[）)〕]){2,24})[：:]\s*(负责.+)$/u;

/** Sentences of a text, verbatim, keeping a bracketed clause with the sentence before it. */
function sentences(text: string): string[] {
  return text.match(/[^。！？；]+(?:[。！？；]+|$)(?:\s*[（(][^（()）]*(?:[（(][^（()）]*[）)][^（()）]*)*[）)][。；]?)?/gu) ?? [text];
}

/** Quote candidates: the whole text, then its tail (which holds the clause), then its first sentence. */
function quoteCandidates(text: string): string[] {
  const s = sentences(text);
  const out = [text];
  for (let i = 1; i < s.length; i++) out.push(s.slice(i).join("").trim());
  if (s.length > 1) out.push(s[0]!.trim());
  return out.filter(Boolean);
}

/**
 * A paragraph the parser left in two lines (a page end after `…原中原量仪厂周边、`): the line
 * before continues into this one when it ends without closing punctuation and reads as prose.
 */
function continuedFrom(line: BodyLine, prev: BodyLine | undefined): BodyLine | null {
  if (!prev || !TEXT_ROLES.has(prev.role) || listMarker(line.text) || LABEL.test(prev.text)) return null;
  if (/[。！？；：:）)”]$/u.test(prev.text)) return null;
  return /[。，；]/u.test(prev.text) || prev.text.length > 40 ? prev : null;
}

/** `（责任单位：…）` at the end of a paragraph, `（市商务局牵头，…配合）`, `（市发展改革委，各县〔市、区〕政府）`. */
function clauseDraft(line: BodyLine, prev: BodyLine | undefined): TaskDraft | null {
  const clauses = findClauses(line.text);
  const clause = clauses[clauses.length - 1];
  if (!clause) return null;
  const before = line.text.slice(0, clause.start).trim();
  const head = continuedFrom(line, prev);
  if (before.length < 4 && !head) return null; // a bracketed list on its own is not a task
  const text = head ? `${head.text}${line.text}` : line.text;
  const ownMarker = listMarker(text);
  const underHeading = !ownMarker && !head && prev?.role === "heading" && !/[。；]/.test(prev.text) && prev.text.length <= 40;
  return {
    form: "clause",
    seq: ownMarker ?? (underHeading ? listMarker(prev!.text) : null),
    title: underHeading ? taskTitle(prev!.text) : taskTitle(text),
    text,
    units: clause.parsed.units,
    leaders: [],
    deadline: deadlineOf(head ? `${head.text}${before}` : before),
    line: (head ?? line).no,
    quotes: head ? [`${head.text}\n${line.text}`, ...quoteCandidates(line.text)] : quoteCandidates(line.text),
    extra: [],
  };
}

/** `牵头单位：…。` / `配合单位：…。` lines under the task they belong to. */
function labelDraft(task: BodyLine, head: BodyLine | null, labels: BodyLine[]): TaskDraft | null {
  const ctx = newPrefixContext();
  const units: TaskUnit[] = [];
  for (const l of labels) units.push(...(parseClause(l.text, ctx)?.units ?? []));
  if (units.length === 0) return null;
  const text = head ? `${head.text}${task.text}` : task.text;
  return {
    form: "labels",
    seq: listMarker(text),
    title: taskTitle(text),
    text,
    units: mergeUnits(units),
    leaders: [],
    deadline: deadlineOf(text),
    line: (head ?? task).no,
    quotes: head ? [`${head.text}\n${task.text}`, ...quoteCandidates(task.text)] : quoteCandidates(task.text),
    extra: [labels.map((l) => l.text).join("\n"), ...labels.map((l) => l.text)],
  };
}

/** `市财政局：负责有关奖补政策资金及产业基金的保障落实等。` */
function dutyDraft(line: BodyLine): TaskDraft | null {
  const m = DUTY.exec(line.text);
  if (!m) return null;
  const units = parseUnitRun(m[1]!, newPrefixContext());
  if (units.length === 0 || units.length > 3 || !units.every((u) => isUnitLike(u.name))) return null;
  const duty = m[2]!;
  const role: UnitRole = /^负责牵头/.test(duty) ? "lead" : /^负责配合/.test(duty) ? "cooperate" : "responsible";
  return {
    form: "duty",
    seq: null,
    title: taskTitle(duty.replace(/^负责/u, "")),
    text: line.text,
    units: units.map((u) => ({ name: u.name, role, ...(u.surface !== u.name ? { surface: u.surface } : {}) })),
    leaders: [],
    deadline: deadlineOf(duty),
    line: line.no,
    quotes: quoteCandidates(line.text),
    extra: [],
  };
}

const UNIT_COLUMN = /责任单位|牵头单位|承办单位|主办单位|责任部门|牵头部门/u;
const LEADER_COLUMN = /责任领导|链长|分管领导|牵头领导|责任人/u;
const TASK_COLUMN = /项目|任务|事项|产业链|内容|工作/u;

/**
 * A table with a 责任单位/牵头单位 column (分工台账, 产业链链长及牵头单位): one task per record.
 * Repeated headers at page breaks are dropped and continuation rows (empty first cell) joined,
 * exactly as the passages read the table, so each record's rows are verbatim in a passage.
 */
export function tableDrafts(rows: BodyLine[]): TaskDraft[] {
  const table = readTable(rows.map((r) => r.text));
  if (!table.header) return [];
  const cols = table.header.split("\t").map((c) => c.replace(/\s+/g, ""));
  const unitCol = cols.findIndex((c) => UNIT_COLUMN.test(c));
  if (unitCol < 0) return [];
  const leaderCol = cols.findIndex((c) => LEADER_COLUMN.test(c));
  const seqCol = cols.findIndex((c) => c === "序号");
  const taskCol = cols.findIndex((c, i) => i !== unitCol && i !== leaderCol && i !== seqCol && TASK_COLUMN.test(c));
  const role: UnitRole = /牵头/.test(cols[unitCol]!) ? "lead" : "responsible";
  const chain = taskCol >= 0 && /产业链/.test(cols[taskCol]!);
  let cursor = 0;
  const out: TaskDraft[] = [];
  for (const record of table.records) {
    const cells = record.rows.map((r) => r.split("\t").map((c) => c.trim()));
    const column = (i: number, sep: string) => (i < 0 ? "" : cells.map((c) => c[i] ?? "").filter(Boolean).join(sep));
    const at = rows.findIndex((r, i) => i >= cursor && r.text === record.rows[0]);
    if (at >= 0) cursor = at + 1;
    const taskText = column(taskCol, "");
    const units = parseUnitCell(column(unitCol, " "));
    if (!taskText || units.length === 0) continue;
    out.push({
      form: "table",
      seq: column(seqCol, "") || null,
      title: chain && !/产业链$/.test(taskText) ? `${taskText}产业链` : taskTitle(taskText),
      text: taskText,
      units: mergeUnits(units.map((u) => ({ name: u.name, role, ...(u.surface !== u.name ? { surface: u.surface } : {}) }))),
      leaders: column(leaderCol, " ").split(/\s+/u).filter(Boolean),
      deadline: deadlineOf(taskText),
      line: at >= 0 ? rows[at]!.no : rows[0]!.no,
      quotes: [record.rows.join("\n"), record.rows[0]!],
      extra: [],
    });
  }
  return out;
}

/** All task drafts of one document body, in reading order. */
export function documentTaskDrafts(body: BodyLine[]): TaskDraft[] {
  const out: TaskDraft[] = [];
  for (let i = 0; i < body.length; i++) {
    const line = body[i]!;
    if (line.role === "table") {
      let j = i;
      while (j < body.length && body[j]!.role === "table") j++;
      out.push(...tableDrafts(body.slice(i, j)));
      i = j - 1;
      continue;
    }
    if (!TEXT_ROLES.has(line.role)) continue;
    if (LABEL.test(line.text)) {
      let j = i;
      while (j < body.length && TEXT_ROLES.has(body[j]!.role) && LABEL.test(body[j]!.text)) j++;
      let k = i - 1;
      while (k >= 0 && !(TEXT_ROLES.has(body[k]!.role) && !LABEL.test(body[k]!.text))) k--;
      const task = body[k];
      const draft = task ? labelDraft(task, continuedFrom(task, body[k - 1]), body.slice(i, j)) : null;
      if (draft) out.push(draft);
      i = j - 1;
      continue;
    }
    const draft = dutyDraft(line) ?? clauseDraft(line, body[i - 1]);
    if (draft) out.push(draft);
  }
  return out;
}

/**
 * Where a quote is: the first passage, from `start` on (then from the beginning), containing the
 * first candidate that occurs. Starting at the previous task's passage keeps a repeated line
 * (`牵头单位：市发展改革委。`) with the task it follows.
 */
export function locate(passages: Passage[], candidates: string[], start = 0): Evidence | null {
  const ordered = [...passages.slice(start), ...passages.slice(0, start)];
  for (const quote of candidates) {
    if (!quote) continue;
    const p = ordered.find((x) => x.text.includes(quote));
    if (p) return { passageId: p.id, quote };
  }
  return null;
}

interface DocContext {
  issue: Issue;
  doc: GazetteDocument;
  parsed: ParsedDocument;
  passages: Passage[];
}

function uniqueId(base: string, used: Set<string>): string {
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}

function documentTasks(ctx: DocContext, used: Set<string>, warnings: string[]): TaskRecord[] {
  const out: TaskRecord[] = [];
  const at = (passageId: string) => ctx.passages.findIndex((p) => p.id === passageId);
  let cursor = 0;
  for (const d of documentTaskDrafts(ctx.parsed.body)) {
    const primary = locate(ctx.passages, d.quotes, cursor);
    if (!primary) {
      warnings.push(`task not found in any passage: ${ctx.doc.docNumber ?? ctx.doc.title} line ${d.line}`);
      continue;
    }
    cursor = Math.max(0, at(primary.passageId));
    const evidence: Evidence[] = [];
    if (d.extra.length) {
      const e = locate(ctx.passages, d.extra, cursor);
      if (e && !(e.passageId === primary.passageId && primary.quote.includes(e.quote))) evidence.push(e);
      // label lines split over two passages: quote the one not yet covered
      for (const line of d.extra.slice(1)) {
        if (evidence.some((x) => x.quote.includes(line)) || primary.quote.includes(line)) continue;
        const more = locate(ctx.passages, [line], cursor);
        if (more) evidence.push(more);
      }
    }
    const id = uniqueId(`${ctx.doc.id}-t${shortHash(`${d.form}\n${d.seq ?? ""}\n${d.text}`, 8)}`, used);
    out.push({
      id, kind: "task", form: d.form, issueId: ctx.issue.id, documentId: ctx.doc.id, year: ctx.issue.year, seq: d.seq,
      title: d.title, text: d.text, units: d.units, leaders: d.leaders, deadline: d.deadline,
      passageId: primary.passageId, quote: primary.quote, evidence, related: [], conflicts: [], line: d.line,
    });
  }
  linkBodyAndTable(out);
  return out;
}

/** `本条例自 2019 年 5 月 15 日起施行`, `本办法自印发之日起实施`, and a validity of the text itself. */
function documentEffective(ctx: DocContext, used: Set<string>): EffectiveRecord[] {
  const out: EffectiveRecord[] = [];
  let part: string | null = null;
  for (const line of ctx.parsed.body) {
    if (line.role === "part") part = line.text;
    if (!TEXT_ROLES.has(line.role)) continue;
    const st = effectiveStatement(line.text);
    if (!st) continue;
    const named = /《([^》]+)》/u.exec(st.sentence)?.[1];
    const subject = named ?? part ?? ctx.doc.title;
    const effective = st.date ?? (st.relativeTo ? ctx.doc.issued : null);
    if (out.some((e) => e.subject === subject && e.effective === effective && e.validity === st.validity)) continue;
    const where = locate(ctx.passages, [st.sentence, line.text]);
    if (!where) continue;
    out.push({
      id: uniqueId(`${ctx.doc.id}-e${shortHash(`${subject}\n${st.sentence}`, 8)}`, used),
      kind: "effective", issueId: ctx.issue.id, documentId: ctx.doc.id, year: ctx.issue.year, subject,
      effective, relativeTo: st.relativeTo, validity: st.validity, passageId: where.passageId, quote: where.quote, line: line.no,
    });
  }
  return out;
}

export interface Extraction {
  records: ResponsibilityRecord[];
  warnings: string[];
}

/**
 * Every task and effective date of the parsed issues. `records` must come from `toRecords(parsed)`:
 * documents are matched by issue and position, passages by document.
 */
export function extractResponsibilities(parsed: ParsedIssue[], records: Records): Extraction {
  const passagesByDoc = new Map<string, Passage[]>();
  for (const p of records.passages) {
    const list = passagesByDoc.get(p.documentId) ?? [];
    list.push(p);
    passagesByDoc.set(p.documentId, list);
  }
  const out: ResponsibilityRecord[] = [];
  const warnings: string[] = [];
  const used = new Set<string>();
  for (const { issue, documents } of parsed) {
    const docs = records.documents.filter((d) => d.issueId === issue.id).sort((a, b) => a.ordinal - b.ordinal);
    documents.forEach((parsedDoc, i) => {
      const doc = docs[i];
      if (!doc) return;
      const passages = (passagesByDoc.get(doc.id) ?? []).sort((a, b) => a.ordinal - b.ordinal);
      const ctx: DocContext = { issue, doc, parsed: parsedDoc, passages };
      out.push(...documentTasks(ctx, used, warnings), ...documentEffective(ctx, used));
    });
  }
  return { records: out, warnings };
}


/** For the ingest: a bug in extraction costs the tasks table (reported), never the whole run. */
export function extractForIngest(parsed: ParsedIssue[], records: Records): Extraction {
  try {
    return extractResponsibilities(parsed, records);
  } catch (err) {
    return { records: [], warnings: [`responsibility extraction failed, no tasks indexed: ${err instanceof Error ? err.message : String(err)}`] };
  }
}
