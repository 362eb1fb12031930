/** Dates as printed in the gazettes: `2020 年 3 月 24 日`, `二〇一二年十一月四日`. */

const DIGITS: Record<string, number> = { 〇: 0, 零: 0, O: 0, "○": 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** `十一` → 11, `二十` → 20, `三十一` → 31, `五` → 5. */
function chineseNumber(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  if (!/^[〇零○一二三四五六七八九十]+$/.test(s)) return null;
  const ten = s.indexOf("十");
  if (ten < 0) return Number([...s].map((c) => DIGITS[c] ?? 0).join(""));
  const tens = ten === 0 ? 1 : (DIGITS[s[0]!] ?? 0);
  const ones = ten === s.length - 1 ? 0 : (DIGITS[s[ten + 1]!] ?? 0);
  return tens * 10 + ones;
}

const DATE = /([0-9]{4}|[〇零○一二三四五六七八九]{4})\s*年\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*日/u;

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** The first date inside `s` as YYYY-MM-DD, or null. */
export function parseChineseDate(s: string): string | null {
  const m = DATE.exec(s);
  if (!m) return null;
  const year = chineseNumber(m[1]!);
  const month = chineseNumber(m[2]!);
  const day = chineseNumber(m[3]!);
  if (year === null || month === null || day === null) return null;
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** A line that is only a date (a signature date). */
export function isDateLine(s: string): boolean {
  const t = s.replace(/\s+/g, "");
  return DATE.test(t) && t.replace(DATE, "").length === 0;
}

/** A parenthesised date line under a speech title: `(2020 年 3 月 10 日，根据录音整理)`, `（2012年11月22日）`. */
export function isParenDateLine(s: string): boolean {
  const t = s.replace(/\s+/g, "");
  return /^[(（].*[)）]$/.test(t) && DATE.test(t) && t.length <= 40;
}
