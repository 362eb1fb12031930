/** The conversation survives a reload in localStorage (filters do not: a reload starts unfiltered). */
import type { Turn } from "./types.ts";

const TURNS_KEY = "gongbao.conversation.v1";

function read(key: string): unknown {
  try {
    const raw = localStorage.getItem(key);
    return raw === null ? undefined : JSON.parse(raw);
  } catch {
    return undefined; // storage disabled or corrupted: start afresh
  }
}

function isTurn(value: unknown): value is Turn {
  const t = value as Partial<Turn> | null;
  return (
    typeof t === "object" && t !== null && typeof t.id === "string" && typeof t.question === "string" &&
    typeof t.answer === "string" && Array.isArray(t.citations) && typeof t.status === "string"
  );
}

export function loadTurns(): Turn[] {
  const saved = read(TURNS_KEY);
  if (!Array.isArray(saved)) return [];
  // A reload cuts a stream short; what arrived is kept as a stopped answer.
  return saved.filter(isTurn).map((t) => (t.status === "streaming" ? { ...t, status: "stopped" } : t));
}

export function saveTurns(turns: Turn[]): void {
  // When the quota is hit, older turns give way to newer ones.
  for (let kept = turns; ; kept = kept.slice(1)) {
    try {
      if (kept.length === 0) localStorage.removeItem(TURNS_KEY);
      else localStorage.setItem(TURNS_KEY, JSON.stringify(kept));
      return;
    } catch {
      if (kept.length === 0) return;
    }
  }
}
