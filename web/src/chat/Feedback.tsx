import { useId, useState } from "react";
import type { FeedbackRequest } from "../../../core/feedback.ts";
import { postJson } from "../api/client.ts";
import type { Turn } from "./types.ts";

// Mirrors FEEDBACK_LIMITS.commentChars in core/feedback.ts (importing it would pull zod into the bundle).
const MAX_COMMENT = 500;

type Rating = FeedbackRequest["rating"];
type Status = "idle" | "sending" | "sent" | "failed";

/** What the server keeps: the question, the answer and its citations as shown, the rating and the comment. */
export function feedbackFor(turn: Turn, rating: Rating, comment: string): FeedbackRequest {
  return {
    rating,
    ...(comment.trim() ? { comment: comment.trim() } : {}),
    question: turn.question,
    answer: turn.answer,
    abstained: turn.abstained,
    citations: turn.citations.map((c) => ({
      n: c.n, passageId: c.passageId, quote: c.quote, documentId: c.document.id, title: c.document.title,
      docNumber: c.document.docNumber, issue: `${c.issue.year}年第${c.issue.number}号`, total: c.issue.total,
    })),
    ...(Object.keys(turn.filters).length > 0 ? { filters: turn.filters } : {}),
  };
}

/** 有用 / 没用 on an answer; choosing one opens an optional comment, sent with 提交反馈. */
export function Feedback({ turn }: { turn: Turn }) {
  const [rating, setRating] = useState<Rating | null>(null);
  const [comment, setComment] = useState("");
  const [status, setStatus] = useState<Status>("idle");
  const commentId = useId();

  const submit = async () => {
    if (!rating) return;
    setStatus("sending");
    try {
      await postJson("/api/feedback", feedbackFor(turn, rating, comment));
      setStatus("sent");
    } catch {
      setStatus("failed");
    }
  };

  if (status === "sent") {
    return <p className="feedback-thanks" role="status" data-testid="feedback-sent">感谢反馈，我们会据此改进回答。</p>;
  }
  return (
    <div className="feedback" role="group" aria-label="这个回答有用吗">
      <span className="feedback-label" aria-hidden="true">这个回答</span>
      {(["helpful", "unhelpful"] as const).map((r) => (
        <button key={r} type="button" className="ghost-button" aria-pressed={rating === r} onClick={() => setRating(r)}>
          {r === "helpful" ? "有用" : "没用"}
        </button>
      ))}
      {rating && (
        <form
          className="feedback-form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label htmlFor={commentId}>{rating === "helpful" ? "补充说明（可选）" : "哪里不对或缺了什么？（可选）"}</label>
          <textarea id={commentId} rows={2} maxLength={MAX_COMMENT} value={comment} onChange={(e) => setComment(e.target.value)} />
          <p className="feedback-privacy">反馈会连同问题和回答一起保存，请不要填写姓名、电话等个人信息。</p>
          <div className="feedback-send">
            <button type="submit" className="button" disabled={status === "sending"}>提交反馈</button>
            {status === "failed" && <span role="alert">反馈没有发送成功，请稍后重试。</span>}
          </div>
        </form>
      )}
    </div>
  );
}
