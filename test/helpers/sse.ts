/** Server-sent events as the API writes them: `event: name` + `data: json`, blank-line separated. */
export interface SseEvent {
  event: string;
  data: any;
}

export function parseSse(text: string): SseEvent[] {
  return text
    .split(/\n\n+/)
    .map((frame) => {
      const event = /^event: (.*)$/m.exec(frame)?.[1] ?? "message";
      const data = [...frame.matchAll(/^data: ?(.*)$/gm)].map((m) => m[1]).join("\n");
      return { event, data: data ? safeJson(data) : null };
    })
    .filter((e) => e.data !== null || e.event !== "message");
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}
