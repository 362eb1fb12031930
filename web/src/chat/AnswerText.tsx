import type { ReactNode } from "react";
import type { CitationOut } from "../../../core/api-schema.ts";

interface Props {
  text: string;
  citations: CitationOut[];
  onCite(n: number): void;
}

/** Punctuation that must not start a line, so it stays with the marker before it. */
const CLOSING = /^[。，、；：！？）》」』”’.,;:!?)]+/;

/** Answer text as plain text, with each `[n]` that has a citation turned into a button to its source. */
export function AnswerText({ text, citations, onCite }: Props) {
  const byN = new Map(citations.map((c) => [c.n, c]));
  const parts: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(/\[(\d{1,3})\]/g)) {
    const n = Number(m[1]);
    const c = byN.get(n);
    if (!c || m.index < last) continue; // an unknown number stays literal text
    // The marker is glued to the character before it and the punctuation after it, so neither wraps alone.
    const glue = m.index > last && /\S/.test(text.charAt(m.index - 1)) ? m.index - 1 : m.index;
    const end = m.index + m[0].length;
    const after = CLOSING.exec(text.slice(end))?.[0] ?? "";
    parts.push(text.slice(last, glue));
    parts.push(
      <span key={m.index} className="cite-glue">
        {text.slice(glue, m.index)}
        <button
          type="button"
          className="cite"
          data-testid={`cite-${n}`}
          aria-label={`来源 ${n}：${c.document.title}`}
          title={`${c.document.title}${c.document.docNumber ? `（${c.document.docNumber}）` : ""}`}
          onClick={() => onCite(n)}
        >
          {n}
        </button>
        {after}
      </span>,
    );
    last = end + after.length;
  }
  parts.push(text.slice(last));
  return <>{parts}</>;
}
