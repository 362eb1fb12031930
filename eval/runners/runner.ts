/** The seam between the eval loop and what answers the questions (services in-process, or a server). */
import type { DatasetItem } from "../dataset.ts";
import type { Observation } from "./observation.ts";

export interface RunnerInfo {
  via: "in-process" | "http";
  api: string | null;
  /** Answer mode the runner asks for (`llm` may still fall back to extractive per answer). */
  mode: "extractive" | "llm";
  embedder: string;
  runId: string | null;
  notes: string[];
}

export interface Runner {
  info: RunnerInfo;
  /** Never throws for a single question's failure: it returns an observation with `error` set. */
  run(item: DatasetItem, k: number): Promise<Observation>;
  close(): void;
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message.split("\n")[0]!.slice(0, 300) : String(err);
}
