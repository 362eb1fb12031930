import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { findAnchors } from "./anchors.ts";
import { buildDocuments } from "./documents.ts";
import { toLines } from "./lines.ts";
import { parseIssue } from "./parse-issue.ts";

/*
 * Fixtures (verbatim corpus lines, blank lines kept):
 *   000-front-matter.txt            000 L1–119    front matter + first speech (`安 伟 同 志` / `在…讲话` / date)
 *   000-official.txt                000 L361–452  三政〔2020〕5 号, 三政办〔2020〕4号 + enclosed 实施方案 quoting 豫政办〔2019〕48号
 *   001-speech-stray-signature.txt  001 L255–265 + L341–363   speech, stray signature L345–347, 三政〔2021〕5号
 *   002-front-matter.txt            002 L1–126 + L440–447     State Council decree 第 711 号
 *   002-issuer-line.txt             002 L429–451  issuer `三门峡市人民政府` alone above `关于…`
 *   003-multiline-title.txt         003 L283–323  title over four lines, Chinese-numeral signature date
 */
const text = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8");
const parseBody = (raw: string) => {
  const lines = toLines(raw);
  const anchors = findAnchors(lines, 0);
  return { lines, anchors, documents: buildDocuments(lines, anchors, []).documents };
};

describe("speeches", () => {
  it("letter-spaced speaker + occasion line + date → one speech (000 L111–117)", () => {
    const parsed = parseIssue(Buffer.from(text("000-front-matter.txt")), "000.txt");
    expect(parsed.documents).toHaveLength(1);
    const speech = parsed.documents[0]!;
    expect(speech).toMatchObject({
      kind: "speech",
      title: "安伟同志在国道310南移项目2020年国庆节前通车决战动员会上的讲话",
      docNumber: null,
      issued: "2020-03-10",
      issuer: "安伟",
      category: "领导讲话",
      startLine: 111,
    });
    expect(speech.toc?.page).toBe(1);
    // the heading block (name, occasion, date) is not part of the body
    expect(speech.body[0]!.text).toBe("同志们：");
  });

  it("one-line speech heading with wrap spaces (000 L163–167)", () => {
    const raw = "安伟同志 在市政务服务和大数据管理局调研座谈会上的 讲话\n\n(2020年3月15日，根据录音整理)\n\n同志们：\n";
    const { lines, anchors } = parseBody(raw);
    expect(anchors).toHaveLength(1);
    expect(anchors[0]).toMatchObject({ kind: "speech", title: "安伟同志在市政务服务和大数据管理局调研座谈会上的讲话", issued: "2020-03-15", docNumber: null });
    expect(lines[anchors[0]!.bodyFrom]!.text).toBe("同志们：");
  });

  it("2012 main title + `——…同志在…讲话` subtitle + full-width date (003 L37–43)", () => {
    const raw = [
      "认真学习贯彻党的十八大精神 奋力建设创新开放富裕文明平安和谐 生态宜居三门峡",
      "",
      "——杨树平同志在市委全委扩大会议上的讲话",
      "",
      "（2012年11月22日）",
      "",
      "同志们：",
      "",
    ].join("\n");
    const { lines, anchors, documents } = parseBody(raw);
    expect(anchors).toHaveLength(1);
    expect(anchors[0]).toMatchObject({
      kind: "speech",
      title: "认真学习贯彻党的十八大精神奋力建设创新开放富裕文明平安和谐生态宜居三门峡——杨树平同志在市委全委扩大会议上的讲话",
      issued: "2012-11-22",
    });
    expect(lines[anchors[0]!.start]!.no).toBe(1);
    expect(lines[anchors[0]!.bodyFrom]!.text).toBe("同志们：");
    expect(documents[0]!.issuer).toBe("杨树平");
  });

  it("one-line `…讲话提纲` heading with a full-width date and no 根据录音整理 (003 L135–139)", () => {
    const { anchors } = parseBody("赵海燕同志在全市新型农村社区建设推进会上的讲话提纲\n\n（2012年11月7日）\n\n同志们：\n");
    expect(anchors).toMatchObject([{ kind: "speech", title: "赵海燕同志在全市新型农村社区建设推进会上的讲话提纲", issued: "2012-11-07" }]);
  });

  it("the stray signature after a speech is neither a document nor the speech's date (001 L345–347)", () => {
    const { anchors, documents } = parseBody(text("001-speech-stray-signature.txt"));
    expect(anchors.map((a) => [a.kind, a.docNumber])).toEqual([
      ["speech", null],
      ["official", "三政〔2021〕5号"],
    ]);
    const [speech, decision] = documents;
    expect(speech).toMatchObject({
      kind: "speech",
      title: "安伟同志在全市百城建设提质工程推动城市高质量发展三年行动暨文明城市创建工作会议上的讲话",
      issued: "2021-03-31",
    });
    expect(speech!.body.some((l) => l.role === "signature")).toBe(false);
    expect(speech!.body.some((l) => /2021年4月13日|^三门峡市人民政府办公室$/.test(l.text))).toBe(false);
    expect(speech!.body.some((l) => l.text === "三门峡市人民政府公报")).toBe(false); // running heads L255, L257, L349
    expect(decision).toMatchObject({ title: "三门峡市人民政府关于为刘旸同志记功的决定", docNumber: "三政〔2021〕5号", issued: "2021-03-31" });
    expect(documents.some((d) => d.issued === "2021-04-13")).toBe(false);
  });
});

describe("official documents and their own 文号", () => {
  const { lines, anchors, documents } = parseBody(text("000-official.txt"));

  it("finds exactly the two numbered documents, in order", () => {
    expect(anchors.map((a) => a.kind)).toEqual(["official", "official"]);
    expect(documents.map((d) => d.title)).toEqual([
      "三门峡市人民政府关于表彰2019年度三门峡市市长质量奖获奖单位的决定",
      "三门峡市人民政府办公室关于印发三门峡市煤矿智能化建设实施方案的通知",
    ]);
  });

  it("normalises its own 文号 with a space before 号 (三政〔2020〕5 号, 000 L365)", () => {
    expect(documents.map((d) => d.docNumber)).toEqual(["三政〔2020〕5号", "三政办〔2020〕4号"]);
  });

  it("never takes a 文号 quoted in the text for a document's number (（豫政办〔2019〕48号）, 000 L391)", () => {
    const quoting = lines.findIndex((l) => l.text.includes("（豫政办〔2019〕48号）"));
    expect(quoting).toBeGreaterThan(0);
    expect(anchors.some((a) => a.docNumber?.startsWith("豫政办"))).toBe(false);
    expect(anchors.some((a) => a.start <= quoting && quoting < a.bodyFrom)).toBe(false);
    expect(documents[1]!.body.some((l) => l.text.includes("（豫政办〔2019〕48号）"))).toBe(true);
  });

  it("dates each document from its own signature", () => {
    expect(documents.map((d) => [d.issuer, d.issued])).toEqual([
      ["三门峡市人民政府", "2020-03-24"],
      ["三门峡市人民政府办公室", "2020-02-28"],
    ]);
  });

  it("keeps the enclosed 实施方案 after the 印发 signature as a part of the notice, not a new document (000 L389)", () => {
    const part = documents[1]!.body.find((l) => l.role === "part");
    expect(part).toMatchObject({ no: 29, text: "三门峡市煤矿智能化建设实施方案" }); // fixture line 29 = 000 L389
  });
});

describe("headings printed over several lines", () => {
  it("issuer alone on the line above `关于…` (002 L440–444)", () => {
    const { lines, anchors, documents } = parseBody(text("002-issuer-line.txt"));
    expect(anchors).toHaveLength(1);
    expect(lines[anchors[0]!.start]!.text).toBe("三门峡市人民政府");
    expect(documents[0]).toMatchObject({
      title: "三门峡市人民政府关于改革完善应急管理体系的通知",
      docNumber: "三政〔2019〕9号",
      issuer: "三门峡市人民政府",
      startLine: 12, // fixture line 12 = 002 L440
    });
    // the name table above the heading (L433–438) stays out of the title
    expect(documents[0]!.title).not.toMatch(/李冠英|河南速达/);
  });

  it("title over four lines, starting with the issuer (003 L287–292)", () => {
    const { lines, anchors, documents } = parseBody(text("003-multiline-title.txt"));
    expect(anchors).toHaveLength(1);
    expect(lines[anchors[0]!.start]!.no).toBe(5); // fixture line 5 = 003 L287
    expect(documents[0]).toMatchObject({
      kind: "official",
      title: "三门峡市人民政府关于表彰2011年度农田水利基本建设“红旗渠精神杯”竞赛和水利建设管理工作先进单位、先进个人的决定",
      docNumber: "三政〔2012〕78号",
      issuer: "三门峡市人民政府",
      issued: "2012-11-04", // 二〇一二年十一月四日, on the line right under the signature
    });
  });

  it("the signature `三门峡市人民政府` above a date does not start a document (003 L312–313)", () => {
    const { anchors } = parseBody(text("003-multiline-title.txt"));
    expect(anchors.filter((a) => a.title === "三门峡市人民政府")).toEqual([]);
  });
});

describe("the State Council decree (002 L110–124)", () => {
  const parsed = parseIssue(Buffer.from(text("002-front-matter.txt")), "002.txt");
  const decree = parsed.documents[0]!;

  it("builds 国务院令第711号 from two lines and takes the title after the date", () => {
    expect(decree).toMatchObject({
      kind: "decree",
      docNumber: "国务院令第711号",
      title: "中华人民共和国政府信息公开条例",
      issued: "2019-04-03",
      issuer: "国务院",
      category: "重要文件",
      startLine: 110,
    });
  });

  it("does not take the earlier decree number quoted in the note (第 492 号, L122) for its own", () => {
    expect(parsed.documents.map((d) => d.docNumber)).not.toContain("国务院令第492号");
    expect(decree.body.some((l) => l.text.includes("492"))).toBe(true);
  });

  it("starts its body with the regulation: 第一章 then 第一条", () => {
    const chapter = decree.body.find((l) => l.role === "heading");
    expect(chapter).toMatchObject({ text: "第一章 总则", level: 1 });
    expect(decree.body.find((l) => l.role === "article")!.text).toMatch(/^第一条/);
  });
});
