/** Incremental text/event-stream parser (WHATWG HTML "server-sent events"), fed text in arbitrary pieces. */

export interface SseEvent {
  event: string;
  data: string;
}

export class SseParser {
  private buffer = "";
  private event = "";
  private data: string[] = [];
  /** A chunk ended in "\r": if the next one starts with "\n" it is the same line break. */
  private pendingCr = false;

  /** Feeds one decoded piece of the stream and returns the events it completed. */
  push(chunk: string): SseEvent[] {
    const text = this.pendingCr && chunk.startsWith("\n") ? chunk.slice(1) : chunk;
    this.buffer += text;
    this.pendingCr = this.buffer.endsWith("\r");
    const out: SseEvent[] = [];
    const breaks = /\r\n|\r|\n/g;
    let start = 0;
    for (let m = breaks.exec(this.buffer); m; m = breaks.exec(this.buffer)) {
      this.line(this.buffer.slice(start, m.index), out);
      start = breaks.lastIndex;
    }
    this.buffer = this.buffer.slice(start);
    return out;
  }

  private line(line: string, out: SseEvent[]): void {
    if (line === "") {
      if (this.data.length > 0) out.push({ event: this.event || "message", data: this.data.join("\n") });
      this.event = "";
      this.data = [];
      return;
    }
    if (line.startsWith(":")) return; // comment, used by servers as keep-alive
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") this.event = value;
    else if (field === "data") this.data.push(value);
  }
}

/** Reads a byte stream as SSE events; a UTF-8 character split across chunks is decoded whole. */
export async function* readSse(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      yield* parser.push(decoder.decode(value, { stream: true }));
    }
    yield* parser.push(decoder.decode());
  } finally {
    // Closes the connection when the consumer stops early (done event, error, abort).
    reader.cancel().catch(() => {});
  }
}
