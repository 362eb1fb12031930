/** Small PDFs for the failure cases: a scan (an image, no text layer) and a password-protected file. */
import { deflateSync, crc32 } from "node:zlib";
import PDFDocument from "pdfkit";
import { CJK_FONT } from "./typeset.ts";

function pdf(build: (doc: PDFKit.PDFDocument) => void, options: PDFKit.PDFDocumentOptions = {}): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", ...options });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  build(doc);
  doc.end();
  return done;
}

/** A grey PNG, as a scanner would produce (without the text on it). */
function greyPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const rows = Buffer.alloc((width + 1) * height, 200);
  for (let y = 0; y < height; y++) rows[y * (width + 1)] = 0;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", header), chunk("IDAT", deflateSync(rows)), chunk("IEND", Buffer.alloc(0))]);
}

/** Every page an image: a scanned issue. */
export function scannedPdf(pages = 3): Promise<Buffer> {
  return pdf((doc) => {
    for (let p = 0; p < pages; p++) {
      if (p > 0) doc.addPage();
      doc.image(greyPng(60, 80), 50, 50, { width: 495 });
    }
  });
}

/** A text PDF whose pages `scanned` (1-based) are images only: a scan slipped into a born-digital issue. */
export function withScannedPages(textPages: string[], scanned: number[]): Promise<Buffer> {
  return pdf((doc) => {
    doc.registerFont("cjk", CJK_FONT, "WenQuanYiZenHei");
    const total = textPages.length + scanned.length;
    let next = 0;
    for (let n = 1; n <= total; n++) {
      if (n > 1) doc.addPage();
      if (scanned.includes(n)) doc.image(greyPng(60, 80), 50, 50, { width: 495 });
      else doc.font("cjk").fontSize(12).text(textPages[next++] ?? "", 72, 72, { width: 450 });
    }
  });
}

export function encryptedPdf(): Promise<Buffer> {
  return pdf((doc) => doc.text("secret"), { userPassword: "secret", pdfVersion: "1.7" });
}
