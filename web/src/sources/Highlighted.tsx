import { findQuote } from "./quote.ts";

interface Props {
  text: string;
  quote?: string;
}

/** Passage text with the cited quote in a <mark>; a quote that cannot be located is shown marked above it. */
export function Highlighted({ text, quote }: Props) {
  if (!quote) return <>{text}</>;
  const span = findQuote(text, quote);
  if (!span) {
    return (
      <>
        <mark className="quote-detached">{quote}</mark>
        {"\n"}
        {text}
      </>
    );
  }
  return (
    <>
      {text.slice(0, span.start)}
      <mark>{text.slice(span.start, span.end)}</mark>
      {text.slice(span.end)}
    </>
  );
}
