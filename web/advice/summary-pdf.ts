import PDFDocument from 'pdfkit';
import type { Conversation } from '../../domain/advice/conversation';
import { displayUbrn } from '../../domain/ids';
import { formatDateTime } from '../components/format';
import { attachmentSize, conversationFacts, messageByline, messageHeading } from './messages';

// The PDF's standard fonts (Helvetica) draw WinAnsi only: Latin-1 and the typographer's marks.
const WIN_ANSI_EXTRAS = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
const printable = (text: string) =>
  [...text]
    .map((ch) => {
      const code = ch.codePointAt(0)!;
      if (ch === '\n' || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff)) return ch;
      return WIN_ANSI_EXTRAS.includes(ch) ? ch : '?';
    })
    .join('');

const MARGIN = 56;
const GREY = '#4c6272';

/**
 * The advice summary as a PDF, to file in the patient's record: the same facts, messages and
 * file names as the printable page (`summary.page.tsx`), from the same functions
 * (`messages.tsx`), laid out by pdfkit in its built-in Helvetica. Pages are numbered and each
 * carries the UBRN and the confidentiality line, as a paper copy must.
 */
export function adviceSummaryPdf(conversation: Conversation, printedBy: string, now = new Date()): Promise<Buffer> {
  const title = `Advice summary ${displayUbrn(conversation.ubrn)}`;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + 20, left: MARGIN, right: MARGIN },
    bufferPages: true,
    // The document's own metadata names no patient.
    info: { Title: title, Author: 'Carepath', Subject: 'Advice and guidance summary', CreationDate: now },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - MARGIN * 2;

  doc.font('Helvetica-Bold').fontSize(20).text(title);
  doc.moveDown(0.3);
  doc
    .font('Helvetica')
    .fontSize(9)
    .fillColor(GREY)
    .text(printable(`Produced ${formatDateTime(now)} by ${printedBy}. Confidential: contains patient information.`));
  doc.fillColor('black').moveDown(1);

  for (const fact of conversationFacts(conversation)) {
    const y = doc.y;
    doc
      .font('Helvetica-Bold')
      .fontSize(10)
      .text(printable(fact.key), MARGIN, y, { width: width * 0.38 });
    const keyBottom = doc.y;
    doc.font('Helvetica').text(printable(fact.value), MARGIN + width * 0.4, y, { width: width * 0.6 });
    doc.y = Math.max(keyBottom, doc.y) + 4;
  }

  doc.moveDown(1).font('Helvetica-Bold').fontSize(14).text('Conversation', MARGIN, doc.y, { width });
  for (const message of conversation.messages) {
    doc.moveDown(0.8);
    doc
      .font('Helvetica-Bold')
      .fontSize(11)
      .text(printable(messageHeading(message)), { width });
    doc
      .font('Helvetica')
      .fontSize(9)
      .fillColor(GREY)
      .text(printable(messageByline(message)), { width });
    doc.fillColor('black').fontSize(10).moveDown(0.3);
    doc.text(printable(message.text), { width, paragraphGap: 4 });
    for (const file of message.attachments) {
      doc.fontSize(9).text(printable(`Attached: ${file.name} (${attachmentSize(file.sizeBytes)})`), { width });
    }
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Written inside the bottom margin, which pdfkit would otherwise treat as a page break.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor(GREY)
      .text(`${title} - Confidential - Page ${i + 1} of ${range.count}`, MARGIN, doc.page.height - MARGIN, {
        width,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
