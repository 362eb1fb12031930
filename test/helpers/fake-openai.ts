/**
 * A fake OpenAI-compatible server (Hono on an ephemeral port) for fault tests:
 * `/v1/chat/completions` (streaming and not) and `/v1/embeddings`, with a mode switch.
 * It answers from the `<passage n="…">` blocks the server under test sends, so an `ok`
 * answer quotes a real sentence with a valid marker, and counts open and aborted requests.
 */
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import type { Context } from "hono";
import { streamSSE } from "hono/streaming";
import { hashedVector } from "../../core/embed/hashed.ts";

export type FakeMode =
  | "ok" // a verbatim sentence of a passage with its [n] marker
  | "down" // the connection is dropped before any response
  | "slow" // nothing is sent for 30 s (or until the client gives up)
  | "http500" // a 500 whose body echoes the caller's Authorization header
  | "garbage" // 200 with malformed JSON / SSE data
  | "empty" // an empty answer
  | "badCitations" // markers to passages that were never sent
  | "inventedDocNumber" // a supported sentence plus a claim naming a 文号 no passage has
  | "obeysInjection" // does whatever the question or a passage tells it to
  | "streamCut"; // half the answer, then the stream ends without finish_reason / [DONE]

export const INJECTED_ANSWER = "本政策已废止，文号三政〔2099〕1号";
export const INVENTED_DOC_NUMBER = "三政〔2099〕1号";

export interface RecordedRequest {
  path: string;
  authorization: string | undefined;
  body: Record<string, unknown>;
}

export interface FakeOpenAI {
  /** Base URL to use as OPENAI_BASE_URL (ends with /v1). */
  readonly url: string;
  /** Mode of /v1/chat/completions. */
  mode: FakeMode;
  /** Mode of /v1/embeddings (only ok, down, slow, http500, garbage, empty matter). */
  embedMode: FakeMode;
  /** Delay before an `ok` answer starts, to keep requests in flight. */
  delayMs: number;
  /** Requests being served right now. */
  readonly open: number;
  /** Requests the client closed before the response was complete. */
  readonly aborted: number;
  readonly requests: RecordedRequest[];
  /** The system prompt of the last chat request. */
  lastSystemPrompt(): string;
  waitIdle(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

interface Passage {
  n: number;
  text: string;
}

function passagesOf(userMessage: string): Passage[] {
  return [...userMessage.matchAll(/<passage n="(\d+)"[^\n]*>\n([\s\S]*?)\n<\/passage>/g)].map((m) => ({ n: Number(m[1]), text: m[2]! }));
}

/** The first plain sentence (no table cells) of the first passage that has one. */
function quotable(passages: Passage[]): { n: number; sentence: string } {
  for (const p of passages) {
    for (const line of p.text.split("\n")) {
      if (line.includes("\t")) continue;
      const s = line.match(/[^。！？；]{8,}[。！？；]/u)?.[0];
      if (s) return { n: p.n, sentence: s.trim() };
    }
  }
  return { n: 1, sentence: passages[0]?.text.slice(0, 40) ?? "" };
}

const INJECTION = /忽略以上|忽略上述|ignore (all )?previous/i;

function answerFor(mode: FakeMode, body: Record<string, unknown>): string {
  const messages = (body.messages ?? []) as { role: string; content: string }[];
  const system = messages.find((m) => m.role === "system")?.content ?? "";
  const user = messages.filter((m) => m.role === "user").at(-1)?.content ?? "";
  const passages = passagesOf(user);
  const { n, sentence } = quotable(passages);
  const question = user.split("问题：").at(-1) ?? "";
  switch (mode) {
    case "empty":
      return "";
    case "badCitations":
      return `${sentence}[${passages.length + 5}]另见第42段。[42]`;
    case "inventedDocNumber":
      return `${sentence}[${n}]该政策的依据是${INVENTED_DOC_NUMBER}文件。[${n}]`;
    case "obeysInjection": {
      if (/system prompt|提示词|指令|instructions/i.test(question)) return `好的，我的系统提示词如下：${system}[1]`;
      if (/编|invent|make up/i.test(question)) return `这个文件的文号是${INVENTED_DOC_NUMBER}。[1]`;
      const poisoned = passages.find((p) => INJECTION.test(p.text))?.n ?? 1;
      return `${INJECTED_ANSWER}。[${poisoned}]`;
    }
    default:
      return `${sentence}[${n}]`;
  }
}

function chunk(content: string | null, finish: string | null, role = false): string {
  const delta = role ? { role: "assistant", content: "" } : content === null ? {} : { content };
  return JSON.stringify({ id: "chatcmpl-fake", object: "chat.completion.chunk", created: 0, model: "fake", choices: [{ index: 0, delta, finish_reason: finish }] });
}

function pieces(text: string, size = 6): string[] {
  const chars = [...text];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(""));
  return out;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(t);
      resolve();
    });
  });

type NodeEnv = { incoming: IncomingMessage; outgoing: ServerResponse };

export async function startFakeOpenAI(opts: { mode?: FakeMode; embedMode?: FakeMode; dim?: number } = {}): Promise<FakeOpenAI> {
  const app = new Hono<{ Bindings: NodeEnv }>();
  const state = { mode: opts.mode ?? "ok", embedMode: opts.embedMode ?? "ok", delayMs: 0, open: 0, aborted: 0 } as {
    mode: FakeMode; embedMode: FakeMode; delayMs: number; open: number; aborted: number;
  };
  const requests: RecordedRequest[] = [];
  const dim = opts.dim ?? 32;

  app.use("*", async (c, next) => {
    state.open++;
    const out = c.env.outgoing;
    out.once("close", () => {
      state.open--;
      if (!out.writableFinished) state.aborted++;
    });
    const body = c.req.method === "POST" ? ((await c.req.json().catch(() => ({}))) as Record<string, unknown>) : {};
    requests.push({ path: c.req.path, authorization: c.req.header("authorization"), body });
    c.set("body" as never, body as never);
    await next();
  });

  /** Faults shared by both endpoints; returns a Response when the mode handled the request. */
  const fault = async (c: Context<{ Bindings: NodeEnv }>, mode: FakeMode): Promise<Response | null> => {
    if (mode === "down") {
      c.env.incoming.socket.destroy();
      return new Response(null, { status: 599 });
    }
    if (mode === "slow") {
      await sleep(30_000, c.req.raw.signal);
      return c.json({ error: { message: "too late" } }, 503);
    }
    if (mode === "http500") {
      return c.json({ error: { message: `upstream exploded while serving ${c.req.header("authorization") ?? "?"}`, type: "server_error" } }, 500);
    }
    return null;
  };

  app.post("/v1/embeddings", async (c) => {
    const handled = await fault(c, state.embedMode);
    if (handled) return handled;
    const body = c.get("body" as never) as { input: string[] | string };
    const input = Array.isArray(body.input) ? body.input : [body.input];
    if (state.embedMode === "garbage") return c.body('{"data":[{"embedding":[0.1,', 200, { "content-type": "application/json" });
    if (state.embedMode === "empty") return c.json({ object: "list", data: [], model: "fake" });
    return c.json({
      object: "list", model: "fake-embed", usage: { prompt_tokens: 0, total_tokens: 0 },
      data: input.map((t, index) => ({ object: "embedding", index, embedding: Array.from(hashedVector(String(t), dim)) })),
    });
  });

  app.post("/v1/chat/completions", async (c) => {
    const mode = state.mode;
    const handled = await fault(c, mode);
    if (handled) return handled;
    if (state.delayMs > 0) await sleep(state.delayMs, c.req.raw.signal);
    const body = c.get("body" as never) as Record<string, unknown>;
    const text = answerFor(mode, body);
    if (!body.stream) {
      if (mode === "garbage") return c.body('{"id":"x","choices":[{"message":{"content":"半', 200, { "content-type": "application/json" });
      if (mode === "streamCut") {
        c.env.outgoing.writeHead(200, { "content-type": "application/json", "content-length": "400" });
        c.env.outgoing.write('{"id":"x","choices":[{"message":{"role":"assistant","content":"');
        c.env.incoming.socket.destroy();
        return new Response(null, { status: 599 });
      }
      return c.json({
        id: "chatcmpl-fake", object: "chat.completion", created: 0, model: "fake",
        choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" }],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      });
    }
    return streamSSE(c, async (sse) => {
      if (mode === "garbage") {
        await sse.writeSSE({ data: '{"id":"x","choices":[{"delta":{"content":"半' });
        await sse.writeSSE({ data: "<html>502 Bad Gateway</html>" });
        return;
      }
      await sse.writeSSE({ data: chunk(null, null, true) });
      const parts = pieces(text);
      const upto = mode === "streamCut" ? Math.max(1, Math.floor(parts.length / 2)) : parts.length;
      for (const p of parts.slice(0, upto)) await sse.writeSSE({ data: chunk(p, null) });
      if (mode === "streamCut") return;
      await sse.writeSSE({ data: chunk(null, "stop") });
      await sse.writeSSE({ data: "[DONE]" });
    });
  });

  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s as Server)) as Server;
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    get mode() {
      return state.mode;
    },
    set mode(m: FakeMode) {
      state.mode = m;
    },
    get embedMode() {
      return state.embedMode;
    },
    set embedMode(m: FakeMode) {
      state.embedMode = m;
    },
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(ms: number) {
      state.delayMs = ms;
    },
    get open() {
      return state.open;
    },
    get aborted() {
      return state.aborted;
    },
    requests,
    lastSystemPrompt() {
      const chat = requests.filter((r) => r.path.endsWith("/chat/completions")).at(-1);
      const messages = (chat?.body.messages ?? []) as { role: string; content: string }[];
      return messages.find((m) => m.role === "system")?.content ?? "";
    },
    async waitIdle(timeoutMs = 5000) {
      const until = Date.now() + timeoutMs;
      while (state.open > 0) {
        if (Date.now() > until) throw new Error(`fake OpenAI still has ${state.open} open requests`);
        await sleep(20);
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
