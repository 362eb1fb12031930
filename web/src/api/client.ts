/** HTTP client for the gongbao API (contract.md): JSON routes and the streamed chat. */
import type { ApiError, ChatRequest, ChatResponse, CitationOut, RelatedDocument } from "../../../core/api-schema.ts";
import { readSse } from "./sse.ts";

export type ErrorKind = "network" | "rate_limited" | "no_index" | "server" | "request" | "interrupted";

export class RequestError extends Error {
  readonly kind: ErrorKind;
  readonly status: number | null;
  /** Seconds to wait before retrying, from Retry-After. */
  readonly retryAfter: number | undefined;
  /** The API's error code (contract.md), "" when the response had none. */
  readonly code: string;

  constructor(kind: ErrorKind, message: string, status: number | null = null, retryAfter?: number, code = "") {
    super(message);
    this.name = "RequestError";
    this.kind = kind;
    this.status = status;
    this.retryAfter = retryAfter;
    this.code = code;
  }
}

export interface DoneEvent {
  abstained: boolean;
  mode: "extractive" | "llm";
  note?: string;
  related?: RelatedDocument[];
}

export interface ChatHandlers {
  citations(citations: CitationOut[]): void;
  delta(text: string): void;
  done(done: DoneEvent): void;
}

function kindFor(code: string, status: number | null): ErrorKind {
  if (code === "no_index") return "no_index";
  if (code === "rate_limited" || status === 429) return "rate_limited";
  if (status === null) return "interrupted";
  return status >= 500 ? "server" : "request";
}

export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

async function errorFrom(res: Response): Promise<RequestError> {
  let code = "";
  let message = "";
  try {
    const body = (await res.json()) as Partial<ApiError>;
    code = body.error?.code ?? "";
    message = body.error?.message ?? "";
  } catch {
    // Not JSON: a proxy's error page or an empty body; the status alone must do.
  }
  const retryAfter = parseRetryAfter(res.headers.get("Retry-After"));
  // A gateway (the dev proxy, nginx) answering 502/504 on its own means the API itself is unreachable.
  const unreachable = !code && (res.status === 502 || res.status === 504);
  return new RequestError(unreachable ? "network" : kindFor(code, res.status), message, res.status, retryAfter, code);
}

async function request(path: string, init: RequestInit): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch (err) {
    if (init.signal?.aborted) throw err;
    throw new RequestError("network", "");
  }
  if (!res.ok) throw await errorFrom(res);
  return res;
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const res = await request(path, { headers: { Accept: "application/json" }, signal });
  return (await res.json()) as T;
}

function parse<T>(data: string): T {
  try {
    return JSON.parse(data) as T;
  } catch {
    throw new RequestError("interrupted", "服务器返回了无法解析的数据。");
  }
}

/** POSTs a chat request and dispatches its event stream; resolves on `done`, rejects on anything else. */
export async function streamChat(body: ChatRequest, on: ChatHandlers, signal: AbortSignal): Promise<void> {
  const res = await request("/api/chat", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
    body: JSON.stringify({ ...body, stream: true }),
    signal,
  });
  if (!res.headers.get("Content-Type")?.includes("text/event-stream")) {
    // A server (or proxy) that ignores `stream` answers in one JSON body; show it the same way.
    const whole = (await res.json()) as ChatResponse;
    on.citations(whole.citations);
    on.delta(whole.answer);
    on.done(whole);
    return;
  }
  if (!res.body) throw new RequestError("interrupted", "");
  try {
    for await (const ev of readSse(res.body)) {
      if (ev.event === "citations") on.citations(parse<CitationOut[]>(ev.data));
      else if (ev.event === "delta") on.delta(parse<{ text: string }>(ev.data).text);
      else if (ev.event === "done") return on.done(parse<DoneEvent>(ev.data));
      else if (ev.event === "error") {
        const { code, message } = parse<{ code: string; message: string }>(ev.data);
        throw new RequestError(kindFor(code, null), message, null, undefined, code);
      }
    }
  } catch (err) {
    if (err instanceof RequestError || signal.aborted) throw err;
    throw new RequestError("interrupted", "");
  }
  throw new RequestError("interrupted", "");
}

/** POSTs a JSON body; resolves with the JSON reply, rejects with a RequestError. */
export async function postJson<T>(path: string, body: unknown): Promise<T> {
  const res = await request(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(body),
  });
  return (await res.json()) as T;
}
