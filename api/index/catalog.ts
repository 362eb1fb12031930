/** Issues and documents of the served run, held in memory: small, and needed on every answer. */
import type { GazetteDocument, Issue } from "../../core/model.ts";
import { DocumentSchema, IssueSchema } from "../../core/model.ts";
import type { DocumentSummary } from "../../core/api-schema.ts";
import { parseDocNumber } from "../../core/text/doc-number.ts";

export class Catalog {
  readonly issues: Issue[];
  readonly documents: GazetteDocument[];
  private issueById: Map<string, Issue>;
  private docById: Map<string, GazetteDocument>;
  private docByNumber: Map<string, GazetteDocument>;

  constructor(issues: Issue[], documents: GazetteDocument[]) {
    this.issues = [...issues].sort((a, b) => b.year - a.year || b.number - a.number);
    this.documents = [...documents].sort((a, b) => a.issueId.localeCompare(b.issueId) || a.ordinal - b.ordinal);
    this.issueById = new Map(issues.map((i) => [i.id, i]));
    this.docById = new Map(documents.map((d) => [d.id, d]));
    this.docByNumber = new Map(documents.filter((d) => d.docNumber).map((d) => [d.docNumber!, d]));
  }

  static fromJsonRows(issueRows: { json: unknown }[], docRows: { json: unknown }[]): Catalog {
    const issues = issueRows.map((r) => IssueSchema.parse(JSON.parse(String(r.json))));
    const docs = docRows.map((r) => DocumentSchema.parse(JSON.parse(String(r.json))));
    return new Catalog(issues, docs);
  }

  issue(id: string): Issue | undefined {
    return this.issueById.get(id);
  }

  document(id: string): GazetteDocument | undefined {
    return this.docById.get(id);
  }

  byDocNumber(normalised: string): GazetteDocument | undefined {
    return this.docByNumber.get(normalised);
  }

  /** Documents whose 文号 has this year and number and whose prefix ends the given text (`请问三政办` → 三政办). */
  matchDocNumber(prefixTail: string, year: number, seq: number): GazetteDocument | undefined {
    let best: { doc: GazetteDocument; len: number } | undefined;
    for (const d of this.documents) {
      if (!d.docNumber) continue;
      const p = parseDocNumber(d.docNumber);
      if (p && p.year === year && p.seq === seq && prefixTail.endsWith(p.prefix) && (!best || p.prefix.length > best.len)) {
        best = { doc: d, len: p.prefix.length };
      }
      if (!p && year === 0 && d.docNumber === `${prefixTail}第${seq}号`) best = { doc: d, len: prefixTail.length };
    }
    return best?.doc;
  }

  categories(): string[] {
    return [...new Set(this.documents.map((d) => d.category))];
  }

  summary(doc: GazetteDocument): DocumentSummary {
    return { id: doc.id, title: doc.title, docNumber: doc.docNumber, category: doc.category, issued: doc.issued };
  }
}
