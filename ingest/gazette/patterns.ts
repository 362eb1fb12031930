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

/** A TOC entry's trailing page number: ` 37`, `\t1`, ` ... 18`, ` .....\t1`. */
const PAGE = /(?:\s*(?:\.{2,}|…+|·{2,}))?[\s\t]+(\d{1,3})$/u;

export function splitPage(text: string): { title: string; page: number | null } {
  const m = PAGE.exec(text);
  if (m && /\p{Script=Han}|[)）》”]/u.test(text.slice(0, m.index).slice(-1))) {
    return { title: text.slice(0, m.index).trim(), page: Number(m[1]) };
  }
  return { title: text.trim(), page: null };
}

export const MASTHEAD_START = /^《.{2,30}公报》$/u;
export const MASTHEAD_END = /内部资料|免费赠阅/u;
export const TOC_START = /目\s*录/u;
export const ISSUE_NUMBER = /第\s*(\d+)\s*号\s*[(（]\s*总第\s*(\d+)\s*号\s*[)）]/u;
export const PUBLISHED = /出版日期\s*[:：]\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/u;

/** An organ (issuing body) name standing alone: a signature line or the first line of a split heading. */
const ORGAN = /^[\p{Script=Han}（）()]{2,30}?(?:人民政府办公室|人民政府办公厅|人民政府|办公室|办公厅|委员会|管理委员会|局|厅|委|院|署|中心|集团|公司)$/u;

export function isOrganLine(text: string): boolean {
  const t = removeCjkSpaces(text);
  return ORGAN.test(t) && !/[，。；：、]/.test(t);
}

/** The start of an official title: an issuer followed by 关于/转发/印发…, or the issuer alone. */
const ISSUER_PREFIX = /^(?:中共)?[\p{Script=Han}]{2,24}?(?:人民政府办公室|人民政府办公厅|人民政府|办公室|办公厅|委员会|局|厅|委)(?=关于|转发|印发|批转|$)/u;

export function issuerOf(title: string): string | null {
  const m = ISSUER_PREFIX.exec(removeCjkSpaces(title));
  return m ? m[0] : null;
}

export function startsWithIssuer(text: string): boolean {
  return issuerOf(text) !== null;
}

export { isDateLine };

/** Speech openings. */
export const LETTER_SPACED_NAME = /^(?:\p{Script=Han}\s?){2,4}同\s?志$/u;
export const SPEECH_ONE_LINE = /^\p{Script=Han}{2,4}同志\s*在.*讲话(?:提纲)?$/u;
export const SPEECH_OCCASION = /^在.*讲话(?:提纲)?$/u;
export const SPEECH_SUBTITLE = /^——.{2,6}同志在.+讲话(?:提纲)?$/u;

export const DECREE_HEAD = /^(.{2,20}?)令$/u;
export const DECREE_NUMBER = /^第\s*(\d{1,4})\s*号$/u;
/** Both on one line, as a PDF title block joins them: `中华人民共和国国务院令 第 711 号`. */
export const DECREE_HEAD_NUMBER = /^(.{2,20}?)令\s*第\s*(\d{1,4})\s*号$/u;

/** Attachment markers. */
export const ATTACHMENT_LIST = /^附\s*件\s*[:：]\s*(.*)$/u;
export const ATTACHMENT_HEADER = /^附\s*件\s*(\d{0,2})$/u;
export const ATTACHMENT_ITEM = /^(\d{1,2})\s*[.．、]\s*(.+)$/u;

export const RUNNING_HEAD = /^\S{2,12}人民政府公报$/u;

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
