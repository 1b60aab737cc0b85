import { PDFDocument, type PDFFont, rgb, StandardFonts } from 'pdf-lib';

export type CertificatePdfInput = {
  holderName: string;
  courseTitle: string;
  /** The date as the reader's language writes it. */
  date: string;
  code: string;
  verifyUrl: string;
  words: { heading: string; certifies: string; completed: string; on: string; code: string; verifyAt: string };
};

/**
 * The standard fonts speak WinAnsi only (Latin-1 and a few more): anything else (an emoji, Cyrillic)
 * is written without its accents when it has a Latin base letter, or as "?".
 */
function encodable(font: PDFFont, text: string): string {
  const charset = new Set(font.getCharacterSet());
  return Array.from(text, (ch) => {
    if (charset.has(ch.codePointAt(0) ?? 0)) return ch;
    const base = ch.normalize('NFKD').replace(/\p{M}/gu, '');
    return base && Array.from(base).every((c) => charset.has(c.codePointAt(0) ?? 0)) ? base : '?';
  }).join('');
}

/** Splits text into lines no wider than `width` at `size`. */
function wrap(font: PDFFont, text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) <= width || !line) line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * A one-page A4 landscape certificate: heading, name, course, date, and the code with the address
 * that verifies it. The name and the code are in the document's metadata too (title, subject, keywords).
 */
export async function certificatePdf(input: CertificatePdfInput): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const page = pdf.addPage([841.89, 595.28]);
  const { width, height } = page.getSize();
  const ink = rgb(0.1, 0.12, 0.2);
  const accent = rgb(0.16, 0.32, 0.62);
  page.drawRectangle({ x: 24, y: 24, width: width - 48, height: height - 48, borderColor: accent, borderWidth: 3 });

  let y = height - 120;
  const centred = (text: string, font: PDFFont, size: number, color = ink) => {
    for (const line of wrap(font, encodable(font, text), size, width - 160)) {
      page.drawText(line, { x: (width - font.widthOfTextAtSize(line, size)) / 2, y, size, font, color });
      y -= size * 1.35;
    }
  };
  centred(input.words.heading, bold, 34, accent);
  y -= 24;
  centred(input.words.certifies, regular, 16);
  y -= 8;
  centred(input.holderName, bold, 30);
  y -= 8;
  centred(input.words.completed, regular, 16);
  y -= 8;
  centred(input.courseTitle, bold, 22);
  y -= 8;
  centred(`${input.words.on} ${input.date}`, regular, 16);
  y = 80;
  centred(`${input.words.code}: ${input.code}`, bold, 13);
  centred(`${input.words.verifyAt} ${input.verifyUrl}`, regular, 11);

  pdf.setTitle(`${input.words.heading}: ${input.holderName}`);
  pdf.setSubject(input.courseTitle);
  pdf.setKeywords([input.code]);
  pdf.setAuthor('Aula');
  pdf.setCreator('Aula');
  pdf.setProducer('Aula');
  return pdf.save();
}
