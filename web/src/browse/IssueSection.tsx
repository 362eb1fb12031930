import type { DocumentSummary, IssueListing } from "../../../core/api-schema.ts";
import { formatDate } from "../format.ts";
import type { ReaderTarget } from "../reader/useReader.ts";
import { MetaLine } from "../common/MetaLine.tsx";

interface Props {
  issue: IssueListing;
  documents: DocumentSummary[];
  open: boolean;
  onOpen(target: ReaderTarget): void;
  onAsk(issue: IssueListing): void;
}

/** One issue, collapsible, its documents grouped by their table-of-contents section. */
export function IssueSection({ issue, documents, open, onOpen, onAsk }: Props) {
  const groups = new Map<string, DocumentSummary[]>();
  for (const d of documents) groups.set(d.category, [...(groups.get(d.category) ?? []), d]);
  const published = formatDate(issue.published);

  return (
    <details className="issue" open={open} data-testid={`issue-${issue.id}`}>
      <summary>
        <span className="issue-label keep-whole">{issue.label}</span>
        <span className="issue-meta">
          {published && <>{published}出版 · </>}
          {issue.documents.length} 份文件
        </span>
      </summary>
      <div className="issue-body">
        {[...groups].map(([category, docs]) => (
          <section key={category} className="issue-group" aria-label={category || "其他"}>
            <h4>{category || "其他"}</h4>
            <ul>
              {docs.map((d) => (
                <li key={d.id}>
                  <button type="button" className="doc-link" onClick={() => onOpen({ documentId: d.id, title: d.title })}>
                    <span className="doc-link-title">{d.title}</span>
                    <MetaLine className="doc-link-meta" parts={[d.docNumber, formatDate(d.issued)]} />
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
        <button type="button" className="ghost-button" onClick={() => onAsk(issue)}>
          就本期提问
        </button>
      </div>
    </details>
  );
}
