/** JSON-lines logger to stderr. Never logs secrets: values under key-like names are redacted. */
type Level = "silent" | "error" | "info" | "debug";
const RANK: Record<Level, number> = { silent: 0, error: 1, info: 2, debug: 3 };
const SECRET_KEY = /key|secret|token|password|authorization/i;

export interface Log {
  error(msg: string, extra?: Record<string, unknown>): void;
  info(msg: string, extra?: Record<string, unknown>): void;
  debug(msg: string, extra?: Record<string, unknown>): void;
}

function redact(extra: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!extra) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(extra)) out[k] = SECRET_KEY.test(k) ? "[redacted]" : typeof v === "string" ? v.slice(0, 300) : v;
  return out;
}

export function createLog(level: Level, stream: NodeJS.WritableStream = process.stderr): Log {
  const write = (at: Level, msg: string, extra?: Record<string, unknown>) => {
    if (RANK[at] > RANK[level]) return;
    stream.write(`${JSON.stringify({ t: new Date().toISOString(), level: at, msg, ...redact(extra) })}\n`);
  };
  return {
    error: (m, e) => write("error", m, e),
    info: (m, e) => write("info", m, e),
    debug: (m, e) => write("debug", m, e),
  };
}
