/**
 * Worker thread of the scale benchmark: for a batch of synthetic passages, the searchable text,
 * its jieba segmentation and its hashed vector — the product's own functions, as buildRun uses them.
 * Vectors come back in one transferable Float32Array (rows × dim).
 */
import { parentPort, workerData } from "node:worker_threads";
import { hashedVector } from "../core/embed/hashed.ts";
import { segmentForIndex } from "../core/text/segment.ts";
import { searchableText } from "../ingest/build-index.ts";

export interface WorkerInit {
  dim: number;
  docs: Array<{ title: string; docNumber: string | null }>;
  /** Query vectors (queries × dim): each batch also reports its exact top-K by cosine for each, the ground truth of recall. */
  queries: Float32Array;
  topK: number;
}

export interface WorkerTask {
  id: number;
  docIndex: Int32Array;
  headings: string[];
  texts: string[];
}

export interface WorkerReply {
  id: number;
  segs: string[];
  vectors: Float32Array;
  /** Per query, the batch rows with the highest cosine similarity (row index in the batch, -1 when fewer rows) and their similarity. */
  topRow: Int32Array;
  topSim: Float32Array;
  cpuMs: number;
}

const init = workerData as WorkerInit;

parentPort!.on("message", (task: WorkerTask) => {
  const started = performance.now();
  const n = task.texts.length;
  const vectors = new Float32Array(n * init.dim);
  const segs: string[] = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const doc = init.docs[task.docIndex[i]!]!;
    const text = searchableText(doc, { heading: task.headings[i]!, text: task.texts[i]! });
    segs[i] = segmentForIndex(text);
    vectors.set(hashedVector(text, init.dim), i * init.dim);
  }
  const { topRow, topSim } = exactTop(vectors, n);
  const reply: WorkerReply = { id: task.id, segs, vectors, topRow, topSim, cpuMs: performance.now() - started };
  parentPort!.postMessage(reply, [vectors.buffer, topRow.buffer as ArrayBuffer, topSim.buffer as ArrayBuffer]);
});

/** Exact top-K rows of the batch per query by dot product (the vectors are unit length, so dot = cosine similarity). */
function exactTop(vectors: Float32Array, n: number): { topRow: Int32Array; topSim: Float32Array } {
  const { dim, queries, topK } = init;
  const nq = queries.length / dim;
  const topRow = new Int32Array(nq * topK).fill(-1);
  const topSim = new Float32Array(nq * topK).fill(-Infinity);
  for (let q = 0; q < nq; q++) {
    const qo = q * dim;
    const base = q * topK;
    for (let r = 0; r < n; r++) {
      const ro = r * dim;
      let s = 0;
      for (let i = 0; i < dim; i++) s += queries[qo + i]! * vectors[ro + i]!;
      if (s <= topSim[base + topK - 1]!) continue;
      let j = topK - 1;
      while (j > 0 && topSim[base + j - 1]! < s) {
        topSim[base + j] = topSim[base + j - 1]!;
        topRow[base + j] = topRow[base + j - 1]!;
        j--;
      }
      topSim[base + j] = s;
      topRow[base + j] = r;
    }
  }
  return { topRow, topSim };
}
