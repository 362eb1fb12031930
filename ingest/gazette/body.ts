/** Classify the lines of one document body and repair paragraphs broken by page ends. */
import { isDateLine } from "../../core/text/dates.ts";
import { cleanBodyLine, removeCjkSpaces } from "../../core/text/normalize.ts";
import type { Line } from "./lines.ts";
import { isTableRow } from "./lines.ts";
import {
  ARTICLE, ATTACHMENT_HEADER, ATTACHMENT_ITEM, ATTACHMENT_LIST, ENDS_WITH_GENRE, headingLevel, isOrganLine,
  RUNNING_HEAD,
} from "./patterns.ts";

export type BodyRole = "text" | "heading" | "article" | "part" | "table" | "attachment" | "signature";

export interface BodyLine {
  no: number;
  text: string;
  role: BodyRole;
  /** Heading depth (1 = 第X章 … 5 = (1)); 0 for part titles. */
  level: number;
  /** PDF page the line starts on; absent for text files. */
  page?: number;
}

export interface ClassifiedBody {
  lines: BodyLine[];
  attachments: string[];
}

/** `续表一`: a table continued on the next page; the repeated header row that follows is dropped later. */
const CONTINUED_TABLE = /^续表[一二三四五六七八九十\d]*$/u;
const TERMINAL = /[。！？；：:」”’）)…—\]】》]$/u;

function isPartTitle(text: string): boolean {
  const t = removeCjkSpaces(text);
  return t.length >= 6 && t.length <= 70 && !/[。；！？，]/.test(t) && headingLevel(t) === null && ENDS_WITH_GENRE.test(t);
}

function titleLike(text: string): boolean {
  const t = removeCjkSpaces(text);
  return t.length >= 4 && t.length <= 70 && !/[。；！？]/.test(t) && !/[：:]$/.test(t) && !isTableRow(text) && headingLevel(t) === null && !isDateLine(t);
}

const pageOf = (line: Line) => (line.page === undefined ? {} : { page: line.page });

export function classifyBody(src: Line[]): ClassifiedBody {
  const out: BodyLine[] = [];
  const attachments: string[] = [];
  const addAttachment = (title: string) => {
    const t = removeCjkSpaces(title);
    if (t && !attachments.some((a) => a === t || a.includes(t) || t.includes(a))) attachments.push(t);
  };
  let afterBreak = false;
  let inAttachmentList = false;
  for (let i = 0; i < src.length; i++) {
    const line = src[i]!;
    const raw = line.text;
    const flat = removeCjkSpaces(raw);
    const push = (role: BodyRole, level = 0, text = cleanBodyLine(raw)) => out.push({ no: line.no, text, role, level, ...pageOf(line) });
    if (RUNNING_HEAD.test(flat) || CONTINUED_TABLE.test(flat)) continue;
    if (isOrganLine(raw) && src[i + 1] && isDateLine(src[i + 1]!.text)) {
      push("signature");
      out.push({ no: src[i + 1]!.no, text: cleanBodyLine(src[i + 1]!.text), role: "signature", level: 0, ...pageOf(src[i + 1]!) });
      i++;
      afterBreak = true;
      continue;
    }
    const list = ATTACHMENT_LIST.exec(flat);
    if (list) {
      push("attachment");
      const rest = list[1]!.trim();
      if (rest) addAttachment(ATTACHMENT_ITEM.exec(rest)?.[2] ?? rest);
      inAttachmentList = true;
      continue;
    }
    if (inAttachmentList && ATTACHMENT_ITEM.exec(flat) && !isTableRow(raw)) {
      push("attachment");
      addAttachment(ATTACHMENT_ITEM.exec(flat)![2]!);
      continue;
    }
    inAttachmentList = false;
    if (ATTACHMENT_HEADER.test(flat)) {
      push("attachment");
      afterBreak = true;
      continue;
    }
    if (isTableRow(raw)) {
      push("table", 0, raw.split("\t").map((c) => cleanBodyLine(c)).join("\t"));
      afterBreak = false;
      continue;
    }
    if ((afterBreak && titleLike(raw)) || isPartTitle(raw)) {
      const prev = out[out.length - 1];
      if (prev?.role === "part" && !ENDS_WITH_GENRE.test(prev.text) && prev.no === line.no - 2) {
        prev.text = removeCjkSpaces(prev.text + raw);
      } else {
        push("part", 0, removeCjkSpaces(raw));
      }
      if (out[out.length - 2]?.role === "attachment") addAttachment(out[out.length - 1]!.text);
      afterBreak = !ENDS_WITH_GENRE.test(out[out.length - 1]!.text);
      continue;
    }
    afterBreak = false;
    if (ARTICLE.test(flat)) push("article", 6);
    else {
      const level = headingLevel(flat);
      if (level !== null) push("heading", level);
      else push("text");
    }
  }
  return { lines: repairParagraphs(out), attachments };
}

/** A paragraph cut by a page end continues on the next line: join it back. */
function repairParagraphs(lines: BodyLine[]): BodyLine[] {
  const out: BodyLine[] = [];
  for (const line of lines) {
    const prev = out[out.length - 1];
    const continues =
      prev !== undefined && line.role === "text" && (prev.role === "text" || prev.role === "heading" || prev.role === "article") &&
      prev.text.length >= 30 && !TERMINAL.test(prev.text) && !(prev.role === "heading" && !/[。；：:]/.test(prev.text));
    if (continues) prev.text = joinParts(prev.text, line.text);
    else out.push({ ...line });
  }
  return out;
}

function joinParts(a: string, b: string): string {
  return /[\p{Script=Han}\p{P}]$/u.test(a) || /^[\p{Script=Han}\p{P}]/u.test(b) ? a + b : `${a} ${b}`;
}
