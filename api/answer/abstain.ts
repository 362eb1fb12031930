/** "The gazettes don't say": naming what they never mention, with the closest documents to look at. */
import type { ChatResponse } from "../../core/api-schema.ts";
import type { Catalog } from "../index/catalog.ts";
import type { UnderstoodQuery } from "../question/understand.ts";
import { quoteTopics } from "../retrieval/coverage.ts";
import type { Hit } from "../retrieval/search.ts";
import { relatedDocuments, sourceLabel } from "./citations.ts";

export function abstention(query: UnderstoodQuery, hits: Hit[], catalog: Catalog, uncoveredTopics: string[] = []): ChatResponse {
  // Documents are offered only when the topic is in the gazettes at all: otherwise they are about something else.
  const related = uncoveredTopics.length ? [] : relatedDocuments(hits, catalog);
  const where = related.length
    ? `可以看看这些可能相关的文件：${related.map((r) => sourceLabel(r)).join("；")}。`
    : "可以换个说法，或到三门峡市人民政府网站查询最新文件。";
  const unknown = query.unknownDocNumbers.length ? `所收录的公报中没有文号为${query.unknownDocNumbers.join("、")}的文件。` : "";
  const absent = uncoveredTopics.length ? `所收录的政府公报中没有提到${quoteTopics(uncoveredTopics)}，` : "所收录的政府公报中";
  return { answer: `${unknown}${absent}没有找到能回答这个问题的内容。${where}`, abstained: true, mode: "extractive", citations: [], related };
}
