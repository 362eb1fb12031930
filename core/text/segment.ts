/** Chinese word segmentation (jieba), shared by ingest and queries so the index and the queries agree. */
import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";
import { userDictionary } from "../lexicon/lexicon.ts";

let jieba: Jieba | null = null;

function instance(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    const words = userDictionary();
    if (words.length > 0) jieba.loadDict(Buffer.from(words.map((w) => `${w} 2000 n`).join("\n")));
  }
  return jieba;
}

const TOKEN = /[\p{Script=Han}\p{L}\p{N}]/u;

/** Words for display-level analysis (no overlapping sub-words). */
export function cut(text: string): string[] {
  return instance().cut(text, true).map((t) => t.trim()).filter((t) => TOKEN.test(t));
}

/** Words plus their sub-words (三门峡市 → 三门, 三门峡, 三门峡市), for recall in full-text search. */
export function cutForSearch(text: string): string[] {
  return instance().cutForSearch(text, true).map((t) => t.trim().toLowerCase()).filter((t) => TOKEN.test(t));
}

/**
 * The text stored in the FTS column: search tokens joined by spaces (the index uses the
 * whitespace tokenizer). ` and ` between Chinese words is a PDF artefact for 和.
 */
export function segmentForIndex(text: string): string {
  const fixed = text.replace(/(?<=\p{Script=Han}) and (?=\p{Script=Han})/gu, "和");
  return cutForSearch(fixed).join(" ");
}

/** Place names (jieba POS `ns`) in a text: a question about 郑州 is not answered by 三门峡's gazettes. */
export function placeNames(text: string): string[] {
  return [...new Set(instance().tag(text, true).filter((t) => t.tag === "ns" && [...t.word].length >= 2).map((t) => t.word))];
}
