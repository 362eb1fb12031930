/**
 * Against a running server: retrieval metrics from `GET /api/search?q=<standalone>&k=`,
 * answers from `POST /api/chat` (stream:false). The standalone question is resolved here
 * with the server's own `resolveQuestion`, so both paths search the same text.
 */
import { z } from "zod";
import { resolveQuestion } from "../../api/question/conversation.ts";
import { failedObservation, messagesFor, observedCitation, observedPassage } from "./observation.ts";
import type { Observation } from "./observation.ts";
import type { Runner } from "./runner.ts";
import { errorText } from "./runner.ts";

const DocSchema = z.looseObject({ id: z.string(), title: z.string(), docNumber: z.string().nullable() });
const IssueSchema = z.looseObject({ label: z.string() });

const HealthSchema = z.looseObject({
  status: z.string(), embedder: z.string(), answerer: z.enum(["extractive", "llm"]), runId: z.string().nullable().optional(),
});
const SearchSchema = z.looseObject({
  results: z.array(z.looseObject({ passage: z.looseObject({ id: z.string(), text: z.string() }), document: DocSchema, issue: IssueSchema })),
});
const ChatSchema = z.looseObject({
  answer: z.string(),
  abstained: z.boolean(),
  mode: z.enum(["extractive", "llm"]),
  citations: z.array(z.looseObject({ n: z.number().int(), quote: z.string(), passage: z.looseObject({ text: z.string() }), document: DocSchema, issue: IssueSchema })),
});
const ErrorSchema = z.looseObject({ error: z.looseObject({ code: z.string(), message: z.string() }) });

const TIMEOUT_MS = 120_000;
const ATTEMPTS = 6;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class HttpClient {
  rateLimited = 0;
  constructor(private base: string) {}

  /** JSON of a successful response and the time of the attempt that succeeded; waits out 429/503. */
  async call<T extends z.ZodType>(schema: T, path: string, init: RequestInit = {}): Promise<{ body: z.infer<T>; ms: number }> {
    const url = new URL(path, this.base).toString();
    const what = `${init.method ?? "GET"} ${path.split("?")[0]}`;
    for (let attempt = 1; ; attempt++) {
      const t = performance.now();
      let res: Response;
      try {
        res = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
      } catch (err) {
        if (attempt < ATTEMPTS) {
          await sleep(500 * attempt);
          continue;
        }
        throw new Error(`${what}: ${errorText(err)}`);
      }
      const text = await res.text();
      const ms = performance.now() - t;
      if ((res.status === 429 || res.status === 503) && attempt < ATTEMPTS) {
        if (res.status === 429) this.rateLimited++;
        const retry = Number(res.headers.get("retry-after"));
        await sleep(Number.isFinite(retry) && retry > 0 ? Math.min(retry, 65) * 1000 : 1000 * attempt);
        continue;
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new Error(`${what} → ${res.status}: the response is not JSON (${text.slice(0, 80)})`);
      }
      if (!res.ok) {
        const e = ErrorSchema.safeParse(json);
        throw new Error(`${what} → ${res.status}: ${e.success ? `${e.data.error.code}: ${e.data.error.message}` : text.slice(0, 200)}`);
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) throw new Error(`${what}: unexpected response shape (${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")})`);
      return { body: parsed.data, ms };
    }
  }
}

export async function httpRunner(api: string, wanted: "extractive" | "llm" | undefined): Promise<Runner> {
  const client = new HttpClient(api.endsWith("/") ? api : `${api}/`);
  const { body: health } = await client.call(HealthSchema, "api/health");
  if (health.status !== "ok") throw new Error(`${api} has no index to evaluate (status ${health.status})`);
  if (wanted && wanted !== health.answerer) {
    throw new Error(`the server at ${api} answers in ${health.answerer} mode; the API cannot switch modes per request, so drop --mode or restart the server ${wanted === "llm" ? "with an LLM configured" : "with GONGBAO_LLM=off"}`);
  }
  const notes: string[] = [];
  return {
    info: { via: "http", api, mode: health.answerer, embedder: health.embedder, runId: health.runId ?? null, notes },
    async run(item, k): Promise<Observation> {
      const messages = messagesFor(item);
      const { standalone } = resolveQuestion(messages);
      try {
        const search = await client.call(SearchSchema, `api/search?${new URLSearchParams({ q: standalone, k: String(k) })}`);
        const chat = await client.call(ChatSchema, "api/chat", {
          method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ messages, stream: false }),
        });
        const r = chat.body;
        return {
          id: item.id, standalone, retrieved: search.body.results.map(observedPassage), answer: r.answer, abstained: r.abstained, mode: r.mode,
          citations: r.citations.map(observedCitation), latencyMs: chat.ms,
        };
      } catch (err) {
        return failedObservation(item.id, standalone, errorText(err));
      }
    },
    close: () => {
      if (client.rateLimited) notes.push(`the server rate-limited ${client.rateLimited} request(s); they were retried (start it with GONGBAO_RATE_LIMIT=0 for evaluation)`);
    },
  };
}
