/** Bytes of a gazette file → text: UTF-8 (with or without BOM) or GBK/GB18030, never binary. */
import iconv from "iconv-lite";
import { ParseError } from "./front-matter.ts";

export function decodeGazette(buf: Buffer): { text: string; encoding: "utf-8" | "gb18030" } {
  if (buf.length === 0) throw new ParseError("the file is empty");
  if (buf.includes(0)) throw new ParseError("the file is binary (it contains NUL bytes), not gazette text");
  let text: string;
  let encoding: "utf-8" | "gb18030" = "utf-8";
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(buf);
  } catch {
    text = iconv.decode(buf, "gb18030");
    encoding = "gb18030";
  }
  text = text.replace(/^\ufeff/, "");
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  if (text.trim() === "") throw new ParseError("the file holds only whitespace");
  if (han < 50 || han / text.replace(/\s/g, "").length < 0.3) {
    throw new ParseError(`the file is not Chinese gazette text (${han} Chinese characters in ${encoding})`);
  }
  return { text, encoding };
}
