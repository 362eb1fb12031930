/**
 * Responsibilities extracted from the gazettes: who does what, under which document, since when.
 * Written at ingest into `tasks_<runId>` and read back by `api/responsibilities`.
 * Shared by ingest and api.
 */
import { z } from "zod";
import { IdSchema } from "./model.ts";

export const UnitRoleSchema = z.enum(["lead", "cooperate", "responsible"]);
export type UnitRole = z.infer<typeof UnitRoleSchema>;

export const TaskUnitSchema = z.object({
  /** Normal form: `市发展改革委`, `各县〔市、区〕政府`. */
  name: z.string(),
  role: UnitRoleSchema,
  /** The wording in the gazette when it differs (`发展改革委` after `市交通运输局、`, `市交通局`). */
  surface: z.string().optional(),
});
export type TaskUnit = z.infer<typeof TaskUnitSchema>;

/** The units a statement makes answerable for the task: lead (or responsible) units; all when it names no role. */
export function mainUnits(units: TaskUnit[]): string[] {
  const main = units.filter((u) => u.role !== "cooperate");
  return (main.length ? main : units).map((u) => u.name);
}

/** How the gazettes write each role after the names holding it. */
export const ROLE_WORD: Record<UnitRole, string> = { lead: "牵头", responsible: "负责", cooperate: "配合" };

/** `市商务局、三门峡海关牵头，相关县〔市、区〕政府配合`; `name` chooses how each unit is written. */
export function describeUnits(units: TaskUnit[], name: (u: TaskUnit) => string = (u) => u.name): string {
  const parts: string[] = [];
  for (const role of ["lead", "responsible", "cooperate"] as const) {
    const names = units.filter((u) => u.role === role).map(name);
    if (names.length) parts.push(`${names.join("、")}${ROLE_WORD[role]}`);
  }
  return parts.join("，");
}

/** A verbatim quote and the passage it is taken from. */
export const EvidenceSchema = z.object({ passageId: IdSchema, quote: z.string() });
export type Evidence = z.infer<typeof EvidenceSchema>;

/** The same task stated twice in one document (body list vs 分工台账) with different units. */
export const ConflictSchema = z.object({
  taskId: IdSchema,
  /** Where the other statement is. */
  other: z.enum(["body", "table"]),
  /** `分工台账第53项` / `正文第62项`. */
  label: z.string(),
  /**
   * `different`: the table names a unit the body does not make lead/responsible for it;
   * `narrower`: the table row covers part of the item and names only some of its lead units.
   */
  kind: z.enum(["different", "narrower"]),
  /** Units this task names that the other does not (as lead/responsible). */
  onlyHere: z.array(z.string()),
  /** Units the other names (as lead/responsible) that this task does not. */
  onlyThere: z.array(z.string()),
  /** One plain sentence for people. */
  note: z.string(),
});
export type Conflict = z.infer<typeof ConflictSchema>;

export const TaskFormSchema = z.enum(["clause", "labels", "table", "duty"]);

export const TaskRecordSchema = z.object({
  id: IdSchema,
  kind: z.literal("task"),
  /** clause `（责任单位：…）`, labels `牵头单位：…` lines, table row, duty `市财政局：负责…`. */
  form: TaskFormSchema,
  issueId: IdSchema,
  documentId: IdSchema,
  year: z.number().int(),
  /** Item number in its list or table (`62`, `（三）`), when it has one. */
  seq: z.string().nullable(),
  title: z.string(),
  /** The task as stated (paragraph or table cell), units clause included. */
  text: z.string(),
  units: z.array(TaskUnitSchema),
  leaders: z.array(z.string()),
  deadline: z.string().nullable(),
  /** The passage containing the task sentence, and a verbatim quote of it. */
  passageId: IdSchema,
  quote: z.string(),
  /** Further quotes, e.g. `牵头单位：…` lines that fell into the next passage. */
  evidence: z.array(EvidenceSchema),
  /** Other statements of the same task in the document (table rows ↔ body items). */
  related: z.array(IdSchema),
  conflicts: z.array(ConflictSchema),
  /** 1-based line of the task in the source file. */
  line: z.number().int(),
});
export type TaskRecord = z.infer<typeof TaskRecordSchema>;

export const EffectiveRecordSchema = z.object({
  id: IdSchema,
  kind: z.literal("effective"),
  issueId: IdSchema,
  documentId: IdSchema,
  year: z.number().int(),
  /** What takes effect: the enclosed text's title (a 办法 inside a notice) or the document title. */
  subject: z.string(),
  /** YYYY-MM-DD, or null when it depends on an unknown date. */
  effective: z.string().nullable(),
  /** `印发之日` when the text says 自印发之日起实施 (then `effective` is the document's issue date). */
  relativeTo: z.string().nullable(),
  /** `3年`, `至2025年12月31日` — only a validity of the text itself, not of something it grants. */
  validity: z.string().nullable(),
  passageId: IdSchema,
  quote: z.string(),
  line: z.number().int(),
});
export type EffectiveRecord = z.infer<typeof EffectiveRecordSchema>;

export const ResponsibilityRecordSchema = z.discriminatedUnion("kind", [TaskRecordSchema, EffectiveRecordSchema]);
export type ResponsibilityRecord = TaskRecord | EffectiveRecord;

/** A row of `tasks_<runId>`: JSON plus filter columns. `units` is space-padded (` a b `) for exact-token LIKE. */
export type TaskRow = {
  id: string;
  kind: string;
  issue_id: string;
  document_id: string;
  passage_id: string;
  year: number;
  units: string;
  json: string;
};

export function taskRow(r: ResponsibilityRecord): TaskRow {
  const units = r.kind === "task" ? [...new Set(r.units.map((u) => u.name))] : [];
  return {
    id: r.id, kind: r.kind, issue_id: r.issueId, document_id: r.documentId, passage_id: r.passageId, year: r.year,
    units: ` ${units.join(" ")} `, json: JSON.stringify(r),
  };
}
