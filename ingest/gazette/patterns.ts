/** Line patterns of the gazette layout: categories, TOC entries, headings, signatures. */
import { removeCjkSpaces } from "../../core/text/normalize.ts";
import { isDateLine } from "../../core/text/dates.ts";

/** Section names used bare (without 【】) in older tables of contents. */
export const KNOWN_CATEGORIES = [
  "重要文件", "领导讲话", "市政府令", "政府令", "市政府文件", "市政府办公室文件", "市政府办公厅文件",
  "部门文件", "人事任免", "政策解读", "法规规章", "规范性文件", "大事记", "工作动态", "统计信息",
] as const;

/** 文种: the genre word a document title ends with. */
const GENRE = "(?:通知|决定|意见|实施意见|办法|方案|规定|细则|规则|制度|条例|报告|公报|批复|函|通告|公告|通报|命令|令|纲要|规划|计划|要点|讲话|讲话提纲|提纲|名单|一览表|台账|清单|目录|标准|指南|章程|守则|说明|表)";
export const ENDS_WITH_GENRE = new RegExp(`${GENRE}(?:[（(][^）)]{1,8}[）)])?$`, "u");

export function categoryOf(text: string): string | null {
  const t = removeCjkSpaces(text);
  const m = /^【(.+)】$/.exec(t);
  if (m) return m[1]!;
  return (KNOWN_CATEGORIES as readonly string[]).includes(t) ? t : null;
}

/** A TOC entry's trailing page number: ` 37`, `\t1`, ` ... 18`, ` .....\t1`, `……1`. */
const PAGE = /(?:\s*(?:\.{2,}|…+|·{2,})\s*|[\s\t]+)(\d{1,3})$/u;

/** A TOC entry's page standing alone on the line after a wrapped entry: `6`, `……………5`. */
const PAGE_ONLY = /^(?:[.…·]{2,}[\s.…·]*)?(\d{1,3})$/u;

export function pageOnly(text: string): number | null {
  const m = PAGE_ONLY.exec(text.trim());
  return m ? Number(m[1]) : null;
}

export function splitPage(text: string): { title: string; page: number | null } {
  const m = PAGE.exec(text);
  if (m && /\p{Script=Han}|[)）》”]/u.test(text.slice(0, m.index).slice(-1))) {
    return { title: text.slice(0, m.index).trim(), page: Number(m[1]) };
  }
  return { title: text.trim(), page: null };
}

export const MASTHEAD_START = /^《.{2,30}公报》$/u;
export const MASTHEAD_END = /免费赠阅|^[(（]内部资料[)）]$/u;
export const TOC_START = /目\s*录/u;
export const ISSUE_NUMBER = /第\s*(\d+)\s*号\s*[(（]\s*总第\s*(\d+)\s*号\s*[)）]/u;
export const PUBLISHED = /出版日期\s*[:：]\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/u;

/** An organ (issuing body) name standing alone: a signature line or the first line of a split heading. */
const ORGAN = /^[\p{Script=Han}（）()]{2,30}?(?:人民政府办公室|人民政府办公厅|人民政府|办公室|办公厅|委员会|管理委员会|局|厅|委|院|署|队|中心|集团|公司)$/u;

export function isOrganLine(text: string): boolean {
  const t = removeCjkSpaces(text);
  return ORGAN.test(t) && !/[，。；：、]/.test(t);
}

/**
 * GB/T 9704 titles read 发文机关 + 关于 + 事由 + 文种. The issuer part: one organ or several joined
 * (`成都市发展和改革委员会 中共成都市委社会工作部 …`), ending in an organ word, before 关于/转发/印发/批转
 * (or alone on its line).
 */
const ORGAN_END = "(?:人民政府办公室|人民政府办公厅|人民政府|政府办公室|政府|办公室|办公厅|委员会|国务院|人民法院|人民检察院|法院|检察院|局|厅|委|部|署|办|队|中心)";
const ISSUER_PREFIX = new RegExp(`^(?:中共)?(?:(?!关于|印发|转发)[\\p{Script=Han}（）()、 ]){0,80}?${ORGAN_END}(?= ?(?:关于|转发|印发|批转)|$)`, "u");
/** A title that begins with its organ and has no 关于 (`镇巴县人民政府工作规则`): only the strongest organ words. */
const ORGAN_LEADING = /^(?:(?!关于|印发|转发)\p{Script=Han}){2,12}?(?:人民政府办公室|人民政府办公厅|人民政府|委员会|办公室|办公厅)(?=\p{Script=Han}{2,})/u;

/** The issuer a title names, spaces between several organs kept (`芜湖市教育局`, `国务院`, `成都市发展和改革委员会 中共成都市委社会工作部`). */
export function issuerOf(title: string): string | null {
  const m = ISSUER_PREFIX.exec(title.replace(/\s+/g, " ").trim());
  if (m) return m[0].trim().replace(/(?<=\p{Script=Han}) (?=\p{Script=Han})/gu, (sp, at: number, s: string) => (/(?:政府|委员会|办公室|办公厅|局|部|委|厅|队|中心)$/u.test(s.slice(0, at)) ? " " : ""));
  const lead = ORGAN_LEADING.exec(removeCjkSpaces(title));
  return lead ? lead[0] : null;
}

/** An organ name used relative to the document's own place (`市人民政府办公室`, `市政府`): the city must be named elsewhere. */
export const RELATIVE_ORGAN = /^[省市县区州]/u;
/** The first place of the same level named in a text: `六盘水市`, `镇巴县`. */
export function placeNamed(text: string, level: string): string | null {
  return new RegExp(`(?:印发|转发|关于)?([\\p{Script=Han}]{2,4}?${level})`, "u").exec(text.replace(/^.*?(?:关于印发|关于转发|关于|印发|转发)/u, ""))?.[1] ?? null;
}

export function startsWithIssuer(text: string): boolean {
  return issuerOf(text) !== null;
}

export { isDateLine };

/** Speech openings: a speaker (name + 同志 or an office: 市长, 书记, …), the occasion `在…上的讲话`. */
const SPEAKER_TITLE = "(?:同志|副?市长|副?县长|副?区长|副?省长|副?书记|副?主任|副?局长|副?主席|秘书长)";
const SPACED = (words: string) => words.split("").join("\\s?");
export const LETTER_SPACED_NAME = new RegExp(`^(?:\\p{Script=Han}\\s?){2,4}?(?:${["同志", "市长", "副市长", "县长", "区长", "省长", "书记", "主任", "局长"].map(SPACED).join("|")})$`, "u");
export const SPEECH_ONE_LINE = new RegExp(`^\\p{Script=Han}{2,4}?${SPEAKER_TITLE}\\s*在.*讲话(?:提纲)?$`, "u");
export const SPEECH_OCCASION = /^在.*讲话(?:提纲)?$/u;
export const SPEECH_SUBTITLE = new RegExp(`^——.{2,6}?${SPEAKER_TITLE}在.+讲话(?:提纲)?$`, "u");
/** The speaker's name in a speech title (`王艳玲市长在…` → 王艳玲). */
export const SPEAKER_NAME = new RegExp(`^(\\p{Script=Han}{2,4}?)${SPEAKER_TITLE}`, "u");

export const DECREE_HEAD = /^(.{2,20}?)令$/u;
export const DECREE_NUMBER = /^第\s*(\d{1,4})\s*号$/u;
/** Both on one line, as a PDF title block joins them: `中华人民共和国国务院令 第 711 号`. */
export const DECREE_HEAD_NUMBER = /^(.{2,20}?)令\s*第\s*(\d{1,4})\s*号$/u;

/** Attachment markers. */
export const ATTACHMENT_LIST = /^附\s*件\s*[:：]\s*(.*)$/u;
export const ATTACHMENT_HEADER = /^附\s*件\s*(\d{0,2})$/u;
export const ATTACHMENT_ITEM = /^(\d{1,2})\s*[.．、]\s*(.+)$/u;

export const RUNNING_HEAD = /^\S{2,12}人民政府公报$/u;

/** 发文机关标志, the red-head banner: `湖南省人民政府办公厅文件`. */
export const BANNER = /^[\p{Script=Han}（）() ]{2,60}文\s*件$/u;
/** 主送机关: the addressees after the title, `各县（市、区）人民政府，市人民政府各部门：` (the colon is sometimes lost). */
export function isAddresseeLine(text: string): boolean {
  const t = removeCjkSpaces(text);
  if (t.length > 160 || /[。；！？]/.test(t)) return false;
  const organs = /(?:人民政府|政府|委员会|管委会|办事处|各部门|各单位|单位|机构|局|厅|委|部门)/u.test(t);
  return organs && (/[:：]$/.test(t) || (t.startsWith("各") && /[，,、]/.test(t)));
}
/** `来源：国家统计局`: the issuer of a text published on a web page. */
export const SOURCE_LINE = /^来\s*源\s*[:：]\s*(\p{Script=Han}{2,30})$/u;

/** Heading levels along the Chinese numbering of official documents. */
export type HeadingLevel = 1 | 2 | 3 | 4 | 5;
const HEADINGS: [RegExp, HeadingLevel][] = [
  [/^第[一二三四五六七八九十百]+[章编]\s*\S*/u, 1],
  [/^[一二三四五六七八九十]{1,3}[、.．]\s*\S/u, 2],
  [/^[（(][一二三四五六七八九十]{1,3}[）)]\s*\S/u, 3],
  [/^\d{1,2}[.．、]\s*(?!\d)\S/u, 4],
  [/^[（(]\d{1,2}[）)]\s*\S/u, 5],
];

export function headingLevel(text: string): HeadingLevel | null {
  for (const [re, level] of HEADINGS) if (re.test(text)) return level;
  return null;
}

/** `第一条` articles: the unit of a regulation, kept whole in passages. */
export const ARTICLE = /^第[一二三四五六七八九十百零〇]+条\s*/u;

export { ORGAN };
