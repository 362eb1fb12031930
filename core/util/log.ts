/**
 * JSON-lines logger to stderr. Never logs secrets: values under key-like names are redacted,
 * and registered secrets (API keys from the config) and bearer tokens are scrubbed from every
 * string, so an upstream error message that echoes a key cannot carry it into the log.
 */
type Level = "silent" | "error" | "info" | "debug";
const RANK: Record<Level, number> = { silent: 0, error: 1, info: 2, debug: 3 };
/**
 * Names whose values are credentials, wherever a name comes with its value: log fields, storage
 * options (aws_secret_access_key, google_service_account_key, azure_storage_sas_key, …), headers.
 */
export const CREDENTIAL_NAME = /key|secret|token|password|credential|sas|signature|authorization|cookie/i;
const SECRET_VALUE = /\b(?:Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}|\bsk-[A-Za-z0-9_-]{8,}/g;
const MAX_STRING = 300;

export interface Log {
  error(msg: string, extra?: Record<string, unknown>): void;
  info(msg: string, extra?: Record<string, unknown>): void;
  debug(msg: string, extra?: Record<string, unknown>): void;
}

const secrets = new Set<string>();

/** Scrub this value from every log line from now on (API keys, storage credentials). Short values are ignored. */
export function registerSecret(value: string | null | undefined): void {
  if (value && value.length >= 8) secrets.add(value);
}

export function scrub(s: string): string {
  let out = s;
  for (const secret of secrets) out = out.split(secret).join("[redacted]");
  return out.replace(SECRET_VALUE, "[redacted]");
}

function clean(v: unknown, depth = 0): unknown {
  if (typeof v === "string") return scrub(v.slice(0, MAX_STRING * 2)).slice(0, MAX_STRING);
  if (v instanceof Error) return scrub(`${v.name}: ${v.message}`).slice(0, MAX_STRING);
  if (Array.isArray(v)) return depth > 2 ? "[…]" : v.slice(0, 20).map((x) => clean(x, depth + 1));
  if (v && typeof v === "object") return depth > 2 ? "[…]" : redact(v as Record<string, unknown>, depth + 1);
  return v;
}

function redact(extra: Record<string, unknown> | undefined, depth = 0): Record<string, unknown> | undefined {
  if (!extra) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(extra)) out[k] = CREDENTIAL_NAME.test(k) ? "[redacted]" : clean(v, depth);
  return out;
}

export function createLog(level: Level, stream: NodeJS.WritableStream = process.stderr): Log {
  const write = (at: Level, msg: string, extra?: Record<string, unknown>) => {
    if (RANK[at] > RANK[level]) return;
    stream.write(`${JSON.stringify({ t: new Date().toISOString(), level: at, msg: scrub(msg), ...redact(extra) })}\n`);
  };
  return {
    error: (m, e) => write("error", m, e),
    info: (m, e) => write("info", m, e),
    debug: (m, e) => write("debug", m, e),
  };
}
