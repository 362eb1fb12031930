/**
 * The evaluation dataset (contract.md, one JSON object a line, plus optional `history`
 * and `tags`): its schema, and the checks that keep it honest against the corpus.
 */
import { z } from "zod";
import { normalizeForMatch } from "../core/text/normalize.ts";
import type { Corpus } from "./corpus.ts";
import { matchesGold } from "./match.ts";

export const PERSONAS = ["resident", "staff", "analyst"] as const;

export const GoldSchema = z
  .object({
    issue: z.string().regex(/^\d{4}年第\d{1,3}号$/, "issue must look like 2020年第3号"),
    total: z.number().int().positive(),
    doc_number: z.string().trim().min(1).nullable(),
    title: z.string().trim().min(1),
  })
  .strict();
export type Gold = z.infer<typeof GoldSchema>;

const TurnSchema = z.object({ role: z.enum(["user", "assistant"]), content: z.string().trim().min(1) }).strict();

export const DatasetItemSchema = z
  .object({
    id: z.string().trim().min(1),
    question: z.string().trim().min(1),
    persona: z.enum(PERSONAS),
    answerable: z.boolean(),
    gold: z.array(GoldSchema),
    evidence: z.array(z.string().trim().min(1)),
    answer: z.string(),
    must_include: z.array(z.string().trim().min(1)),
    /** Earlier turns of a follow-up question. */
    history: z.array(TurnSchema).optional(),
    tags: z.array(z.string().trim().min(1)).optional(),
  })
  .strict();
export type DatasetItem = z.infer<typeof DatasetItemSchema>;

export interface DatasetLine {
  line: number;
  item: DatasetItem;
}

export interface Problem {
  line: number;
  id?: string;
  severity: "error" | "warning";
  message: string;
}

export function formatProblem(file: string, p: Problem): string {
  return `${file}:${p.line}${p.id ? ` (${p.id})` : ""}: ${p.severity === "error" ? "error" : "warning"}: ${p.message}`;
}

const clip = (s: string, n = 40) => (s.length > n ? `${s.slice(0, n)}…` : s);

/** Structure only: JSON, schema, unique ids, gold/evidence/must_include consistent with `answerable`. */
export function parseDataset(text: string): { lines: DatasetLine[]; problems: Problem[] } {
  const lines: DatasetLine[] = [];
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  text.split("\n").forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === "") return;
    const err = (message: string, id?: string) => problems.push({ line, id, severity: "error", message });
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (e) {
      err(`not valid JSON (${e instanceof Error ? e.message : String(e)})`);
      return;
    }
    const parsed = DatasetItemSchema.safeParse(json);
    if (!parsed.success) {
      const id = typeof (json as { id?: unknown })?.id === "string" ? (json as { id: string }).id : undefined;
      for (const issue of parsed.error.issues) err(`${issue.path.join(".") || "(line)"}: ${issue.message}`, id);
      return;
    }
    const item = parsed.data;
    const first = seen.get(item.id);
    if (first !== undefined) err(`duplicate id (first used on line ${first})`, item.id);
    else seen.set(item.id, line);
    if (!item.answerable) {
      for (const field of ["gold", "evidence", "must_include"] as const) {
        if (item[field].length > 0) err(`an unanswerable question must have an empty ${field}`, item.id);
      }
    } else {
      for (const field of ["gold", "evidence", "must_include"] as const) {
        if (item[field].length === 0) err(`an answerable question needs at least one ${field} entry`, item.id);
      }
    }
    const evidence = item.evidence.map(normalizeForMatch);
    item.must_include.forEach((fact, j) => {
      if (!evidence.some((e) => e.includes(normalizeForMatch(fact)))) err(`must_include[${j}] "${clip(fact)}" is in no evidence snippet`, item.id);
    });
    lines.push({ line, item });
  });
  if (lines.length === 0 && problems.length === 0) problems.push({ line: 1, severity: "error", message: "the dataset has no questions" });
  return { lines, problems };
}

/** Against the corpus: evidence is verbatim gazette text, every gold entry names a parsed document of its issue. */
export function checkAgainstCorpus(lines: DatasetLine[], corpus: Corpus): Problem[] {
  const problems: Problem[] = [];
  const texts = corpus.texts.map((t) => normalizeForMatch(t.text));
  const issues = new Map(corpus.records.issues.map((i) => [i.id, i]));
  const passagesByDoc = new Map<string, string[]>();
  for (const p of corpus.records.passages) {
    const list = passagesByDoc.get(p.documentId) ?? [];
    list.push(normalizeForMatch(p.text));
    passagesByDoc.set(p.documentId, list);
  }
  for (const { line, item } of lines) {
    const err = (message: string) => problems.push({ line, id: item.id, severity: "error", message });
    const warn = (message: string) => problems.push({ line, id: item.id, severity: "warning", message });
    item.evidence.forEach((snippet, j) => {
      if (!texts.some((t) => t.includes(normalizeForMatch(snippet)))) err(`evidence[${j}] "${clip(snippet)}" is not verbatim text of any corpus file`);
    });
    const goldDocIds: string[] = [];
    item.gold.forEach((g, j) => {
      const name = g.doc_number ?? `《${clip(g.title)}》`;
      const matches = corpus.records.documents.filter((d) => matchesGold(d, g));
      if (matches.length === 0) {
        err(`gold[${j}] ${name} matches no parsed document (${g.doc_number ? "no document has this 文号" : "no document has this title"})`);
        return;
      }
      const inIssue = matches.filter((d) => {
        const issue = issues.get(d.issueId);
        return issue !== undefined && `${issue.year}年第${issue.number}号` === g.issue && issue.total === g.total;
      });
      if (inIssue.length === 0) {
        const where = matches.map((d) => issues.get(d.issueId)?.label ?? d.issueId).join("、");
        err(`gold[${j}] ${name} is in ${where}, not ${g.issue}（总第${g.total}号）`);
        return;
      }
      if (inIssue.length > 1) warn(`gold[${j}] ${name} matches ${inIssue.length} documents: ${inIssue.map((d) => `《${clip(d.title, 30)}》`).join("、")}`);
      goldDocIds.push(...inIssue.map((d) => d.id));
    });
    // Evidence recall looks for a snippet inside one passage; tell the author when that cannot happen.
    item.evidence.forEach((snippet, j) => {
      const s = normalizeForMatch(snippet);
      const inGold = goldDocIds.some((id) => passagesByDoc.get(id)?.some((p) => p.includes(s)));
      if (goldDocIds.length > 0 && !inGold) warn(`evidence[${j}] "${clip(snippet)}" is in no single passage of a gold document (split across passages, or left out by the parser), so evidence recall can never count it`);
    });
  }
  return problems;
}

export function validateDataset(text: string, corpus: Corpus): { lines: DatasetLine[]; problems: Problem[] } {
  const parsed = parseDataset(text);
  return { lines: parsed.lines, problems: [...parsed.problems, ...checkAgainstCorpus(parsed.lines, corpus)].sort((a, b) => a.line - b.line) };
}
