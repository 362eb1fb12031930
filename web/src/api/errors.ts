/**
 * What went wrong, in Chinese: the API's messages are English and meant for developers, so the UI
 * explains each error code itself and keeps the server's message only as a detail.
 */
import type { ErrorKind } from "./client.ts";
import { RequestError } from "./client.ts";

/** An error as the UI keeps it (in a turn, or for a failed listing). */
export interface ErrorInfo {
  kind: ErrorKind;
  /** The API's error code (`rate_limited`, `timeout`…), when it sent one. */
  code?: string;
  status: number | null;
  /** The server's own message, if it sent one. */
  message: string;
  /** Epoch ms before which a retry would be refused (429 Retry-After). */
  retryAt?: number;
}

export interface Explanation {
  title: string;
  hint: string;
}

/** One explanation per code of the API (contract.md: errors always carry a stable code). */
export const CODE_TEXT: Record<string, Explanation> = {
  invalid_request: { title: "请求格式不正确", hint: "问题或检索范围的格式有误，请调整后重试；如果一直出现，请刷新页面。" },
  invalid_json: { title: "请求内容无法解析", hint: "发送的数据不完整，请刷新页面后重试。" },
  empty_question: { title: "问题是空的", hint: "请输入要询问的内容后再发送。" },
  question_too_long: { title: "问题太长了", hint: "问题最多 2000 字，请精简后再发送。" },
  too_many_messages: { title: "对话太长了", hint: "请点击“新对话”后重新提问。" },
  payload_too_large: { title: "发送的内容太多", hint: "对话记录过长，请点击“新对话”后重新提问。" },
  unsupported_media_type: { title: "请求类型不受支持", hint: "服务器只接受 JSON 格式的请求，请刷新页面后重试。" },
  rate_limited: { title: "提问太频繁了", hint: "请稍候再提问。" },
  no_index: { title: "公报检索索引尚未就绪", hint: "服务器还没有导入公报数据，请管理员建立索引后重试。" },
  not_found: { title: "没有找到要查看的内容", hint: "该文件或地址不存在，可能已随公报数据更新而变化，请返回重新查找。" },
  invalid_id: { title: "文件编号无效", hint: "请从回答或公报目录中重新打开该文件。" },
  method_not_allowed: { title: "请求方式不受支持", hint: "请刷新页面后重试。" },
  internal_error: { title: "服务器内部出错", hint: "服务器处理时出错，请稍后重试。" },
  timeout: { title: "回答超时", hint: "服务器没能在规定时间内完成，请稍后重试，或缩小检索范围。" },
};

/** For errors without a (known) code: a proxy's page, a dropped connection, a cut stream. */
const KIND_TEXT: Record<ErrorKind, Explanation> = {
  network: { title: "无法连接到问答服务", hint: "请检查网络连接，或确认服务已经启动，然后重试。" },
  rate_limited: CODE_TEXT.rate_limited!,
  no_index: CODE_TEXT.no_index!,
  server: { title: "服务暂时出现问题", hint: "服务器处理时出错，请稍后重试。" },
  request: { title: "请求未被接受", hint: "请调整问题或检索范围后再试。" },
  interrupted: { title: "回答中断了", hint: "回答在完成前中断，可以重试。" },
};

export function explain(error: Pick<ErrorInfo, "kind" | "code">): Explanation {
  return (error.code && CODE_TEXT[error.code]) || KIND_TEXT[error.kind];
}

/** A caught value as ErrorInfo; a rate limit's Retry-After becomes the time a retry is allowed again. */
export function toErrorInfo(err: unknown, now = Date.now()): ErrorInfo {
  if (!(err instanceof RequestError)) return { kind: "interrupted", status: null, message: String(err) };
  // Only a rate limit holds the retry back; a 503's Retry-After is advice the person may ignore.
  const retryAt = err.kind === "rate_limited" && err.retryAfter !== undefined ? now + err.retryAfter * 1000 : undefined;
  return {
    kind: err.kind,
    status: err.status,
    message: err.message,
    ...(err.code ? { code: err.code } : {}),
    ...(retryAt ? { retryAt } : {}),
  };
}
