import { useEffect, useState } from "react";
import type { ErrorKind } from "../api/client.ts";
import type { TurnError } from "./types.ts";

const TITLES: Record<ErrorKind, string> = {
  network: "无法连接到问答服务",
  rate_limited: "提问太频繁了",
  no_index: "公报检索索引尚未就绪",
  server: "服务暂时出现问题",
  request: "请求未被接受",
  interrupted: "回答中断了",
};

const HINTS: Record<ErrorKind, string> = {
  network: "请检查网络连接，或确认服务已经启动，然后重试。",
  rate_limited: "请稍候再提问。",
  no_index: "服务器还没有导入公报数据，请管理员建立索引后重试。",
  server: "服务器处理时出错，请稍后重试。",
  request: "请调整问题或检索范围后再试。",
  interrupted: "回答在完成前中断，可以重试。",
};

function secondsLeft(retryAt: number | undefined): number {
  return retryAt ? Math.max(0, Math.ceil((retryAt - Date.now()) / 1000)) : 0;
}

/** Says plainly what went wrong and offers to ask again (after Retry-After, when the server set one). */
export function ErrorBanner({ error, onRetry }: { error: TurnError; onRetry(): void }) {
  const [wait, setWait] = useState(() => secondsLeft(error.retryAt));

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
    <div className="error-banner" role="alert">
      <div className="error-text">
        <p className="error-title">
          {TITLES[error.kind]}
          {error.status !== null && <span className="error-status">（{error.status}）</span>}
        </p>
        {error.message && <p className="error-detail">{error.message}</p>}
        <p className="error-hint">{wait > 0 ? `请在 ${wait} 秒后重试。` : HINTS[error.kind]}</p>
      </div>
      <button type="button" className="button" onClick={onRetry} disabled={wait > 0}>
        重试
      </button>
    </div>
  );
}
