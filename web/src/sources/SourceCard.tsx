import { useEffect, useRef } from "react";
import type { CitationOut } from "../../../core/api-schema.ts";
import { formatDate } from "../format.ts";
import type { ReaderTarget } from "../reader/useReader.ts";
import { withoutHeadingLines } from "../reader/outline.ts";
import { Highlighted } from "./Highlighted.tsx";

interface Props {
  citation: CitationOut;
  active: boolean;
  /** Changes on every marker click, so clicking the same marker again scrolls again. */
  seq: number;
  onOpen(target: ReaderTarget): void;
}

function prefersReducedMotion(): boolean {
  return window.matchMedia?.("(prefers-reduced-motion: reduce)").matches ?? false;
}

function showQuote(box: HTMLElement | null): void {
  const mark = box?.querySelector("mark");
  if (box && mark) box.scrollTop = Math.max(0, mark.offsetTop - box.clientHeight / 3);
}

export function SourceCard({ citation: c, active, seq, onOpen }: Props) {
  const card = useRef<HTMLElement>(null);
  const passage = useRef<HTMLDivElement>(null);

  // Every card opens with its quote in view inside the passage's own scroll box.
  useEffect(() => showQuote(passage.current), [c.passage.text, c.quote]);

  useEffect(() => {
    if (!active || !card.current) return;
    // Bring the quote into the passage's own scroll box, then the card into the panel (or page).
    showQuote(passage.current);
    card.current.scrollIntoView?.({ block: "nearest", behavior: prefersReducedMotion() ? "auto" : "smooth" });
    card.current.focus({ preventScroll: true });
  }, [active, seq]);

  const issued = formatDate(c.document.issued);
  const titleId = `source-title-${c.n}`;
  return (
    <article
      ref={card}
      className={active ? "source-card is-active" : "source-card"}
      data-testid={`source-${c.n}`}
      aria-labelledby={titleId}
      tabIndex={-1}
    >
      <div className="source-top">
        <span className="source-n">
          <span className="visually-hidden">来源 </span>
          {c.n}
        </span>
        {c.document.category && <span className="tag">{c.document.category}</span>}
      </div>
      <h3 id={titleId} className="source-title">{c.document.title}</h3>
      <dl className="meta">
        {c.document.docNumber && (
          <div><dt>文号</dt><dd className="keep-whole">{c.document.docNumber}</dd></div>
        )}
        <div><dt>期号</dt><dd className="keep-whole">{c.issue.label}</dd></div>
        {c.page != null && (
          <div><dt>页码</dt><dd>第{c.page}页</dd></div>
        )}
        {issued && (
          <div><dt>日期</dt><dd>{issued}</dd></div>
        )}
      </dl>
      {c.passage.heading && <p className="source-heading">{c.passage.heading.split(/\s*>\s*/).join(" › ")}</p>}
      {/* A scroll box: focusable and named, so the keyboard can scroll it and a screen reader says what it is. */}
      <div ref={passage} className="quote-block source-passage" tabIndex={0} role="region" aria-label={`来源 ${c.n} 的原文段落`}>
        <Highlighted key={active ? seq : 0} text={withoutHeadingLines(c.passage.text, c.passage.heading, c.quote)} quote={c.quote} />
      </div>
      <button
        type="button"
        className="link-button"
        onClick={() => onOpen({ documentId: c.document.id, title: c.document.title, passageId: c.passage.id, quote: c.quote })}
      >
        阅读全文<span className="visually-hidden">：{c.document.title}</span>
        <span aria-hidden="true"> →</span>
      </button>
    </article>
  );
}
