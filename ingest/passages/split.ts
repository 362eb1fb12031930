/** One document → passages along its own structure (parts, 一、（一）1. 第X条, table records). */
import type { BodyLine } from "../gazette/body.ts";
import { readTable } from "./tables.ts";

export interface PassageDraft {
  heading: string;
  text: string;
  kind: "text" | "table";
  /** PDF page the passage starts on; null for text files. */
  page: number | null;
}

export interface SplitOptions {
  /** Pack units up to this many characters. */
  target: number;
  /** A unit longer than this is cut at sentence ends. */
  max: number;
}

export const DEFAULT_SPLIT: SplitOptions = { target: 400, max: 600 };

/** A heading may push its passage this far past `max` rather than stand alone. */
const HEADING_ALLOWANCE = 60;

interface Unit {
  section: string;
  text: string;
  kind: "text" | "table";
  header?: string | null;
  /** Starts a new passage (a heading down to （一） level). */
  opens: boolean;
  /** A bare heading line, which should lead the passage that follows it. */
  label?: boolean;
  page: number | null;
}

/** The label of a heading line: its first clause, without the body that follows on the same line. */
export function headingLabel(text: string): string {
  const cut = text.search(/[。：:；]/);
  const label = cut > 0 ? text.slice(0, cut) : text;
  return label.length > 40 ? `${label.slice(0, 40)}…` : label;
}

function toUnits(body: BodyLine[]): Unit[] {
  const units: Unit[] = [];
  const path: string[] = [];
  let tableRows: BodyLine[] = [];
  const flushTable = () => {
    if (tableRows.length === 0) return;
    const pageOfRow = new Map<string, number | null>();
    for (const l of tableRows) if (!pageOfRow.has(l.text)) pageOfRow.set(l.text, l.page ?? null);
    const table = readTable(tableRows.map((l) => l.text));
    const section = path.filter(Boolean).join(" > ");
    table.records.forEach((r, i) =>
      units.push({ section, text: r.rows.join("\n"), kind: "table", header: table.header, opens: i === 0, page: pageOfRow.get(r.rows[0]!) ?? null }),
    );
    tableRows = [];
  };
  for (const line of body) {
    const page = line.page ?? null;
    if (line.role !== "table") flushTable();
    switch (line.role) {
      case "signature":
      case "attachment":
        break;
      case "table":
        tableRows.push(line);
        break;
      case "part":
        path.length = 0;
        path[0] = line.text;
        units.push({ section: line.text, text: line.text, kind: "text", opens: true, label: true, page });
        break;
      case "heading":
      case "article": {
        const level = Math.min(line.level, 4);
        path.length = level;
        path[level] = headingLabel(line.text);
        const opens = line.role === "heading" && line.level <= 3;
        const section = path.slice(0, Math.min(level + 1, 4)).filter(Boolean).join(" > ");
        units.push({ section, text: line.text, kind: "text", opens, label: opens && line.text.length <= 40, page });
        break;
      }
      default:
        units.push({ section: path.filter(Boolean).join(" > "), text: line.text, kind: "text", opens: false, page });
    }
  }
  flushTable();
  return units;
}

/** Cut text longer than `max` at sentence ends (never inside a sentence unless one sentence is longer). */
export function cutLong(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const sentences = text.match(/[^。！？；]+[。！？；]?/gu) ?? [text];
  const out: string[] = [];
  let cur = "";
  for (const s of sentences) {
    if (cur && cur.length + s.length > max) {
      out.push(cur);
      cur = "";
    }
    cur += s;
    while (cur.length > max) {
      out.push(cur.slice(0, max));
      cur = cur.slice(max);
    }
  }
  if (cur) out.push(cur);
  return out;
}

export function splitDocument(body: BodyLine[], opts: SplitOptions = DEFAULT_SPLIT): PassageDraft[] {
  const out: PassageDraft[] = [];
  let cur: { section: string; parts: string[]; kind: "text" | "table"; header?: string | null; labelsOnly: boolean; page: number | null } | null = null;
  const size = () => (cur ? cur.parts.reduce((n, p) => n + p.length, 0) : 0);
  const flush = () => {
    if (!cur) return;
    const text = cur.kind === "table" && cur.header ? [cur.header, ...cur.parts].join("\n") : cur.parts.join("\n");
    out.push({ heading: cur.section, text, kind: cur.kind, page: cur.page });
    cur = null;
  };
  for (const unit of toUnits(body)) {
    const pieces = unit.kind === "table" ? [unit.text] : cutLong(unit.text, opts.max);
    pieces.forEach((piece, pi) => {
      const sameTable = cur?.kind === unit.kind && (unit.kind === "text" || cur.header === unit.header);
      const startsPart = pi === 0 && unit.label === true && unit.section === unit.text;
      const onlyHeading = cur !== null && cur.labelsOnly && !startsPart && size() + piece.length <= opts.max + HEADING_ALLOWANCE;
      const fits = cur !== null && size() + piece.length <= opts.target;
      const boundary = (unit.opens && pi === 0) || cur?.section !== unit.section;
      if (cur && sameTable && (onlyHeading || (fits && !boundary))) {
        cur.parts.push(piece);
        if (onlyHeading) cur.section = unit.section;
        cur.labelsOnly &&= unit.label === true;
        return;
      }
      flush();
      cur = { section: unit.section, parts: [piece], kind: unit.kind, header: unit.header ?? null, labelsOnly: unit.label === true, page: unit.page };
    });
  }
  flush();
  return mergeTiny(out, opts);
}

const partOf = (p: PassageDraft) => p.heading.split(" > ")[0] ?? "";

/** A passage of a few characters (a lone heading) joins the next passage of the same part, else the previous one. */
function mergeTiny(passages: PassageDraft[], opts: SplitOptions): PassageDraft[] {
  const out: PassageDraft[] = [];
  let carry: PassageDraft | null = null;
  for (const p of passages) {
    let cur = { ...p };
    if (carry && carry.kind === "text" && cur.kind === "text" && partOf(carry) === partOf(cur) && carry.text.length + cur.text.length <= opts.max + HEADING_ALLOWANCE) {
      cur = { heading: cur.heading, text: `${carry.text}\n${cur.text}`, kind: "text", page: carry.page ?? cur.page };
    } else if (carry) {
      out.push(carry);
    }
    carry = null;
    if (cur.kind === "text" && cur.text.length < 40) {
      carry = cur;
      continue;
    }
    out.push(cur);
  }
  if (carry) {
    const prev = out[out.length - 1];
    if (prev && prev.kind === "text" && partOf(prev) === partOf(carry) && prev.text.length + carry.text.length <= opts.max) prev.text = `${prev.text}\n${carry.text}`;
    else out.push(carry);
  }
  return out;
}
