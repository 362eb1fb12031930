/** Where each document starts in the body: own 文号 lines, decrees, speeches. */
import { normalizeDocNumber, parseDocNumber } from "../../core/text/doc-number.ts";
import { isDateLine, isParenDateLine, parseChineseDate } from "../../core/text/dates.ts";
import { joinLetterSpaced, removeCjkSpaces } from "../../core/text/normalize.ts";
import type { Line } from "./lines.ts";
import { isTableRow } from "./lines.ts";
import {
  DECREE_HEAD, DECREE_HEAD_NUMBER, DECREE_NUMBER, ENDS_WITH_GENRE, headingLevel, isOrganLine, LETTER_SPACED_NAME, SPEECH_OCCASION,
  SPEECH_ONE_LINE, SPEECH_SUBTITLE, startsWithIssuer, BANNER, isAddresseeLine,
} from "./patterns.ts";

export type AnchorKind = "official" | "decree" | "speech" | "report";

export interface Anchor {
  kind: AnchorKind;
  /** Index of the first title line. */
  start: number;
  /** Index of the first line after the heading block (title, 文号, speech date). */
  bodyFrom: number;
  title: string;
  docNumber: string | null;
  /** Issue date found in the heading block (speeches, decrees). */
  issued: string | null;
}

const MAX_TITLE_LINES = 5;

export function isTitleLike(text: string): boolean {
  const t = removeCjkSpaces(text);
  return (
    t.length > 0 && t.length <= 90 && !/[。；！？]/.test(t) && !t.endsWith("：") && !isTableRow(text) &&
    !isDateLine(t) && headingLevel(t) === null
  );
}

/** Title lines above a 文号 line: back to the issuer line that opens the heading. */
function titleAbove(lines: Line[], numberIdx: number, floor: number): number | null {
  let nearestGenre: number | null = null;
  for (let j = numberIdx - 1; j >= floor && numberIdx - j <= MAX_TITLE_LINES; j--) {
    const text = lines[j]!.text;
    if (!isTitleLike(text)) break;
    if (startsWithIssuer(text)) return j;
    if (nearestGenre === null && ENDS_WITH_GENRE.test(removeCjkSpaces(text))) nearestGenre = j;
  }
  return nearestGenre;
}

export function joinTitle(lines: Line[], from: number, to: number): string {
  return removeCjkSpaces(lines.slice(from, to).map((l) => joinLetterSpaced(l.text)).join(""));
}

/** A document's own 文号 line, also in parentheses under the title: `（洛政〔2012〕12号）`. */
export function ownNumber(text: string): string | null {
  const t = text.trim().replace(/^[（(]\s*(.+?)\s*[）)]$/u, "$1");
  return parseDocNumber(t) ? normalizeDocNumber(t) : null;
}

/** Title lines below a 文号 that follows the banner (版头: 发文机关标志, 发文字号, then the title): up to the addressees or the body. */
function titleBelow(lines: Line[], numberIdx: number): number | null {
  let end = numberIdx + 1;
  while (end < lines.length && end - numberIdx <= MAX_TITLE_LINES && isTitleLike(lines[end]!.text) && !isAddresseeLine(lines[end]!.text)) {
    end++;
    if (ENDS_WITH_GENRE.test(removeCjkSpaces(lines[end - 1]!.text))) return end;
  }
  return null;
}

function officialAt(lines: Line[], i: number, floor: number): Anchor | null {
  const docNumber = ownNumber(lines[i]!.text);
  if (!docNumber) return null;
  const banner = i - 1 >= floor && BANNER.test(removeCjkSpaces(lines[i - 1]!.text)) ? i - 1 : null;
  if (banner !== null) {
    const end = titleBelow(lines, i);
    if (end !== null) return { kind: "official", start: banner, bodyFrom: end, title: joinTitle(lines, i + 1, end), docNumber, issued: null };
  }
  const start = titleAbove(lines, i, floor);
  if (start === null) return null;
  return { kind: "official", start, bodyFrom: i + 1, title: joinTitle(lines, start, i), docNumber, issued: null };
}

/**
 * An official document without a 文号: its title (issuer + 关于… + 文种, the issuer maybe on a line
 * of its own above) directly followed by its addressees (主送机关), as GB/T 9704 lays it out.
 */
function unnumberedAt(lines: Line[], i: number): Anchor | null {
  const first = lines[i]!.text;
  const heading = (text: string) => isTitleLike(text) && !ownNumber(text) && !BANNER.test(removeCjkSpaces(text));
  if (!heading(first) || !startsWithIssuer(first)) return null;
  for (let end = i + 1; end <= Math.min(lines.length - 1, i + MAX_TITLE_LINES); end++) {
    const last = removeCjkSpaces(lines[end - 1]!.text);
    if (end - 1 > i && !heading(lines[end - 1]!.text)) return null;
    if (!ENDS_WITH_GENRE.test(last)) continue;
    const title = joinTitle(lines, i, end);
    if (!/关于|转发|印发|批转/u.test(title) || !isAddresseeLine(lines[end]!.text)) return null;
    return { kind: "official", start: i, bodyFrom: end, title, docNumber: null, issued: null };
  }
  return null;
}

/** `中华人民共和国国务院令` / `第 711 号` / promulgation / signature / date / regulation title. */
function decreeAt(lines: Line[], i: number): Anchor | null {
  const flat = removeCjkSpaces(lines[i]!.text);
  const oneLine = DECREE_HEAD_NUMBER.exec(flat);
  const head = oneLine ?? DECREE_HEAD.exec(flat);
  const num = oneLine ? oneLine[2] : lines[i + 1] && DECREE_NUMBER.exec(lines[i + 1]!.text)?.[1];
  if (!head || !num) return null;
  const issuer = head[1]!.replace(/^中华人民共和国/, "");
  const docNumber = normalizeDocNumber(`${issuer}令第${num}号`) ?? `${issuer}令第${Number(num)}号`;
  const bodyFrom = oneLine ? i + 1 : i + 2;
  for (let j = bodyFrom; j < Math.min(lines.length - 1, i + 12); j++) {
    if (!isDateLine(lines[j]!.text)) continue;
    const titleIdx = j + 1;
    if (!isTitleLike(lines[titleIdx]!.text)) return null;
    // The promulgation text (with its 施行 date) opens the body; the regulation's title follows as a part title.
    return {
      kind: "decree", start: i, bodyFrom, title: removeCjkSpaces(lines[titleIdx]!.text), docNumber,
      issued: parseChineseDate(lines[j]!.text),
    };
  }
  return null;
}

/** Speech headings in their three printed shapes, confirmed by a date line or `同志们`. */
function speechAt(lines: Line[], i: number): Anchor | null {
  const text = lines[i]!.text;
  const next = lines[i + 1]?.text ?? "";
  let titleEnd: number;
  let title: string;
  if (LETTER_SPACED_NAME.test(text) && SPEECH_OCCASION.test(removeCjkSpaces(next))) {
    titleEnd = i + 2;
    title = joinTitle(lines, i, i + 2);
  } else if (SPEECH_ONE_LINE.test(removeCjkSpaces(text))) {
    titleEnd = i + 1;
    title = joinTitle(lines, i, i + 1);
  } else if (SPEECH_SUBTITLE.test(removeCjkSpaces(next)) && isTitleLike(text)) {
    titleEnd = i + 2;
    title = joinTitle(lines, i, i + 2);
  } else {
    return null;
  }
  const window = lines.slice(titleEnd, titleEnd + 3);
  const dateIdx = window.findIndex((l) => isParenDateLine(l.text));
  const greets = window.some((l) => /^同志们[：:，,]/.test(removeCjkSpaces(l.text)));
  if (dateIdx < 0 && !greets) return null;
  const bodyFrom = dateIdx >= 0 ? titleEnd + dateIdx + 1 : titleEnd;
  const issued = dateIdx >= 0 ? parseChineseDate(window[dateIdx]!.text) : null;
  return { kind: "speech", start: i, bodyFrom, title, docNumber: null, issued };
}

export function findAnchors(lines: Line[], bodyStart: number): Anchor[] {
  const anchors: Anchor[] = [];
  let floor = bodyStart;
  for (let i = bodyStart; i < lines.length; i++) {
    const anchor = decreeAt(lines, i) ?? officialAt(lines, i, floor) ?? unnumberedAt(lines, i) ?? speechAt(lines, i);
    if (!anchor) continue;
    anchors.push(anchor);
    floor = anchor.bodyFrom;
    i = anchor.bodyFrom - 1;
  }
  return anchors;
}

/** The signature line plus date that closes an official document, searched from `from`. */
export function signatureDate(lines: Line[], from: number, to: number): { organIdx: number; date: string } | null {
  for (let j = from; j < to - 1; j++) {
    if (isOrganLine(lines[j]!.text) && isDateLine(lines[j + 1]!.text)) {
      const date = parseChineseDate(lines[j + 1]!.text);
      if (date) return { organIdx: j, date };
    }
  }
  return null;
}
