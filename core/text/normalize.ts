/**
 * Text normal forms shared by the parser, the query side and the eval suite,
 * so a 文号 typed by a user normalises exactly like one parsed from a gazette.
 */

const HAN = "\\p{Script=Han}";
/** CJK ideographs plus full-width punctuation and symbols. */
const WIDE = "[\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef\\u2014\\u2026\\u201c\\u201d\\u2018\\u2019\\u00b7]";

const SPACE_BETWEEN_WIDE = new RegExp(`(?<=${WIDE})[ \\t\\u3000]+(?=${WIDE})`, "gu");
const SPACE_WIDE_DIGIT = new RegExp(`(?<=${WIDE})[ \\u3000]+(?=[0-9.%])|(?<=[0-9.%])[ \\u3000]+(?=${WIDE})`, "gu");
const LETTER_SPACED = new RegExp(`(?<!${HAN})${HAN}(?: ${HAN})+(?!${HAN})`, "gu");
const SPACE_NEXT_TO_PUNCT = /[ \u3000]+(?=[\u3000-\u303f\uff00-\uffef])|(?<=[\u3000-\u303f\uff00-\uffef])[ \u3000]+/gu;

/** Join letter-spaced words (`安 伟 同 志` → `安伟同志`, `通 知` → `通知`): runs of single Han characters. */
export function joinLetterSpaced(s: string): string {
  return s.replace(LETTER_SPACED, (m) => m.replace(/ /g, ""));
}

/**
 * Remove every space adjacent to CJK text: for titles and other single-line labels,
 * where a space is always a PDF wrap point (`决战 动员会`, `国道 310 南移`).
 */
export function removeCjkSpaces(s: string): string {
  return s
    .replace(/\s+/g, " ")
    .replace(SPACE_BETWEEN_WIDE, "")
    .replace(SPACE_WIDE_DIGIT, "")
    .trim();
}

/**
 * Clean one line of body text, conservatively: spaces next to digits and full-width
 * punctuation and letter-spaced words are PDF artefacts; a single space between two
 * Han words is removed only in prose (it may separate columns in a name list).
 */
export function cleanBodyLine(line: string): string {
  let s = line.replace(/[ \u3000]+/g, " ").trim();
  s = joinLetterSpaced(s);
  s = s.replace(SPACE_WIDE_DIGIT, "").replace(SPACE_NEXT_TO_PUNCT, "");
  if (isProse(s)) s = s.replace(SPACE_BETWEEN_WIDE, "");
  return s;
}

function isProse(s: string): boolean {
  return /[，。；！？、]/.test(s) || s.replace(/\s/g, "").length > 30;
}

/** Form used to compare text regardless of extraction whitespace and character width. */
export function normalizeForMatch(s: string): string {
  return s.normalize("NFKC").replace(/\s+/g, "").replace(/[“”]/g, '"').replace(/[‘’]/g, "'");
}

/** Strip control characters and lone surrogates, fold width, collapse whitespace. */
export function sanitizeText(s: string): string {
  return s
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "")
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, "")
    .replace(/[\s\u3000]+/g, " ")
    .trim();
}

/** Normalise a question or user-typed string: sanitize, NFKC (full-width ASCII → ASCII), keep 〔〕. */
export function normalizeQuery(s: string): string {
  return sanitizeText(s).normalize("NFKC").replace(/\s+/g, " ").trim();
}
