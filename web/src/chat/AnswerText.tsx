import type { ReactNode } from "react";
import type { CitationOut } from "../../../core/api-schema.ts";

interface Props {
  text: string;
  citations: CitationOut[];
  onCite(n: number): void;
}

/** Punctuation that must not start a line, so it stays with the marker before it. */
const CLOSING = /^[。，、；：！？）》」』”’.,;:!?)]+/;

/** A list item written as markdown (`- `, `* ` at a line's start); shown as a bullet, never as a raw dash. */
const LIST_ITEM = /^[ \t]*[-*][ \t]+/gm;
const BULLET = "• ";

/** 文号 (三政办〔2012〕66号, 国务院令第711号) and issue labels (2021年第3号（总第182号）) inside answer text. */
const LABEL = /\p{Script=Han}{1,10}〔\d{4}〕\d{1,4}号|国务院令第\d{1,4}号|\d{4}年第\d{1,3}号(?:（总第\d{1,4}号）)?/gu;

/** Plain text with its labels kept whole, so none of them is broken across lines. */
function withWholeLabels(text: string, key: number): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(LABEL)) {
    out.push(text.slice(last, m.index));
    out.push(<span key={`${key}-${m.index}`} className="keep-whole">{m[0]}</span>);
    last = m.index + m[0].length;
  }
  out.push(text.slice(last));
  return out;
}

/** Answer text as plain text, with each `[n]` that has a citation turned into a button to its source. */
export function AnswerText({ text: raw, citations, onCite }: Props) {
  const text = raw.replace(LIST_ITEM, BULLET);
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
    parts.push(...withWholeLabels(text.slice(last, glue), last));
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
  parts.push(...withWholeLabels(text.slice(last), last));
  return <>{parts}</>;
}
