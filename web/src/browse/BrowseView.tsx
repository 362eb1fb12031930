import { useState } from "react";
import type { DocumentSummary, IssueListing } from "../../../core/api-schema.ts";
import { normalizeTypedDocNumber } from "../../../core/text/doc-number.ts";
import { toErrorInfo } from "../api/errors.ts";
import type { ApiState } from "../api/useApi.ts";
import { ErrorBanner } from "../common/ErrorBanner.tsx";
import type { ReaderTarget } from "../reader/useReader.ts";
import { IssueSection } from "./IssueSection.tsx";

interface Props {
  issues: ApiState<{ issues: IssueListing[] }>;
  onOpen(target: ReaderTarget): void;
  onAsk(issue: IssueListing): void;
}

/** All issues by year, newest first, with a filter on title and 文号. */
export function BrowseView({ issues, onOpen, onAsk }: Props) {
  const [query, setQuery] = useState("");
  const q = query.trim().toLowerCase();
  // A typed 文号 (三政办2020第5号, 三政办[2020]5号) is read into the parser's normal form and matched whole.
  const docNumber = normalizeTypedDocNumber(q);
  const matches = (d: DocumentSummary) =>
    docNumber ? d.docNumber === docNumber : `${d.title} ${d.docNumber ?? ""}`.toLowerCase().includes(q);
  const list = (issues.data?.issues ?? [])
    .toSorted((a, b) => b.year - a.year || b.number - a.number)
    .map((issue) => ({
      issue,
      documents: q
        ? issue.documents.filter(matches)
        : issue.documents,
    }))
    .filter((x) => !q || x.documents.length > 0);
  const years = [...new Set(list.map((x) => x.issue.year))];

  return (
    <section className="browse" aria-labelledby="browse-title">
      <div className="browse-head">
        <h2 id="browse-title">浏览公报</h2>
        <label className="browse-search">
          <span className="visually-hidden">按标题或文号筛选</span>
          <input type="search" value={query} placeholder="按标题或文号筛选，如 三政办〔2024〕2号" onChange={(e) => setQuery(e.target.value)} />
        </label>
      </div>
      {issues.loading && <p className="muted">正在载入公报目录…</p>}
      {issues.error && (
        <ErrorBanner error={toErrorInfo(issues.error)} context="公报目录载入失败" onRetry={issues.reload} />
      )}
      {issues.data && list.length === 0 && <p className="muted">{q ? "没有标题或文号符合的文件。" : "还没有收录任何公报。"}</p>}
      {years.map((year) => (
        <section key={year} className="browse-year" aria-labelledby={`year-${year}`}>
          <h3 id={`year-${year}`}>{year}年</h3>
          {list
            .filter((x) => x.issue.year === year)
            .map((x, i) => (
              <IssueSection
                key={x.issue.id}
                issue={x.issue}
                documents={x.documents}
                open={Boolean(q) || (year === years[0] && i === 0)}
                onOpen={onOpen}
                onAsk={onAsk}
              />
            ))}
        </section>
      ))}
    </section>
  );
}
