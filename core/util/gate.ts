/**
 * At most `limit` tasks at a time (0: no limit). `run` waits its turn in arrival order; `tryEnter`
 * takes a slot only if one is free, for callers that would rather do something else than wait
 * (the LLM answerer falls back to the extractive answer). Running more retrievals than the
 * machine has cores adds no throughput, only native buffers held at once (the server's memory
 * peak under many connections).
 */
export class Gate {
  private running = 0;
  private waiting: Array<() => void> = [];

  constructor(private limit: number) {}

  private get full(): boolean {
    return this.limit > 0 && this.running >= this.limit;
  }

  private leave(): void {
    this.running--;
    this.waiting.shift()?.();
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.full) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await task();
    } finally {
      this.leave();
    }
  }

  /** A free slot now, or null; the returned release frees it (once, however often it is called). */
  tryEnter(): (() => void) | null {
    if (this.full) return null;
    this.running++;
    let released = false;
    return () => {
      if (!released) this.leave();
      released = true;
    };
  }
}
