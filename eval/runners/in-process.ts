/**
 * In-process: the same services the server composes. Retrieval metrics come from
 * `retriever.search(standalone, k)`, answers from `answers.answer(messages)`, which
 * resolves the same standalone question itself.
 */
import { resolveQuestion } from "../../api/question/conversation.ts";
import { composeServices } from "../../server/compose.ts";
import type { ChatMessage } from "../../core/api-schema.ts";
import type { Config } from "../../core/config.ts";
import { createLog } from "../../core/util/log.ts";
import { corpusHash, listCorpusFiles } from "../../ingest/corpus.ts";
import { failedObservation, messagesFor, observedCitation, observedPassage } from "./observation.ts";
import type { Observation } from "./observation.ts";
import type { Runner } from "./runner.ts";
import { errorText } from "./runner.ts";

/**
 * With `liveHistory`, a follow-up's earlier assistant turns are the system's own answers to the
 * earlier questions (asked in order), so "does it repeat itself" is measured on what it said.
 */
export async function inProcessRunner(config: Config, wanted: "extractive" | "llm" | undefined, liveHistory = false): Promise<Runner> {
  // No refresh timer: one run for the whole evaluation, even if someone re-ingests meanwhile.
  const { embedder, index, retriever, answers } = composeServices({ ...config, refreshSeconds: 0 }, createLog("error"));
  await index.start();
  const open = index.current();
  if (!open) {
    index.stop();
    const s = index.state();
    throw new Error(`no index to evaluate: ${s.state === "ok" ? "the index is loading" : s.message}`);
  }
  if (wanted === "llm" && answers.mode !== "llm") {
    index.stop();
    throw new Error("--mode llm needs an LLM: set OPENAI_BASE_URL and/or OPENAI_API_KEY (and GONGBAO_LLM_MODEL)");
  }
  const mode = wanted ?? answers.mode;
  const notes: string[] = [];
  if (open.run.embedder !== embedder.id) notes.push(`the index was built with ${open.run.embedder}, queries use ${embedder.id}: keyword retrieval only`);
  else if (isStale(config, open.run.corpus_hash, embedder.id)) {
    notes.push(`index run ${open.run.run_id} is stale (the corpus, the lexicon or the ingest changed since it was built): run npm run ingest before trusting these numbers`);
  }

  return {
    info: { via: "in-process", api: null, mode, embedder: open.run.embedder, runId: open.run.run_id, notes },
    async run(item, k): Promise<Observation> {
      const messages = liveHistory ? await liveMessages(messagesFor(item), (m) => answers.answer(open, m, { mode }).then((o) => o.response.answer)) : messagesFor(item);
      const { standalone } = resolveQuestion(messages);
      try {
        const search = await retriever.search(open, standalone, { k });
        const t = performance.now();
        const out = await answers.answer(open, messages, { mode });
        const latencyMs = performance.now() - t;
        return {
          id: item.id, standalone: out.standalone, retrieved: search.hits.map(observedPassage),
          answer: out.response.answer, abstained: out.response.abstained, mode: out.response.mode,
          citations: out.response.citations.map(observedCitation), latencyMs,
          previousAnswer: [...messages].reverse().find((m) => m.role === "assistant")?.content ?? null,
        };
      } catch (err) {
        return failedObservation(item.id, standalone, errorText(err));
      }
    },
    close: () => index.stop(),
  };
}

/** The conversation with each assistant turn replaced by the system's answer to the turns before it. */
async function liveMessages(messages: ChatMessage[], answer: (m: ChatMessage[]) => Promise<string>): Promise<ChatMessage[]> {
  const out: ChatMessage[] = [];
  for (const m of messages) out.push(m.role === "assistant" ? { role: "assistant", content: await answer(out) } : m);
  return out;
}

/** The served run was built from another corpus, lexicon or ingest version than this checkout's. */
function isStale(config: Config, builtFrom: string, embedderId: string): boolean {
  try {
    return corpusHash(listCorpusFiles(config.corpusDir), embedderId) !== builtFrom;
  } catch {
    // An unreadable corpus folder says nothing about the index: evaluate what is served.
    return false;
  }
}
