import { describe, expect, it } from "vitest";
import { isTableRow, toLines } from "./lines.ts";

const texts = (raw: string) => toLines(raw).map((l) => l.text);

describe("toLines: numbering and blank lines", () => {
  it("drops blank lines and keeps the 1-based source line numbers (000 L1–5)", () => {
    const raw = "\n\n三门峡市人民政府 公 报\n\n目 录\n";
    expect(toLines(raw)).toEqual([
      { no: 3, text: "三门峡市人民政府 公 报", mdHeading: false },
      { no: 5, text: "目 录", mdHeading: false },
    ]);
  });

  it("strips CR and trailing spaces, including markdown's two-space line breaks (004 L61–62, L86–88)", () => {
    const raw = "GAZETTE OF THE PEOPLE'S  \r\nGOVERNMENT OF SANMENXIA CITY\r\n准印证号:河南省连续性内部  \n资料(三门峡)审连  \n00010号\n";
    expect(texts(raw)).toEqual(["GAZETTE OF THE PEOPLE'S", "GOVERNMENT OF SANMENXIA CITY", "准印证号:河南省连续性内部", "资料(三门峡)审连", "00010号"]);
  });
});

describe("toLines: markdown cleanup (004)", () => {
  it("strips `#` heading marks and flags the line as a markdown heading (004 L3–9)", () => {
    const raw = "\n\n# 三门峡市人民政府\n\n## 公 报\n\n\n\n### 目 录\n";
    expect(toLines(raw)).toEqual([
      { no: 3, text: "三门峡市人民政府", mdHeading: true },
      { no: 5, text: "公 报", mdHeading: true },
      { no: 9, text: "目 录", mdHeading: true },
    ]);
  });

  it("strips heading marks of any level on document titles and sections (004 L98, L152, L508)", () => {
    const raw = "# 三门峡市人民政府办公室 关于进一步提升行政执法质量的通知\n\n#### （五）不断强化行政执法保障能力\n\n## 附 件\n";
    expect(texts(raw)).toEqual(["三门峡市人民政府办公室 关于进一步提升行政执法质量的通知", "（五）不断强化行政执法保障能力", "附 件"]);
  });

  it("unwraps **bold** (004 L510)", () => {
    expect(texts("**2024 年政府工作报告重点项目（任务）分工台账**\n")).toEqual(["2024 年政府工作报告重点项目（任务）分工台账"]);
  });

  it("keeps the text of a link and drops its target (004 L80)", () => {
    expect(texts("网 址:[www.smx.gov.cn](#)\n")).toEqual(["网 址:www.smx.gov.cn"]);
  });

  it("drops `- ` bullets (000 L689–691, 001 L104)", () => {
    const raw = "- （一）在民生实事推进过程中弄虚作假的；\n- （二）挤占挪用民生实事项目资金的；\n- （三）因工作不当引发矛盾和问题，产生不良影响的。\n";
    expect(texts(raw)).toEqual(["（一）在民生实事推进过程中弄虚作假的；", "（二）挤占挪用民生实事项目资金的；", "（三）因工作不当引发矛盾和问题，产生不良影响的。"]);
    expect(texts("- 三门峡市人民政府办公室关于促进冰雪运动发展的实施意见 19\n")).toEqual(["三门峡市人民政府办公室关于促进冰雪运动发展的实施意见 19"]);
  });

  it("does not take a dash that is not a bullet for one (003 L39)", () => {
    expect(texts("——杨树平同志在市委全委扩大会议上的讲话\n")).toEqual(["——杨树平同志在市委全委扩大会议上的讲话"]);
  });
});

describe("toLines: pipe tables (002 L431–438)", () => {
  const raw = [
    "| | |",
    "|-----|-------------------|",
    "| 张甲峰 | 三门峡湖滨农村商业银行股份有限公司 |",
    "| 张西富 | 河南速达电动汽车科技有限公司 |",
    "| 赵子军 | 河南速达电动汽车科技有限公司 |",
    "| 邹忠月 | 河南速达电动汽车科技有限公司 |",
    "| 赵训练 | 河南速达电动汽车科技有限公司 |",
    "| 李冠英 | 河南速达电动汽车科技有限公司 |",
    "",
  ].join("\n");

  it("turns rows into TSV and drops the empty header row and the |---| separator", () => {
    const lines = toLines(raw);
    expect(lines.map((l) => l.no)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(lines[0]).toEqual({ no: 3, text: "张甲峰\t三门峡湖滨农村商业银行股份有限公司", mdHeading: false });
    expect(lines.every((l) => isTableRow(l.text) && l.text.split("\t").length === 2)).toBe(true);
    expect(lines.some((l) => /[|-]{3}/.test(l.text))).toBe(false);
  });
});

describe("toLines: TSV rows (000 L456–458)", () => {
  it("keeps TAB separators and the empty leading cells of continuation rows", () => {
    const raw = "序号\t矿井名称\t项 目\t完成时间\n1\t耿村煤矿\t井下万兆环网系统升级改造\t2020.3\n\t\t13200 综采工作面智能化建设\t2020.5\n";
    expect(texts(raw)).toEqual(["序号\t矿井名称\t项 目\t完成时间", "1\t耿村煤矿\t井下万兆环网系统升级改造\t2020.3", "\t\t13200 综采工作面智能化建设\t2020.5"]);
    expect(texts(raw).every(isTableRow)).toBe(true);
  });

  it("keeps the empty trailing cells of a form table (001 L1314–1315)", () => {
    expect(texts("发生时间\t\t发生地点\t\n涉事人员\t\t\t\n")).toEqual(["发生时间\t\t发生地点\t", "涉事人员\t\t\t"]);
  });
});
