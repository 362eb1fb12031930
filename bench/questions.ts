/** The dev-set questions (`eval/datasets/dev.jsonl`, field `question`) that every query benchmark cycles through. */
import { readFileSync } from "node:fs";

export const DEV_SET = new URL("../eval/datasets/dev.jsonl", import.meta.url).pathname;

export function devQuestions(file = DEV_SET): string[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => String((JSON.parse(l) as { question?: unknown }).question ?? "").trim())
    .filter(Boolean);
}
