import { useEffect, useState } from "react";
import type { ErrorInfo } from "../api/errors.ts";
import { explain } from "../api/errors.ts";

interface Props {
  error: ErrorInfo;
  onRetry(): void;
  /** What failed, when it is not the answer itself: `单位列表载入失败`. */
  context?: string;
}

function secondsLeft(retryAt: number | undefined): number {
  return retryAt ? Math.max(0, Math.ceil((retryAt - Date.now()) / 1000)) : 0;
}

/**
 * Says in Chinese what went wrong and what to do, keeps the server's own (English) message as a
 * detail, and offers to try again (after Retry-After, when the server set one).
 */
export function ErrorBanner({ error, onRetry, context }: Props) {
  const [wait, setWait] = useState(() => secondsLeft(error.retryAt));
  const { title, hint } = explain(error);

  useEffect(() => {
    setWait(secondsLeft(error.retryAt));
    if (!error.retryAt) return;
    const timer = setInterval(() => {
      const left = secondsLeft(error.retryAt);
      setWait(left);
      if (left === 0) clearInterval(timer);
    }, 500);
    return () => clearInterval(timer);
  }, [error.retryAt]);

  return (
    <div className="error-banner" role="alert" data-code={error.code || error.kind}>
      <div className="error-text">
        <p className="error-title">
          {context && <>{context}：</>}
          {title}
          {error.status !== null && <span className="error-status">（{error.status}）</span>}
        </p>
        <p className="error-hint">{wait > 0 ? `请在 ${wait} 秒后重试。` : hint}</p>
        {error.message && (
          <p className="error-detail">
            服务器信息：<span lang={/[\u4e00-\u9fff]/.test(error.message) ? undefined : "en"}>{error.message}</span>
          </p>
        )}
      </div>
      <button type="button" className="button" onClick={onRetry} disabled={wait > 0}>
        重试
      </button>
    </div>
  );
}
