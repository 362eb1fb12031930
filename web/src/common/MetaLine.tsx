/**
 * A line of labels joined by " · " (文号, issue, date…). Each label keeps its characters on one line:
 * 三政办〔2012〕66号 or 总第86号 broken across lines reads as two things.
 */
export function MetaLine({ parts, className }: { parts: (string | null | undefined | false)[]; className?: string }) {
  const shown = parts.filter((p): p is string => Boolean(p));
  return (
    <span className={className}>
      {shown.map((p, i) => (
        <span key={i}>
          {i > 0 && " · "}
          <span className="keep-whole">{p}</span>
        </span>
      ))}
    </span>
  );
}
