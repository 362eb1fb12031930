/** The conversation: turns, streaming one answer at a time, stop, retry and persistence. */
import { useCallback, useEffect, useRef, useState } from "react";
import type { ChatMessage, Filters } from "../../../core/api-schema.ts";
import { streamChat } from "../api/client.ts";
import { toErrorInfo } from "../api/errors.ts";
import { loadTurns, saveTurns } from "./storage.ts";
import type { Turn } from "./types.ts";

// Mirrors LIMITS in core/api-schema.ts; importing it would pull zod into the browser bundle.
const MAX_MESSAGES = 40;
const MAX_MESSAGE_CHARS = 8000;

function newId(): string {
  return Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
}

/** Earlier answered turns as chat messages, newest last, within the request limits. */
function history(turns: Turn[]): ChatMessage[] {
  const messages = turns
    .filter((t) => t.status === "done" && t.answer)
    .flatMap((t): ChatMessage[] => [
      { role: "user", content: t.question.slice(0, MAX_MESSAGE_CHARS) },
      { role: "assistant", content: t.answer.slice(0, MAX_MESSAGE_CHARS) },
    ]);
  return messages.slice(-(MAX_MESSAGES - 2));
}

export function useConversation() {
  const [turns, setTurns] = useState<Turn[]>(loadTurns);
  // The ref is the source of truth and state its rendered copy: a retry or a send right after a stream
  // ends must see that stream's last update even before React has re-rendered.
  const current = useRef(turns);
  const controller = useRef<AbortController | null>(null);

  const apply = useCallback((change: (ts: Turn[]) => Turn[]) => {
    current.current = change(current.current);
    setTurns(current.current);
  }, []);

  useEffect(() => saveTurns(turns), [turns]);
  useEffect(() => () => controller.current?.abort(), []);

  const run = useCallback(async (turn: Turn, before: Turn[]) => {
    const ctrl = new AbortController();
    controller.current = ctrl;
    const update = (patch: (t: Turn) => Partial<Turn>) =>
      apply((ts) => ts.map((t) => (t.id === turn.id ? { ...t, ...patch(t) } : t)));
    const hasFilters = Object.keys(turn.filters).length > 0;
    try {
      await streamChat(
        {
          messages: [...history(before), { role: "user", content: turn.question }],
          ...(hasFilters ? { filters: turn.filters } : {}),
        },
        {
          citations: (citations) => update(() => ({ citations })),
          delta: (text) => update((t) => ({ answer: t.answer + text })),
          done: ({ abstained, mode, note, related }) =>
            update(() => ({ status: "done", abstained, mode, note, related })),
        },
        ctrl.signal,
      );
    } catch (err) {
      update(() => (ctrl.signal.aborted ? { status: "stopped" } : { status: "error", error: toErrorInfo(err) }));
    } finally {
      if (controller.current === ctrl) controller.current = null;
    }
  }, [apply]);

  const send = useCallback(
    (question: string, filters: Filters) => {
      const text = question.trim();
      if (!text || controller.current) return;
      const turn: Turn = { id: newId(), question: text, filters, status: "streaming", answer: "", citations: [], abstained: false };
      const before = current.current;
      apply(() => [...before, turn]);
      void run(turn, before);
    },
    [apply, run],
  );

  /** Asks the last question again after an error. */
  const retry = useCallback(() => {
    const before = current.current.slice(0, -1);
    const last = current.current.at(-1);
    if (!last || last.status !== "error" || controller.current) return;
    const turn: Turn = { ...last, status: "streaming", answer: "", citations: [], abstained: false, error: undefined };
    apply(() => [...before, turn]);
    void run(turn, before);
  }, [apply, run]);

  const stop = useCallback(() => controller.current?.abort(), []);

  const reset = useCallback(() => {
    controller.current?.abort();
    controller.current = null;
    apply(() => []);
  }, [apply]);

  const streaming = turns.at(-1)?.status === "streaming";
  return { turns, streaming, send, retry, stop, reset };
}
