import { useState } from "react";
import type { RelatedDocument } from "../../../core/api-schema.ts";
import { answerForCopy, copyText } from "../format.ts";
import type { ReaderTarget } from "../reader/useReader.ts";
import { AnswerText } from "./AnswerText.tsx";
import { Feedback } from "./Feedback.tsx";
import { withoutRelatedSentences } from "./related.ts";
import { ErrorBanner } from "../common/ErrorBanner.tsx";
import type { Turn } from "./types.ts";
import { MetaLine } from "../common/MetaLine.tsx";

interface Props {
  turn: Turn;
  /** Only the last turn can be retried, and only its error is announced. */
  isLast: boolean;
  onCite(n: number): void;
  onOpen(target: ReaderTarget): void;
  onRetry(): void;
}

const MODE_LABEL = { extractive: "原文摘录", llm: "智能归纳" } as const;
const MODE_HINT = {
  extractive: "回答由公报原文句子摘录组成",
  llm: "回答由模型依据所引原文归纳，请核对来源",
} as const;

function Related({ related, onOpen }: { related: RelatedDocument[]; onOpen(target: ReaderTarget): void }) {
  return (
    <section className="related" aria-label="相近的文件">
      <h3>可以查看这些相近的文件</h3>
      <ul>
        {related.map((r) => (
          <li key={r.document.id}>
            <button type="button" onClick={() => onOpen({ documentId: r.document.id, title: r.document.title })}>
              <span className="related-title">{r.document.title}</span>
              <MetaLine className="related-meta" parts={[r.document.docNumber, r.issue.label]} />
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** One answer: streamed text with citation markers, and its state (abstained, stopped, failed, noted). */
export function AnswerMessage({ turn, isLast, onCite, onOpen, onRetry }: Props) {
  const [copyStatus, setCopyStatus] = useState("");
  const streaming = turn.status === "streaming";
  const related = turn.abstained && turn.status === "done" ? (turn.related ?? []) : [];
  const shownText = withoutRelatedSentences(turn.answer, related);
  const copy = async () => {
    const ok = await copyText(answerForCopy(turn.answer, turn.citations));
    setCopyStatus(ok ? "已复制回答和出处" : "复制失败，请手动选中文字复制");
    setTimeout(() => setCopyStatus(""), 2500);
  };
  const classes = [
    "answer",
    turn.abstained ? "is-abstained" : "",
    turn.status === "error" ? "is-error" : "",
    turn.answer ? "" : "is-empty",
  ];

  return (
    <article
      className={classes.filter(Boolean).join(" ")}
      aria-label="回答"
      data-testid="answer"
      data-abstained={String(turn.abstained)}
      data-mode={turn.mode}
      data-status={turn.status}
    >
      <div className="answer-avatar" aria-hidden="true">
        {turn.status === "error" ? "！" : turn.abstained ? "？" : "答"}
      </div>
      <div className="answer-main">
        {turn.abstained && <p className="abstain-label">已收录的公报中没有找到依据</p>}
        <div className="answer-text" aria-live="polite" aria-busy={streaming}>
          {turn.answer ? (
            <AnswerText text={shownText} citations={turn.citations} onCite={onCite} />
          ) : (
            streaming && <span className="typing">{turn.citations.length > 0 ? "正在撰写回答" : "正在检索公报"}</span>
          )}
          {streaming && turn.answer && <span className="caret" aria-hidden="true" />}
        </div>
        {turn.status === "stopped" && <p className="answer-note">已停止生成。</p>}
        {related.length > 0 && <Related related={related} onOpen={onOpen} />}
        {turn.note && (
          <p className="answer-note">
            <span aria-hidden="true">ⓘ </span>
            {turn.note}
          </p>
        )}
        {turn.error &&
          (isLast ? <ErrorBanner error={turn.error} onRetry={onRetry} /> : <p className="answer-note">这个问题没有得到回答。</p>)}
        {turn.status === "done" && turn.answer && (
          <div className="answer-actions">
            <button type="button" className="ghost-button" onClick={() => void copy()}>
              复制
            </button>
            <span role="status" className="copied">
              {copyStatus}
            </span>
            {turn.citations.length > 0 && (
              <a className="ghost-button only-narrow" href="#sources">
                查看来源（{turn.citations.length}）
              </a>
            )}
            {turn.mode && (
              <span className="mode" title={MODE_HINT[turn.mode]}>
                {MODE_LABEL[turn.mode]}
              </span>
            )}
          </div>
        )}
        {turn.status === "done" && turn.answer && <Feedback key={turn.id} turn={turn} />}
      </div>
    </article>
  );
}
