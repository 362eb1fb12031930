import { useEffect, useMemo, useRef, useState } from "react";
import type { KeyboardEvent as ReactKeyboardEvent } from "react";
import type { DocumentResponse } from "../../../core/api-schema.ts";
import { toErrorInfo } from "../api/errors.ts";
import { useApi } from "../api/useApi.ts";
import { ErrorBanner } from "../common/ErrorBanner.tsx";
import { formatDate } from "../format.ts";
import { DocumentBody } from "./DocumentBody.tsx";
import { outline } from "./outline.ts";
import type { ReaderTarget } from "./useReader.ts";
import { MetaLine } from "../common/MetaLine.tsx";

interface Props {
  target: ReaderTarget;
  onClose(): void;
}

const FOCUSABLE = 'button:not([disabled]), [href], input, select, textarea, [tabindex]:not([tabindex="-1"])';

/** A modal reader for one whole document: its table of contents, and the cited passage in place. */
export function ReaderDialog({ target, onClose }: Props) {
  const { data: doc, error, loading, reload } = useApi<DocumentResponse>(
    `/api/documents/${encodeURIComponent(target.documentId)}`,
  );
  const dialog = useRef<HTMLDivElement>(null);
  const [tocOpen, setTocOpen] = useState(false);
  const { sections, opens } = useMemo(() => outline(doc?.passages ?? []), [doc]);

  useEffect(() => {
    dialog.current?.focus();
    const overflow = document.body.style.overflow;
    document.body.style.overflow = "hidden"; // the page behind must not scroll under the reader
    return () => {
      document.body.style.overflow = overflow;
    };
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        e.preventDefault();
        onClose();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [onClose]);

  useEffect(() => {
    if (doc && target.passageId) document.getElementById(`passage-${target.passageId}`)?.scrollIntoView?.({ block: "center" });
  }, [doc, target.passageId]);

  // Keeps Tab inside the dialog; the page behind is also inert.
  const trapTab = (e: ReactKeyboardEvent) => {
    if (e.key !== "Tab" || !dialog.current) return;
    const items = [...dialog.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = items[0];
    const last = items.at(-1);
    if (!first || !last) return;
    if (e.shiftKey && (document.activeElement === first || document.activeElement === dialog.current)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  const goTo = (id: string) => {
    const heading = document.getElementById(id);
    heading?.scrollIntoView?.({ block: "start" });
    heading?.focus({ preventScroll: true });
    setTocOpen(false);
  };

  const d = doc?.document;
  const issued = formatDate(d?.issued);
  return (
    <div className="reader-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={dialog}
        className="reader"
        role="dialog"
        aria-modal="true"
        aria-labelledby="reader-title"
        aria-busy={loading}
        data-status={loading ? "loading" : error ? "error" : "done"}
        tabIndex={-1}
        onKeyDown={trapTab}
      >
        <header className="reader-head">
          <div className="reader-tags">
            {d?.category && <span className="tag">{d.category}</span>}
            {doc && <span className="reader-issue keep-whole">{doc.issue.label}</span>}
          </div>
          <h2 id="reader-title">{d?.title ?? target.title}</h2>
          {d && (
            <p className="reader-meta">
              <MetaLine parts={[d.docNumber, d.issuer, issued && `${issued}印发`]} />
            </p>
          )}
          <button type="button" className="icon-button reader-close" onClick={onClose} aria-label="关闭阅读器（Esc）">
            <span aria-hidden="true">✕</span>
          </button>
        </header>
        {loading && <p className="reader-status">正在载入全文…</p>}
        {error && (
          <div className="reader-status">
            <ErrorBanner error={toErrorInfo(error)} context="全文载入失败" onRetry={reload} />
          </div>
        )}
        {doc && (
          <div className="reader-body">
            {sections.length > 0 && (
              <nav className={tocOpen ? "reader-toc is-open" : "reader-toc"} aria-label="文件目录">
                <h3 className="toc-title">目录</h3>
                <button type="button" className="toc-toggle" aria-expanded={tocOpen} onClick={() => setTocOpen(!tocOpen)}>
                  目录<span aria-hidden="true"> ▾</span>
                </button>
                <ol>
                  {sections.map((s) => (
                    <li key={s.id} className={`depth-${Math.min(s.depth, 3)}`}>
                      <button type="button" onClick={() => goTo(s.id)}>{s.label}</button>
                    </li>
                  ))}
                </ol>
              </nav>
            )}
            <article className="reader-doc" aria-label="正文">
              <DocumentBody doc={doc} opens={opens} passageId={target.passageId} quote={target.quote} />
            </article>
          </div>
        )}
      </div>
    </div>
  );
}
