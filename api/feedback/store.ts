/**
 * Feedback kept as an append-only JSONL file under the data folder: one record a line, appended
 * whole, never rewritten. A file that has reached its size limit refuses new records instead of
 * growing without bound or dropping old ones.
 */
import { randomUUID } from "node:crypto";
import { appendFile, mkdir, stat } from "node:fs/promises";
import { dirname } from "node:path";
import type { FeedbackRecord, FeedbackRequest } from "../../core/feedback.ts";

/** 10 MB holds tens of thousands of records; past that a person should review and archive the file. */
export const FEEDBACK_MAX_BYTES = 10 * 1024 * 1024;

export class FeedbackFullError extends Error {}

export class FeedbackStore {
  // Appends run one after another, so two records never interleave within a line.
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly file: string,
    private readonly maxBytes = FEEDBACK_MAX_BYTES,
  ) {}

  add(request: FeedbackRequest, runId: string | null, now = new Date()): Promise<FeedbackRecord> {
    const record: FeedbackRecord = { id: randomUUID(), at: now.toISOString(), runId, ...request };
    const line = `${JSON.stringify(record)}\n`;
    const write = this.queue.then(async () => {
      await mkdir(dirname(this.file), { recursive: true });
      const size = await stat(this.file).then((s) => s.size, () => 0);
      if (size + Buffer.byteLength(line) > this.maxBytes) throw new FeedbackFullError(`the feedback file has reached ${this.maxBytes} bytes`);
      await appendFile(this.file, line, "utf8");
      return record;
    });
    this.queue = write.catch(() => undefined);
    return write;
  }
}
