import { describe, expect, it } from "vitest";
import type { RelatedDocument } from "../../../core/api-schema.ts";
import { withoutRelatedSentences } from "./related.ts";

const doc = (title: string): RelatedDocument => ({
  document: { id: "d", title, docNumber: null, category: "", issued: null },
  issue: { id: "2019-6", year: 2019, number: 6, total: 161, label: "2019年第6号（总第161号）" },
});

describe("withoutRelatedSentences", () => {
  it("leaves out the sentence that lists the related documents, keeping the rest", () => {
    const text = "所收录的政府公报中没有找到能回答这个问题的内容。可以看看这些可能相关的文件：《关于表彰新能源汽车的决定》（三政〔2019〕8号）；《重点工作责任单位的通知》。";
    expect(withoutRelatedSentences(text, [doc("关于表彰新能源汽车的决定"), doc("重点工作责任单位的通知")])).toBe("所收录的政府公报中没有找到能回答这个问题的内容。");
  });

  it("keeps the text whole when no card names a document in it", () => {
    const text = "没有找到依据。请换个说法";
    expect(withoutRelatedSentences(text, [doc("别的文件")])).toBe(text);
    expect(withoutRelatedSentences(text, [])).toBe(text);
  });
});
