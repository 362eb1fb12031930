import { describe, expect, it } from "vitest";
import { cleanBodyLine, joinLetterSpaced, normalizeForMatch, normalizeQuery, removeCjkSpaces, sanitizeText } from "./normalize.ts";

// Inputs are corpus lines (file and line noted) unless marked "constructed".

describe("joinLetterSpaced", () => {
  it.each([
    ["安 伟 同 志", "安伟同志"], // 000 L111
    ["通 知", "通知"],
    ["附 件", "附件"], // 000 L649
    ["编 委 会", "编委会"], // 000 L20
    ["实 施 方 案", "实施方案"], // 003 L1279
  ])("%s → %s", (line, joined) => {
    expect(joinLetterSpaced(line)).toBe(joined);
  });

  it("joins only runs of single characters, not the space between words", () => {
    expect(joinLetterSpaced("第一章 总 则")).toBe("第一章 总则"); // 002 L124 style
    expect(joinLetterSpaced("李发军 三门峡市人大常委会")).toBe("李发军 三门峡市人大常委会"); // 002 L371
    expect(joinLetterSpaced("冯 晔 三门峡市湖滨区人民政府")).toBe("冯晔 三门峡市湖滨区人民政府"); // 002 L421
  });
});

describe("cleanBodyLine", () => {
  it("joins letter-spaced names and labels", () => {
    expect(cleanBodyLine("主 任：安 伟（市长）")).toBe("主任：安伟（市长）"); // 001 member lists
    expect(cleanBodyLine("副 主 编：冯 峰")).toBe("副主编：冯峰"); // 000 L54
    expect(cleanBodyLine("安 伟 同 志")).toBe("安伟同志");
  });

  it("removes spaces next to digits and full-width punctuation", () => {
    expect(cleanBodyLine("一、新增城镇就业 3.8 万人")).toBe("一、新增城镇就业3.8万人"); // 000 L581
    expect(cleanBodyLine("（一）获奖杯县（市）（2 个）")).toBe("（一）获奖杯县（市）（2个）"); // 003 L321
  });

  it("removes a wrap space between Han words in prose", () => {
    expect(cleanBodyLine("一、2011 年度农田水利基本建设“红旗渠精神杯”竞赛获奖 单位")).toBe("一、2011年度农田水利基本建设“红旗渠精神杯”竞赛获奖单位"); // 003 L319
  });

  it("keeps the column space of name lists and place lists (not prose)", () => {
    expect(cleanBodyLine("李发军 三门峡市人大常委会")).toBe("李发军 三门峡市人大常委会"); // 002 L371
    expect(cleanBodyLine("澠池县 灵宝市")).toBe("澠池县 灵宝市"); // 003 L323
    expect(cleanBodyLine("义马市 湖滨区 卢氏县")).toBe("义马市 湖滨区 卢氏县"); // 003 L327
  });

  it("collapses runs of spaces and trims (constructed from 000 L95)", () => {
    expect(cleanBodyLine("  电 话:  0398-2889852  ")).toBe("电话: 0398-2889852");
  });
});

describe("removeCjkSpaces (titles)", () => {
  it.each([
    ["在国道 310 南移项目 2020 年国庆节前通车决战 动员会上的讲话", "在国道310南移项目2020年国庆节前通车决战动员会上的讲话"], // 000 L113
    ["安伟同志 在市政务服务和大数据管理局调研座谈会上的 讲话", "安伟同志在市政务服务和大数据管理局调研座谈会上的讲话"], // 000 L163
    ["三门峡市人民政府办公室 关于印发三门峡市煤矿智能化建设实施方案的 通 知", "三门峡市人民政府办公室关于印发三门峡市煤矿智能化建设实施方案的通知"], // 000 L377
    ["三门峡市人民政府 关于表彰 2019 年度三门峡市市长质量奖 获奖单位的决定", "三门峡市人民政府关于表彰2019年度三门峡市市长质量奖获奖单位的决定"], // 000 L363
    ["新能源汽车产业发展工作先进单位和 先进个人名单", "新能源汽车产业发展工作先进单位和先进个人名单"], // 002 L367
    ["2011 年度农田水利基本建设“红旗渠精神杯” 竞赛和水利建设管理工作先进单位、先进个人名单", "2011年度农田水利基本建设“红旗渠精神杯”竞赛和水利建设管理工作先进单位、先进个人名单"], // 003 L317
    ["三门峡市防范中小学生欺凌专项治理行动 实施方案", "三门峡市防范中小学生欺凌专项治理行动实施方案"], // 001 L1119
  ])("%s", (title, flat) => {
    expect(removeCjkSpaces(title)).toBe(flat);
  });

  it("keeps spaces between Latin words", () => {
    expect(removeCjkSpaces("GAZETTE OF THE PEOPLE'S GOVERNMENT OF SANMENXIA CITY")).toBe("GAZETTE OF THE PEOPLE'S GOVERNMENT OF SANMENXIA CITY");
  });
});

describe("normalizeForMatch / sanitizeText / normalizeQuery (constructed inputs)", () => {
  it("folds width and whitespace: TOC (试行) matches body （试行） (001 L105 vs L445)", () => {
    expect(normalizeForMatch("评审认定办法(试行)等三个办法的通知")).toBe(normalizeForMatch("评审认定办法（试行） 等三个办法的通知"));
  });

  it("strips control characters, zero-width spaces and BOMs", () => {
    expect(sanitizeText("\ufeff三政办〔2020〕4号\u200b\u0007 是什么")).toBe("三政办〔2020〕4号 是什么");
  });

  it("normalizeQuery folds full-width ASCII and keeps 〔〕", () => {
    expect(normalizeQuery("三政办〔２０２０〕４号　是什么？")).toBe("三政办〔2020〕4号 是什么?");
  });
});
