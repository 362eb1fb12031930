import type { DocumentResponse } from "../../../core/api-schema.ts";
import { Highlighted } from "../sources/Highlighted.tsx";
import type { Section } from "./outline.ts";
import { withoutHeadingLines } from "./outline.ts";

interface Props {
  doc: DocumentResponse;
  opens: Map<string, Section[]>;
  passageId?: string;
  quote?: string;
}

/** The whole document, passage by passage, with section headings and the cited passage marked. */
export function DocumentBody({ doc, opens, passageId, quote }: Props) {
  const { attachments } = doc.document;
  return (
    <div className="doc-text">
      {doc.passages.map((p, i) => {
        const target = p.id === passageId;
        // A PDF issue's page is marked where a passage starts on a new page.
        const newPage = p.page != null && p.page !== doc.passages[i - 1]?.page;
        return (
          <div key={p.id}>
            {newPage && <p className="page-mark">第{p.page}页</p>}
            {opens.get(p.id)?.map((s) => {
              const Heading = s.depth === 1 ? "h3" : "h4";
              return (
                <Heading key={s.id} id={s.id} tabIndex={-1} className={`doc-heading depth-${Math.min(s.depth, 3)}`}>
                  {s.label}
                </Heading>
              );
            })}
            <div
              id={`passage-${p.id}`}
              className={[p.kind === "table" ? "doc-table" : "doc-para", target ? "is-target" : ""].join(" ")}
            >
              {target ? (
                <Highlighted text={withoutHeadingLines(p.text, p.heading, quote)} quote={quote} />
              ) : (
                withoutHeadingLines(p.text, p.heading)
              )}
            </div>
          </div>
        );
      })}
      {attachments.length > 0 && (
        <section className="doc-attachments" aria-label="附件">
          <h3 className="doc-heading depth-1">附件</h3>
          <ol>
            {attachments.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}
