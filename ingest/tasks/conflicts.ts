/**
 * The same task stated twice in one document — in the body list and in a 分工台账 table —
 * is matched by its wording; where the two name different units, both sides record it.
 */
import type { Conflict, TaskRecord } from "../../core/tasks.ts";
import { describeUnits, mainUnits, ROLE_WORD } from "../../core/tasks.ts";

const norm = (s: string) => s.normalize("NFKC").replace(/[\s\p{P}\p{S}]/gu, "").toLowerCase();

function bigrams(s: string): Set<string> {
  const t = norm(s);
  const out = new Set<string>();
  if (t.length === 1) out.add(t);
  for (let i = 0; i < t.length - 1; i++) out.add(t.slice(i, i + 2));
  return out;
}

/** Share of `part`'s character bigrams found in `whole`: a table row is usually a cut-down body item. */
export function containment(part: string, whole: string): number {
  const a = bigrams(part);
  if (a.size === 0) return 0;
  const b = bigrams(whole);
  let n = 0;
  for (const g of a) if (b.has(g)) n++;
  return n / a.size;
}

/** A table row and a body item are the same task at or above this containment. */
export const SAME_TASK = 0.6;

const itemLabel = (t: TaskRecord) =>
  t.form === "table" ? `分工台账${t.seq ? `第${t.seq}项` : ""}` : `正文${t.seq ? `第${t.seq.replace(/^（(.+)）$/u, "（$1）")}项` : ""}`;

const COLLECTIVE_COUNTIES = /^(?:各|相关|有关)县〔市、区〕政府$/u;
const COUNTY_GOVERNMENT = /^(?:\p{Script=Han}{1,6}[县区]|义马市|灵宝市)政府$/u;

/** How the body names a unit the table lists: as cooperating, inside `相关县〔市、区〕政府`, or not at all. */
function bodyMention(name: string, body: TaskRecord): string {
  const own = body.units.find((u) => u.name === name);
  if (own) return `${name}在正文中只是配合单位`;
  const collective = COUNTY_GOVERNMENT.test(name) ? body.units.find((u) => COLLECTIVE_COUNTIES.test(u.name)) : undefined;
  if (collective) return `正文只笼统列“${collective.name}”${ROLE_WORD[collective.role]}`;
  return `正文未列${name}`;
}

function conflictBetween(here: TaskRecord, there: TaskRecord): Conflict | null {
  const a = mainUnits(here.units);
  const b = mainUnits(there.units);
  const onlyHere = a.filter((n) => !b.includes(n));
  const onlyThere = b.filter((n) => !a.includes(n));
  if (onlyHere.length === 0 && onlyThere.length === 0) return null;
  const [table, body] = here.form === "table" ? [here, there] : [there, here];
  const tableMain = mainUnits(table.units);
  const bodyMain = mainUnits(body.units);
  const extra = tableMain.filter((n) => !bodyMain.includes(n));
  const remarks = extra.map((n) => bodyMention(n, body));
  if (extra.length === 0) remarks.push(`台账只列了正文${bodyMain.length > 1 ? "所列单位中的一部分" : "单位"}`);
  const note =
    `${itemLabel(body)}“${body.title}”列${describeUnits(body.units)}；` +
    `${itemLabel(table)}“${table.title}”列${tableMain.join("、")}（${remarks.join("；")}）。`;
  return {
    taskId: there.id, other: there.form === "table" ? "table" : "body", label: itemLabel(there),
    kind: extra.length ? "different" : "narrower", onlyHere, onlyThere, note,
  };
}

/**
 * Match each table row of a document to the body item it restates; link them (`related`),
 * give the body item the row's 责任领导, and record disagreements on both sides. Mutates `tasks`.
 */
export function linkBodyAndTable(tasks: TaskRecord[]): void {
  const byDoc = new Map<string, TaskRecord[]>();
  for (const t of tasks) byDoc.set(t.documentId, [...(byDoc.get(t.documentId) ?? []), t]);
  for (const docTasks of byDoc.values()) {
    const rows = docTasks.filter((t) => t.form === "table");
    const body = docTasks.filter((t) => t.form !== "table");
    if (rows.length === 0 || body.length === 0) continue;
    for (const row of rows) {
      let best: { task: TaskRecord; score: number } | null = null;
      for (const b of body) {
        const score = containment(row.text, b.text);
        if (!best || score > best.score) best = { task: b, score };
      }
      if (!best || best.score < SAME_TASK) continue;
      const item = best.task;
      row.related.push(item.id);
      item.related.push(row.id);
      for (const l of row.leaders) if (!item.leaders.includes(l)) item.leaders.push(l);
      const onRow = conflictBetween(row, item);
      const onItem = conflictBetween(item, row);
      if (onRow) row.conflicts.push(onRow);
      if (onItem) item.conflicts.push(onItem);
    }
  }
}
