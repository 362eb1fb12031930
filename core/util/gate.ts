/**
 * At most `limit` tasks at a time; the rest wait in arrival order. Running more retrievals than
 * the machine has cores adds no throughput, only native buffers held at once (the server's
 * memory peak under many connections).
 */
export class Gate {
  private running = 0;
  private waiting: Array<() => void> = [];

  constructor(private limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.limit > 0 && this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await task();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}
