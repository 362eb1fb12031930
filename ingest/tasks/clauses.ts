/**
 * Responsibility clauses → units with roles. The forms in the gazettes:
 *   （责任单位：各县〔市、区〕政府，市交通运输局、发展改革委）
 *   （主要责任单位：市住房城乡建设局；相关责任单位：市自然资源规划局，湖滨区、陕州区政府）
 *   （市商务局牵头，市市场监管局、住房城乡建设局，各县〔市、区〕政府配合）
 *   （市市场监管局牵头负责）  （市发展改革委，各县〔市、区〕政府）
 *   牵头单位：市工业和信息化局。 / 配合单位：市发展改革委、科技局，各县（市、区）政府。
 */
import type { TaskUnit, UnitRole } from "../../core/tasks.ts";
import type { PrefixContext } from "./units.ts";
import { isStrongUnit, isUnitLike, newPrefixContext, parseUnitRun, splitTopLevel } from "./units.ts";

/** `主要责任单位：`, `相关责任部门：`, `牵头单位：`, `配合单位：`, `责任单位：` … */
export const LABEL = /^(主要责任(?:单位|部门)|相关责任(?:单位|部门)|牵头(?:单位|部门)|配合(?:单位|部门)|协办(?:单位|部门)|主办(?:单位|部门)|责任(?:单位|部门)|相关(?:单位|部门))[：:]\s*/u;

function labelRole(label: string): UnitRole {
  if (/^(?:主要|牵头|主办)/.test(label)) return "lead";
  if (/^(?:相关|配合|协办)/.test(label)) return "cooperate";
  return "responsible";
}

const ROLE_WORDS: [RegExp, UnitRole][] = [
  [/(?:牵头负责|具体牵头|牵头)$/u, "lead"],
  [/(?:配合|协助|参与)$/u, "cooperate"],
  [/(?:按照?职责分工(?:负责|落实)|按职责(?:负责|落实)|具体负责|共同负责|负责)$/u, "responsible"],
];

function stripRole(group: string): { text: string; role: UnitRole | null } {
  for (const [re, role] of ROLE_WORDS) {
    if (re.test(group)) return { text: group.replace(re, ""), role };
  }
  return { text: group, role: null };
}

/** `（以下简称医管委）`, `（含电子社保卡）`: a bracket that names or qualifies, not a list of units. */
const NOT_A_LIST = /^(?:以下简称|下称|简称|含|包括|不含|不包括|即|如|除|详见|见)/u;

export interface ParsedClause {
  units: TaskUnit[];
  /** The clause carried a label (`责任单位：`) or a role word (`牵头`), not just a bare list. */
  explicit: boolean;
}

/** Merge duplicates, keeping the strongest role (lead > responsible > cooperate). */
export function mergeUnits(units: TaskUnit[]): TaskUnit[] {
  const rank: Record<UnitRole, number> = { lead: 3, responsible: 2, cooperate: 1 };
  const out = new Map<string, TaskUnit>();
  for (const u of units) {
    const prev = out.get(u.name);
    if (!prev || rank[u.role] > rank[prev.role]) out.set(u.name, prev?.surface && !u.surface ? { ...u, surface: prev.surface } : u);
  }
  return [...out.values()];
}

/**
 * The content of a clause (without its brackets) → units, or null when it is not a list of units.
 * `ctx` carries the elided 市 across several label lines of one task.
 */
export function parseClause(content: string, ctx: PrefixContext = newPrefixContext()): ParsedClause | null {
  const segments = splitTopLevel(content.trim().replace(/[。.]$/u, ""), /[；;]/u);
  if (NOT_A_LIST.test(segments[0] ?? "")) return null;
  const units: TaskUnit[] = [];
  let explicit = false;
  let sawUnit = false;
  const surfaces: string[] = [];
  for (const segment of segments) {
    const label = LABEL.exec(segment);
    if (!label && sawUnit && /^以下|^其中|^注/u.test(segment)) continue; // `；以下均需各县〔市、区〕政府…落实，不再逐一列出`
    const body = label ? segment.slice(label[0].length) : segment;
    if (label) explicit = true;
    const defaultRole: UnitRole = label ? labelRole(label[1]!) : "responsible";
    const groups = splitTopLevel(body, /[，,]/u).map(stripRole);
    if (groups.some((g) => g.role)) explicit = true;
    groups.forEach((g, i) => {
      // a group without a role word takes the role of the next group that has one:
      // `市科技局牵头，工业和信息化局、自然资源规划局，相关县〔市、区〕政府配合`
      const role = g.role ?? groups.slice(i + 1).find((x) => x.role)?.role ?? defaultRole;
      for (const u of parseUnitRun(g.text, ctx)) {
        units.push({ name: u.name, role, ...(u.surface !== u.name ? { surface: u.surface } : {}) });
        surfaces.push(u.surface);
        sawUnit = true;
      }
    });
  }
  if (units.length === 0) return null;
  if (!surfaces.every((u) => isUnitLike(u))) return null;
  if (!explicit && !surfaces.some((u) => isStrongUnit(u))) return null;
  return { units: mergeUnits(units), explicit };
}

export interface ClauseMatch {
  /** Offsets of the clause including its brackets. */
  start: number;
  end: number;
  content: string;
  parsed: ParsedClause;
}

/** The bracketed groups of a line, outermost first; （…) with mixed widths is accepted. */
export function bracketGroups(text: string): { start: number; end: number; content: string }[] {
  const out: { start: number; end: number; content: string }[] = [];
  const stack: number[] = [];
  const chars = [...text];
  let offset = 0;
  const offsets = chars.map((c) => {
    const o = offset;
    offset += c.length;
    return o;
  });
  chars.forEach((ch, i) => {
    if (ch === "（" || ch === "(") stack.push(i);
    else if ((ch === "）" || ch === ")") && stack.length) {
      const open = stack.pop()!;
      if (stack.length === 0) {
        const start = offsets[open]!;
        const end = offsets[i]! + ch.length;
        out.push({ start, end, content: text.slice(start + 1, end - 1) });
      }
    }
  });
  return out;
}

/** The responsibility clauses in a line of text (usually one, at its end). */
export function findClauses(text: string): ClauseMatch[] {
  const out: ClauseMatch[] = [];
  for (const g of bracketGroups(text)) {
    if (g.content.length < 3 || g.content.length > 400) continue;
    const parsed = parseClause(g.content);
    if (parsed) out.push({ ...g, parsed });
  }
  return out;
}
