/**
 * Every response a reliability test reads goes through `leakCheck.read()`, which keeps the
 * body so one assertion per file proves no stack trace, absolute path or secret ever
 * reached a client.
 */
import { tmpdir } from "node:os";

export const TEST_API_KEY = "sk-test-gongbao-SECRET-4d3c2b1a";

const PATTERNS: [string, RegExp][] = [
  ["stack frame", /\n\s*at [^\n]*[:(]\d+:\d+\)?/],
  ["stack frame", /\bat (?:async )?[\w.$<>]+ \((?:file:\/\/|\/)[^)]*\)/],
  ["file URL", /file:\/\/\//],
  ["node_modules path", /node_modules/],
  ["project path", new RegExp(escape(process.cwd()))],
  ["temp path", new RegExp(escape(tmpdir()) + "/")],
  ["home path", /\/(?:home|root|Users)\/[\w.-]+\//],
  ["passwd", /root:x:0:0|\/bin\/(?:ba)?sh\b/],
  ["api key", new RegExp(escape(TEST_API_KEY))],
  ["rust panic", /panicked at|RUST_BACKTRACE|thread '[^']*' panicked/],
  ["js error text", /\b(?:TypeError|ReferenceError|SyntaxError|RangeError): /],
];

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export interface ReadResponse {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

export function findLeaks(text: string): string[] {
  return PATTERNS.filter(([, re]) => re.test(text)).map(([name]) => name);
}

export function createLeakCheck() {
  const seen: { url: string; status: number; leaks: string[]; sample: string }[] = [];
  return {
    /** Read a response fully, remember its body for the final scan, parse JSON when it is JSON. */
    async read(res: Response, url = res.url): Promise<ReadResponse> {
      const text = await res.text();
      const leaks = [...findLeaks(text), ...findLeaks([...res.headers.values()].join("\n"))];
      seen.push({ url, status: res.status, leaks, sample: text.slice(0, 300) });
      let json: unknown = undefined;
      if ((res.headers.get("content-type") ?? "").includes("json")) json = JSON.parse(text);
      return { status: res.status, headers: res.headers, text, json };
    },
    /** Remember a body read some other way (raw sockets, SSE). */
    note(url: string, status: number, text: string): void {
      seen.push({ url, status, leaks: findLeaks(text), sample: text.slice(0, 300) });
    },
    count: () => seen.length,
    leaks: () => seen.filter((s) => s.leaks.length > 0),
  };
}
