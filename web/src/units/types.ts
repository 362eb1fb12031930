/** Shapes of GET /api/units and GET /api/responsibilities (contract.md), as the UI reads them. */
import type { DocumentRef, IssueRef } from "../../../core/model.ts";

export type UnitRole = "lead" | "cooperate" | "responsible";

export interface UnitSummary {
  name: string;
  aliases: string[];
  /** How many tasks name the unit. */
  tasks: number;
  /** Extensions the server may send: tasks per role, and the years they come from (newest first). */
  roles?: Partial<Record<UnitRole, number>>;
  years?: number[];
}

export interface UnitsResponse {
  units: UnitSummary[];
}

export interface TaskUnit {
  name: string;
  role: UnitRole;
}

export interface Task {
  id: string;
  title: string;
  units: TaskUnit[];
  leaders: string[];
  deadline: string | null;
  /** Verbatim text of the passage `passageId`. */
  quote: string;
  passageId: string;
  document: DocumentRef;
  issue: IssueRef & { id?: string };
  /** Extensions: item number, further verbatim quotes (e.g. 牵头单位 lines), and notes where the document disagrees with itself. */
  seq?: string | null;
  evidence?: { passageId: string; quote: string }[];
  conflicts?: { label: string; kind: string; note: string; taskId: string }[];
}

export interface TasksResponse {
  tasks: Task[];
  /** Extensions: how many matched before the limit, and how the unit name was understood. */
  total?: number;
  unit?: { query: string; matched: string[]; how: string };
}

export const ROLE_LABEL: Record<UnitRole, string> = { lead: "牵头", cooperate: "配合", responsible: "负责" };
export const ROLE_ORDER: UnitRole[] = ["lead", "responsible", "cooperate"];
