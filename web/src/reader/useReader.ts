import { useCallback, useEffect, useRef, useState } from "react";

/** What to open in the reader: a document, optionally scrolled to a passage with its quote marked. */
export interface ReaderTarget {
  documentId: string;
  /** Known before the document loads, so the dialog is labelled from the start. */
  title: string;
  passageId?: string;
  quote?: string;
}

/** The reader's open document; on close, focus returns to the control that opened it. */
export function useReader() {
  const [target, setTarget] = useState<ReaderTarget | null>(null);
  const opener = useRef<HTMLElement | null>(null);

  const open = useCallback((next: ReaderTarget) => {
    if (document.activeElement instanceof HTMLElement) opener.current = document.activeElement;
    setTarget(next);
  }, []);
  const close = useCallback(() => setTarget(null), []);

  // After the commit that closes the dialog, so the page is no longer inert when focus moves back.
  useEffect(() => {
    if (target !== null || !opener.current) return;
    opener.current.focus();
    opener.current = null;
  }, [target]);

  return { target, open, close };
}
