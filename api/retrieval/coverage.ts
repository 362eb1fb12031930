/**
 * Whether the served gazettes mention a topic at all. A question about something they never
 * mention (最低工资, 公积金) can only retrieve passages about something else, so the answerer
 * abstains and names the topic instead of quoting a neighbour.
 */
import { MatchQuery } from "@lancedb/lancedb";
import { Lru } from "../../core/util/lru.ts";
import type { OpenRun } from "../index/live-index.ts";
import type { UnderstoodQuery } from "../question/understand.ts";

/** A phrase with a question word in it (创业能拿多少钱) asks about its topic rather than naming one. */
const QUESTION_WORD = /多少|几|吗|呢|怎么|怎样|如何|哪|谁|啥|什么|能不能|要不要|是不是|有没有|多久|多长|多大/u;

/** Topics as a reader sees them named: “最低工资”“公积金”. */
export function quoteTopics(topics: string[]): string {
  return `“${topics.join("”“")}”`;
}

export class TopicCoverage {
  /** By run and words: what a run holds never changes. */
  private known = new Lru<string, boolean>(10_000);

  /**
   * Topics the question names by an exact lexicon phrase (not a way of asking, not a gapped
   * match, no question word) for which neither the phrase nor any of its official terms occurs
   * in the run.
   */
  async uncovered(run: OpenRun, query: UnderstoodQuery): Promise<string[]> {
    const topics = query.expansionGroups.filter((g) => g.topic && !g.gapped && !QUESTION_WORD.test(g.phrase));
    const covered = await Promise.all(topics.map((g) => this.holds(run, [g.phrase, ...g.terms])));
    // Phrases written back to back name one thing (当兵退伍): one of them found is enough.
    const touches = (a: string, b: string) => query.text.includes(a + b) || query.text.includes(b + a);
    return topics.filter((g, i) => !covered[i] && !topics.some((o, j) => covered[j] && touches(g.phrase, o.phrase))).map((g) => g.phrase);
  }

  /** Whether any title or passage of the run holds one of the words. */
  async holds(run: OpenRun, words: string[]): Promise<boolean> {
    const key = `${run.run.run_id}\u0000${words.join("\u0001")}`;
    const known = this.known.get(key);
    if (known !== undefined) return known;
    const lower = [...new Set(words.map((w) => w.toLowerCase()))];
    const titles = run.catalog.documents.some((d) => lower.some((w) => d.title.toLowerCase().includes(w)));
    const found = titles || (run.memory ? run.memory.mentionsAny(lower) : await indexHolds(run, lower));
    this.known.set(key, found);
    return found;
  }
}

/**
 * A large run is asked through its full-text index: the words as whole tokens (official terms and
 * lexicon phrases are in jieba's dictionary), since exact text search would scan every passage.
 * The token check misses a term that segments differently inside a longer word (审批制度改革 in
 * 行政审批制度改革): on the five issues 40 of 6,907 lexicon phrases read differently this way,
 * which is why runs held in memory check the exact text. Not measured on large runs.
 */
async function indexHolds(run: OpenRun, words: string[]): Promise<boolean> {
  const rows = await run.passages.query().fullTextSearch(new MatchQuery(words.join(" "), "text_seg"), { columns: "text_seg" }).select(["id", "_score"]).limit(1).toArray();
  return rows.length > 0;
}
